import { requireInClosed, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** torch.optim.RMSprop. */
export type RmspropHyper = {
  readonly lr: number;
  readonly alpha: number;
  readonly eps: number;
  readonly weight_decay: number;
  readonly momentum: number;
  readonly centered: boolean;
};

export const RMSPROP_DEFAULTS: RmspropHyper = Object.freeze({
  lr: 0.01,
  alpha: 0.99,
  eps: 1e-8,
  weight_decay: 0,
  momentum: 0,
  centered: false,
});

/** PyTorch's state["square_avg"], state["grad_avg"] (centered) and state["momentum_buffer"] (as `buf`). */
type RmspropSlot = "square_avg" | "grad_avg" | "buf";

export const rmspropRule: UpdateRule<RmspropHyper, RmspropSlot> = {
  name: "rmsprop",
  defaults: RMSPROP_DEFAULTS,
  slotNames: ["square_avg", "grad_avg", "buf"],
  nonNegativeSlots: ["square_avg"],
  validate(h) {
    requirePositive("lr", h.lr);
    requireInClosed("alpha", h.alpha, 0, 1);
    requireNonNegative("eps", h.eps);
    requireNonNegative("weight_decay", h.weight_decay);
    requireNonNegative("momentum", h.momentum);
  },
  activeSlots(h) {
    const slots: RmspropSlot[] = ["square_avg"];
    if (h.centered) slots.push("grad_avg");
    if (h.momentum > 0) slots.push("buf");
    return slots;
  },
  initialValue: () => 0,
  apply(params, grads, { square_avg, grad_avg, buf }, _t, lr, h) {
    const { alpha, eps, weight_decay, momentum, centered } = h;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as number;
      let g = grads[i] as number;
      if (weight_decay !== 0) g = g + weight_decay * p;
      const sq = (square_avg[i] as number) * alpha + (1 - alpha) * (g * g);
      square_avg[i] = sq;
      let avg: number;
      if (centered) {
        const ga = (grad_avg[i] as number) * alpha + (1 - alpha) * g;
        grad_avg[i] = ga;
        avg = Math.sqrt(sq - ga * ga) + eps;
      } else {
        avg = Math.sqrt(sq) + eps;
      }
      if (momentum > 0) {
        const b = (buf[i] as number) * momentum + g / avg;
        buf[i] = b;
        params[i] = p - lr * b;
      } else {
        params[i] = p - lr * (g / avg);
      }
    }
  },
};

export const rmsprop = defineOptimizer(rmspropRule);

/** One row: (params, grads, state, hyper) → { params, state }; Readonly inputs are not modified. */
export const rmspropStep = rmsprop.step;
