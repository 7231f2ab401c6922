/**
 * LR_DECAY: a learning rate from the engine's schedule registry. The schedule's own parameters follow in
 * the registry's order (getSchedule(name).params), so LR_DECAY(0.1, A2, "step", 30, 0.1) means step_size 30,
 * gamma 0.1. A blank or omitted parameter takes the schedule's default; a range gives a list (milestones).
 */
import { EngineError } from "../engine/errors";
import { isBlank, isDecimal } from "../engine/options";
import { getSchedule, learningRate, type ScheduleParam } from "../engine/schedules";
import { numberVector, optionalBoolean, requiredNumber, requiredText, type CellInput } from "./coercion";

type ScheduleOption = number | boolean | readonly number[];

/** A blank cell, an omitted argument, or a range of blanks. */
function isBlankArgument(input: CellInput): boolean {
  return Array.isArray(input) ? (input as unknown[]).flat(2).every(isBlank) : isBlank(input);
}

function optionValue(param: ScheduleParam, input: CellInput): ScheduleOption | undefined {
  const name = param.name;
  if (isBlank(input)) return undefined;
  if (typeof param.default === "boolean") return optionalBoolean(name, input);
  if (typeof input === "boolean") return input;
  if (Array.isArray(input)) {
    const cells = (input as unknown[]).flat();
    if (cells.every(isBlank)) return undefined;
    if (cells.length === 1 && typeof cells[0] === "boolean") return cells[0];
    const values = numberVector(name, input).filter((_, i) => !isBlank(cells[i]));
    return values.length === 1 ? (values[0] as number) : values;
  }
  if (typeof input === "string") {
    // "30,60,90" typed in one cell: a list (each part a decimal number; anything else is refused below).
    const parts = input.split(",");
    if (parts.every(isDecimal)) {
      const values = parts.map(Number);
      return values.length === 1 ? (values[0] as number) : values;
    }
  }
  return requiredNumber(name, input);
}

/** The schedule's options by name from positional cell arguments. */
export function scheduleOptions(
  schedule: string,
  params: readonly CellInput[],
): Record<string, ScheduleOption> {
  const spec = getSchedule(schedule);
  // Omitted trailing parameters (Excel may pass an omitted repeating argument as one null) are defaults.
  let end = params.length;
  while (end > 0 && isBlankArgument(params[end - 1])) end--;
  const given = params.slice(0, end);
  if (given.length > spec.params.length) {
    throw new EngineError(
      `schedule ${spec.name} takes ${spec.params.length} parameters (${spec.params.map((p) => p.name).join(", ")}), got ${given.length}`,
    );
  }
  const options: Record<string, ScheduleOption> = {};
  given.forEach((input, i) => {
    const param = spec.params[i];
    if (!param) return;
    const value = optionValue(param, input);
    if (value !== undefined) options[param.name] = value;
  });
  return options;
}

/** LR_DECAY's value. */
export function decayedLearningRate(
  lrInput: CellInput,
  stepInput: CellInput,
  scheduleInput: CellInput,
  params: readonly CellInput[],
): number {
  const lr = requiredNumber("lr", lrInput);
  const step = requiredNumber("step", stepInput);
  const schedule = requiredText("schedule", scheduleInput).toLowerCase();
  return learningRate(schedule, lr, step, scheduleOptions(schedule, params));
}
