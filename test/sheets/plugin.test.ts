/**
 * The HyperFormula plugin's mechanics on small sheets: spilled sizes, #VALUE! with the function's message,
 * errors inside ranges, blank state, 15 significant digits, and the file-name mapping.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import { buildEngine, GD_FUNCTION_NAMES } from "../../src/workbench/hyperformula-plugin";
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

describe("errors", () => {
  test("a layout argument given by reference gives a #VALUE! that says so, instead of breaking the engine", () => {
    const at = sheet([["=GD.GD_STEP({1,2}, {1,2}, , 0.1, A2)"], [0.9]]);
    expect(at(0, 0)).toMatchObject({
      value: "#VALUE!",
      message: expect.stringContaining("the result is 1×5 but 1×3 cells were reserved"),
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
