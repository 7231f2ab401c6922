import { EngineError, formatValue, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/**
 * torch.optim.Rprop (Riedmiller & Braun's resilient backpropagation, PyTorch's variant without weight
 * backtracking). PyTorch's `etas` tuple is two cells (eta_minus, eta_plus), `step_sizes` two more
 * (step_size_min, step_size_max). `lr` is only the first step size: later rows ignore a changed lr.
 */
export type RpropHyper = {
  readonly lr: number;
  readonly eta_minus: number;
  readonly eta_plus: number;
  readonly step_size_min: number;
  readonly step_size_max: number;
};

export const RPROP_DEFAULTS: RpropHyper = Object.freeze({
  lr: 1e-2,
  eta_minus: 0.5,
  eta_plus: 1.2,
  step_size_min: 1e-6,
  step_size_max: 50,
});

/** PyTorch's state["prev"] (the last gradient used, 0 after a sign change) and state["step_size"]. */
type RpropSlot = "prev" | "step_size";

/**
 * _single_tensor_rprop, per parameter: s = sign(g·prev); the step size is multiplied by eta_plus (s > 0),
 * eta_minus (s < 0) or 1 (s = 0) and clamped to [step_size_min, step_size_max]; after a sign change the
 * gradient counts as 0 (no move, and no change of step size next time); p ← p − sign(g)·step_size.
 */
export const rpropRule: UpdateRule<RpropHyper, RpropSlot> = {
  name: "rprop",
  defaults: RPROP_DEFAULTS,
  slotNames: ["prev", "step_size"],
  nonNegativeSlots: ["step_size"],
  validate(h) {
    requirePositive("lr", h.lr);
    if (!(h.eta_minus > 0 && h.eta_minus < 1 && h.eta_plus > 1)) {
      throw new EngineError(
        `etas must satisfy 0 < eta_minus < 1 < eta_plus, got eta_minus ${formatValue(h.eta_minus)}, eta_plus ${formatValue(h.eta_plus)}`,
      );
    }
    requireNonNegative("step_size_min", h.step_size_min);
    if (!(h.step_size_max >= h.step_size_min)) {
      throw new EngineError(
        `step_size_max must be >= step_size_min, got ${formatValue(h.step_size_max)} < ${formatValue(h.step_size_min)}`,
      );
    }
  },
  activeSlots: () => ["prev", "step_size"],
  initialValue: (slot, h) => (slot === "step_size" ? h.lr : 0),
  apply(params, grads, { prev, step_size }, _t, _lr, h) {
    const { eta_minus, eta_plus, step_size_min, step_size_max } = h;
    for (let i = 0; i < params.length; i++) {
      let g = grads[i] as number;
      const s = Math.sign(g * (prev[i] as number));
      const factor = s > 0 ? eta_plus : s < 0 ? eta_minus : 1;
      const size = Math.min(Math.max((step_size[i] as number) * factor, step_size_min), step_size_max);
      step_size[i] = size;
      if (s < 0) g = 0;
      params[i] = (params[i] as number) - Math.sign(g) * size;
      prev[i] = g;
    }
  },
};

export const rprop = defineOptimizer(rpropRule);
