/**
 * Every switch of every function — the boolean arguments in the metadata (nesterov, amsgrad, decoupled,
 * centered), every schedule's switch in LR_DECAY (staircase, cycle, three_phase) and every optimizer's
 * switch in options text — × {TRUE, FALSE, 1, 0, 2, "yes", ""}: TRUE and 1 mean the same, FALSE and 0 the
 * same, "" is the default, and 2 or "yes" is #VALUE! naming the argument.
 */
import { describe, expect, test } from "@jest/globals";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { join } from "node:path";
import { getOptimizer, OPTIMIZER_NAMES } from "../../src/engine/optim";
import { getSchedule, SCHEDULE_NAMES } from "../../src/engine/schedules";
import * as functions from "../../src/functions/functions";
import { CellValueError } from "../../src/functions/excel-errors";

/* global __dirname */
const SOURCE = join(__dirname, "..", "..", "src", "functions", "functions.ts");

type Outcome = { value: unknown } | { error: string };
function outcome(body: () => unknown): Outcome {
  try {
    return { value: body() };
  } catch (error) {
    expect(error).toBeInstanceOf(CellValueError);
    return { error: (error as Error).message };
  }
}

/** Checks one switch given a way to compute with it set to a value (null = omitted). */
function checkSwitch(name: string, run: (value: unknown) => Outcome, inCells = true): void {
  const on = run(true);
  const off = run(false);
  expect(on).toHaveProperty("value");
  expect(run(1)).toEqual(on);
  expect(run(0)).toEqual(off);
  if (inCells) expect(run("")).toEqual(run(null));
  expect(run(2)).toEqual({ error: `${name} must be TRUE or FALSE, got 2` });
  if (inCells) expect(run("yes")).toEqual({ error: `${name} must be TRUE or FALSE, got "yes"` });
}

const fns = functions as unknown as Record<string, (...args: unknown[]) => unknown>;

/** Values that make each optimizer switch change the result within two steps. */
const STEP_VALUES: Record<string, unknown> = { lr: 0.1, momentum: 0.9, weight_decay: 0.1 };

describe("boolean arguments of the step functions (from the generated metadata)", () => {
  test('each of them: TRUE ≡ 1, FALSE ≡ 0, blank ≡ omitted, 2 and "yes" refused', async () => {
    const result = await generateCustomFunctionsMetadata(SOURCE, false);
    const metadata = JSON.parse(result.metadataJson) as {
      functions: { id: string; parameters: { name: string; type?: string }[] }[];
    };
    const switches = metadata.functions.flatMap((fn) =>
      fn.parameters.filter((p) => p.type === "boolean").map((p) => [fn.id, p.name, fn.parameters] as const),
    );
    expect(switches.map(([id, name]) => `${id}.${name}`)).toEqual([
      "GD_STEP.nesterov",
      "ADAM_STEP.amsgrad",
      "ADAM_STEP.decoupled",
      "RMSPROP_STEP.centered",
    ]);
    for (const [id, name, parameters] of switches) {
      const fn = fns[id] as (...args: unknown[]) => number[][];
      const args = (value: unknown, params: unknown, grads: unknown, state: unknown): unknown[] =>
        parameters.map((p) => {
          if (p.name === name) return value;
          if (p.name === "params") return params;
          if (p.name === "grads") return grads;
          if (p.name === "state") return state;
          return STEP_VALUES[p.name] ?? null;
        });
      // Two steps: a large gradient, then a small one (so AMSGrad's running maximum matters).
      const run = (value: unknown): Outcome =>
        outcome(() => {
          const first = fn(...args(value, [[1, 2]], [[5, -5]], null));
          const row = first[0] as number[];
          return fn(...args(value, [row.slice(0, 2)], [[0.5, -1]], [row.slice(2)]));
        });
      checkSwitch(name, run);
      expect(run(true)).not.toEqual(run(false));
    }
  });

  test("ADAM_STEP decoupled = 1 runs AdamW (hand-derived first step)", () => {
    // ADAM_STEP({1,2},{0.5,-1},,0.1,,,,0.1,,1). First Adam step: m̂ = g, v̂ = g², so the step is lr·g/(|g|+ε).
    // AdamW decays first: p ← p(1 − lr·wd) = 0.99, then 0.99 − 0.1·0.5/(0.5 + 1e-8).
    // Plain Adam adds wd·p to g instead: g = 0.5 + 0.1 = 0.6, p ← 1 − 0.1·0.6/(0.6 + 1e-8).
    const step = (decoupled: unknown) =>
      (
        functions.ADAM_STEP(
          [[1, 2]],
          [[0.5, -1]],
          null as never,
          0.1,
          null as never,
          null as never,
          null as never,
          0.1,
          null as never,
          decoupled as boolean,
        )[0] as number[]
      )[0] as number;
    const adamw = 0.99 - (0.1 * 0.5) / (0.5 + 1e-8);
    const adam = 1 - (0.1 * 0.6) / (0.6 + 1e-8);
    expect(step(1)).toBeCloseTo(adamw, 12);
    expect(step(true)).toBeCloseTo(adamw, 12);
    expect(step(0)).toBeCloseTo(adam, 12);
    expect(step(null)).toBeCloseTo(adam, 12);
  });
});

describe("schedule switches in LR_DECAY", () => {
  /** Values for the required parameters, so the call is valid. */
  const REQUIRED: Record<string, number> = { decay_steps: 10, decay_rate: 0.5, total_steps: 100 };
  const cases = SCHEDULE_NAMES.flatMap((schedule) =>
    getSchedule(schedule)
      .params.filter((p) => typeof p.default === "boolean")
      .map((p) => [schedule, p.name] as const),
  );

  test("every schedule switch is covered: six of them", () => {
    expect(cases.map(([schedule, name]) => `${schedule}.${name}`)).toEqual([
      "exponential.staircase",
      "polynomial.cycle",
      "inverse_time.staircase",
      "natural_exp.staircase",
      "one_cycle_cos.three_phase",
      "one_cycle_linear.three_phase",
    ]);
  });

  test.each(cases)("%s %s", (schedule, name) => {
    const params = getSchedule(schedule).params;
    const run = (value: unknown): Outcome =>
      outcome(() =>
        [15, 25, 60, 95].map((step) =>
          functions.LR_DECAY(
            0.1,
            step,
            schedule,
            params.map((p) => (p.name === name ? value : (REQUIRED[p.name] ?? null))),
          ),
        ),
      );
    checkSwitch(name, run);
    expect(run(true)).not.toEqual(run(false));
  });
});

describe("optimizer switches in options text", () => {
  const cases = OPTIMIZER_NAMES.flatMap((optimizer) =>
    Object.entries(getOptimizer(optimizer).defaults)
      .filter(([, value]) => typeof value === "boolean")
      .map(([name]) => [optimizer, name] as const),
  );

  test("there are switches to check: four of them", () => {
    expect(cases.map(([optimizer, name]) => `${optimizer}.${name}`)).toEqual([
      "sgd.nesterov",
      "rmsprop.centered",
      "adam.amsgrad",
      "adamw.amsgrad",
    ]);
  });

  test.each(cases)("%s %s", (optimizer, name) => {
    const run = (value: unknown): Outcome =>
      outcome(() => {
        const extra = optimizer === "sgd" ? "momentum=0.9, " : ""; // Nesterov needs momentum
        const text = extra + (value === null ? "" : `${name}=${String(value)}`);
        return functions.OPTIM_STEP(optimizer, [[1, 2]], [[0.5, -1]], null as never, 0.1, text);
      });
    checkSwitch(name, run, false);
    // Options text is text: "yes" is not a value there, nor is nothing; the messages name the option.
    expect(run("yes")).toEqual({ error: `options: ${name} must be a number, got "yes"` });
    expect(run("")).toEqual({ error: `options: "${name}=" is not name=value` });
  });
});
