/** The chart axes' numbers, derived by hand in the comments (1-2-5 steps). */
import { describe, expect, test } from "@jest/globals";
import { axisFraction, linearAxis, niceStep, paddedLinearAxis } from "../../src/workbench/chart-scale";

describe("niceStep", () => {
  test("rounds span/count up to 1, 2 or 5 × 10^k", () => {
    expect(niceStep(10, 4)).toBe(5); // 2.5 → 5
    expect(niceStep(300, 8)).toBe(50); // 37.5 → 50
    expect(niceStep(8, 4)).toBe(2); // 2 → 2
    expect(niceStep(0.3, 3)).toBeCloseTo(0.1, 15); // 0.1 → 0.1
    expect(niceStep(0, 4)).toBe(1); // no span: any step
  });
});

describe("linearAxis", () => {
  test("ends on multiples of the step around the data", () => {
    // span 2.1 − 0.2 = 1.9, /4 = 0.475 → step 0.5; floor(0.2/0.5)·0.5 = 0, ceil(2.1/0.5)·0.5 = 2.5.
    expect(linearAxis([0.2, 2.1, 1.5, NaN])).toEqual({
      scale: "linear",
      min: 0,
      max: 2.5,
      ticks: [0, 0.5, 1, 1.5, 2, 2.5],
    });
  });

  test("reaches the included values (accuracies keep 0–1) and falls back to 0–1 without data", () => {
    // 0…1: 1/4 = 0.25 → step 0.5.
    expect(linearAxis([0.5], [0, 1]).ticks).toEqual([0, 0.5, 1]);
    expect(linearAxis([]).ticks).toEqual([0, 0.5, 1]);
  });

  test("a constant series gets a range around its value", () => {
    // 3 ± 1.5 → 1.5…4.5, span 3, /4 = 0.75 → step 1: 1…5.
    expect(linearAxis([3, 3]).ticks).toEqual([1, 2, 3, 4, 5]);
  });

  test("negative values: -5.3…10.2", () => {
    // span 15.5, /4 = 3.875 → step 5: floor(−5.3/5) = −2 → −10, ceil(10.2/5) = 3 → 15.
    expect(linearAxis([-5.3, 10.2]).ticks).toEqual([-10, -5, 0, 5, 10, 15]);
  });
});

test("axisFraction on a linear axis, and NaN for an empty cell", () => {
  const axis = linearAxis([0.2, 2.1]); // 0 … 2.5
  expect(axisFraction(axis, 2)).toBeCloseTo(0.8, 15);
  expect(axisFraction(axis, NaN)).toBeNaN();
});

describe("paddedLinearAxis", () => {
  test("ends 5 % of the span beyond the data, ticks on the nice step inside", () => {
    // values 0…30: span 30, margin 1.5 → [−1.5, 31.5]; step niceStep(30, 4) = 10 (7.5 → 10): ticks 0, 10, 20, 30.
    const axis = paddedLinearAxis([0, 12, 30, NaN]);
    expect(axis.min).toBeCloseTo(-1.5, 12);
    expect(axis.max).toBeCloseTo(31.5, 12);
    expect(axis.ticks).toEqual([0, 10, 20, 30]);
  });

  test("a single value gets the span of its nice axis", () => {
    // linearAxis([2]) is [1, 3] (half |2| each way): span 2, margin 0.1 → [1.9, 2.1]; step niceStep(2, 4) = 0.5.
    const axis = paddedLinearAxis([2]);
    expect(axis.min).toBeCloseTo(1.9, 12);
    expect(axis.max).toBeCloseTo(2.1, 12);
    expect(axis.ticks).toEqual([2]);
  });
});
