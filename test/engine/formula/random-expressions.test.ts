/**
 * Property-based checks on randomly generated formulas (fast-check). Each generated expression carries its
 * formula text and an independent JavaScript evaluation (Math.*) of the same tree, so the checks are:
 *  1. the parser/compiler evaluates the text to what the tree means (Excel precedence respected);
 *  2. formulaGradient agrees with centred differences (f(v+h) − f(v−h))/2h, h = 1e-5, computed here;
 *  3. formulaHessian agrees with centred differences of formulaGradient, and is symmetric.
 * The domain is safe by construction: every function is applied where it is smooth and finite
 * (LN(1 + e²), SQRT(1 + e²), EXP(SIN e), division by 1.5 + SIN e, ...), and magnitudes stay moderate (powers
 * and products of squashed operands: ATAN(e)^2, e·TANH(e)), so that no generated function oscillates on the
 * scale of h, where centred differences themselves would be wrong; kinked functions (ABS, RELU, MAX,
 * MIN) are left to the closed-form and PyTorch tests, since a random point within h of a kink would make
 * finite differences disagree legitimately.
 * Tolerance: |autograd − numeric| <= 1e-6 · (1 + |autograd|) for gradients (centred-difference error is
 * ~1e-10·|f'''| + 1e-11·|f|, far below), 1e-4 · (1 + |H|) for Hessians (differences of gradients).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { evaluateFormula, formulaGradient, formulaHessian } from "../../../src/engine/formula";

type Env = Record<"a" | "b" | "c", number>;
interface Expr {
  text: string;
  value: (env: Env) => number;
}

const NAMES = ["a", "b", "c"] as const;

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(...NAMES).map((n) => ({ text: n, value: (env: Env) => env[n] })),
  fc.integer({ min: 1, max: 30 }).map((k) => ({ text: String(k / 10), value: () => k / 10 })),
  // Excel precedence cases: unary minus binds tighter than ^; % comes before ^.
  fc.constantFrom(...NAMES).map((n) => ({ text: `-${n}^2`, value: (env: Env) => (-env[n]) ** 2 })),
  fc.constantFrom(...NAMES).map((n) => ({ text: `${n}*50%`, value: (env: Env) => env[n] * 0.5 })),
);

const sig = (v: number): number => 1 / (1 + Math.exp(-v));

const unaries: [(t: string) => string, (v: number) => number][] = [
  [(t) => `SIN(${t})`, Math.sin],
  [(t) => `COS(${t})`, Math.cos],
  [(t) => `TANH(${t})`, Math.tanh],
  [(t) => `ATAN(${t})`, Math.atan],
  [(t) => `SIGMOID(${t})`, sig],
  [(t) => `SOFTPLUS(${t})`, (v) => Math.log1p(Math.exp(v))],
  [(t) => `EXP(SIN(${t}))`, (v) => Math.exp(Math.sin(v))],
  [(t) => `LN(1+(${t})^2)`, (v) => Math.log(1 + v * v)],
  [(t) => `SQRT(1+(${t})^2)`, (v) => Math.sqrt(1 + v * v)],
  [(t) => `LOG(2+SIN(${t}))`, (v) => Math.log10(2 + Math.sin(v))],
  [(t) => `LOG(3+COS(${t}), 2)`, (v) => Math.log2(3 + Math.cos(v))],
  [(t) => `SINH(TANH(${t}))`, (v) => Math.sinh(Math.tanh(v))],
  [(t) => `COSH(SIN(${t}))`, (v) => Math.cosh(Math.sin(v))],
  [(t) => `TAN(ATAN(${t})/2)`, (v) => Math.tan(Math.atan(v) / 2)],
  [(t) => `ATAN(${t})^2`, (v) => Math.atan(v) ** 2],
  [(t) => `(ATAN(${t}))^3`, (v) => Math.atan(v) ** 3],
  [(t) => `(${t})^2/(1+(${t})^2)`, (v) => (v * v) / (1 + v * v)],
  [(t) => `-(${t})`, (v) => -v],
  [(t) => `AVERAGE(${t}, 1)`, (v) => (v + 1) / 2],
];

const binaries: [(x: string, y: string) => string, (x: number, y: number) => number][] = [
  [(x, y) => `${x}+${y}`, (x, y) => x + y],
  [(x, y) => `${x}-(${y})`, (x, y) => x - y],
  [(x, y) => `(${x})*TANH(${y})`, (x, y) => x * Math.tanh(y)],
  [(x, y) => `(${x})/(1.5+SIN(${y}))`, (x, y) => x / (1.5 + Math.sin(y))],
  [(x, y) => `(1.5+SIN(${x}))^SIN(${y})`, (x, y) => (1.5 + Math.sin(x)) ** Math.sin(y)],
  [(x, y) => `POWER(1+ATAN(${x})^2, COS(${y}))`, (x, y) => (1 + Math.atan(x) ** 2) ** Math.cos(y)],
  [(x, y) => `SUM(${x}, ${y})`, (x, y) => x + y],
];

const expression: fc.Memo<Expr> = fc.memo((depth) => {
  if (depth <= 1) return leaf;
  const sub = expression(depth - 1);
  return fc.oneof(
    leaf,
    fc.tuple(fc.integer({ min: 0, max: unaries.length - 1 }), sub).map(([i, e]) => {
      const [text, fn] = unaries[i] as (typeof unaries)[number];
      return { text: text(e.text), value: (env: Env) => fn(e.value(env)) };
    }),
    fc.tuple(fc.integer({ min: 0, max: binaries.length - 1 }), sub, sub).map(([i, l, r]) => {
      const [text, fn] = binaries[i] as (typeof binaries)[number];
      return { text: text(l.text, r.text), value: (env: Env) => fn(l.value(env), r.value(env)) };
    }),
  );
});

const point = fc.record({
  a: fc.double({ min: -2, max: 2, noNaN: true }),
  b: fc.double({ min: -2, max: 2, noNaN: true }),
  c: fc.double({ min: -2, max: 2, noNaN: true }),
});

const H = 1e-5;

function centred(f: (env: Env) => number, env: Env, name: keyof Env): number {
  return (f({ ...env, [name]: env[name] + H }) - f({ ...env, [name]: env[name] - H })) / (2 * H);
}

function scalarValue(text: string, env: Env): number {
  return evaluateFormula(text, env) as number;
}

describe("random formulas", () => {
  test("evaluate to what their tree means", () => {
    fc.assert(
      fc.property(expression(5), point, (e, env) => {
        const expected = e.value(env);
        const actual = scalarValue(e.text, env);
        expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected)));
      }),
      { numRuns: 300 },
    );
  });

  test("formulaGradient agrees with centred differences", () => {
    fc.assert(
      fc.property(expression(5), point, (e, env) => {
        const { value, gradient } = formulaGradient(e.text, env, NAMES);
        expect(value).toBeCloseTo(e.value(env), 10);
        NAMES.forEach((name, i) => {
          const numeric = centred((v) => scalarValue(e.text, v), env, name);
          const analytic = gradient[i] as number;
          expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(analytic)));
        });
      }),
      { numRuns: 300 },
    );
  });

  test("formulaHessian agrees with centred differences of the gradient and is symmetric", () => {
    fc.assert(
      fc.property(expression(4), point, (e, env) => {
        const { hessian } = formulaHessian(e.text, env, NAMES);
        NAMES.forEach((name, j) => {
          const column = NAMES.map((_n, i) =>
            centred((v) => formulaGradient(e.text, v, NAMES).gradient[i] as number, env, name),
          );
          column.forEach((numeric, i) => {
            const analytic = hessian[i]?.[j] as number;
            expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(analytic)));
            expect(Math.abs(analytic - (hessian[j]?.[i] as number))).toBeLessThanOrEqual(
              1e-12 * (1 + Math.abs(analytic)),
            );
          });
        });
      }),
      { numRuns: 150 },
    );
  });
});
