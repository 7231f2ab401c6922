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
