/** The public formula API: bindings, data columns, gradients, Jacobians, Hessians and their error messages. */
import { describe, expect, test } from "@jest/globals";
import { EngineError } from "../../../src/engine/errors";
import {
  compileFormula,
  evaluateFormula,
  formulaGradient,
  formulaHessian,
  formulaJacobian,
} from "../../../src/engine/formula";

function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return (e as Error).message;
  }
  throw new Error("expected an EngineError");
}

describe("compileFormula", () => {
  test("names are lower-cased, in first-appearance order, without function names", () => {
    expect(compileFormula("=AVERAGE((A*x+b-Y)^2) + a*PI()").names).toEqual(["a", "x", "b", "y"]);
    expect(compileFormula("1+2").names).toEqual([]);
  });

  test("compiles once: the same string gives the same compiled formula", () => {
    expect(compileFormula("a*x+b")).toBe(compileFormula("a*x+b"));
  });

  test("a plain { source, names } object (e.g. after structured cloning) still evaluates", () => {
    expect(evaluateFormula({ source: "a*2", names: ["a"] }, { a: 4 })).toBe(8);
  });
});

describe("data columns", () => {
  // x = [1, 2, 3], y = [32, 34, 36], a = b = 1: residuals r = a·x + b − y = [−30, −31, −32].
  const bindings = { a: 1, b: 1, x: [1, 2, 3], y: [32, 34, 36] };

  test("elementwise values come back one per row", () => {
    expect(evaluateFormula("a*x+b-y", bindings)).toEqual([-30, -31, -32]);
  });

  test("AVERAGE of the squared residuals is the full-batch loss, with its gradient", () => {
    // L = (900 + 961 + 1024)/3 = 2885/3; dL/da = 2·mean(r·x) = 2·(−30 − 62 − 96)/3 = −376/3;
    // dL/db = 2·mean(r) = 2·(−93)/3 = −62.
    const { value, gradient } = formulaGradient("AVERAGE((a*x+b-y)^2)", bindings, ["a", "b"]);
    expect(value).toBeCloseTo(2885 / 3, 12);
    expect(gradient[0]).toBeCloseTo(-376 / 3, 12);
    expect(gradient[1]).toBeCloseTo(-62, 12);
  });

  test("SUM reduces; AVERAGE over several arguments averages every value", () => {
    expect(evaluateFormula("SUM(x)", bindings)).toBe(6);
    expect(evaluateFormula("AVERAGE(x, 10)", bindings)).toBe(4); // (1+2+3+10)/4
    expect(evaluateFormula("MAX(x, y)", bindings)).toBe(36); // Excel's MAX reduces all arguments
    expect(evaluateFormula("MAXIMUM(x, 2)", bindings)).toEqual([2, 2, 3]); // the elementwise extension
  });

  test("a one-value list counts as a scalar", () => {
    expect(evaluateFormula("a*x", { a: [3], x: [1, 2] })).toEqual([3, 6]);
    expect(formulaGradient("a^2", { a: [3] }, ["a"]).gradient).toEqual([6]);
  });

  test("columns of different lengths are refused, naming both", () => {
    expect(messageOf(() => evaluateFormula("x - y", { x: [1, 2, 3], y: [1, 2] }))).toBe(
      "y has 2 values but x has 3",
    );
  });

  test("a vector where one loss is needed is refused", () => {
    expect(messageOf(() => formulaGradient("(a*x+b-y)^2", bindings, ["a"]))).toBe(
      "formula gives 3 values; wrap it in SUM or AVERAGE to get one loss",
    );
    expect(messageOf(() => formulaJacobian(["a", "a*x"], bindings, ["a"]))).toBe(
      "formula 2 gives 3 values; wrap it in SUM or AVERAGE to get one loss",
    );
    expect(messageOf(() => formulaHessian("x*a", bindings, ["a"]))).toBe(
      "formula gives 3 values; wrap it in SUM or AVERAGE to get one loss",
    );
  });
});

describe("bindings", () => {
  test("keys match names case-insensitively", () => {
    expect(evaluateFormula("Rate*X", { rate: 2, x: 5 })).toBe(10);
    expect(formulaGradient("w^3", { W: 2 }, ["w"]).gradient).toEqual([12]);
  });

  test("binding errors", () => {
    expect(messageOf(() => evaluateFormula("a + Cost", { a: 1 }))).toBe('Unknown name "Cost" at 5');
    expect(messageOf(() => evaluateFormula("=a*c + c", { a: 1 }))).toBe('Unknown name "c" at 4');
    expect(messageOf(() => evaluateFormula("a", { a: NaN }))).toBe("a must be a finite number, got NaN");
    expect(messageOf(() => evaluateFormula("x", { x: [1, Infinity] }))).toBe(
      "x[2] must be a finite number, got Infinity",
    );
    expect(messageOf(() => evaluateFormula("x", { x: [] }))).toBe("x has no values");
    expect(messageOf(() => evaluateFormula("x", { x: 1, X: 2 }))).toBe(
      'bindings "x" and "X" name the same variable',
    );
    expect(messageOf(() => formulaGradient("a", { a: 1 }, ["b"]))).toBe('wrt name "b" is not bound');
    expect(messageOf(() => formulaGradient("SUM(x)", { x: [1, 2] }, ["x"]))).toBe(
      'wrt name "x" is bound to 2 values; only a scalar can be differentiated',
    );
    expect(messageOf(() => compileFormula(3 as unknown as string))).toBe("formula must be a string");
    expect(messageOf(() => evaluateFormula("x", { x: "7" as unknown as number }))).toBe(
      "x must be a number or a list of numbers",
    );
  });

  test("unused bindings are ignored; a wrt name the formula does not use has gradient 0", () => {
    expect(formulaGradient("a*2", { a: 1, b: 5, junk: [1, 2, 3, 4] }, ["a", "b"]).gradient).toEqual([2, 0]);
  });

  test("evaluation with new bindings reuses the compiled formula", () => {
    const f = compileFormula("(a*x+b-y)^2");
    expect(evaluateFormula(f, { a: 2, b: 30, x: 1, y: 32 })).toBe(0);
    expect(evaluateFormula(f, { a: 1, b: 1, x: 1, y: 32 })).toBe(900);
  });
});

describe("Jacobian and Hessian", () => {
  test("the seed example: f(x, y) = [x²y, 5x + sin y] has J = [[2xy, x²], [5, cos y]]", () => {
    const x = 1.5;
    const y = -0.4;
    const { values, jacobian } = formulaJacobian(["x^2*y", "5*x + SIN(y)"], { x, y }, ["x", "y"]);
    expect(values[0]).toBeCloseTo(x * x * y, 15);
    expect(values[1]).toBeCloseTo(5 * x + Math.sin(y), 15);
    expect(jacobian[0]?.[0]).toBeCloseTo(2 * x * y, 15);
    expect(jacobian[0]?.[1]).toBeCloseTo(x * x, 15);
    expect(jacobian[1]?.[0]).toBeCloseTo(5, 15);
    expect(jacobian[1]?.[1]).toBeCloseTo(Math.cos(y), 15);
  });

  test("Hessians of the seed's components: [[2y, 2x], [2x, 0]] and [[0, 0], [0, −sin y]]", () => {
    const x = 1.5;
    const y = -0.4;
    expect(formulaHessian("x^2*y", { x, y }, ["x", "y"]).hessian).toEqual([
      [2 * y, 2 * x],
      [2 * x, 0],
    ]);
    const h = formulaHessian("5*x + SIN(y)", { x, y }, ["x", "y"]).hessian;
    expect(h[0]).toEqual([0, 0]);
    expect(h[1]?.[0]).toBe(0);
    expect(h[1]?.[1]).toBeCloseTo(-Math.sin(y), 15);
  });

  test("Rosenbrock's Hessian matches its closed form", () => {
    // f = 100(y − x²)² + (1 − x)²: f_x = −400x(y − x²) − 2(1 − x), f_y = 200(y − x²);
    // f_xx = 1200x² − 400y + 2, f_xy = −400x, f_yy = 200.
    for (const [x, y] of [
      [1, 1],
      [-1.2, 1],
      [0.3, -2.5],
    ] as const) {
      const r = formulaHessian("100*(y-x^2)^2 + (1-x)^2", { x, y }, ["x", "y"]);
      expect(r.value).toBeCloseTo(100 * (y - x * x) ** 2 + (1 - x) ** 2, 12);
      expect(r.gradient[0]).toBeCloseTo(-400 * x * (y - x * x) - 2 * (1 - x), 11);
      expect(r.gradient[1]).toBeCloseTo(200 * (y - x * x), 11);
      expect(r.hessian[0]?.[0]).toBeCloseTo(1200 * x * x - 400 * y + 2, 11);
      expect(r.hessian[0]?.[1]).toBeCloseTo(-400 * x, 11);
      expect(r.hessian[1]?.[0]).toBeCloseTo(-400 * x, 11);
      expect(r.hessian[1]?.[1]).toBeCloseTo(200, 11);
    }
  });

  test("the full-batch least-squares Hessian is 2·[[mean x², mean x], [mean x, 1]] at any a, b", () => {
    // L = mean((a x + b − y)²) is quadratic in (a, b); x = [1, 2, 3]: mean x² = 14/3, mean x = 2.
    const r = formulaHessian("AVERAGE((a*x+b-y)^2)", { a: 0.3, b: -2, x: [1, 2, 3], y: [5, 1, 4] }, [
      "a",
      "b",
    ]);
    expect(r.hessian[0]?.[0]).toBeCloseTo(28 / 3, 13);
    expect(r.hessian[0]?.[1]).toBeCloseTo(4, 13);
    expect(r.hessian[1]?.[0]).toBeCloseTo(4, 13);
    expect(r.hessian[1]?.[1]).toBeCloseTo(2, 13);
  });

  test("a formula not depending on the wrt names has zero gradient and Hessian", () => {
    expect(formulaHessian("3", { a: 1 }, ["a"])).toEqual({ value: 3, gradient: [0], hessian: [[0]] });
  });
});
