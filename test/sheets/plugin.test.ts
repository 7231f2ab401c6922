/**
 * The HyperFormula plugin's mechanics on small sheets: spilled sizes, #VALUE! with the function's message,
 * errors inside ranges, blank state, 15 significant digits, and the file-name mapping.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import { buildEngine, GD_FUNCTION_NAMES } from "../../src/workbench/hyperformula-plugin";
import { reenterLayoutReaders } from "../../src/workbench/layout-cells";
import * as functions from "../../src/functions/functions";

let engine: HyperFormula | undefined;
afterEach(() => engine?.destroy());

function sheet(rows: (string | number | null)[][]): (row: number, col: number) => unknown {
  engine = buildEngine({ S: rows });
  const id = engine.getSheetId("S") as number;
  return (row, col) => (engine as HyperFormula).getCellValue({ sheet: id, row, col });
}

test("every exported function except the Excel-only streaming one is registered as GD.NAME", () => {
  const exported = Object.keys(functions).filter((name) => name !== "TRAIN_MLP_LIVE");
  expect([...GD_FUNCTION_NAMES].sort()).toEqual(exported.map((name) => `GD.${name}`).sort());
});

describe("spills", () => {
  test("a step spills params then state; the next row takes the previous row's spill", () => {
    const at = sheet([
      [1, 2, 0.5, -1, null, null, null, null],
      ["=GD.GD_STEP(A1:B1, C1:D1, , 0.1, 0.9)"],
      ["=GD.GD_STEP(A2:B2, C1:D1, C2:E2, 0.1, 0.9)"],
    ]);
    // row 2: (0.95, 2.1), buf = g, t = 1; row 3: buf = 0.9g + g = 1.9g, w − 0.1·1.9g
    expect([0, 1, 2, 3, 4].map((c) => at(1, c))).toEqual([0.95, 2.1, 0.5, -1, 1]);
    const row3 = [0, 1, 2, 3, 4].map((c) => at(2, c) as number);
    [0.95 - 0.095, 2.1 + 0.19, 0.95, -1.9, 2].forEach((v, i) => expect(row3[i]).toBeCloseTo(v, 14));
  });

  test("a literal momentum, amsgrad or options text sets the predicted width", () => {
    const at = sheet([
      [1, 2, 0.5, -1],
      ["=GD.ADAM_STEP(A1:B1, C1:D1, , 0.1, , , , , TRUE())"],
      ['=GD.STEP_HEADERS("rmsprop", "a,b", "momentum=0.9, centered=true")'],
      ['=GD.JACOBIAN("a*b; a+b; a-b", "a,b", A1:B1)'],
    ]);
    expect(at(1, 8)).toBe(1); // a, b, m×2, v×2, vmax×2, t
    expect(at(2, 8)).toBe("t");
    expect([at(3, 0), at(3, 1), at(4, 0), at(5, 1)]).toEqual([2, 1, 1, -1]);
  });
});

describe("layout arguments from cells", () => {
  // GD_STEP with momentum μ spills params, the momentum buffers and t: 1×5 for two params; without, 1×3.
  // One step from (1, 2) with g = (1, 2), lr 0.1: buffers = g, params − 0.1·g = (0.9, 1.8), t = 1.
  test("a constant cell above, or below (known once the sheet is built), sizes the spill", () => {
    const at = sheet([
      [0.9, "=GD.GD_STEP({1,2}, {1,2}, , 0.1, A1)"],
      ["=GD.GD_STEP({1,2}, {1,2}, , 0.1, A3)"],
      [0.9],
    ]);
    const rowOf = (row: number, from: number) => [0, 1, 2, 3, 4].map((c) => at(row, from + c));
    for (const values of [rowOf(0, 1), rowOf(1, 0)]) {
      expect(values.map((v) => Number((v as number).toFixed(12)))).toEqual([0.9, 1.8, 1, 2, 1]);
    }
  });

  test("changing the cell through the grid's path (re-entering its readers) resizes the spill; undo restores it", () => {
    const hf = buildEngine({ S: [[0, "=GD.GD_STEP({1,2}, {1,2}, , 0.1, A1)"]] });
    engine = hf;
    const id = hf.getSheetId("S") as number;
    const cell = (col: number) => hf.getCellValue({ sheet: id, row: 0, col });
    expect([1, 2, 3, 4].map(cell)).toEqual([0.9, 1.8, 1, null]); // momentum 0: params, t
    const momentum = { sheet: id, row: 0, col: 0 };
    hf.batch(() => {
      reenterLayoutReaders(hf, [momentum]);
      hf.setCellContents(momentum, [[0.9]]);
      reenterLayoutReaders(hf, [momentum]);
    });
    expect([1, 2, 3, 4, 5].map((c) => Number((cell(c) as number).toFixed(12)))).toEqual([0.9, 1.8, 1, 2, 1]);
    hf.undo();
    expect([1, 2, 3, 4, 5].map(cell)).toEqual([0.9, 1.8, 1, null, null]);
  });
});

describe("errors", () => {
  test("a layout argument from a formula cell gives a #VALUE! that says so, instead of breaking the engine", () => {
    const at = sheet([["=GD.GD_STEP({1,2}, {1,2}, , 0.1, A2)"], ["=0.9"]]);
    expect(at(0, 0)).toMatchObject({
      value: "#VALUE!",
      message: expect.stringContaining(
        "the result is 1×5 but 1×3 cells were reserved: in this workbench, the arguments that change the layout (momentum, variant) must be literals or cells holding a constant",
      ),
    });
  });

  test("a thrown message becomes #VALUE! with that message", () => {
    const at = sheet([
      [1, 2, 0.5, -1, 3],
      ["=GD.GD_STEP(A1:B1, C1:E1)"],
      ["=GD.GD_STEP(A1:B1, C1:D1, , -1)"],
    ]);
    expect(at(1, 0)).toMatchObject({ value: "#VALUE!", message: "grads has 3 values but params has 2" });
    expect(at(2, 0)).toMatchObject({ value: "#VALUE!", message: "lr must be > 0, got -1" });
  });

  test("an error inside a range is reported with its position; a scalar error passes through", () => {
    const at = sheet([
      [1, "=1/0", 0.5, -1],
      ["=GD.GD_STEP(A1:B1, C1:D1)"],
      ['=GD.LR_DECAY(B1, 1, "constant")'],
    ]);
    expect(at(1, 0)).toMatchObject({ value: "#VALUE!", message: "params[2] is the error #DIV/0!" });
    expect(at(2, 0)).toMatchObject({ value: "#DIV/0!" });
  });
});

test("results keep full double precision (HyperFormula's defaults round to about 11 digits)", () => {
  // With the default configuration these read 0.33333333333 and 3.3333336091e-11.
  const at = sheet([['=GD.LOSS("a/3", "a", 1)', '=GD.LOSS("a/3", "a", 1)-0.3333333333']]);
  expect(at(0, 0)).toBe(1 / 3);
  expect(at(0, 1) as number).toBeCloseTo(1 / 3 - 0.3333333333, 20);
});
