import { expect } from "@jest/globals";

/** Relative comparison for reference values: |a − e| <= rel·max(|a|, |e|) + abs (abs covers exact zeros). */
export function expectCloseArray(
  actual: readonly number[],
  expected: readonly number[],
  rel = 1e-12,
  abs = 1e-15,
): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i] as number;
    const bound = rel * Math.max(Math.abs(a), Math.abs(e)) + abs;
    if (!(Math.abs(a - e) <= bound)) {
      throw new Error(`index ${i}: got ${a}, expected ${e} (|diff| ${Math.abs(a - e)} > ${bound})`);
    }
  });
}

/** |actual − expected| <= tolerance, element by element (hand-derived values with a stated tolerance). */
export function expectNear(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expectCloseArray(actual, expected, 0, tolerance);
}
