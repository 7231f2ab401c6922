import { EngineError, requireAllFinite, requireFinite } from "../errors";
import { requireSwitch } from "../options/values";
import type { ScheduleOptions, ScheduleOptionValue, ScheduleParam } from "./types";

/** Typed access to a schedule's options: explicit value, else the parameter's default, else an error. */
export class ScheduleOptionReader {
  constructor(
    private readonly schedule: string,
    private readonly params: readonly ScheduleParam[],
    private readonly options: ScheduleOptions,
  ) {
    for (const [name, value] of Object.entries(options)) {
      if (value !== undefined && !params.some((p) => p.name === name)) {
        const expected = params.map((p) => p.name).join(", ");
        throw new EngineError(`Unknown option "${name}" for ${schedule}; expected one of ${expected}`);
      }
    }
  }

  has(name: string): boolean {
    return this.options[name] !== undefined;
  }

  private raw(name: string): ScheduleOptionValue {
    const value = this.options[name] ?? this.params.find((p) => p.name === name)?.default;
    if (value === undefined) throw new EngineError(`${this.schedule} needs ${name}`);
    return value;
  }

  number(name: string): number {
    const value = this.raw(name);
    if (Array.isArray(value)) {
      throw new EngineError(`${name} must be a number, got a list of ${value.length}`);
    }
    return requireFinite(name, value as number);
  }

  boolean(name: string): boolean {
    return requireSwitch(name, this.raw(name));
  }

  /** A list; a single number is a list of one (a one-cell range arrives as a number). */
  list(name: string): readonly number[] {
    const value = this.raw(name);
    if (typeof value === "boolean") throw new EngineError(`${name} must be a list of numbers, got ${value}`);
    const list = typeof value === "number" ? [value] : value;
    requireAllFinite(name, list);
    return list;
  }
}

/** Strictly increasing, as boundaries and milestones must be. */
export function requireIncreasing(name: string, values: readonly number[]): void {
  for (let i = 1; i < values.length; i++) {
    if (!((values[i] as number) > (values[i - 1] as number))) {
      throw new EngineError(`${name} must be strictly increasing, got ${values.join(", ")}`);
    }
  }
}
