/**
 * PyTorch's CyclicLR (Smith, "Cyclical Learning Rates"): the rate climbs linearly from base_lr (= lr0) to
 * max_lr over step_size_up steps and falls back over step_size_down. One schedule per mode, since a mode
 * is a name, not a number a cell option can carry.
 */
import { requirePositive } from "../errors";
import type { ScheduleDefinition } from "./define";
import type { ScheduleOptionReader } from "./options";
import type { LearningRateSchedule, ScheduleParam } from "./types";

const CYCLE_PARAMS: readonly ScheduleParam[] = [
  { name: "max_lr", required: true, description: "the rate at the top of each cycle (lr0 is the bottom)" },
  { name: "step_size_up", default: 2000, required: false, description: "steps climbing from lr0 to max_lr" },
  {
    name: "step_size_down",
    required: false,
    description: "steps falling back to lr0 (default: step_size_up)",
  },
];

/** How the height of a cycle is scaled: by cycle number (1, 2, ...) or by step. */
type Amplitude = (cycle: number, step: number) => number;

function cyclic(lr0: number, options: ScheduleOptionReader, amplitude: Amplitude): LearningRateSchedule {
  const maxLr = requirePositive("max_lr", options.number("max_lr"));
  const up = requirePositive("step_size_up", options.number("step_size_up"));
  const down = options.has("step_size_down")
    ? requirePositive("step_size_down", options.number("step_size_down"))
    : up;
  const totalSize = up + down;
  const stepRatio = up / totalSize;
  return (step) => {
    const cycle = Math.floor(1 + step / totalSize);
    const x = 1 + step / totalSize - cycle;
    const scale = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    return lr0 + (maxLr - lr0) * scale * amplitude(cycle, step);
  };
}

/** mode="triangular": every cycle reaches max_lr. */
export const cyclicTriangular: ScheduleDefinition = {
  name: "cyclic_triangular",
  params: CYCLE_PARAMS,
  build: (lr0, options) => cyclic(lr0, options, () => 1),
};

/** mode="triangular2": the height halves each cycle, 1/2^(cycle − 1). */
export const cyclicTriangular2: ScheduleDefinition = {
  name: "cyclic_triangular2",
  params: CYCLE_PARAMS,
  build: (lr0, options) => cyclic(lr0, options, (cycle) => 1 / 2 ** (cycle - 1)),
};

/** mode="exp_range": the height shrinks by gamma^step. */
export const cyclicExpRange: ScheduleDefinition = {
  name: "cyclic_exp_range",
  params: [
    ...CYCLE_PARAMS,
    { name: "gamma", default: 1, required: false, description: "height factor per step, gamma^step" },
  ],
  build(lr0, options) {
    const gamma = requirePositive("gamma", options.number("gamma"));
    return cyclic(lr0, options, (_cycle, step) => gamma ** step);
  },
};
