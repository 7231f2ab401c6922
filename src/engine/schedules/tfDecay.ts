/**
 * TensorFlow's decays (tf.keras.optimizers.schedules and tf.compat.v1.train), with p = step / decay_steps,
 * floored when `staircase`.
 */
import { EngineError, requireNonNegative, requirePositive } from "../errors";
import type { ScheduleDefinition } from "./define";
import { requireIncreasing, type ScheduleOptionReader } from "./options";
import type { ScheduleParam } from "./types";

const DECAY_STEPS: ScheduleParam = {
  name: "decay_steps",
  required: true,
  description: "steps over which the rate decays by one factor of decay_rate",
};
const DECAY_RATE: ScheduleParam = { name: "decay_rate", required: true, description: "decay factor" };
const STAIRCASE: ScheduleParam = {
  name: "staircase",
  default: false,
  required: false,
  description: "TRUE: decay in discrete jumps every decay_steps (p is floored)",
};

/** p = step / decay_steps, floored with staircase. */
function decayProgress(options: ScheduleOptionReader): (step: number) => number {
  const decaySteps = requirePositive("decay_steps", options.number("decay_steps"));
  const staircase = options.boolean("staircase");
  return (step) => (staircase ? Math.floor(step / decaySteps) : step / decaySteps);
}

/** ExponentialDecay: lr0 · decay_rate^p. */
export const exponentialDecay: ScheduleDefinition = {
  name: "exponential",
  params: [DECAY_STEPS, DECAY_RATE, STAIRCASE],
  build(lr0, options) {
    const progress = decayProgress(options);
    const decayRate = requirePositive("decay_rate", options.number("decay_rate"));
    return (step) => lr0 * decayRate ** progress(step);
  },
};

/** InverseTimeDecay: lr0 / (1 + decay_rate · p). */
export const inverseTimeDecay: ScheduleDefinition = {
  name: "inverse_time",
  params: [DECAY_STEPS, DECAY_RATE, STAIRCASE],
  build(lr0, options) {
    const progress = decayProgress(options);
    const decayRate = requireNonNegative("decay_rate", options.number("decay_rate"));
    return (step) => lr0 / (1 + decayRate * progress(step));
  },
};

/** tf.compat.v1.train.natural_exp_decay: lr0 · exp(−decay_rate · p). */
export const naturalExpDecay: ScheduleDefinition = {
  name: "natural_exp",
  params: [DECAY_STEPS, DECAY_RATE, STAIRCASE],
  build(lr0, options) {
    const progress = decayProgress(options);
    const decayRate = requireNonNegative("decay_rate", options.number("decay_rate"));
    return (step) => lr0 * Math.exp(-decayRate * progress(step));
  },
};

/**
 * PiecewiseConstantDecay: values[0] while step <= boundaries[0], values[i] while
 * boundaries[i−1] < step <= boundaries[i], values[last] after the last boundary. As in TensorFlow the
 * values are the learning rates themselves, so lr0 is not used.
 */
export const piecewiseConstantDecay: ScheduleDefinition = {
  name: "piecewise_constant",
  params: [
    { name: "boundaries", required: true, description: "steps where the rate changes (strictly increasing)" },
    { name: "values", required: true, description: "the rates: one more than there are boundaries" },
  ],
  build(_lr0, options) {
    const boundaries = options.list("boundaries");
    const values = options.list("values");
    requireIncreasing("boundaries", boundaries);
    if (values.length !== boundaries.length + 1) {
      throw new EngineError(
        `values has ${values.length} values but ${boundaries.length} boundaries need ${boundaries.length + 1}`,
      );
    }
    return (step) => {
      const index = boundaries.findIndex((boundary) => step <= boundary);
      return (index === -1 ? values[values.length - 1] : values[index]) as number;
    };
  },
};

/**
 * PolynomialDecay: (lr0 − end_lr)·(1 − step/decay_steps)^power + end_lr, the step clamped to decay_steps;
 * with `cycle` the decay length grows to the next multiple of decay_steps instead (1× at step 0).
 */
export const polynomialDecay: ScheduleDefinition = {
  name: "polynomial",
  params: [
    DECAY_STEPS,
    { name: "end_lr", default: 0.0001, required: false, description: "the rate reached at decay_steps" },
    { name: "power", default: 1, required: false, description: "exponent of the polynomial (1 = linear)" },
    {
      name: "cycle",
      default: false,
      required: false,
      description: "TRUE: restart the decay at each multiple of decay_steps",
    },
  ],
  build(lr0, options) {
    const decaySteps = requirePositive("decay_steps", options.number("decay_steps"));
    const endLr = requireNonNegative("end_lr", options.number("end_lr"));
    const power = requirePositive("power", options.number("power"));
    const cycle = options.boolean("cycle");
    return (step) => {
      let length = decaySteps;
      let s = step;
      if (cycle) length = decaySteps * (step === 0 ? 1 : Math.ceil(step / decaySteps));
      else s = Math.min(step, decaySteps);
      return (lr0 - endLr) * (1 - s / length) ** power + endLr;
    };
  },
};
