import { requireInHalfOpen, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** torch.optim.RAdam (Liu et al. 2019, rectified Adam). */
export type RadamHyper = {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weight_decay: number;
};

export const RADAM_DEFAULTS: RadamHyper = Object.freeze({
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weight_decay: 0,
});

/** The length of the approximated simple moving average at step t, and its limit ρ∞ = 2/(1 − β2) − 1. */
export function radamRho(beta2: number, t: number): { rhoInf: number; rhoT: number } {
  const rhoInf = 2 / (1 - beta2) - 1;
  return { rhoInf, rhoT: rhoInf - (2 * t * beta2 ** t) / (1 - beta2 ** t) };
}

/**
 * _single_tensor_radam: Adam's moments; while ρₜ <= 5 the step is SGD with momentum on the bias-corrected
 * mean, p ← p − lr·m̂; once ρₜ > 5 the variance is trusted and rectified:
 * p ← p − lr·m̂·r·√(1 − β2ᵗ)/(√v + ε), r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ)).
 */
export const radamRule: UpdateRule<RadamHyper, "m" | "v"> = {
  name: "radam",
  defaults: RADAM_DEFAULTS,
  slotNames: ["m", "v"],
  nonNegativeSlots: ["v"],
  validate(h) {
    requirePositive("lr", h.lr);
    requireInHalfOpen("beta1", h.beta1, 0, 1);
    requireInHalfOpen("beta2", h.beta2, 0, 1);
    requireNonNegative("eps", h.eps);
    requireNonNegative("weight_decay", h.weight_decay);
  },
  activeSlots: () => ["m", "v"],
  initialValue: () => 0,
  apply(params, grads, { m, v }, t, lr, { beta1, beta2, eps, weight_decay }) {
    const biasCorrection1 = 1 - beta1 ** t;
    const biasCorrection2 = 1 - beta2 ** t;
    const { rhoInf, rhoT } = radamRho(beta2, t);
    const rect =
      rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as number;
      let g = grads[i] as number;
      if (weight_decay !== 0) g = g + weight_decay * p;
      const mi = (m[i] as number) * beta1 + (1 - beta1) * g;
      const vi = (v[i] as number) * beta2 + (1 - beta2) * (g * g);
      m[i] = mi;
      v[i] = vi;
      const corrected = mi / biasCorrection1;
      if (rhoT > 5) {
        const adaptiveLr = Math.sqrt(biasCorrection2) / (Math.sqrt(vi) + eps);
        params[i] = p - corrected * lr * adaptiveLr * rect;
      } else {
        params[i] = p - corrected * lr;
      }
    }
  },
};

export const radam = defineOptimizer(radamRule);
