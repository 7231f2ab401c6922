import { requireInClosed, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** torch.optim.Adadelta. */
export type AdadeltaHyper = {
  readonly lr: number;
  readonly rho: number;
  readonly eps: number;
  readonly weight_decay: number;
};

export const ADADELTA_DEFAULTS: AdadeltaHyper = Object.freeze({
  lr: 1.0,
  rho: 0.9,
  eps: 1e-6,
  weight_decay: 0,
});

/** PyTorch's state["square_avg"] (E[g²]) and state["acc_delta"] (E[Δx²]). */
type AdadeltaSlot = "square_avg" | "acc_delta";

export const adadeltaRule: UpdateRule<AdadeltaHyper, AdadeltaSlot> = {
  name: "adadelta",
  defaults: ADADELTA_DEFAULTS,
  slotNames: ["square_avg", "acc_delta"],
  nonNegativeSlots: ["square_avg", "acc_delta"],
  validate(h) {
    requirePositive("lr", h.lr);
    requireInClosed("rho", h.rho, 0, 1);
    requireNonNegative("eps", h.eps);
    requireNonNegative("weight_decay", h.weight_decay);
  },
  activeSlots: () => ["square_avg", "acc_delta"],
  initialValue: () => 0,
  apply(params, grads, { square_avg, acc_delta }, _t, lr, { rho, eps, weight_decay }) {
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as number;
      let g = grads[i] as number;
      if (weight_decay !== 0) g = g + weight_decay * p;
      const sq = (square_avg[i] as number) * rho + (1 - rho) * (g * g);
      square_avg[i] = sq;
      const std = Math.sqrt(sq + eps);
      const delta = (Math.sqrt((acc_delta[i] as number) + eps) / std) * g;
      acc_delta[i] = (acc_delta[i] as number) * rho + (1 - rho) * (delta * delta);
      params[i] = p - lr * delta;
    }
  },
};

export const adadelta = defineOptimizer(adadeltaRule);

/** One row: (params, grads, state, hyper) → { params, state }; Readonly inputs are not modified. */
export const adadeltaStep = adadelta.step;
