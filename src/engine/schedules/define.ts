import { EngineError, requireInClosed, requireInteger, requirePositive } from "../errors";
import { ScheduleOptionReader } from "./options";
import type { LearningRateSchedule, ScheduleParam, ScheduleSpec } from "./types";

/** A schedule before warm-up is added: its own parameters and how to build lr(step) from them. */
export interface ScheduleDefinition {
  readonly name: string;
  readonly params: readonly ScheduleParam[];
  /** Validates the options; the returned function is called with whole steps >= 0 only. */
  build(lr0: number, options: ScheduleOptionReader): LearningRateSchedule;
}

export const WARMUP_PARAMS: readonly ScheduleParam[] = [
  {
    name: "warmup_steps",
    default: 0,
    required: false,
    description: "linear warm-up length in steps; the schedule itself starts counting after it (0 = none)",
  },
  {
    name: "warmup_start_factor",
    default: 0,
    required: false,
    description: "warm-up starts at this fraction of the schedule's first value and rises linearly to it",
  },
];

/**
 * Adds validation of lr0 and step, and linear warm-up, to a schedule. Warm-up follows PyTorch's
 * SequentialLR([LinearLR, schedule], milestones=[warmup_steps]): for step < W the rate is
 * lr(0)·(f + (1 − f)·step/W), then the schedule runs from its own step 0, so lr(W) = lr(0).
 */
export function defineSchedule(definition: ScheduleDefinition): ScheduleSpec {
  const params = [...definition.params, ...WARMUP_PARAMS];
  return {
    name: definition.name,
    params,
    make(lr0, options = {}) {
      requirePositive("lr0", lr0);
      const reader = new ScheduleOptionReader(definition.name, params, options);
      const warmupSteps = requireInteger("warmup_steps", reader.number("warmup_steps"), 0);
      const startFactor = requireInClosed("warmup_start_factor", reader.number("warmup_start_factor"), 0, 1);
      const schedule = definition.build(lr0, reader);
      const peak = warmupSteps > 0 ? schedule(0) : 0;
      return (step) => {
        requireInteger("step", step, 0);
        // Past 2^53 consecutive steps are the same double: "the next period" loops would never advance.
        if (step > Number.MAX_SAFE_INTEGER) {
          throw new EngineError(`step must be at most ${Number.MAX_SAFE_INTEGER}, got ${step}`);
        }
        const rate =
          step < warmupSteps
            ? peak * (startFactor + ((1 - startFactor) * step) / warmupSteps)
            : schedule(step - warmupSteps);
        // Far-out steps can overflow (gamma^step in cyclic_exp_range, decay_rate^t > 1): say so, not NaN.
        if (!Number.isFinite(rate)) {
          throw new EngineError(
            `${definition.name} has no finite learning rate at step ${step} (got ${rate})`,
          );
        }
        return rate;
      };
    },
  };
}
