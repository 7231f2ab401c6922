/**
 * PyTorch's schedulers with torch's own semantics and defaults (torch.optim.lr_scheduler, 1.13), in the
 * closed forms of their `_get_closed_form_lr` (CosineAnnealingWarmRestarts: the form its `step(epoch)` uses).
 * `step` is the scheduler's last_epoch: the number of scheduler steps taken.
 */
import {
  EngineError,
  formatValue,
  requireInClosed,
  requireInteger,
  requireNonNegative,
  requirePositive,
} from "../errors";
import type { ScheduleDefinition } from "./define";
import type { ScheduleParam } from "./types";

const ETA_MIN: ScheduleParam = {
  name: "eta_min",
  default: 0,
  required: false,
  description: "the lowest rate",
};
const TOTAL_ITERS: ScheduleParam = {
  name: "total_iters",
  default: 5,
  required: false,
  description: "steps until the factor reaches its end (torch's default 5)",
};

/** CosineAnnealingLR: eta_min + (lr0 − eta_min)·½(1 + cos(π·step/T_max)); past T_max it rises again. */
export const cosineAnnealingLR: ScheduleDefinition = {
  name: "cosine_annealing_lr",
  params: [
    { name: "t_max", required: true, description: "half the period: steps from lr0 down to eta_min" },
    ETA_MIN,
  ],
  build(lr0, options) {
    const tMax = requirePositive("t_max", options.number("t_max"));
    const etaMin = requireNonNegative("eta_min", options.number("eta_min"));
    return (step) => etaMin + ((lr0 - etaMin) * (1 + Math.cos((Math.PI * step) / tMax))) / 2;
  },
};

/**
 * CosineAnnealingWarmRestarts (SGDR): period i lasts T_0·T_multⁱ steps; within it, after T_cur steps,
 * eta_min + (lr0 − eta_min)·½(1 + cos(π·T_cur/T_i)). Periods are found with exact integer sums.
 */
export const cosineAnnealingWarmRestarts: ScheduleDefinition = {
  name: "cosine_annealing_warm_restarts",
  params: [
    { name: "t_0", required: true, description: "length of the first period in steps (a whole number)" },
    {
      name: "t_mult",
      default: 1,
      required: false,
      description: "each period is t_mult times longer (whole)",
    },
    ETA_MIN,
  ],
  build(lr0, options) {
    const t0 = requireInteger("t_0", options.number("t_0"), 1);
    const tMult = requireInteger("t_mult", options.number("t_mult"), 1);
    const etaMin = requireNonNegative("eta_min", options.number("eta_min"));
    return (step) => {
      let tCur = step;
      let tI = t0;
      if (tMult === 1) tCur = step % t0;
      else {
        // At most log2(2^53) = 53 periods before a period outgrows every step.
        while (tCur >= tI) {
          tCur -= tI;
          tI *= tMult;
        }
      }
      return etaMin + ((lr0 - etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2;
    };
  },
};

/** LinearLR: lr0·(start + (end − start)·min(step, total_iters)/total_iters); torch's defaults 1/3 → 1 over 5. */
export const linearLR: ScheduleDefinition = {
  name: "linear_lr",
  params: [
    { name: "start_factor", default: 1 / 3, required: false, description: "the factor at step 0, in (0, 1]" },
    {
      name: "end_factor",
      default: 1,
      required: false,
      description: "the factor from total_iters on, in [0, 1]",
    },
    TOTAL_ITERS,
  ],
  build(lr0, options) {
    const start = requireInClosed("start_factor", options.number("start_factor"), 0, 1);
    if (start === 0) throw new EngineError("start_factor must be > 0, got 0");
    const end = requireInClosed("end_factor", options.number("end_factor"), 0, 1);
    const total = requireInteger("total_iters", options.number("total_iters"), 1);
    return (step) => lr0 * (start + ((end - start) * Math.min(total, step)) / total);
  },
};

/** ConstantLR: lr0·factor until total_iters, then lr0; torch's defaults factor 1/3, total_iters 5. */
export const constantLR: ScheduleDefinition = {
  name: "constant_lr",
  params: [
    {
      name: "factor",
      default: 1 / 3,
      required: false,
      description: "the factor before total_iters, in [0, 1]",
    },
    TOTAL_ITERS,
  ],
  build(lr0, options) {
    const factor = requireInClosed("factor", options.number("factor"), 0, 1);
    const total = requireInteger("total_iters", options.number("total_iters"), 0);
    return (step) => lr0 * (factor + (step >= total ? 1 - factor : 0));
  },
};

/** ExponentialLR: lr0·gamma^step. */
export const exponentialLR: ScheduleDefinition = {
  name: "exponential_lr",
  params: [{ name: "gamma", required: true, description: "factor per step" }],
  build(lr0, options) {
    const gamma = requirePositive("gamma", options.number("gamma"));
    return (step) => lr0 * gamma ** step;
  },
};

/** PolynomialLR: lr0·(1 − min(step, total_iters)/total_iters)^power, down to 0; torch's defaults 5 and 1. */
export const polynomialLR: ScheduleDefinition = {
  name: "polynomial_lr",
  params: [TOTAL_ITERS, { name: "power", default: 1, required: false, description: "exponent (1 = linear)" }],
  build(lr0, options) {
    const total = requireInteger("total_iters", options.number("total_iters"), 1);
    const power = requirePositive("power", options.number("power"));
    return (step) => lr0 * (1 - Math.min(total, step) / total) ** power;
  },
};

/** A registry entry under another name: the same definition, so the two cannot drift apart. */
export function alias(definition: ScheduleDefinition, name: string): ScheduleDefinition {
  if (name === definition.name)
    throw new EngineError(`alias ${formatValue(name)} is the schedule's own name`);
  return { ...definition, name };
}
