/**
 * Adamax, NAdam, RAdam, Rprop, ASGD, Lion and Eve stepped the way a learner steps them: one OPTIM_STEP row
 * per iteration in HyperFormula, each row taking the previous row's spill. The torch ones are checked
 * against the PyTorch 1.13 fixture over all 25 rows; Eve's row takes its loss cell.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import fixture from "../fixtures/optim_more_fixtures.json";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";
import { expectCloseArray } from "../engine/optim/closeTo";

let engine: HyperFormula | undefined;
afterEach(() => engine?.destroy());

type Cell = string | number | null;

function sheet(rows: Cell[][]): (row: number, col: number) => unknown {
  engine = buildEngine({ S: rows });
  const id = engine.getSheetId("S") as number;
  return (row, col) => (engine as HyperFormula).getCellValue({ sheet: id, row, col });
}

/** Column letter for a 0-based index (A … Z, AA …). */
function column(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `A${String.fromCharCode(65 + index - 26)}`;
}

interface FixtureCase {
  optimizer: string;
  hyper: Record<string, number>;
  steps: { params: number[]; slots: Record<string, number[]>; scalars: Record<string, number> }[];
}

const defaults = (fixture.cases as unknown as FixtureCase[]).filter((c) => Object.keys(c.hyper).length === 0);

describe("OPTIM_STEP rows match torch.optim 1.13 over 25 rows", () => {
  test.each(defaults.map((c) => [c.optimizer, c] as const))("%s", (name, c) => {
    const stateWidth =
      Object.values(c.steps[0]?.slots ?? {}).length * 3 + Object.keys(c.steps[0]?.scalars ?? {}).length + 1;
    const width = 3 + stateWidth;
    // Columns A:C gradients, D:F the initial params (row 1), G onward each row's spill.
    const rows: Cell[][] = [[null, null, null, ...fixture.params0]];
    fixture.grads.forEach((g, k) => {
      const r = k + 2;
      const previous = k === 0 ? "D1:F1" : `G${r - 1}:I${r - 1}`;
      const state = k === 0 ? "" : `J${r - 1}:${column(9 + stateWidth - 1)}${r - 1}`;
      rows.push([...g, null, null, null, `=GD.OPTIM_STEP("${name}", ${previous}, A${r}:C${r}, ${state})`]);
    });
    const at = sheet(rows);
    expect(at(1, 6)).toEqual(expect.any(Number));
    c.steps.forEach((expected, k) => {
      const spill = Array.from({ length: width }, (_, i) => at(k + 1, 6 + i) as number);
      const slots = Object.values(expected.slots).flat();
      expectCloseArray(spill, [...expected.params, ...slots, ...Object.values(expected.scalars), k + 1]);
    });
  });

  test("STEP_HEADERS labels the spill: per-parameter slots, then the one-number state, then t", () => {
    const at = sheet([
      ['=GD.STEP_HEADERS("nadam", "a,b")'],
      ['=GD.STEP_HEADERS("asgd", "a,b")'],
      ['=GD.STEP_HEADERS("eve", "a,b")'],
    ]);
    const row = (r: number, n: number): unknown[] => Array.from({ length: n }, (_, i) => at(r, i));
    expect(row(0, 9)).toEqual(["a", "b", "m_a", "m_b", "v_a", "v_b", "mu_product", "t", null]);
    expect(row(1, 7)).toEqual(["a", "b", "ax_a", "ax_b", "eta", "mu", "t"]);
    expect(row(2, 9)).toEqual(["a", "b", "m_a", "m_b", "v_a", "v_b", "d", "loss_hat", "t"]);
  });
});

describe("Eve in cells takes the row's loss", () => {
  test("y = ax + b at the seeds' point: the loss cell feeds the step; without it, a message", () => {
    const at = sheet([
      [0.3, 30.6, 0, 0],
      [
        '=GD.LOSS("(a*x+b-y)^2", "a,b", C1:D1, "x,y", A1, B1)',
        '=GD.GRAD("(a*x+b-y)^2", "a,b", C1:D1, "x,y", A1, B1)',
      ],
      [null, null, null, null, '=GD.OPTIM_STEP("eve", C1:D1, B2:C2, , 0.5, , A2)'],
      ['=GD.OPTIM_STEP("eve", C1:D1, B2:C2, , 0.5)'],
    ]);
    expect(at(1, 0)).toBeCloseTo(936.36, 10);
    // First step: Adam's with d = 1, so 0.5·|g|/(|g| + 1e-8); then m, v, d = 1, loss_hat = the loss, t = 1.
    const spill = Array.from({ length: 9 }, (_, i) => at(2, 4 + i) as number);
    expectCloseArray(
      spill,
      [
        0.5 * (18.36 / (18.36 + 1e-8)),
        0.5 * (61.2 / (61.2 + 1e-8)),
        -1.836,
        -6.12,
        0.3370896,
        3.74544,
        1,
        936.36,
        1,
      ],
      1e-12,
    );
    expect(at(3, 0)).toMatchObject({
      value: "#VALUE!",
      message: "eve needs the loss at params: its step compares successive losses",
    });
  });
});
