import { requireInHalfOpen, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** torch.optim.NAdam (Dozat 2016, with PyTorch's momentum_decay schedule of μ). */
export type NadamHyper = {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weight_decay: number;
  readonly momentum_decay: number;
};

export const NADAM_DEFAULTS: NadamHyper = Object.freeze({
  lr: 2e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weight_decay: 0,
  momentum_decay: 4e-3,
});

/**
 * PyTorch 1.13's _single_tensor_nadam. μₜ = β1·(1 − ½·0.96^(t·ψ)) with ψ = momentum_decay;
 * mu_product ← mu_product·μₜ (starts at 1);
 * p ← p − lr·(1 − μₜ)/(1 − mu_product) · g/denom − lr·μₜ₊₁/(1 − mu_product·μₜ·μₜ₊₁) · m/denom,
 * denom = √(v/(1 − β2ᵗ)) + ε. The second product carries μₜ twice: that is what PyTorch 1.13 computes
 * (PyTorch 2.0 changed it to mu_product·μₜ₊₁, Dozat's Π μ up to t + 1); this engine follows 1.13.
 */
export const nadamRule: UpdateRule<NadamHyper, "m" | "v", "mu_product"> = {
  name: "nadam",
  defaults: NADAM_DEFAULTS,
  slotNames: ["m", "v"],
  nonNegativeSlots: ["v"],
  scalarNames: ["mu_product"],
  initialScalar: () => 1,
  positiveScalars: ["mu_product"],
  validate(h) {
    requirePositive("lr", h.lr);
    requireInHalfOpen("beta1", h.beta1, 0, 1);
    requireInHalfOpen("beta2", h.beta2, 0, 1);
    requireNonNegative("eps", h.eps);
    requireNonNegative("weight_decay", h.weight_decay);
    requireNonNegative("momentum_decay", h.momentum_decay);
  },
  activeSlots: () => ["m", "v"],
  initialValue: () => 0,
  apply(params, grads, { m, v }, t, lr, h, scalars) {
    const { beta1, beta2, eps, weight_decay, momentum_decay } = h;
    const biasCorrection2 = 1 - beta2 ** t;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (t * momentum_decay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentum_decay));
    const muProduct = scalars.mu_product * mu;
    const muProductNext = muProduct * mu * muNext;
    scalars.mu_product = muProduct;
    const gradScale = (-lr * (1 - mu)) / (1 - muProduct);
    const momentScale = (-lr * muNext) / (1 - muProductNext);
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as number;
      let g = grads[i] as number;
      if (weight_decay !== 0) g = g + weight_decay * p;
      const mi = (m[i] as number) * beta1 + (1 - beta1) * g;
      const vi = (v[i] as number) * beta2 + (1 - beta2) * (g * g);
      m[i] = mi;
      v[i] = vi;
      const denom = Math.sqrt(vi / biasCorrection2) + eps;
      params[i] = p + gradScale * (g / denom) + momentScale * (mi / denom);
    }
  },
};

export const nadam = defineOptimizer(nadamRule);
