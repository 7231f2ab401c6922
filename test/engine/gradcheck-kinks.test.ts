/**
 * GRADCHECK's verdicts where a fixed step misled: kinks within ±h, large |x|, and a large constant in f.
 * Every expected value is derived by hand in the comment above it.
 */
import { describe, expect, test } from "@jest/globals";
import { GRADCHECK } from "../../src/functions/functions";
import { gradCheck, gradCheckFormula } from "../../src/engine/gradcheck";

const NONE = undefined as unknown as number;

function check(formula: string, a: number, grad: number): unknown[] {
  return GRADCHECK(formula, [["a"]], [[a]], [[grad]], NONE)[0] as unknown[];
}

describe("kinks within ±h get no verdict", () => {
  // ABS at a = 5e-6, step h = 1e-5 (|a| < 1): a − h = −5e-6 < 0 < a + h, so the kink at 0 is inside.
  // Left slope (|a| − |a − h|)/h = (5e-6 − 5e-6)/1e-5 = 0, right slope (|a + h| − |a|)/h = (1.5e-5 − 5e-6)/1e-5 = 1,
  // centred (1.5e-5 − 5e-6)/2e-5 = 0.5: the wrong 0.5 used to pass and the right 1 to fail.
  test.each([0.5, 1])("ABS at 5e-6 with gradient %s: 'kink at a', slopes 0 | 1", (grad) => {
    expect(check("ABS(a)", 5e-6, grad)).toEqual(["kink at a", 0, "kink: slopes 0 | 1"]);
  });

  // RELU at 0: left slope (0 − RELU(−h))/h = 0, right slope (RELU(h) − 0)/h = 1; the engine's own
  // subgradient there is 0 (PyTorch's), which the centred 0.5 used to fail.
  test("RELU at 0 with the engine's gradient 0: a kink, not FALSE", () => {
    const result = gradCheckFormula("RELU(a)", { a: 0 }, ["a"]);
    expect(result.verdict).toBe("kink");
    expect(result.pass).toBe(false);
    expect(result.entries[0]?.analytic).toBe(0);
    expect(result.entries[0]?.slopes).toEqual([0, 1]);
    expect(check("RELU(a)", 0, 0)).toEqual(["kink at a", 0, "kink: slopes 0 | 1"]);
  });

  // MAX(a, 2) at a = 2: left slope 0 (MAX stays 2), right slope 1.
  test("MAX(a, 2) at the tie a = 2 is a kink", () => {
    expect(check("MAX(a,2)", 2, 0.5)).toEqual(["kink at a", 0, "kink: slopes 0 | 1"]);
  });

  // ABS at −3e-6: a − h = −1.3e-5, a + h = 7e-6. Left (3e-6 − 1.3e-5)/1e-5 = −1, right (7e-6 − 3e-6)/1e-5 = 0.4.
  test("the slopes say on which side the kink lies", () => {
    expect(check("ABS(a)", -3e-6, -1)).toEqual(["kink at a", 0, "kink: slopes -1 | 0.4"]);
  });

  test("a wrong entry elsewhere still gives FALSE; the kink entry keeps its text", () => {
    // f = ABS(a) + b² at (0, 3): ∂f/∂b = 6; 5 is wrong by |5 − 6|/6 = 1/6.
    const row = GRADCHECK("ABS(a)+b^2", [["a", "b"]], [[0, 3]], [[0, 5]], NONE)[0] as unknown[];
    expect(row[0]).toBe(false);
    expect(row[1]).toBeCloseTo(1 / 6, 9);
    expect(row[2]).toBe("kink: slopes -1 | 1");
    expect(row[3]).toBeCloseTo(1 / 6, 9);
  });

  test("away from the kink ABS checks normally", () => {
    expect(check("ABS(a)", 1, 1)[0]).toBe(true);
    expect(check("ABS(a)", 1, -1)[0]).toBe(false);
  });
});

describe("curvature is not a kink", () => {
  // a² at 1e-3: slopes 2a ∓ h = 1.99e-3 and 2.01e-3 disagree by 2h = 2e-5 (1% of the slope), but
  // (f(a+s) − 2f(a) + f(a−s))/s = 2s halves with s: smooth, and the exact 2e-3 passes.
  test("a² at 1e-3 and at 0 pass with the exact gradient", () => {
    expect(check("a^2", 1e-3, 2e-3)[0]).toBe(true);
    expect(check("a^2", 0, 0)).toEqual([true, 0, 0]);
    expect(check("a^2", 1e-3, 2.1e-3)[0]).toBe(false);
  });

  test("a smooth function with large curvature passes (EXP at 20)", () => {
    const result = gradCheck((x) => Math.exp(x[0] as number), [20], [Math.exp(20)]);
    expect(result.verdict).toBe("pass");
    expect(result.entries[0]?.kink).toBe(false);
  });
});

describe("the step scales with |x|", () => {
  // a² at 1e6: step 1e-5 · 1e6 = 10; ((1e6 + 10)² − (1e6 − 10)²)/20 = 4e7/20 = 2e6 exactly (every value an
  // integer below 2^53). With a fixed h = 1e-5 the exact 2e6 failed (error 6.1e-6).
  test("a² at 1e6: the exact 2e6 passes with error 0, 2e6 + 20 fails with error 20/2000020", () => {
    expect(check("a^2", 1e6, 2e6)).toEqual([true, 0, 0]);
    const wrong = check("a^2", 1e6, 2000020);
    expect(wrong[0]).toBe(false);
    expect(wrong[1]).toBeCloseTo(20 / 2000020, 15);
  });

  test("the step used is reported per entry", () => {
    const result = gradCheck((x) => (x[0] as number) ** 2 + (x[1] as number) ** 2, [1e6, 0.5], [2e6, 1]);
    expect(result.entries.map((e) => e.step)).toEqual([10, 1e-5]);
    expect(result.h).toBe(1e-5);
  });
});

describe("a difference within f's rounding noise passes", () => {
  // (a − 1)² + 1e8 at a = 3: f' = 2(a − 1) = 4. f ≈ 1e8 keeps ~1.5e-8 absolute precision, step 3e-5:
  // the centred difference is only good to about 1.5e-8/3e-5 = 5e-4, so its noise floor is
  // 8·ε·1e8/3e-5 ≈ 5.9e-3 and relative errors are taken against max(|a|, |n|, 5.9e-3/1e-6 ≈ 5921).
  test("(a−1)²+1e8 at 3: the exact 4 passes, 4.01 fails", () => {
    const right = check("(a-1)^2+1e8", 3, 4);
    expect(right[0]).toBe(true);
    const wrong = check("(a-1)^2+1e8", 3, 4.01);
    expect(wrong[0]).toBe(false);
    // |4.01 − 4|/5921 ≈ 1.69e-6 (the numeric partial is 4 to within 5e-4).
    expect(wrong[1] as number).toBeGreaterThan(1.6e-6);
    expect(wrong[1] as number).toBeLessThan(1.8e-6);
  });
});

describe("names the formula does not read", () => {
  test("their numeric partial is exactly 0 without evaluating f for them", () => {
    let evaluations = 0;
    const f = (x: readonly number[]): number => {
      evaluations++;
      return 3 * (x[0] as number) + 2;
    };
    const result = gradCheck(f, [1, 5, 6], [3, 0, 1], { reads: [true, false, false] });
    // f(x) once, f(x ± h) for x[1] only: 3 evaluations (a line's one-sided slopes agree: no kink probes).
    expect(evaluations).toBe(3);
    expect(result.entries.map((e) => e.numeric)).toEqual([expect.closeTo(3, 8), 0, 0]);
    expect(result.entries.map((e) => e.pass)).toEqual([true, true, false]);
  });
});
