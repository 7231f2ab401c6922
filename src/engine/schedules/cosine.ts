/** TensorFlow's CosineDecay and CosineDecayRestarts (SGDR, Loshchilov & Hutter). */
import { EngineError, formatValue, requireInClosed, requireNonNegative, requirePositive } from "../errors";
import type { ScheduleDefinition } from "./define";
import type { ScheduleParam } from "./types";

const ALPHA: ScheduleParam = {
  name: "alpha",
  default: 0,
  required: false,
  description: "floor of the decay as a fraction of lr0",
};

/** (1 − α)·½(1 + cos πx) + α for x in [0, 1], scaled by m. */
function cosineFactor(fraction: number, alpha: number, multiplier = 1): number {
  return (1 - alpha) * (0.5 * multiplier * (1 + Math.cos(Math.PI * fraction))) + alpha;
}

/** CosineDecay: lr0 · ((1 − α)·½(1 + cos(π·min(step, decay_steps)/decay_steps)) + α). */
export const cosineDecay: ScheduleDefinition = {
  name: "cosine",
  params: [
    { name: "decay_steps", required: true, description: "steps over which the rate falls to alpha·lr0" },
    ALPHA,
  ],
  build(lr0, options) {
    const decaySteps = requirePositive("decay_steps", options.number("decay_steps"));
    const alpha = requireInClosed("alpha", options.number("alpha"), 0, 1);
    return (step) => lr0 * cosineFactor(Math.min(step, decaySteps) / decaySteps, alpha);
  },
};

/**
 * CosineDecayRestarts. Period i (from 0) lasts first_decay_steps·t_mulⁱ steps and peaks at lr0·m_mulⁱ;
 * within it the rate falls along a cosine to α times the peak's base. TensorFlow finds the period with
 * floor(log(1 − x(1 − t_mul)) / log t_mul); here that estimate is corrected with exact sums so a step on a
 * restart boundary always starts the new period (the logarithm can round either way).
 */
export const cosineDecayRestarts: ScheduleDefinition = {
  name: "cosine_restarts",
  params: [
    { name: "first_decay_steps", required: true, description: "length of the first period in steps" },
    {
      name: "t_mul",
      default: 2,
      required: false,
      description: "each period is t_mul times longer than the last",
    },
    {
      name: "m_mul",
      default: 1,
      required: false,
      description: "each restart peaks at m_mul times the last peak",
    },
    ALPHA,
  ],
  build(lr0, options) {
    const firstDecaySteps = requirePositive("first_decay_steps", options.number("first_decay_steps"));
    const tMul = options.number("t_mul");
    if (!(tMul >= 1)) throw new EngineError(`t_mul must be >= 1, got ${formatValue(tMul)}`);
    const mMul = requireNonNegative("m_mul", options.number("m_mul"));
    const alpha = requireInClosed("alpha", options.number("alpha"), 0, 1);
    // Periods completed before period i, in units of first_decay_steps: 1 + t + … + t^(i−1).
    const periodsBefore = (i: number): number => (tMul === 1 ? i : (1 - tMul ** i) / (1 - tMul));
    return (step) => {
      const x = step / firstDecaySteps;
      let i = tMul === 1 ? Math.floor(x) : Math.floor(Math.log(1 - x * (1 - tMul)) / Math.log(tMul));
      // The closed form can be off by one in floating point; step to the right period. Beyond 2^53 periods
      // i ± 1 is i itself, so stop there rather than loop forever.
      while (i + 1 !== i && periodsBefore(i + 1) <= x) i += 1;
      while (i > 0 && i - 1 !== i && periodsBefore(i) > x) i -= 1;
      const fraction = (x - periodsBefore(i)) / tMul ** i;
      return lr0 * cosineFactor(fraction, alpha, mMul ** i);
    };
  },
};
