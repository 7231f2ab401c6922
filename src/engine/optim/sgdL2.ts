import { requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/**
 * Textbook L2-regularised gradient descent (Nielsen, ch. 3): w ← (1 − ηλ/n)·w − η·∂C₀/∂w, where C₀ is the
 * unregularised cost, λ the regularisation strength and n the training-set size. It equals PyTorch's SGD
 * with weight_decay = λ/n; here λ and n are separate hyper-parameters, as the book writes them.
 */
export type SgdL2Hyper = {
  readonly lr: number;
  readonly lambda: number;
  readonly n: number;
};

/** lambda = 0 makes it plain gradient descent until a strength is chosen. */
export const SGD_L2_DEFAULTS: SgdL2Hyper = Object.freeze({ lr: 0.01, lambda: 0, n: 1 });

export const sgdL2Rule: UpdateRule<SgdL2Hyper, never> = {
  name: "sgd_l2",
  defaults: SGD_L2_DEFAULTS,
  slotNames: [],
  nonNegativeSlots: [],
  validate(h) {
    requirePositive("lr", h.lr);
    requireNonNegative("lambda", h.lambda);
    requirePositive("n", h.n);
  },
  activeSlots: () => [],
  initialValue: () => 0,
  apply(params, grads, _slots, _t, lr, { lambda, n }) {
    const shrink = 1 - (lr * lambda) / n;
    for (let i = 0; i < params.length; i++) {
      params[i] = shrink * (params[i] as number) - lr * (grads[i] as number);
    }
  },
};

export const sgdL2 = defineOptimizer(sgdL2Rule);

/** One row: (params, grads, state, hyper) → { params, state }; Readonly inputs are not modified. */
export const sgdL2Step = sgdL2.step;
