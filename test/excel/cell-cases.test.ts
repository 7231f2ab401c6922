/**
 * The cases `npm run test:excel` types into real Excel, typed here into the workbench's HyperFormula the same
 * way (one formula per anchor cell, read one column wider than the expected spill): their hand-derived values
 * hold, and the comparison that judges Excel's answers catches every kind of wrong answer.
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";
import { anchorRow, compareCellResults, EXCEL_CELL_CASES, type ShownCells } from "./cell-cases";

const rows: string[][] = [];
EXCEL_CELL_CASES.forEach((c, i) => {
  rows[anchorRow(i) - 1] = [c.formula];
});
const engine: HyperFormula = buildEngine({ Test: Array.from(rows, (r) => r ?? []) });
afterAll(() => engine.destroy());

function shownInHyperFormula(): ShownCells[] {
  const sheet = engine.getSheetId("Test") as number;
  return EXCEL_CELL_CASES.map((c, i) => ({
    name: c.name,
    values: c.expected.map((row, r) =>
      Array.from({ length: row.length + 1 }, (_, col) => {
        const value = engine.getCellValue({ sheet, row: anchorRow(i) - 1 + r, col });
        return value === null ? "" : typeof value === "object" ? String(value.value) : value;
      }),
    ),
  }));
}

test("every case shows its hand-derived values in the workbench's formula engine", () => {
  expect(compareCellResults(EXCEL_CELL_CASES, shownInHyperFormula())).toEqual([]);
});

describe("the comparison of what Excel showed", () => {
  const named = (name: string): (typeof EXCEL_CELL_CASES)[number] => {
    const found = EXCEL_CELL_CASES.find((c) => c.name === name);
    if (!found) throw new Error(`no case named ${name}`);
    return found;
  };
  const gd = named("plain gradient descent step");
  const hessian = named("Hessian of a cubic");
  const good = (c: (typeof EXCEL_CELL_CASES)[number]): ShownCells => ({
    name: c.name,
    values: c.expected.map((row) => [...row, ""]),
  });

  test("accepts exactly the expected cells", () => {
    expect(compareCellResults([gd, hessian], [good(gd), good(hessian)])).toEqual([]);
  });

  test("a value off by more than the tolerance", () => {
    const shown = { name: gd.name, values: [[0.95 + 1e-9, 2.1, 1, ""]] };
    expect(compareCellResults([gd], [shown])).toEqual([
      expect.stringMatching(
        /^plain gradient descent step: row 1 column 1 is 0\.95000000099\d*, expected 0\.95 ± 1e-15 /,
      ),
    ]);
  });

  test("an error value where a number belongs (the #NAME? of an unbound function)", () => {
    const shown = { name: gd.name, values: [["#NAME?", "", "", ""]] };
    expect(compareCellResults([gd], [shown])).toEqual([
      'plain gradient descent step: row 1 column 1 shows "#NAME?", expected 0.95',
      'plain gradient descent step: row 1 column 2 shows "", expected 2.1',
      'plain gradient descent step: row 1 column 3 shows "", expected 1',
    ]);
  });

  test("a spill wider than expected, a missing row, a missing case", () => {
    expect(compareCellResults([gd], [{ name: gd.name, values: [[0.95, 2.1, 1, 7]] }])).toEqual([
      "plain gradient descent step: row 1 spills past 3 columns (column 4 shows 7)",
    ]);
    expect(compareCellResults([hessian], [{ name: hessian.name, values: [[4, 2, ""]] }])).toEqual([
      "Hessian of a cubic: 1 rows came back, expected 2",
    ]);
    expect(compareCellResults([gd], [])).toEqual(["plain gradient descent step: no result came back"]);
  });
});
