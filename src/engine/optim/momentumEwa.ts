import { requireInHalfOpen, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/**
 * Textbook momentum as an exponentially weighted average of gradients (Ng's course form):
 * v ← βv + (1 − β)g from v = 0, w ← w − lr·v. Differs from PyTorch's SGD momentum, which sums
 * (v ← μv + g, starting at v = g) and so takes steps about 1/(1 − β) times larger.
 */
export type MomentumEwaHyper = {
  readonly lr: number;
  readonly beta: number;
};

/** No library defines this form; lr = 0.01 and β = 0.9 are the usual textbook choices. */
export const MOMENTUM_EWA_DEFAULTS: MomentumEwaHyper = Object.freeze({ lr: 0.01, beta: 0.9 });

type MomentumEwaSlot = "v";

export const momentumEwaRule: UpdateRule<MomentumEwaHyper, MomentumEwaSlot> = {
  name: "momentum_ewa",
  defaults: MOMENTUM_EWA_DEFAULTS,
  slotNames: ["v"],
  nonNegativeSlots: [],
  validate(h) {
    requirePositive("lr", h.lr);
    requireInHalfOpen("beta", h.beta, 0, 1);
  },
  activeSlots: () => ["v"],
  initialValue: () => 0,
  apply(params, grads, { v }, _t, lr, { beta }) {
    for (let i = 0; i < params.length; i++) {
      const vi = beta * (v[i] as number) + (1 - beta) * (grads[i] as number);
      v[i] = vi;
      params[i] = (params[i] as number) - lr * vi;
    }
  },
};

export const momentumEwa = defineOptimizer(momentumEwaRule);

/** One row: (params, grads, state, hyper) → { params, state }; Readonly inputs are not modified. */
export const momentumEwaStep = momentumEwa.step;
