/**
 * The compiled kernels (the fast path of LOSS, GRAD, JACOBIAN, GRADCHECK) against the autograd tape (the
 * reference path, whose ops are checked against PyTorch and closed forms elsewhere) on random formulas over
 * every function of the language, with data columns and scalars, at points chosen to hit the special cases
 * of the rules: ties of MAX/MIN/MAXIMUM, kinks of ABS/RELU at 0, 0^0, powers of a zero or negative base,
 * LOG with base 10, 2 or any other, divisions by zero. The kernels repeat the tape's operations in the
 * tape's order, so the comparison is exact: the same float64 bits (Object.is, so NaN = NaN and 0 ≠ −0).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import {
  evaluateFormula,
  evaluateOnTape,
  formulaGradient,
  formulaJacobian,
  gradientOnTape,
  programOf,
} from "../../../src/engine/formula";

const SCALARS = ["a", "b", "c"]; // a, b differentiated; c a plain scalar
const COLUMNS = ["x", "y"];

const leaf = fc.oneof(
  fc.constantFrom(...SCALARS, ...COLUMNS),
  fc.constantFrom("0", "1", "2", "10", "0.5", "3", "PI()", "50%"),
);

const UNARY = [
  "EXP",
  "LN",
  "LOG",
  "LOG10",
  "SQRT",
  "ABS",
  "SIN",
  "COS",
  "TAN",
  "TANH",
  "SINH",
  "COSH",
  "ATAN",
  "SIGMOID",
  "RELU",
  "SOFTPLUS",
  "SUM",
  "AVERAGE",
  "MAX",
  "MIN",
];
const BINARY_CALLS = ["POWER", "MAXIMUM", "MINIMUM", "LOG", "SUM", "AVERAGE", "MAX", "MIN"];

const formula: fc.Memo<string> = fc.memo((depth) => {
  if (depth <= 1) return leaf;
  const sub = formula(depth - 1);
  return fc.oneof(
    leaf,
    fc.tuple(fc.constantFrom(...UNARY), sub).map(([f, e]) => `${f}(${e})`),
    fc.tuple(fc.constantFrom(...BINARY_CALLS), sub, sub).map(([f, l, r]) => `${f}(${l}, ${r})`),
    fc.tuple(fc.constantFrom("+", "-", "*", "/", "^"), sub, sub).map(([op, l, r]) => `(${l})${op}(${r})`),
    fc.tuple(sub, sub, sub).map(([p, q, r]) => `SUM(${p}, ${q}, ${r})`),
    fc.tuple(sub, sub, sub).map(([p, q, r]) => `MAX(${p}, ${q}, ${r})`),
    sub.map((e) => `-(${e})`),
    sub.map((e) => `(${e})%`),
  );
});

/** Values where the rules have special cases, and ordinary ones. */
const value = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 10, 0.5, -2.5),
  fc.double({ min: -4, max: 4, noNaN: true }),
);

const scenario = fc.record({
  text: formula(4),
  a: value,
  b: value,
  c: value,
  rows: fc.integer({ min: 2, max: 5 }),
  columns: fc.array(value, { minLength: 10, maxLength: 10 }),
});

type Scenario = {
  a: number;
  b: number;
  c: number;
  rows: number;
  columns: number[];
};

function bindingsOf(s: Scenario): Record<string, number | number[]> {
  return {
    a: s.a,
    b: s.b,
    c: s.c,
    x: s.columns.slice(0, s.rows),
    y: s.columns.slice(5, 5 + s.rows),
  };
}

/** The outcome of a call: its numbers, or the message it threw (the paths must agree on errors too). */
function outcome<T>(run: () => T): T | { error: string } {
  try {
    return run();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function expectSameBits(actual: unknown, expected: unknown): void {
  if (typeof expected === "number") {
    expect(Object.is(actual, expected)).toBe(true);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    const list = actual as unknown[];
    expect(list.length).toBe(expected.length);
    expected.forEach((e, i) => expectSameBits(list[i], e));
  } else if (typeof expected === "object" && expected !== null) {
    expect(typeof actual).toBe("object");
    for (const key of Object.keys(expected)) {
      expectSameBits((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]);
    }
  } else {
    expect(actual).toEqual(expected);
  }
}

describe("compiled kernels = autograd tape, bit for bit", () => {
  test("values (LOSS): random formulas over scalars and columns", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const bindings = bindingsOf(s);
        const expected = outcome(() => evaluateOnTape(programOf(s.text), bindings));
        expectSameBits(
          outcome(() => evaluateFormula(s.text, bindings)),
          expected,
        );
      }),
      { numRuns: 1500, seed: 20261202 },
    );
  });

  test("gradients (GRAD) with respect to a and b", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const bindings = bindingsOf(s);
        const text = `SUM(${s.text})`;
        const expected = outcome(() => gradientOnTape(programOf(text), bindings, ["a", "b"]));
        expectSameBits(
          outcome(() => formulaGradient(text, bindings, ["a", "b"])),
          expected,
        );
      }),
      { numRuns: 1500, seed: 7 },
    );
  });

  test("a name used many times gets its contributions in the tape's order", () => {
    fc.assert(
      fc.property(fc.array(formula(3), { minLength: 2, maxLength: 4 }), value, value, (parts, a, b) => {
        const text = parts.map((p) => `(${p})*a`).join("+") + "+a*a*b";
        const bindings = { a, b, c: 0.25, x: [0.5, -1, 2], y: [3, 0, -0.5] };
        const expected = outcome(() => gradientOnTape(programOf(`SUM(${text})`), bindings, ["a", "b"]));
        expectSameBits(
          outcome(() => formulaGradient(`SUM(${text})`, bindings, ["a", "b"])),
          expected,
        );
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  test("JACOBIAN rows equal the tape's gradients of each formula", () => {
    fc.assert(
      fc.property(formula(3), formula(3), value, value, (f1, f2, a, b) => {
        const bindings = { a, b, c: 2, x: [1, 0, -1], y: [0.5, 2, 10] };
        const formulas = [`SUM(${f1})`, `AVERAGE(${f2})`];
        const expected = outcome(() => ({
          values: formulas.map((f) => gradientOnTape(programOf(f), bindings, ["a", "b"]).value),
          jacobian: formulas.map((f) => gradientOnTape(programOf(f), bindings, ["a", "b"]).gradient),
        }));
        const actual = outcome(() => formulaJacobian(formulas, bindings, ["a", "b"]));
        if ("error" in expected) expect("error" in actual).toBe(true);
        else expectSameBits(actual, expected);
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  test("Math.pow(x, 2) is x·x and Math.pow(x, 1) is x (what the kernels' square rule relies on)", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(Object.is(Math.pow(x, 2), x * x)).toBe(true);
        expect(Object.is(Math.pow(x, 1), x)).toBe(true);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });
});
