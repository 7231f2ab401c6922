/**
 * Ranges with blank cells in the workbench: HyperFormula reserves a spill from the ranges' sizes before it
 * evaluates; the functions skip blank name and formula cells, so the result is smaller and the reserved
 * cells it does not fill stay empty (before, these gave #VALUE! "the result is 2×2 but 3×2 cells were
 * reserved …"). A result larger than the reservation still says which arguments to type literally.
 */
import { afterEach, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import { ArraySize } from "hyperformula";
import { cellFunction } from "../../src/functions/cell-functions";
import { buildEngine, spillMismatch } from "../../src/workbench/hyperformula-plugin";

let engine: HyperFormula | undefined;
afterEach(() => engine?.destroy());

function sheet(rows: (string | number | null)[][]): (row: number, col: number) => unknown {
  engine = buildEngine({ S: rows });
  const id = engine.getSheetId("S") as number;
  return (row, col) => (engine as HyperFormula).getCellValue({ sheet: id, row, col });
}

test("GD.JACOBIAN over A1:A3 with A3 blank spills the two formulas' rows", () => {
  const at = sheet([
    ["a*x+b", 2, 30],
    ["a*b", null, null],
    [null, null, null],
    ['=GD.JACOBIAN(A1:A3, "a,b", B1:C1, "x", 0.3)'],
  ]);
  // d(a·x + b)/d(a, b) = (x, 1) = (0.3, 1); d(a·b)/d(a, b) = (b, a) = (30, 2).
  expect([at(3, 0), at(3, 1), at(4, 0), at(4, 1)]).toEqual([0.3, 1, 30, 2]);
  expect([at(5, 0), at(5, 1)]).toEqual([null, null]);
});

test('GD.STEP_HEADERS("adam", B1:B3) with a blank name cell labels the names it holds', () => {
  const at = sheet([[null, "a"], [null, null], [null, "b"], ['=GD.STEP_HEADERS("adam", B1:B3)']]);
  const labels = Array.from({ length: 10 }, (_, c) => at(3, c));
  expect(labels).toEqual(["a", "b", "m_a", "m_b", "v_a", "v_b", "t", null, null, null]);
});

test("a result larger than the reservation names the function's own layout arguments", () => {
  // momentum from a formula cell: unknown when the spill is sized (a constant cell would size it)
  const at = sheet([["=GD.GD_STEP({1,2}, {1,2}, , 0.1, A2)"], ["=0.9"]]);
  expect(at(0, 0)).toMatchObject({
    value: "#VALUE!",
    message:
      "the result is 1×5 but 1×3 cells were reserved: in this workbench, the arguments that change the layout (momentum, variant) must be literals or cells holding a constant (not a formula)",
  });
  expect(spillMismatch(cellFunction("GRAD"), 3, 1, new ArraySize(2, 1))).toBe(
    "the result is 1×3 but 1×2 cells were reserved",
  );
});
