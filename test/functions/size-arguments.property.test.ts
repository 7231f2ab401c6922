/**
 * Every size-like argument of every cell function (epochs, layer sizes, batch, seed, steps, step sizes,
 * milestones, cycle lengths) × {0, −1, 1.5, 1e9, 1e308, NaN} mixed with small valid sizes: each call either
 * returns finite numbers in exactly the shape the function announces (its descriptor's shape(), what the
 * workbench reserves) or fails with a cell error whose message names one of the function's arguments —
 * and no call does unbounded work: sizes past a sheet or the work budgets are refused before anything is
 * allocated (Jest's timeout would catch a hang; 1e9 epochs of XOR would take hours).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { cellFunction, runCell } from "../../src/functions/cell-functions";
import type { CellArgs, ShapeArgs } from "../../src/functions/cell-function";
import { CellValueError } from "../../src/functions/excel-errors";
import { getSchedule } from "../../src/engine/schedules";
import { XOR_X, XOR_Y } from "../fixtures/xor";

const HOSTILE = [0, -1, 1.5, 1e9, 1e308, NaN] as const;
const SIZE = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.constantFrom(1, 2, 3) },
);

const XOR = { X: XOR_X, Y: XOR_Y };

/** The descriptor's shape from literal arguments (what HyperFormula sees when each is typed). */
function announced(name: string, args: CellArgs): { width: number; height: number } | undefined {
  const fn = cellFunction(name);
  if (!fn.shape) return undefined;
  const cells = (v: unknown): number =>
    v === null || v === undefined
      ? 0
      : Array.isArray(v)
        ? (v as unknown[][]).reduce((n, r) => n + r.length, 0)
        : 1;
  const reader: ShapeArgs = {
    literal: (p) => {
      const v = args[p];
      return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : undefined;
    },
    cells: (p) => cells(args[p]),
    rows: (p) => (Array.isArray(args[p]) ? (args[p] as unknown[]).length : args[p] == null ? 0 : 1),
  };
  return fn.shape(reader);
}

async function expectSizedOutcome(name: string, args: CellArgs): Promise<void> {
  const argumentNames = cellFunction(name).params.map((p) => p.name);
  let result: unknown;
  try {
    result = await runCell(name, args);
  } catch (error) {
    expect(error).toBeInstanceOf(CellValueError);
    const message = (error as CellValueError).message;
    // The message names an argument (layers[1], epochs, step_size, ...) or the schedule's parameter.
    const named = [...argumentNames, ...scheduleParamNames(args)].some((arg) => message.includes(arg));
    if (!named) throw new Error(`${name} ${JSON.stringify(args)}: message names no argument: ${message}`);
    return;
  }
  const rows = typeof result === "number" ? [[result]] : (result as unknown[][]);
  for (const row of rows)
    for (const v of row) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
  const shape = announced(name, args);
  if (shape) {
    expect(rows.length).toBe(shape.height);
    expect(rows[0]?.length).toBe(shape.width);
  }
}

function scheduleParamNames(args: CellArgs): string[] {
  try {
    return typeof args["schedule"] === "string"
      ? getSchedule(args["schedule"]).params.map((p) => p.name)
      : [];
  } catch {
    return [];
  }
}

const RUNS = { numRuns: 60 };

describe("size-like arguments", () => {
  test("TRAIN_MLP: hidden layer size, epochs, batch, seed", async () => {
    await fc.assert(
      fc.asyncProperty(
        SIZE,
        SIZE,
        SIZE,
        SIZE,
        fc.constantFrom("loss", "params"),
        async (hidden, epochs, batch, seed, result) => {
          await expectSizedOutcome("TRAIN_MLP", {
            layers: `2,${hidden},1`,
            ...XOR,
            epochs,
            batch,
            seed,
            result,
          });
        },
      ),
      RUNS,
    );
  });

  test("TRAIN_MLP row mode, TRAIN_HEADERS and MLP_PREDICT: layer sizes", async () => {
    await fc.assert(
      fc.asyncProperty(SIZE, SIZE, async (inputs, hidden) => {
        const layers = `${inputs},${hidden},1`;
        await expectSizedOutcome("TRAIN_MLP", { layers, ...XOR });
        await expectSizedOutcome("TRAIN_HEADERS", { layers });
        const params = [new Array(9).fill(0.1)]; // right for 2,2,1 only
        await expectSizedOutcome("MLP_PREDICT", { layers, params, X: XOR.X });
      }),
      RUNS,
    );
  });

  test("TRAIN_MLP_LIVE: epochs (through setResult)", async () => {
    await fc.assert(
      fc.asyncProperty(SIZE, async (epochs) => {
        const outcome = await new Promise<unknown>((resolve) => {
          const invocation = {
            setResult: (value: unknown) => {
              if (
                value instanceof CellValueError ||
                (Array.isArray(value) && value.every((r) => typeof r[0] === "number"))
              )
                resolve(value);
            },
          };
          runCell("TRAIN_MLP_LIVE", { layers: "2,2,1", ...XOR, epochs }, invocation);
        });
        if (outcome instanceof CellValueError) expect(outcome.message).toContain("epochs");
        else expect(outcome).toHaveLength(epochs);
      }),
      { numRuns: 20 },
    );
  });

  test("LR_DECAY: the step and every schedule's length-like parameter", async () => {
    const cases: [string, (s: number) => unknown[]][] = [
      ["step", (s) => [s, 0.5]],
      ["multi_step", (s) => [`${s}`, 0.5]],
      ["exponential", (s) => [s, 0.5]],
      ["polynomial", (s) => [s]],
      ["cosine", (s) => [s]],
      ["cosine_restarts", (s) => [s, 2]],
      ["cyclic_triangular", (s) => [1, s]],
      ["one_cycle_cos", (s) => [s]],
      ["constant", (s) => [undefined, s]], // warmup_steps
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), SIZE, SIZE, async ([schedule, params], size, step) => {
        await expectSizedOutcome("LR_DECAY", { lr: 0.1, step, schedule, params: params(size) });
      }),
      { numRuns: 120 },
    );
  });

  test("step functions and STEP_HEADERS: the number of parameters", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom("GD_STEP", "ADAM_STEP", "RMSPROP_STEP"),
        async (n, name) => {
          const params = [new Array(n).fill(1)];
          await expectSizedOutcome(name, { params, grads: [new Array(n).fill(0.5)] });
          await expectSizedOutcome("STEP_HEADERS", {
            optimizer: "adam",
            names: [new Array(n).fill(0).map((_, i) => `p${i}`)],
          });
        },
      ),
      { numRuns: 30 },
    );
  });
});
