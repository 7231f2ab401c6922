import { requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/** torch.optim.Adagrad (dense gradients). */
export type AdagradHyper = {
  readonly lr: number;
  readonly lr_decay: number;
  readonly weight_decay: number;
  readonly initial_accumulator_value: number;
  readonly eps: number;
};

export const ADAGRAD_DEFAULTS: AdagradHyper = Object.freeze({
  lr: 0.01,
  lr_decay: 0,
  weight_decay: 0,
  initial_accumulator_value: 0,
  eps: 1e-10,
});

/** `sum` is PyTorch's state["sum"]: the running sum of squared gradients. */
type AdagradSlot = "sum";

export const adagradRule: UpdateRule<AdagradHyper, AdagradSlot> = {
  name: "adagrad",
  defaults: ADAGRAD_DEFAULTS,
  slotNames: ["sum"],
  nonNegativeSlots: ["sum"],
  validate(h) {
    requirePositive("lr", h.lr);
    requireNonNegative("lr_decay", h.lr_decay);
    requireNonNegative("weight_decay", h.weight_decay);
    requireNonNegative("initial_accumulator_value", h.initial_accumulator_value);
    requireNonNegative("eps", h.eps);
  },
  activeSlots: () => ["sum"],
  initialValue: (_slot, h) => h.initial_accumulator_value,
  apply(params, grads, { sum }, t, lr, { lr_decay, weight_decay, eps }) {
    const clr = lr / (1 + (t - 1) * lr_decay);
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as number;
      let g = grads[i] as number;
      if (weight_decay !== 0) g = g + weight_decay * p;
      const s = (sum[i] as number) + g * g;
      sum[i] = s;
      const std = Math.sqrt(s) + eps;
      params[i] = p - clr * (g / std);
    }
  },
};

export const adagrad = defineOptimizer(adagradRule);

/** One row: (params, grads, state, hyper) → { params, state }; Readonly inputs are not modified. */
export const adagradStep = adagrad.step;
