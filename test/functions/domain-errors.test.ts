/**
 * Results out of domain are Excel's errors with a message, never a non-finite number: formulas (LN of a
 * negative number, a division by zero, 0^0, LOG base 0 or 1, overflow, an infinite slope) give #NUM! or
 * #DIV/0! naming the operation and the operand, in the shells and in the workbench; a network whose outputs
 * overflow, a row-mode training step that diverges, and the last guard of every result. Expected codes follow
 * Excel's own functions: LN(-1), SQRT(-1), POWER(0,0), EXP(1000) are #NUM!; 1/0, POWER(0,-1), LOG(2,1) #DIV/0!.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import { runCell } from "../../src/functions/cell-functions";
import { CellValueError, toCellError } from "../../src/functions/excel-errors";
import { requireFiniteResult } from "../../src/functions/finite-results";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";
import { XOR_X, XOR_Y } from "../fixtures/xor";

function failure(name: string, args: Record<string, unknown>): { code: string; message: string } {
  try {
    runCell(name, args);
  } catch (error) {
    return codeAndMessage(error);
  }
  throw new Error(`${name} did not fail`);
}

function codeAndMessage(error: unknown): { code: string; message: string } {
  expect(error).toBeInstanceOf(CellValueError);
  const { code, message } = error as CellValueError;
  return { code, message };
}

/** TRAIN_MLP is asynchronous (Excel can cancel it): its failures arrive as a rejected promise. */
async function asyncFailure(
  name: string,
  args: Record<string, unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await runCell(name, args);
  } catch (error) {
    return codeAndMessage(error);
  }
  throw new Error(`${name} did not fail`);
}

const at = (formula: string, values: number | number[], names = "a") => ({ formula, names, values });

describe("formulas out of domain", () => {
  test.each([
    ["LOSS", at("1/a", 0), "#DIV/0!", "division by zero: 1/0"],
    ["LOSS", at("1/(1/a)", 0), "#DIV/0!", "division by zero: 1/0"],
    ["LOSS", at("LN(a)", -1), "#NUM!", "LN of -1 is undefined: LN's argument must be > 0"],
    ["LOSS", at("LN(a)", 0), "#NUM!", "LN of 0 is -infinite: LN's argument must be > 0"],
    ["LOSS", at("LOG(a)", -2), "#NUM!", "LOG of -2 is undefined: LOG's argument must be > 0"],
    ["LOSS", at("LOG(a, 0)", 2), "#NUM!", "LOG's base is 0: a base must be > 0 and not 1"],
    ["LOSS", at("LOG(a, 1)", 2), "#DIV/0!", "LOG with base 1 divides by zero (ln 1 = 0)"],
    ["LOSS", at("a^0", 0), "#NUM!", "0^0 is undefined (Excel's POWER(0, 0) is #NUM!)"],
    ["LOSS", at("POWER(a, 0)", 0), "#NUM!", "0^0 is undefined (Excel's POWER(0, 0) is #NUM!)"],
    ["LOSS", at("0^a", -1), "#DIV/0!", "0^-1 divides by zero"],
    ["LOSS", at("a^0.5", -4), "#NUM!", "(-4)^0.5 is undefined: a negative base needs a whole exponent"],
    ["LOSS", at("SQRT(a)", -1), "#NUM!", "SQRT of -1 is undefined: SQRT's argument must be >= 0"],
    ["LOSS", at("EXP(-EXP(a))", 1000), "#NUM!", "EXP of 1000 overflows (beyond ±1.8e308)"],
    ["LOSS", at("a*a", 1e200), "#NUM!", "* of 1e+200 and 1e+200 overflows (beyond ±1.8e308)"],
    // GRAD must not give LN's slope −1 at a point where LN is undefined.
    ["GRAD", at("LN(a)", -1), "#NUM!", "LN of -1 is undefined: LN's argument must be > 0"],
    ["GRAD", at("1/a", 0), "#DIV/0!", "division by zero: 1/0"],
    [
      "GRAD",
      at("SQRT(a)", 0),
      "#NUM!",
      "the derivative by a is Infinity at this point: the formula has no finite slope there (e.g. SQRT at 0, or an overflow)",
    ],
    ["HESSIAN", at("1/a", 0), "#DIV/0!", "division by zero: 1/0"],
    [
      "JACOBIAN",
      { formulas: "a; LN(a)", names: "a", values: -1 },
      "#NUM!",
      "LN of -1 is undefined: LN's argument must be > 0",
    ],
    [
      "GRADCHECK",
      { ...at("LOG(a, 0)", 2), grads: 1 },
      "#NUM!",
      "LOG's base is 0: a base must be > 0 and not 1",
    ],
  ])("%s %j is %s", (name, args, code, message) => {
    const { formula, ...rest } = args as Record<string, unknown>;
    const call = name === "JACOBIAN" ? rest : { formula, ...rest };
    expect(failure(name, call)).toEqual({ code, message });
  });

  test("a data row out of domain is named", () => {
    const args = { formula: "SUM(1/x)", names: "a", values: 1, data_names: "x", data: [[[1], [0], [2]]] };
    expect(failure("LOSS", args)).toEqual({
      code: "#DIV/0!",
      message: "division by zero: 1/0 in data row 2",
    });
  });

  test("inside the domain nothing changes: LN(1), 0^1, 2^0.5, LOG(8, 2)", () => {
    expect(runCell("LOSS", at("LN(a)", 1))).toBe(0);
    expect(runCell("LOSS", at("a^1", 0))).toBe(0);
    expect(runCell("LOSS", at("a^0.5", 2))).toBe(Math.SQRT2);
    expect(runCell("LOSS", at("LOG(a, 2)", 8))).toBe(3);
  });
});

describe("in the workbench the codes and messages reach the cell", () => {
  let engine: HyperFormula | undefined;
  afterEach(() => engine?.destroy());

  test("#DIV/0! and #NUM! with the message, never the text Infinity", () => {
    engine = buildEngine({
      S: [
        ['=GD.LOSS("1/a", "a", 0)'],
        ['=GD.GRAD("LN(a)", "a,b", {-1,1})'],
        ['=GD.MLP_PREDICT("1,1", {1e300,1e300}, {1e300}, , "linear")'],
      ],
    });
    const cell = (row: number) => (engine as HyperFormula).getCellValue({ sheet: 0, row, col: 0 });
    expect(cell(0)).toMatchObject({ value: "#DIV/0!", message: "division by zero: 1/0" });
    expect(cell(1)).toMatchObject({
      value: "#NUM!",
      message: "LN of -1 is undefined: LN's argument must be > 0",
    });
    expect(cell(2)).toMatchObject({
      value: "#NUM!",
      message:
        "MLP_PREDICT has no finite result here: row 1, column 1 would be Infinity (an overflow: use smaller inputs or parameters)",
    });
  });
});

describe("networks", () => {
  const XOR = { X: XOR_X, Y: XOR_Y };

  test("a row-mode step that diverges stops on that row with advice (as run mode does)", async () => {
    // 1e100 on ReLU/linear: row 1's loss is 5.06, row 2's 4.7e200, row 3's Infinity.
    const args = { layers: "2,3,1", ...XOR, lr: 1e100, activation: "relu", output: "linear" };
    const row1 = (await runCell("TRAIN_MLP", args)) as number[][];
    const row2 = (await runCell("TRAIN_MLP", { ...args, previous: row1 })) as number[][];
    expect(await asyncFailure("TRAIN_MLP", { ...args, previous: row2 })).toEqual({
      code: "#NUM!",
      message: "training diverged at this row: the loss is Infinity; try a smaller lr (1e+100)",
    });
  });

  test("a previous row holding an error names previous", async () => {
    const args = { layers: "2,3,1", ...XOR, previous: [[1, { code: "#NUM!" }]] };
    expect(await asyncFailure("TRAIN_MLP", args)).toEqual({
      code: "#VALUE!",
      message: "previous[2] is the error #NUM!",
    });
  });

  test("softmax over one output unit is refused", async () => {
    const message =
      "output softmax needs at least 2 output units (a softmax over one unit is always 1, so nothing is learnt), got layers 2,3,1: use output sigmoid for one unit";
    expect((await asyncFailure("TRAIN_MLP", { layers: "2,3,1", ...XOR, output: "softmax" })).message).toBe(
      message,
    );
    expect(
      failure("MLP_PREDICT", {
        layers: "2,3,1",
        params: [new Array(13).fill(0)],
        X: [[0, 0]],
        output: "softmax",
      }),
    ).toEqual({ code: "#VALUE!", message });
  });
});

describe("the last guard", () => {
  test("a non-finite number anywhere in a result is #NUM! with its position", () => {
    expect(() =>
      requireFiniteResult("F", [
        [1, 2],
        [3, NaN],
      ]),
    ).toThrow(
      "F has no finite result here: row 2, column 2 would be NaN (an overflow: use smaller inputs or parameters)",
    );
    expect(() => requireFiniteResult("F", -Infinity)).toThrow("F has no finite result here (got -Infinity)");
    expect(() => requireFiniteResult("F", [["a", 1, true]])).not.toThrow();
  });
});

describe("error cells and raw JavaScript messages", () => {
  test("JACOBIAN with an error cell among its formulas names the cell's error, not [object Object]", () => {
    expect(failure("JACOBIAN", { formulas: [["a", { code: "#N/A" }]], names: "a", values: 1 }).message).toBe(
      "formulas[2] must be a formula (text), got the error #N/A",
    );
    expect(
      failure("JACOBIAN", { formulas: [[{ type: "DIV_BY_ZERO", value: "#DIV/0!" }]], names: "a", values: 1 })
        .message,
    ).toBe("formulas[1] must be a formula (text), got the error #DIV/0!");
  });

  test("GD_STEP's variant as an error cell names it", () => {
    expect(failure("GD_STEP", { params: [[1]], grads: [[1]], variant: { code: "#REF!" } }).message).toBe(
      "variant is the error #REF!",
    );
  });

  test("V8's resource failures reach a cell as what they mean", () => {
    // A RangeError is what V8 throws for "Set maximum size exceeded", "Invalid array length" and the like.
    expect(toCellError(new RangeError("Set maximum size exceeded")).message).toBe(
      "the arguments need more memory than a cell function may use: use smaller ranges, fewer names or smaller sizes",
    );
    expect(toCellError({ weird: 1 }).message).toBe("an object");
  });
});

describe("a workbook whose array formula covers a whole sheet", () => {
  test("opens without a 17-billion-cell set (was: Set maximum size exceeded)", async () => {
    const { Workbook } = await import("exceljs");
    const { sheetsFromWorkbook } = await import("../../src/workbench/example-workbooks");
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("A1").value = {
      formula: 'GD.LOSS("a","a",1)',
      shareType: "array",
      ref: "A1:XFD1048576",
    } as never;
    sheet.getCell("B2").value = 7; // covered by the array: cleared, as Excel's spill area
    sheet.getCell("A3").value = 8;
    const [content] = sheetsFromWorkbook(workbook);
    expect(content?.rows).toEqual([['=GD.LOSS("a","a",1)'], [null, null], [null]]);
  });
});
