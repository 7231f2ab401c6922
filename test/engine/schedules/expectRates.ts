import { expect } from "@jest/globals";
import { getSchedule, type ScheduleOptions } from "../../../src/engine/schedules";

/** Checks lr(step) at the given steps against hand-computed values, to `tolerance` absolute. */
export function expectRates(
  name: string,
  lr0: number,
  options: ScheduleOptions,
  expected: readonly (readonly [step: number, lr: number])[],
  tolerance = 1e-15,
): void {
  const schedule = getSchedule(name).make(lr0, options);
  const actual = expected.map(([step]) => [step, schedule(step)]);
  expected.forEach(([step, lr], i) => {
    const got = actual[i]?.[1] as number;
    if (!(Math.abs(got - lr) <= tolerance)) {
      throw new Error(`${name} step ${step}: got ${got}, expected ${lr} (tolerance ${tolerance})`);
    }
  });
  expect(actual).toHaveLength(expected.length);
}
