/**
 * Work without bound is refused before computing: results that cannot spill on a sheet, results over
 * 2^20 cells, and formula tools over the work budget (src/engine/work-budget.ts). Unit counts are derived
 * by hand: "a1^2+…+ak^2" has 4k tokens (name, ^, number per term, k − 1 pluses and the end token).
 */
import { describe, expect, test } from "@jest/globals";
import { ADAM_STEP, GD_STEP, GRAD, GRADCHECK, HESSIAN, JACOBIAN } from "../../src/functions/functions";
import { getOptimizer } from "../../src/engine/optim";
import { formulaWorkUnits, SHEET_LIMITS, WORK_BUDGET } from "../../src/engine/work-budget";

const NONE = undefined as unknown as number;

function names(k: number): string[] {
  return Array.from({ length: k }, (_v, i) => `a${i + 1}`);
}
function ones(k: number): number[] {
  return Array.from({ length: k }, () => 1);
}
function sumOfSquares(k: number): string {
  return names(k)
    .map((n) => `${n}^2`)
    .join("+");
}
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return "(no error)";
}

describe("the figures", () => {
  test("Excel's grid, the cell limit and the budget", () => {
    expect(SHEET_LIMITS).toEqual({ rows: 1048576, columns: 16384 });
    expect(WORK_BUDGET).toEqual({ units: 20000000, resultCells: 1048576 });
  });

  test("units: GRADCHECK of a1^2+…+a900^2 is (1 + 6·900)·(3600 + 900)", () => {
    const work = { tool: "GRADCHECK" as const, tokens: [3600], names: 900, readNames: 900, longestData: 1 };
    expect(formulaWorkUnits(work)).toBe(5401 * 4500);
    // HESSIAN: (40 autograd + 900 backward passes) × 4500; JACOBIAN of 2 formulas: 2 × 40 × 4500.
    expect(formulaWorkUnits({ ...work, tool: "HESSIAN" })).toBe(940 * 4500);
    expect(formulaWorkUnits({ ...work, tool: "JACOBIAN", tokens: [3600, 3600] })).toBe(2 * 40 * 4500);
    // A data column of 1,000 rows multiplies the tokens: 3600·1000 + 900.
    expect(formulaWorkUnits({ ...work, tool: "GRAD", longestData: 1000 })).toBe(40 * 3600900);
  });
});

describe("results that cannot spill are refused before computing", () => {
  test("GRAD with 16,385 names", () => {
    expect(messageOf(() => GRAD("a1", [names(16385)], [ones(16385)]))).toBe(
      "GRAD would be 1 row × 16385 columns; a sheet holds at most 1048576 rows and 16384 columns",
    );
    expect(GRAD("a1", [names(16384)], [ones(16384)])[0]).toHaveLength(16384);
  });

  test("GRADCHECK's row is 2 wider than its names", () => {
    expect(messageOf(() => GRADCHECK("a1", [names(16383)], [ones(16383)], [ones(16383)], NONE))).toBe(
      "GRADCHECK would be 1 row × 16385 columns; a sheet holds at most 1048576 rows and 16384 columns",
    );
  });

  test("HESSIAN with 12,000 names (the reported 15 s, 2.5 GB) and with 1,025", () => {
    expect(messageOf(() => HESSIAN("a1", [names(12000)], [ones(12000)]))).toBe(
      "HESSIAN would be 12000 × 12000 = 144000000 cells, more than the limit of 1048576",
    );
    expect(messageOf(() => HESSIAN("a1", [names(1025)], [ones(1025)]))).toBe(
      "HESSIAN would be 1025 × 1025 = 1050625 cells, more than the limit of 1048576",
    );
    expect(messageOf(() => HESSIAN("a1", [names(20000)], [ones(20000)]))).toBe(
      "HESSIAN would be 20000 rows × 20000 columns; a sheet holds at most 1048576 rows and 16384 columns",
    );
  });

  test("a step with 130,000 params: 1 row of 390,001 cells cannot spill (and no stack overflow)", () => {
    const params = [Array.from({ length: 130000 }, (_v, i) => i / 130000)];
    expect(messageOf(() => ADAM_STEP(params, params))).toBe(
      "the result would be 1 row × 390001 columns; a sheet holds at most 1048576 rows and 16384 columns",
    );
    expect(messageOf(() => GD_STEP(params, params))).toBe(
      "the result would be 1 row × 130001 columns; a sheet holds at most 1048576 rows and 16384 columns",
    );
  });

  test("the engine's state row of 200,000 params is built without spreading arguments", () => {
    const adam = getOptimizer("adam");
    const n = 200000;
    const state = adam.stateFromCells([], n, adam.resolveHyper({}));
    const cells = adam.stateToCells(state);
    // exp_avg and exp_avg_sq (n each), then t.
    expect(cells).toHaveLength(2 * n + 1);
    expect(cells[2 * n]).toBe(0);
  });
});

describe("work over the budget is refused before computing", () => {
  test("GRADCHECK of a formula reading 900 names: 2.4e+7 units", () => {
    const k = 900;
    expect(messageOf(() => GRADCHECK(sumOfSquares(k), [names(k)], [ones(k)], [ones(k)], NONE))).toBe(
      "GRADCHECK would take about 2.4e+7 units of work, more than the budget of 2.0e+7: use fewer names, fewer formulas, shorter data or a shorter formula",
    );
  });

  test("GRADCHECK with 8,000 names the formula does not read is cheap and answers", () => {
    // Only a1 and a2 are read: (1 + 6·2)·(6 tokens + 8000) units; the others' partials are exactly 0.
    const row = GRADCHECK(
      "a1*a2",
      [names(8000)],
      [ones(8000)],
      [[1, 1, ...Array.from({ length: 7998 }, () => 0)]],
      NONE,
    );
    expect(row[0]?.[0]).toBe(true);
    expect(row[0]).toHaveLength(8002);
  });

  test("JACOBIAN of 600 formulas reading 300 names each: 600·40·(1200 + 300) = 3.6e+7 units", () => {
    const formulas = Array.from({ length: 600 }, () => [sumOfSquares(300)]);
    expect(messageOf(() => JACOBIAN(formulas, [names(300)], [ones(300)]))).toBe(
      "JACOBIAN would take about 3.6e+7 units of work, more than the budget of 2.0e+7: use fewer names, fewer formulas, shorter data or a shorter formula",
    );
  });

  test("HESSIAN over 1,000,000 data rows: (40 + 2) × (13 tokens × 10^6 + 2) = 5.5e+8 units", () => {
    const x = Array.from({ length: 1000000 }, (_v, i) => [i]);
    expect(messageOf(() => HESSIAN("SUM((a*x-b)^2)", [["a", "b"]], [[1, 2]], [["x"]], [x]))).toBe(
      "HESSIAN would take about 5.5e+8 units of work, more than the budget of 2.0e+7: use fewer names, fewer formulas, shorter data or a shorter formula",
    );
  });
});
