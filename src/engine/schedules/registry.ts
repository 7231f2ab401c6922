import { lookupByName } from "../lookup";
import { cosineDecay, cosineDecayRestarts } from "./cosine";
import { cyclicExpRange, cyclicTriangular, cyclicTriangular2 } from "./cyclic";
import { defineSchedule, type ScheduleDefinition } from "./define";
import { oneCycleCos, oneCycleLinear } from "./oneCycle";
import {
  exponentialDecay,
  inverseTimeDecay,
  naturalExpDecay,
  piecewiseConstantDecay,
  polynomialDecay,
} from "./tfDecay";
import { multiStepDecay, stepDecay } from "./torchDecay";
import type { ScheduleOptions, ScheduleSpec } from "./types";

/** lr0 at every step (with warm-up options, a plain linear warm-up). */
const constant: ScheduleDefinition = { name: "constant", params: [], build: (lr0) => () => lr0 };

const SCHEDULES: readonly ScheduleSpec[] = [
  constant,
  exponentialDecay,
  piecewiseConstantDecay,
  polynomialDecay,
  cosineDecay,
  cosineDecayRestarts,
  inverseTimeDecay,
  naturalExpDecay,
  stepDecay,
  multiStepDecay,
  cyclicTriangular,
  cyclicTriangular2,
  cyclicExpRange,
  oneCycleCos,
  oneCycleLinear,
].map(defineSchedule);

export const SCHEDULE_NAMES: readonly string[] = SCHEDULES.map((spec) => spec.name);

/** Looks a schedule up by name, case-insensitively. */
export function getSchedule(name: string): ScheduleSpec {
  return lookupByName("schedule", SCHEDULES, name);
}

/** The learning rate at `step` (steps already taken) of the named schedule starting from lr0. */
export function learningRate(name: string, lr0: number, step: number, options?: ScheduleOptions): number {
  return getSchedule(name).make(lr0, options)(step);
}
