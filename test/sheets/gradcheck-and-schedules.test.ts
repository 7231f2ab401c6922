/**
 * examples/gradcheck.xlsx and examples/lr-decay.xlsx in HyperFormula: GRADCHECK passes the right
 * hand-derived derivative columns and flags the deliberately wrong one; every LR_DECAY cell equals the
 * engine's schedule, and the classic schedules equal their closed forms.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { learningRate, SCHEDULE_NAMES } from "../../src/engine/schedules";
import { evaluateSheets, loadWorkbook, type EvaluatedWorkbook } from "./load-workbook";

describe("GRADCHECK sheet", () => {
  let book: EvaluatedWorkbook;
  beforeAll(async () => {
    book = evaluateSheets(await loadWorkbook("gradcheck.xlsx"));
  });
  afterAll(() => book.engine.destroy());

  const rows = [1, 2, 3, 4, 5];

  test("the hand-derived columns hold 2(ax+b−y)x and 2(ax+b−y)", () => {
    for (const r of rows) {
      const [a, b, x, y] = [0, 1, 2, 3].map((c) => book.number("GRADCHECK", r, c)) as [
        number,
        number,
        number,
        number,
      ];
      const e = a * x + b - y;
      expect(book.number("GRADCHECK", r, 4)).toBeCloseTo(2 * e * x, 12);
      expect(book.number("GRADCHECK", r, 5)).toBeCloseTo(2 * e, 12);
      expect(book.number("GRADCHECK", r, 6)).toBeCloseTo(2 * e, 12); // the wrong one forgets the factor x
    }
  });

  test("the right columns pass with relative errors below 1e-6", () => {
    for (const r of rows) {
      expect(book.value("GRADCHECK", r, 8)).toBe(true);
      expect(book.number("GRADCHECK", r, 9)).toBeLessThan(1e-6);
    }
  });

  test("the wrong dL/da column is flagged on every row, and only dL/da", () => {
    for (const r of rows) {
      expect(book.value("GRADCHECK", r, 12)).toBe(false);
      // relative error |2e − 2ex| / max(|2e|, |2ex|) = |1 − x| / max(1, |x|) (the numeric derivative is 2ex)
      const x = book.number("GRADCHECK", r, 2);
      expect(book.number("GRADCHECK", r, 14)).toBeCloseTo(Math.abs(1 - x) / Math.max(1, Math.abs(x)), 6);
      expect(book.number("GRADCHECK", r, 15)).toBeLessThan(1e-6); // dL/db is right
    }
  });
});

describe("LR_DECAY sheet", () => {
  let book: EvaluatedWorkbook;
  beforeAll(async () => {
    book = evaluateSheets(await loadWorkbook("lr-decay.xlsx"));
  });
  afterAll(() => book.engine.destroy());

  const STEPS = 61;
  const column = (name: string): number => SCHEDULE_NAMES.indexOf(name) + 1;
  const at = (name: string, step: number): number => book.number("LR_DECAY", step + 2, column(name));

  test("every engine schedule has a column, headed by its name", () => {
    SCHEDULE_NAMES.forEach((name, i) => expect(book.value("LR_DECAY", 0, i + 1)).toBe(name));
  });

  test("closed forms (lr0 = 0.1; decay_steps 20, decay_rate 0.5; step_size 20, gamma 0.1; milestones 20,35,50)", () => {
    for (let s = 0; s < STEPS; s++) {
      expect(at("constant", s)).toBe(0.1);
      expect(at("exponential", s)).toBeCloseTo(0.1 * 0.5 ** (s / 20), 14);
      expect(at("natural_exp", s)).toBeCloseTo(0.1 * Math.exp((-0.5 * s) / 20), 14);
      expect(at("inverse_time", s)).toBeCloseTo(0.1 / (1 + (0.5 * s) / 20), 14);
      expect(at("step", s)).toBeCloseTo(0.1 * 0.1 ** Math.floor(s / 20), 14);
      const passed = [20, 35, 50].filter((m) => s >= m).length;
      expect(at("multi_step", s)).toBeCloseTo(0.1 * 0.1 ** passed, 14);
      expect(at("cosine", s)).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * Math.min(s, 20)) / 20)), 14);
    }
  });

  test("every schedule starts from one lr0 cell: set it to 0.2 and the constant and exponential columns follow", () => {
    const header = Array.from({ length: SCHEDULE_NAMES.length + 4 }, (_, c) => book.value("LR_DECAY", 0, c));
    const col = header.indexOf("lr0");
    expect(col).toBeGreaterThan(SCHEDULE_NAMES.length);
    expect(book.number("LR_DECAY", 1, col)).toBe(0.1);
    const id = book.engine.getSheetId("LR_DECAY") as number;
    book.engine.setCellContents({ sheet: id, row: 1, col }, 0.2);
    try {
      for (let s = 0; s < STEPS; s++) {
        expect(at("constant", s)).toBe(0.2);
        expect(at("exponential", s)).toBeCloseTo(0.2 * 0.5 ** (s / 20), 14);
      }
    } finally {
      book.engine.setCellContents({ sheet: id, row: 1, col }, 0.1);
    }
  });

  test("every cell equals the engine's learningRate for the parameters in row 2", () => {
    for (const name of SCHEDULE_NAMES) {
      const described = String(book.value("LR_DECAY", 1, column(name)));
      expect(described.length).toBeGreaterThan(0);
      for (let s = 0; s < STEPS; s += 5) {
        const v = at(name, s);
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
    }
    // The sheet's parameters, restated: each column must match the engine called directly.
    const options: Record<string, Record<string, number | readonly number[]>> = {
      exponential: { decay_steps: 20, decay_rate: 0.5 },
      piecewise_constant: { boundaries: [20, 40], values: [0.1, 0.05, 0.01] },
      polynomial: { decay_steps: 20 },
      cosine: { decay_steps: 20 },
      cosine_restarts: { first_decay_steps: 20 },
      inverse_time: { decay_steps: 20, decay_rate: 0.5 },
      natural_exp: { decay_steps: 20, decay_rate: 0.5 },
      step: { step_size: 20 },
      multi_step: { milestones: [20, 35, 50] },
      cyclic_triangular: { max_lr: 0.5, step_size_up: 10 },
      cyclic_triangular2: { max_lr: 0.5, step_size_up: 10 },
      cyclic_exp_range: { max_lr: 0.5, step_size_up: 10 },
      one_cycle_cos: { total_steps: 61 },
      one_cycle_linear: { total_steps: 61 },
      cosine_annealing_lr: { t_max: 20 },
      cosine_annealing_warm_restarts: { t_0: 10 },
      linear_lr: {},
      constant_lr: {},
      exponential_lr: { gamma: 0.95 },
      polynomial_lr: {},
      constant: {},
    };
    for (const name of SCHEDULE_NAMES) {
      expect(options[name]).toBeDefined();
      for (let s = 0; s < STEPS; s++) {
        const want = learningRate(name, 0.1, s, options[name]);
        expect(Math.abs(at(name, s) - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
      }
    }
  });
});
