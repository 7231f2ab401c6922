/** Gradient checking: verdicts on right and wrong gradients, why centred beats forward, and validation. */
import { describe, expect, test } from "@jest/globals";
import { EngineError } from "../../src/engine/errors";
import { evaluateFormula, formulaGradient } from "../../src/engine/formula";
import { GRADCHECK_DEFAULTS, gradCheck, gradCheckFormula, relativeError } from "../../src/engine/gradcheck";

const cube = (v: readonly number[]): number => (v[0] as number) ** 3;

describe("verdicts", () => {
  test("the defaults are documented values", () => {
    expect(GRADCHECK_DEFAULTS).toEqual({ h: 1e-5, method: "centred", tolerance: 1e-6, tiny: 1e-8 });
  });

  test("x³ at 1: centred error is h²/3 ≈ 3e-11 relative; forward error is ≈ h = 1e-5 and fails", () => {
    // Centred: ((1+h)³ − (1−h)³)/2h = 3 + h²; forward: ((1+h)³ − 1)/h = 3 + 3h + h².
    const centred = gradCheck(cube, [1], [3]);
    expect(centred.method).toBe("centred");
    expect(centred.entries[0]?.relativeError).toBeLessThan(1e-9);
    expect(centred.pass).toBe(true);
    const forward = gradCheck(cube, [1], [3], { method: "forward" });
    expect(forward.entries[0]?.numeric).toBeCloseTo(3 + 3e-5, 9);
    expect(forward.entries[0]?.relativeError).toBeCloseTo(1e-5, 8); // (3h + h²)/(3 + 3h + h²)
    expect(forward.pass).toBe(false);
    expect(forward.tolerance).toBe(1e-6);
    expect(forward.h).toBe(1e-5);
  });

  test("a hand-derived gradient with a missing factor fails, the right one passes", () => {
    // f(a, b) = a²·b at (3, 2): ∂f/∂a = 2ab = 12, ∂f/∂b = a² = 9.
    const f = (v: readonly number[]): number => (v[0] as number) ** 2 * (v[1] as number);
    const right = gradCheck(f, [3, 2], [12, 9]);
    expect(right.pass).toBe(true);
    expect(right.entries.map((e) => e.index)).toEqual([0, 1]);
    const wrong = gradCheck(f, [3, 2], [6, 9]); // forgot the 2 in 2ab: relative error |6 − 12|/12 = 0.5
    expect(wrong.pass).toBe(false);
    expect(wrong.entries[0]?.pass).toBe(false);
    expect(wrong.entries[0]?.relativeError).toBeCloseTo(0.5, 9);
    expect(wrong.entries[1]?.pass).toBe(true);
    expect(wrong.maxRelativeError).toBeCloseTo(0.5, 9);
  });

  test("checks the engine's own gradient of a full-batch loss", () => {
    const data = { x: [1, 2, 3, 4], y: [32, 34, 36.5, 37.5] };
    const loss = "AVERAGE((a*x+b-y)^2)";
    const at = [1.2, 0.7];
    const { gradient } = formulaGradient(loss, { a: at[0] as number, b: at[1] as number, ...data }, [
      "a",
      "b",
    ]);
    const f = (v: readonly number[]): number =>
      evaluateFormula(loss, { a: v[0] as number, b: v[1] as number, ...data }) as number;
    const result = gradCheck(f, at, gradient);
    expect(result.pass).toBe(true);
    expect(result.maxRelativeError).toBeLessThan(1e-8);
  });

  test("gradCheckFormula checks the engine's gradient of a formula at its bindings (keys in any case)", () => {
    const r = gradCheckFormula(
      "SUM(SIGMOID(w*x + B) - y)^2",
      { W: 0.4, b: -0.3, x: [1, -2, 3], y: [1, 0, 1] },
      ["w", "b"],
    );
    expect(r.entries).toHaveLength(2);
    expect(r.pass).toBe(true);
    expect(r.maxRelativeError).toBeLessThan(1e-8);
    expect(() => gradCheckFormula("a*x", { a: 1, x: [1, 2] }, ["a"])).toThrow(
      "formula gives 2 values; wrap it in SUM or AVERAGE to get one loss",
    );
  });

  test("two zeros compare as equal; tiny floors the denominator", () => {
    expect(relativeError(0, 0, 1e-8)).toBe(0);
    expect(relativeError(0, 1e-12, 1e-8)).toBeCloseTo(1e-4, 15);
    const flat = gradCheck(() => 5, [1, 2], [0, 0]);
    expect(flat.pass).toBe(true);
    expect(flat.maxRelativeError).toBe(0);
  });
});

describe("validation messages", () => {
  const cases: [string, () => unknown, string][] = [
    ["h = 0", () => gradCheck(cube, [1], [3], { h: 0 }), "h must be > 0, got 0"],
    ["h < 0", () => gradCheck(cube, [1], [3], { h: -1e-5 }), "h must be > 0, got -0.00001"],
    ["tolerance", () => gradCheck(cube, [1], [3], { tolerance: -1 }), "tolerance must be > 0, got -1"],
    ["tiny", () => gradCheck(cube, [1], [3], { tiny: 0 }), "tiny must be > 0, got 0"],
    [
      "method",
      () => gradCheck(cube, [1], [3], { method: "backward" as "forward" }),
      'method must be "centred" or "forward", got "backward"',
    ],
    ["lengths", () => gradCheck(cube, [1, 2], [3]), "analytic has 1 values but x has 2"],
    ["empty", () => gradCheck(cube, [], []), "x has no values"],
    ["x finite", () => gradCheck(cube, [NaN], [3]), "x[1] must be a finite number, got NaN"],
    [
      "analytic finite",
      () => gradCheck(cube, [1], [Infinity]),
      "analytic[1] must be a finite number, got Infinity",
    ],
    [
      "f finite",
      // ln(x − 1 + 1e-6): finite at x = 1 and x + h, NaN at x − h = 1 − 1e-5.
      () => gradCheck((v) => Math.log((v[0] as number) - 1 + 1e-6), [1], [1]),
      "f(x[1] - h) must be a finite number, got NaN",
    ],
    [
      "f finite at x",
      () => gradCheck((v) => Math.log((v[0] as number) - 1), [1], [1]),
      "f(x) must be a finite number, got -Infinity",
    ],
    [
      "f finite (forward)",
      () => gradCheck(() => NaN, [1], [1], { method: "forward" }),
      "f(x) must be a finite number, got NaN",
    ],
  ];
  test.each(cases)("%s", (_label, call, message) => {
    expect(call).toThrow(EngineError);
    expect(call).toThrow(message);
  });
});
