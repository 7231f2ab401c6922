import { requireInHalfOpen, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** torch.optim.Adam / AdamW; PyTorch's `betas` tuple is two cells here: beta1, beta2. */
export type AdamHyper = {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weight_decay: number;
  readonly amsgrad: boolean;
};

/** β1 = 0.9 for the gradient mean, β2 = 0.999 for the squared-gradient mean (not the other way round). */
export const ADAM_DEFAULTS: AdamHyper = Object.freeze({
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weight_decay: 0,
  amsgrad: false,
});

/** AdamW differs only in decoupled weight decay, on by default at 1e-2. */
export const ADAMW_DEFAULTS: AdamHyper = Object.freeze({ ...ADAM_DEFAULTS, weight_decay: 1e-2 });

/** PyTorch's exp_avg, exp_avg_sq and max_exp_avg_sq. */
type AdamSlot = "m" | "v" | "vmax";

function validateAdam(h: AdamHyper): void {
  requirePositive("lr", h.lr);
  requireInHalfOpen("beta1", h.beta1, 0, 1);
  requireInHalfOpen("beta2", h.beta2, 0, 1);
  requireNonNegative("eps", h.eps);
  requireNonNegative("weight_decay", h.weight_decay);
}

/**
 * PyTorch's _single_tensor_adam. The bias corrections 1 − βᵗ are derived from the step count `t`, which is
 * all the state needs beyond the moment vectors. `decoupled` selects AdamW's p ← p·(1 − lr·λ).
 */
function adamRule(name: string, defaults: AdamHyper, decoupled: boolean): UpdateRule<AdamHyper, AdamSlot> {
  return {
    name,
    defaults,
    slotNames: ["m", "v", "vmax"],
    nonNegativeSlots: ["v", "vmax"],
    validate: validateAdam,
    activeSlots: (h) => (h.amsgrad ? ["m", "v", "vmax"] : ["m", "v"]),
    initialValue: () => 0,
    apply(params, grads, { m, v, vmax }, t, lr, { beta1, beta2, eps, weight_decay, amsgrad }) {
      const biasCorrection1 = 1 - beta1 ** t;
      const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
      const stepSize = lr / biasCorrection1;
      for (let i = 0; i < params.length; i++) {
        let p = params[i] as number;
        let g = grads[i] as number;
        if (weight_decay !== 0) {
          if (decoupled) p = p * (1 - lr * weight_decay);
          else g = g + weight_decay * p;
        }
        const mi = (m[i] as number) * beta1 + (1 - beta1) * g;
        const vi = (v[i] as number) * beta2 + (1 - beta2) * (g * g);
        m[i] = mi;
        v[i] = vi;
        let second = vi;
        if (amsgrad) {
          second = Math.max(vmax[i] as number, vi);
          vmax[i] = second;
        }
        const denom = Math.sqrt(second) / biasCorrection2Sqrt + eps;
        params[i] = p - stepSize * (mi / denom);
      }
    },
  };
}

export const adam = defineOptimizer(adamRule("adam", ADAM_DEFAULTS, false));
export const adamw = defineOptimizer(adamRule("adamw", ADAMW_DEFAULTS, true));

/** One row: (params, grads, state, hyper) → { params, state }; Readonly inputs are not modified. */
export const adamStep = adam.step;

/** One row: (params, grads, state, hyper) → { params, state }; Readonly inputs are not modified. */
export const adamwStep = adamw.step;
