import { requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** torch.optim.ASGD (Polyak & Juditsky's averaged SGD, with Bottou's decaying step size). */
export type AsgdHyper = {
  readonly lr: number;
  readonly lambd: number;
  readonly alpha: number;
  readonly t0: number;
  readonly weight_decay: number;
};

export const ASGD_DEFAULTS: AsgdHyper = Object.freeze({
  lr: 1e-2,
  lambd: 1e-4,
  alpha: 0.75,
  t0: 1e6,
  weight_decay: 0,
});

/**
 * PyTorch 1.13's _single_tensor_asgd. With this step's eta (state, starting at lr):
 * p ← p·(1 − λ·eta) − eta·g; the average ax ← ax + mu·(p − ax), or ax ← p while mu = 1; then
 * eta ← lr / (1 + λ·lr·t)^alpha and mu ← 1 / max(1, t − t0) for the next step. The averaged parameters
 * ax are the result ASGD is named for; the iterate p is what the next gradient is taken at.
 */
export const asgdRule: UpdateRule<AsgdHyper, "ax", "eta" | "mu"> = {
  name: "asgd",
  defaults: ASGD_DEFAULTS,
  slotNames: ["ax"],
  nonNegativeSlots: [],
  scalarNames: ["eta", "mu"],
  initialScalar: (scalar, h) => (scalar === "eta" ? h.lr : 1),
  positiveScalars: ["eta", "mu"],
  validate(h) {
    requirePositive("lr", h.lr);
    requireNonNegative("lambd", h.lambd);
    requireNonNegative("alpha", h.alpha);
    requireNonNegative("t0", h.t0);
    requireNonNegative("weight_decay", h.weight_decay);
  },
  activeSlots: () => ["ax"],
  initialValue: () => 0,
  apply(params, grads, { ax }, t, lr, { lambd, alpha, t0, weight_decay }, scalars) {
    const { eta, mu } = scalars;
    for (let i = 0; i < params.length; i++) {
      let p = params[i] as number;
      let g = grads[i] as number;
      if (weight_decay !== 0) g = g + weight_decay * p;
      p = p * (1 - lambd * eta);
      p = p - eta * g;
      params[i] = p;
      const a = ax[i] as number;
      ax[i] = mu !== 1 ? a + (p - a) * mu : p;
    }
    scalars.eta = lr / (1 + lambd * lr * t) ** alpha;
    scalars.mu = 1 / Math.max(1, t - t0);
  },
};

export const asgd = defineOptimizer(asgdRule);
