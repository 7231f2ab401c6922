import { requireInHalfOpen, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** Lion, "EvoLved Sign Momentum" (Chen et al. 2023, Symbolic Discovery of Optimization Algorithms). */
export type LionHyper = {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly weight_decay: number;
};

/** The paper's β1 = 0.9, β2 = 0.99; lr 1e-4 (it advises 3–10× below AdamW's); no weight decay. */
export const LION_DEFAULTS: LionHyper = Object.freeze({
  lr: 1e-4,
  beta1: 0.9,
  beta2: 0.99,
  weight_decay: 0,
});

/**
 * The paper's Algorithm 2: c ← β1·m + (1 − β1)·g; p ← p − lr·(sign(c) + λ·p) (decoupled weight decay);
 * m ← β2·m + (1 − β2)·g. Every coordinate moves by exactly lr (plus decay), whatever the gradient's size.
 */
export const lionRule: UpdateRule<LionHyper, "m"> = {
  name: "lion",
  defaults: LION_DEFAULTS,
  slotNames: ["m"],
  nonNegativeSlots: [],
  validate(h) {
    requirePositive("lr", h.lr);
    requireInHalfOpen("beta1", h.beta1, 0, 1);
    requireInHalfOpen("beta2", h.beta2, 0, 1);
    requireNonNegative("weight_decay", h.weight_decay);
  },
  activeSlots: () => ["m"],
  initialValue: () => 0,
  apply(params, grads, { m }, _t, lr, { beta1, beta2, weight_decay }) {
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as number;
      const g = grads[i] as number;
      const mi = m[i] as number;
      const c = beta1 * mi + (1 - beta1) * g;
      params[i] = p - lr * (Math.sign(c) + weight_decay * p);
      m[i] = beta2 * mi + (1 - beta2) * g;
    }
  },
};

export const lion = defineOptimizer(lionRule);
