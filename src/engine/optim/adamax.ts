import { requireInHalfOpen, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** torch.optim.Adamax (Kingma & Ba's Adam with the infinity norm); `betas` is two cells: beta1, beta2. */
export type AdamaxHyper = {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weight_decay: number;
};

export const ADAMAX_DEFAULTS: AdamaxHyper = Object.freeze({
  lr: 2e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weight_decay: 0,
});

/** PyTorch's exp_avg (m) and exp_inf (u, the paper's exponentially weighted infinity norm). */
type AdamaxSlot = "m" | "u";

/**
 * _single_tensor_adamax: m ← β1·m + (1 − β1)·g, u ← max(β2·u, |g| + ε), p ← p − lr/(1 − β1ᵗ) · m/u.
 * ε sits inside the max, so u > 0 from the first step on.
 */
export const adamaxRule: UpdateRule<AdamaxHyper, AdamaxSlot> = {
  name: "adamax",
  defaults: ADAMAX_DEFAULTS,
  slotNames: ["m", "u"],
  nonNegativeSlots: ["u"],
  validate(h) {
    requirePositive("lr", h.lr);
    requireInHalfOpen("beta1", h.beta1, 0, 1);
    requireInHalfOpen("beta2", h.beta2, 0, 1);
    requireNonNegative("eps", h.eps);
    requireNonNegative("weight_decay", h.weight_decay);
  },
  activeSlots: () => ["m", "u"],
  initialValue: () => 0,
  apply(params, grads, { m, u }, t, lr, { beta1, beta2, eps, weight_decay }) {
    const clr = lr / (1 - beta1 ** t);
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as number;
      let g = grads[i] as number;
      if (weight_decay !== 0) g = g + weight_decay * p;
      const mi = (m[i] as number) * beta1 + (1 - beta1) * g;
      const ui = Math.max((u[i] as number) * beta2, Math.abs(g) + eps);
      m[i] = mi;
      u[i] = ui;
      params[i] = p - clr * (mi / ui);
    }
  },
};

export const adamax = defineOptimizer(adamaxRule);
