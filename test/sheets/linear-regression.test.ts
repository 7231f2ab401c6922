/**
 * examples/linear-regression.xlsx in a real formula engine: every optimizer sheet steps y = ax + b row by
 * row and must reach a ≈ 2, b ≈ 30, and every row must equal the engine's own step computed directly here
 * from the previous row (hand-derived gradient 2(ax + b − y)·(x, 1), averaged over the batch).
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { getOptimizer, type Hyper } from "../../src/engine/optim";
import { evaluateSheets, loadWorkbook, type EvaluatedWorkbook, type LoadedSheet } from "./load-workbook";

/** Columns of a line sheet (0-based): H, I = a, b; J… = optimizer state; F, G = the gradient. */
const A = 7;
const DA = 5;
const FIRST_ROW = 1; // row 2 holds the initial a = b = 0

interface Expectation {
  optimizer: string;
  hyper: Partial<Hyper>;
  mode: "online" | "full" | "mini";
  iterations: number;
  /** Allowed |a − 2| and |b − 30| at the last row. */
  tolerance: number;
  /** The learning rate at iteration k when the sheet takes it from a schedule. */
  lrAt?: (k: number) => number;
}

/**
 * What each sheet must be (stated here, independently of the generator). Tolerances: exact-fit data, so
 * plain methods converge to rounding; Adam-family and AdaDelta keep a small oscillation with a constant
 * rate (1e-3); L2 and AdamW have a different minimiser, pulled toward 0 by the decay (0.05).
 */
const EXPECTED: Readonly<Record<string, Expectation>> = {
  SGD: { optimizer: "sgd", hyper: { lr: 0.1 }, mode: "online", iterations: 300, tolerance: 1e-4 },
  Momentum: {
    optimizer: "sgd",
    hyper: { lr: 0.02, momentum: 0.9 },
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
  },
  Nesterov: {
    optimizer: "sgd",
    hyper: { lr: 0.02, momentum: 0.9, nesterov: true },
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
  },
  "EWA momentum": {
    optimizer: "momentum_ewa",
    hyper: { lr: 0.1, beta: 0.9 },
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
  },
  "L2 (textbook)": {
    optimizer: "sgd_l2",
    hyper: { lr: 0.1, lambda: 0.001, n: 1 },
    mode: "online",
    iterations: 300,
    tolerance: 0.05,
  },
  AdaGrad: { optimizer: "adagrad", hyper: { lr: 10 }, mode: "online", iterations: 300, tolerance: 1e-4 },
  AdaDelta: {
    optimizer: "adadelta",
    hyper: { lr: 1, rho: 0.99, eps: 0.01 },
    mode: "online",
    iterations: 300,
    tolerance: 1e-3,
  },
  RMSProp: { optimizer: "rmsprop", hyper: { lr: 0.5 }, mode: "online", iterations: 300, tolerance: 1e-4 },
  Adam: { optimizer: "adam", hyper: { lr: 0.5 }, mode: "online", iterations: 300, tolerance: 1e-3 },
  AMSGrad: {
    optimizer: "adam",
    hyper: { lr: 0.5, amsgrad: true },
    mode: "online",
    iterations: 300,
    tolerance: 1e-3,
  },
  AdamW: {
    optimizer: "adamw",
    hyper: { lr: 0.5, weight_decay: 0.0001 },
    mode: "online",
    iterations: 300,
    tolerance: 0.05,
  },
  // GD.LR_DECAY(0.15, k − 1, "step", 100, 0.5): 0.15 · 0.5^⌊(k − 1)/100⌋
  "SGD + step decay": {
    optimizer: "sgd",
    hyper: {},
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    lrAt: (k) => 0.15 * 0.5 ** Math.floor((k - 1) / 100),
  },
  "Full batch": { optimizer: "sgd", hyper: { lr: 0.1 }, mode: "full", iterations: 100, tolerance: 1e-4 },
  "Mini-batch": { optimizer: "sgd", hyper: { lr: 0.1 }, mode: "mini", iterations: 100, tolerance: 1e-4 },
};

/** |got − want| ≤ 1e-12 · max(1, |want|): relative for ordinary values, absolute near 0. */
function expectClose(got: number, want: number, where: string): void {
  const allowed = 1e-12 * Math.max(1, Math.abs(want));
  if (!(Math.abs(got - want) <= allowed)) throw new Error(`${where}: sheet ${got}, engine ${want}`);
}

let sheets: LoadedSheet[];
let book: EvaluatedWorkbook;
let xs: number[];
let ys: number[];

beforeAll(async () => {
  sheets = await loadWorkbook("linear-regression.xlsx");
  book = evaluateSheets(sheets);
  xs = [];
  ys = [];
  for (let r = 1; r <= 20; r++) {
    xs.push(book.number("Data", r, 0));
    ys.push(book.number("Data", r, 1));
  }
});

afterAll(() => book.engine.destroy());

test("the data sheet is y = 2x + 30 at 20 points", () => {
  xs.forEach((x, i) => expect(ys[i]).toBeCloseTo(2 * x + 30, 12));
  expect(new Set(xs).size).toBe(20);
});

test("the workbook has one sheet per expectation (and the data)", () => {
  expect(sheets.map((s) => s.name).sort()).toEqual(["Data", ...Object.keys(EXPECTED)].sort());
});

/** Rows of the batch used at iteration k (1-based), as indices into the data. */
function batchRows(mode: Expectation["mode"], k: number): number[] {
  if (mode === "online") return [(k - 1) % 20];
  if (mode === "full") return xs.map((_, i) => i);
  const start = ((k - 1) % 4) * 5;
  return [start, start + 1, start + 2, start + 3, start + 4];
}

describe.each(Object.entries(EXPECTED))("sheet %s", (name, expectation) => {
  const spec = getOptimizer(expectation.optimizer);
  const hyper = spec.resolveHyper(expectation.hyper);
  const width = 2 + spec.stateLabels(["a", "b"], hyper).length;

  test("headers label the spill: a, b, then the optimizer's state labels", () => {
    const labels = Array.from({ length: width }, (_, i) => book.value(name, 0, A + i));
    expect(labels).toEqual(["a", "b", ...spec.stateLabels(["a", "b"], hyper)]);
  });

  test("every row equals the engine's step from the previous row (1e-12)", () => {
    for (let k = 1; k <= expectation.iterations; k++) {
      const row = FIRST_ROW + k;
      const previous = Array.from({ length: width }, (_, i) => {
        const v = book.value(name, row - 1, A + i);
        return typeof v === "number" ? v : 0; // the first row's state cells are blank
      });
      const [a, b] = previous as [number, number];
      let ga = 0;
      let gb = 0;
      const rows = batchRows(expectation.mode, k);
      for (const i of rows) {
        const e = a * (xs[i] as number) + b - (ys[i] as number);
        ga += 2 * e * (xs[i] as number);
        gb += 2 * e;
      }
      ga /= rows.length;
      gb /= rows.length;
      expectClose(book.number(name, row, DA), ga, `${name} row ${row + 1} dL/da`);
      expectClose(book.number(name, row, DA + 1), gb, `${name} row ${row + 1} dL/db`);
      const state = spec.stateFromCells(k === 1 ? [] : previous.slice(2), 2, hyper);
      const rowHyper = expectation.lrAt
        ? spec.resolveHyper({ ...expectation.hyper, lr: expectation.lrAt(k) })
        : hyper;
      const step = spec.step([a, b], [ga, gb], state, rowHyper);
      const want = [...step.params, ...spec.stateToCells(step.state)];
      want.forEach((v, i) =>
        expectClose(book.number(name, row, A + i), v, `${name} row ${row + 1} col ${A + i + 1}`),
      );
    }
  });

  test("the learning rate is one cell (row 2, headed lr or lr0) that every row's step reads", () => {
    const sheet = sheets.find((s) => s.name === name) as LoadedSheet;
    const headers = sheet.rows[0] ?? [];
    const col = headers.findIndex((h) => h === "lr" || h === "lr0");
    expect(col).toBeGreaterThan(A + width); // right of the step's spill
    const lr0 = expectation.lrAt ? expectation.lrAt(1) : expectation.hyper.lr;
    expect(book.number(name, 1, col)).toBe(lr0);
    const cell = `$${String.fromCharCode(65 + col)}$2`;
    for (let k = 1; k <= expectation.iterations; k++) {
      const formula = sheet.rows[FIRST_ROW + k]?.[A];
      expect(typeof formula === "string" && formula.includes(cell)).toBe(true);
    }
    // Setting that cell to 2·lr changes the first step (from a = b = 0, no state) to the engine's step with 2·lr:
    // a rate typed into the formulas would not follow.
    const id = book.engine.getSheetId(name) as number;
    const first = [book.number(name, FIRST_ROW + 1, A), book.number(name, FIRST_ROW + 1, A + 1)];
    book.engine.setCellContents({ sheet: id, row: 1, col }, 2 * (lr0 as number));
    try {
      const doubled = [book.number(name, FIRST_ROW + 1, A), book.number(name, FIRST_ROW + 1, A + 1)];
      const ga = book.number(name, FIRST_ROW + 1, DA);
      const gb = book.number(name, FIRST_ROW + 1, DA + 1);
      const rowHyper = spec.resolveHyper({ ...expectation.hyper, lr: 2 * (lr0 as number) });
      const want = spec.step([0, 0], [ga, gb], spec.stateFromCells([], 2, rowHyper), rowHyper).params;
      expectClose(doubled[0] as number, want[0] as number, `${name} first a with 2·lr`);
      expectClose(doubled[1] as number, want[1] as number, `${name} first b with 2·lr`);
      expect(doubled[1]).not.toBeCloseTo(first[1] as number, 6);
    } finally {
      book.engine.setCellContents({ sheet: id, row: 1, col }, lr0 as number);
    }
  });

  test(`converges to a ≈ 2, b ≈ 30 within ${expectation.tolerance}`, () => {
    const last = FIRST_ROW + expectation.iterations;
    expect(Math.abs(book.number(name, last, A) - 2)).toBeLessThan(expectation.tolerance);
    expect(Math.abs(book.number(name, last, A + 1) - 30)).toBeLessThan(expectation.tolerance);
    // and it moved: the first row is still far from the answer
    expect(Math.abs(book.number(name, FIRST_ROW + 1, A + 1) - 30)).toBeGreaterThan(1);
  });
});
