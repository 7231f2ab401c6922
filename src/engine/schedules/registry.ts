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
import {
  alias,
  constantLR,
  cosineAnnealingLR,
  cosineAnnealingWarmRestarts,
  exponentialLR,
  linearLR,
  polynomialLR,
} from "./torchClosedForm";
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
  // PyTorch's schedulers by their class names (snake_case; "CosineAnnealingLR" as typed also finds them).
  cosineAnnealingLR,
  cosineAnnealingWarmRestarts,
  linearLR,
  constantLR,
  exponentialLR,
  polynomialLR,
].map(defineSchedule);

/**
 * Every schedule also answers to the class name of the library whose semantics it follows: PyTorch's
 * (…_lr) and Keras' (…_decay). Aliases share the definition, so they cannot drift apart.
 */
const ALIAS_DEFINITIONS: readonly (readonly [string, ScheduleDefinition])[] = [
  ["step_lr", stepDecay],
  ["multi_step_lr", multiStepDecay],
  ["cyclic_lr", cyclicTriangular],
  ["one_cycle_lr", oneCycleCos],
  // Keras' schedules by their class names.
  ["cosine_decay", cosineDecay],
  ["cosine_decay_restarts", cosineDecayRestarts],
  ["exponential_decay", exponentialDecay],
  ["polynomial_decay", polynomialDecay],
  ["inverse_time_decay", inverseTimeDecay],
  ["piecewise_constant_decay", piecewiseConstantDecay],
  ["natural_exp_decay", naturalExpDecay],
];
const ALIASES: readonly ScheduleSpec[] = ALIAS_DEFINITIONS.map(([name, definition]) =>
  defineSchedule(alias(definition, name)),
);

/** Each alias and the schedule it names, for the docs' side-by-side table. */
export const SCHEDULE_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  ALIAS_DEFINITIONS.map(([name, definition]) => [name, definition.name]),
);

/** The schedules by their own names (aliases apart: SCHEDULE_ALIASES). */
export const SCHEDULE_NAMES: readonly string[] = SCHEDULES.map((spec) => spec.name);

const ALL_SCHEDULES: readonly ScheduleSpec[] = [...SCHEDULES, ...ALIASES];

/** Looks a schedule up by name or alias, case-insensitively, underscores optional. */
export function getSchedule(name: string): ScheduleSpec {
  return lookupByName("schedule", ALL_SCHEDULES, name, SCHEDULE_NAMES);
}

/** The learning rate at `step` (steps already taken) of the named schedule starting from lr0. */
export function learningRate(name: string, lr0: number, step: number, options?: ScheduleOptions): number {
  return getSchedule(name).make(lr0, options)(step);
}
