/**
 * "Bad input gets a clear error, never a crash, a hang, or silently wrong numbers" for the engine's
 * text and number inputs (fast-check):
 *
 * (a) The formula language. Arbitrary strings (any Unicode, and strings over the language's own
 *     characters), and valid formulas mutated by random insertions/deletions of ( ) , ^ - + * / % . digits
 *     letters quotes and spaces, fed to compileFormula, evaluateFormula, formulaGradient and formulaHessian:
 *     the only thing ever thrown is an EngineError (FormulaError is a subclass) with a non-empty message;
 *     a successful evaluation returns a number or an array of numbers. Inputs are bounded (<= 120
 *     characters, <= 6 mutations) and every call finishes within jest's timeout, so a hang fails the test.
 *     NaN and ±Infinity in results are allowed where the mathematics gives them and only there: LN/LOG of
 *     0 or a negative number, SQRT of a negative, 0/0 and x/0, a negative base to a fractional POWER or ^,
 *     EXP/SINH/COSH/^ beyond 1.8e308, and the derivatives at such points (d/dx SQRT at 0, ...). The last
 *     test pins that: with every variable in [0.5, 2] and formulas built only from functions that are
 *     finite there, every value and derivative is finite.
 * (c) Optimizer steps: random finite params, grads and hyper-parameters (any double, including 1e308 and
 *     subnormals) through every registry optimizer either give finite params and state cells or throw an
 *     EngineError (a bad hyper-parameter, or "<name> step overflows: ..." when lr·g or g² leaves the
 *     doubles).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { EngineError } from "../../src/engine/errors";
import {
  compileFormula,
  evaluateFormula,
  formulaGradient,
  formulaHessian,
  type Bindings,
} from "../../src/engine/formula";
import { getOptimizer, OPTIMIZER_NAMES } from "../../src/engine/optim";
import { getSchedule, learningRate, SCHEDULE_NAMES } from "../../src/engine/schedules";

const VALID_FORMULAS = [
  "AVERAGE((a*x+b-y)^2)",
  "=SUM((a*x + b - y)^2)/2",
  "LOG(a, 2) + EXP(-b)",
  "-a^2 + 50%",
  "POWER(a, b) + SQRT(ABS(c))",
  "SIGMOID(a)*RELU(b)+SOFTPLUS(c)",
  "MAX(a, b, 3) - MIN(x, 1)",
  "MAXIMUM(a, x) * MINIMUM(b, y)",
  "TANH(a) + SINH(b) - COSH(c) + ATAN(a*b) + SIN(a) * COS(b) / TAN(c)",
  "LN(a^2 + 1) + LOG10(b^2 + 1) + PI()",
  "2^3^2 - 1.5e-3 + .5",
];
const LANGUAGE_CHARACTERS = "()+-*/^%,.eE0123456789abcxyLNOGSUMPAVERIT \"'=;:_";

const mutatedFormula: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...VALID_FORMULAS),
    fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.constantFrom(...LANGUAGE_CHARACTERS)), { maxLength: 6 }),
  )
  .map(([formula, edits]) => {
    let text = formula;
    for (const [insert, at, character] of edits) {
      const i = at % (text.length + 1);
      text = insert ? text.slice(0, i) + character + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
    }
    return text;
  });

const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...LANGUAGE_CHARACTERS), maxLength: 120 }),
  mutatedFormula,
  mutatedFormula,
);

/** A binding as a cell would give it: any double, or a short data column. */
const binding: fc.Arbitrary<number | number[]> = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double(),
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 3 }),
);

function isEngineFailure(error: unknown): boolean {
  return error instanceof EngineError && error.message.length > 0;
}

function isNumberResult(value: unknown): boolean {
  if (typeof value === "number") return true;
  return Array.isArray(value) && value.every((v) => typeof v === "number");
}

/** Runs `body`; anything thrown must be an EngineError. Returns whether it succeeded. */
function succeeds(body: () => void): boolean {
  try {
    body();
    return true;
  } catch (error) {
    if (!isEngineFailure(error)) throw error;
    return false;
  }
}

describe("(a) formula strings: only EngineError, numbers otherwise", () => {
  test("compileFormula on arbitrary and mutated strings", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        succeeds(() => {
          const compiled = compileFormula(text);
          expect(compiled.names.every((n) => n === n.toLowerCase())).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  test("evaluateFormula, formulaGradient, formulaHessian with bindings for the names the formula reads", () => {
    let evaluated = 0;
    fc.assert(
      fc.property(anyText, fc.array(binding, { minLength: 6, maxLength: 6 }), (text, values) => {
        let names: readonly string[] = [];
        if (!succeeds(() => (names = compileFormula(text).names))) return;
        const bindings: Record<string, number | number[]> = {};
        names.forEach((name, i) => (bindings[name] = values[i % values.length] as number | number[]));
        const scalars = names.filter((name) => typeof bindings[name] === "number");
        if (succeeds(() => expect(isNumberResult(evaluateFormula(text, bindings as Bindings))).toBe(true))) {
          evaluated++;
        }
        succeeds(() => {
          const { value, gradient } = formulaGradient(text, bindings, scalars);
          expect(typeof value).toBe("number");
          expect(gradient).toHaveLength(scalars.length);
        });
        succeeds(() => {
          const { hessian } = formulaHessian(text, bindings, scalars.slice(0, 3));
          expect(hessian).toHaveLength(Math.min(3, scalars.length));
        });
      }),
      { numRuns: 400 },
    );
    // The mutated formulas keep enough valid ones that the evaluation paths really run.
    expect(evaluated).toBeGreaterThan(25); // typically 65-85 of 400
  });

  test("bindings of the wrong kind (strings, objects, nested lists, NaN) are EngineErrors too", () => {
    const strange = fc.oneof(
      fc.constantFrom<unknown>(NaN, Infinity, -Infinity, "1", null, undefined, true, {}, [], [[1]], [1, "2"]),
      fc.array(fc.double(), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...VALID_FORMULAS), strange, fc.nat(), (text, bad, pick) => {
        const names = compileFormula(text).names;
        if (names.length === 0) return;
        const bindings: Record<string, unknown> = {};
        names.forEach((name) => (bindings[name] = 1.5));
        bindings[names[pick % names.length] as string] = bad;
        succeeds(() => void evaluateFormula(text, bindings as Bindings));
        succeeds(() => void formulaGradient(text, bindings as Bindings, names));
      }),
      { numRuns: 300 },
    );
  });

  test("where every function is finite (variables in [0.5, 2], no division by a variable), results are finite", () => {
    // Each of these is smooth and finite for a, b, c in [0.5, 2]: no log/sqrt of a non-positive number, no
    // division by something that can be 0, no overflow; so a NaN/Infinity here would be a wrong number.
    const smooth = fc.constantFrom(
      "AVERAGE((a*b+c-1)^2)",
      "LN(a) + SQRT(b) + LOG(c, 2)",
      "POWER(a, b) + a^c",
      "EXP(a) * SIGMOID(b) / (1 + c)",
      "TANH(a) + SINH(b) - COSH(c) + ATAN(a*b)",
      "MAX(a, b) - MIN(b, c) + SOFTPLUS(a - c)",
      "a/b + b/c + c/a",
      "-a^2 + 50% * b",
    );
    const positive = fc.double({ min: 0.5, max: 2, noNaN: true });
    fc.assert(
      fc.property(smooth, positive, positive, positive, (text, a, b, c) => {
        const bindings = { a, b, c };
        const value = evaluateFormula(text, bindings) as number;
        const { gradient } = formulaGradient(text, bindings, ["a", "b", "c"]);
        const { hessian } = formulaHessian(text, bindings, ["a", "b", "c"]);
        for (const v of [value, ...gradient, ...hessian.flat()]) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("(c) optimizer steps: finite numbers or an EngineError", () => {
  const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const moderate = fc.double({ min: -1e3, max: 1e3, noNaN: true });

  test.each(OPTIMIZER_NAMES.map((name) => [name]))("%s", (name) => {
    const spec = getOptimizer(name);
    const hyperValue = fc.oneof(anyFinite, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean());
    const hyper = fc.dictionary(fc.constantFrom(...spec.hyperNames), hyperValue, {
      maxKeys: spec.hyperNames.length,
    });
    // Eve's step takes the loss at params; any positive loss will do here.
    const loss = spec.needsLoss ? 1 : undefined;
    let finiteSteps = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(anyFinite, moderate), fc.oneof(anyFinite, moderate)), {
          minLength: 1,
          maxLength: 3,
        }),
        hyper,
        fc.integer({ min: 1, max: 3 }),
        (pairs, hyperInput, steps) => {
          const grads = pairs.map(([, g]) => g);
          let params = pairs.map(([p]) => p);
          succeeds(() => {
            let state = spec.initialState(params.length, hyperInput);
            for (let i = 0; i < steps; i++) {
              const result = spec.step(params, grads, state, hyperInput, loss);
              const cells = [...result.params, ...spec.stateToCells(result.state)];
              expect(cells.every(Number.isFinite)).toBe(true);
              params = result.params;
              state = result.state;
              finiteSteps++;
            }
          });
        },
      ),
      { numRuns: 300 },
    );
    expect(finiteSteps).toBeGreaterThan(20);
  });

  test("an overflowing step names the optimizer, the cell and the value", () => {
    // 1e308 − 10 · 1e308 = −9e308, beyond the largest double (1.8e308): plain SGD overflows to −Infinity.
    expect(() =>
      getOptimizer("sgd").step([1e308], [1e308], getOptimizer("sgd").initialState(1), { lr: 10 }),
    ).toThrow(
      new EngineError("sgd step overflows: params[1] becomes -Infinity; use a smaller lr or smaller values"),
    );
    // Adam's second moment (1 − β2)·g² with g = 1e200 is 1e397 → Infinity (m stays finite: 0.1·1e200).
    const adam = getOptimizer("adam");
    expect(() => adam.step([0, 0], [1, 1e200], adam.initialState(2), {})).toThrow(
      new EngineError("adam step overflows: v[2] becomes Infinity; use a smaller lr or smaller values"),
    );
  });
});

describe("learning-rate schedules: a finite rate or an EngineError, never a hang", () => {
  test("every schedule, random parameters, steps up to and past 2^53", () => {
    // Every registered schedule (the registry test pins the list itself).
    const names = SCHEDULE_NAMES;
    // Mostly plausible values (so the schedules really compute), some hostile ones.
    const number = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) },
      { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
      { weight: 1, arbitrary: fc.constantFrom(0, 1.0000000000000002, 1e-300, 1e300) },
    );
    const option = fc.oneof(
      { weight: 8, arbitrary: number },
      { weight: 1, arbitrary: fc.boolean() },
      { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 4 }) },
    );
    const step = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 1000 }) },
      { weight: 1, arbitrary: fc.constantFrom(2 ** 53 - 1, 2 ** 53, 1e300, 7e15) },
      { weight: 1, arbitrary: fc.double({ min: 0, max: 1e20, noNaN: true }).map(Math.floor) },
    );
    let finite = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        number,
        step,
        fc.array(option, { maxLength: 6 }),
        (name, lr0, at, values) => {
          const spec = getSchedule(name);
          const options: Record<string, number | boolean | readonly number[]> = {};
          values.forEach((v, i) => {
            const param = spec.params[i];
            if (param) options[param.name] = v;
          });
          if (succeeds(() => expect(Number.isFinite(learningRate(name, lr0, at, options))).toBe(true)))
            finite++;
        },
      ),
      { numRuns: 500 },
    );
    // About 60 of the 500 calls succeed (most failures: a required parameter left out or out of range).
    expect(finite).toBeGreaterThan(20);
  });
});
