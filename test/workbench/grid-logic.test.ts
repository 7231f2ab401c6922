/**
 * The grid's own decisions, apart from the library that draws it: what an entry stores, where Ctrl+arrow and
 * Ctrl+A go (Excel's rules, worked out by hand on small sheets), which cells a fill writes, and what the status
 * bar says.
 */
import { DetailedCellError, ErrorType, CellError } from "hyperformula";
import { parseEntry } from "../../src/workbench/cell-entry";
import { dataBlock, dataEdge } from "../../src/workbench/data-edge";
import { fillTarget } from "../../src/workbench/fill-range";
import { cellStatus, selectionSummary } from "../../src/workbench/status-text";

/** A sheet drawn as text: "x" is a filled cell, "." an empty one. */
function sheet(...rows: string[]) {
  return {
    filled: (row: number, column: number) => rows[row]?.[column] === "x",
    limits: { rows: rows.length, columns: rows[0]?.length ?? 0 },
  };
}

describe("entries", () => {
  test("formulas, numbers, booleans, text, empty", () => {
    expect(parseEntry("=A1*2")).toBe("=A1*2");
    expect(parseEntry(" 20 ")).toBe(20);
    expect(parseEntry("-1.5e-3")).toBe(-0.0015);
    expect(parseEntry("true")).toBe(true);
    expect(parseEntry("dL/da")).toBe("dL/da");
    expect(parseEntry("  ")).toBeNull();
  });
});

describe("Ctrl+arrow", () => {
  const { filled, limits } = sheet(
    "x....", // row 0
    "x..xx", // row 1
    "x....", // row 2
    ".....", // row 3
    "x....", // row 4
  );
  test("inside a run: to its last filled cell", () => {
    expect(dataEdge(filled, { row: 0, column: 0 }, 1, 0, limits)).toEqual({ row: 2, column: 0 });
  });
  test("at a run's end: to the next filled cell", () => {
    expect(dataEdge(filled, { row: 2, column: 0 }, 1, 0, limits)).toEqual({ row: 4, column: 0 });
  });
  test("nothing further: to the sheet's edge", () => {
    expect(dataEdge(filled, { row: 4, column: 0 }, 1, 0, limits)).toEqual({ row: 4, column: 0 });
    expect(dataEdge(filled, { row: 0, column: 1 }, 0, 1, limits)).toEqual({ row: 0, column: 4 });
  });
  test("from an empty cell: to the first filled one", () => {
    expect(dataEdge(filled, { row: 1, column: 1 }, 0, 1, limits)).toEqual({ row: 1, column: 3 });
    expect(dataEdge(filled, { row: 1, column: 4 }, 0, -1, limits)).toEqual({ row: 1, column: 3 });
  });
});

describe("Ctrl+A's current region", () => {
  test("grows through diagonal neighbours, stops at an empty ring", () => {
    const { filled, limits } = sheet("xx...", "..x..", ".....", "....x");
    expect(dataBlock(filled, { row: 0, column: 0 }, limits)).toEqual({
      top: 0,
      left: 0,
      bottom: 1,
      right: 2,
    });
  });
  test("an isolated empty cell is a region of one", () => {
    const { filled, limits } = sheet("x....", ".....", "....x");
    expect(dataBlock(filled, { row: 1, column: 2 }, limits)).toEqual({
      top: 1,
      left: 2,
      bottom: 1,
      right: 2,
    });
  });
});

describe("fill targets", () => {
  test("fill handle down from one row: the rows below it", () => {
    expect(fillTarget({ x: 2, y: 5, width: 3, height: 1 }, { x: 2, y: 5, width: 3, height: 200 })).toEqual({
      x: 2,
      y: 6,
      width: 3,
      height: 199,
    });
  });
  test("upward and right", () => {
    expect(fillTarget({ x: 0, y: 5, width: 1, height: 2 }, { x: 0, y: 2, width: 1, height: 5 })).toEqual({
      x: 0,
      y: 2,
      width: 1,
      height: 3,
    });
    expect(fillTarget({ x: 1, y: 0, width: 1, height: 4 }, { x: 1, y: 0, width: 3, height: 4 })).toEqual({
      x: 2,
      y: 0,
      width: 2,
      height: 4,
    });
  });
  test("nothing to fill", () => {
    expect(
      fillTarget({ x: 0, y: 0, width: 1, height: 1 }, { x: 0, y: 0, width: 1, height: 1 }),
    ).toBeUndefined();
  });
});

describe("status bar", () => {
  test("an error's message in words", () => {
    const error = new DetailedCellError(
      new CellError(ErrorType.VALUE, "grads has 3 values but params has 2"),
      "#VALUE!",
    );
    expect(cellStatus(error)).toEqual({
      shown: "#VALUE!",
      detail: "grads has 3 values but params has 2",
      error: true,
    });
  });
  test("a number's full precision", () => {
    expect(cellStatus(1 / 3)).toEqual({ shown: "0.33333333", detail: String(1 / 3), error: false });
  });
  test("Average, Count and Sum of the numbers; text counts, blanks do not", () => {
    // 1 + 2 + 6 = 9 over three numbers: average 3; four non-empty cells.
    expect(selectionSummary([1, 2, null, "x", 6])).toBe("Average: 3  Count: 4  Sum: 9");
    expect(selectionSummary(["a", "b"])).toBe("Count: 2");
    expect(selectionSummary([5])).toBe("");
  });
});
