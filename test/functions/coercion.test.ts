/**
 * Cell values → engine inputs: row vs column ranges, single cells, array constants, blanks (0 from Excel
 * desktop, null from the web), text, booleans, error values and mismatched lengths, each with its message.
 */
import { describe, expect, test } from "@jest/globals";
import {
  hyperValue,
  nameList,
  numberTable,
  numberVector,
  optionalBoolean,
  optionalNumber,
  optionalText,
  optionsText,
  requiredNumber,
  requiredText,
  requiredVector,
  stateVector,
} from "../../src/functions/coercion";
import { EngineError } from "../../src/engine/errors";

function messageOf(body: () => unknown): string {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return (error as Error).message;
  }
  throw new Error("expected an EngineError");
}

describe("numberVector (params, grads, values)", () => {
  test("a row range, a column range, a single cell and a bare scalar give the same kind of list", () => {
    expect(numberVector("params", [[1, 2, 3]])).toEqual([1, 2, 3]);
    expect(numberVector("params", [[1], [2], [3]])).toEqual([1, 2, 3]);
    expect(numberVector("params", [[4]])).toEqual([4]);
    expect(numberVector("params", 4)).toEqual([4]);
  });

  test("an array constant {1,2;3,4} is 2-D and rejected with its shape", () => {
    expect(
      messageOf(() =>
        numberVector("params", [
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe("params must be a single row or column, got 2×2 cells");
  });

  test("blank cells count as 0 whether they arrive as 0 (desktop), null (web) or empty text", () => {
    expect(numberVector("grads", [[0, null, "", 5]])).toEqual([0, 0, 0, 5]);
  });

  test("text, booleans, error values and non-finite numbers are rejected with the 1-based position", () => {
    expect(messageOf(() => numberVector("params", [[1, "abc"]]))).toBe(
      'params[2] must be a number, got "abc"',
    );
    expect(messageOf(() => numberVector("params", [[true, 1]]))).toBe("params[1] must be a number, got TRUE");
    expect(messageOf(() => numberVector("grads", [[1, 2, { code: "#DIV/0!" }]]))).toBe(
      "grads[3] is the error #DIV/0!",
    );
    expect(messageOf(() => numberVector("grads", [[Number.NaN]]))).toBe(
      "grads must be a finite number, got NaN",
    );
    expect(messageOf(() => numberVector("grads", [[1, Infinity]]))).toBe(
      "grads[2] must be a finite number, got Infinity",
    );
  });

  test("requiredVector rejects an empty range", () => {
    expect(messageOf(() => requiredVector("params", []))).toBe("params has no values");
  });
});

describe("stateVector (the previous row's optimizer state)", () => {
  test("omitted, all-blank (web) or all-zero (desktop blanks) is the empty initial state", () => {
    expect(stateVector(null)).toEqual([]);
    expect(stateVector(undefined)).toEqual([]);
    expect(stateVector([[null, null, null]])).toEqual([]);
    expect(stateVector([[0, 0, 0]])).toEqual([]);
  });

  test("a state with any nonzero value passes through in order, inner blanks as 0", () => {
    expect(stateVector([[0.5, null, 1]])).toEqual([0.5, 0, 1]);
  });
});

describe("scalars", () => {
  test("optional numbers: omitted or blank → undefined (the engine default); a 1×1 range is its value", () => {
    expect(optionalNumber("lr", null)).toBeUndefined();
    expect(optionalNumber("lr", undefined)).toBeUndefined();
    expect(optionalNumber("lr", "")).toBeUndefined();
    expect(optionalNumber("lr", [[0.1]])).toBe(0.1);
    expect(optionalNumber("lr", 0)).toBe(0); // a desktop blank cell reference: 0, which the engine then rejects
    expect(messageOf(() => optionalNumber("lr", [[1, 2]]))).toBe("lr must be a single value, got 2 cells");
    expect(messageOf(() => optionalNumber("lr", "fast"))).toBe('lr must be a number, got "fast"');
    expect(messageOf(() => requiredNumber("step", null))).toBe("step is required");
  });

  test("flags: TRUE/FALSE, 1/0 (how a desktop blank or a typed number arrives), or text true/false", () => {
    expect(optionalBoolean("nesterov", true)).toBe(true);
    expect(optionalBoolean("nesterov", 0)).toBe(false);
    expect(optionalBoolean("nesterov", 1)).toBe(true);
    expect(optionalBoolean("nesterov", "TRUE")).toBe(true);
    expect(optionalBoolean("nesterov", null)).toBeUndefined();
    expect(messageOf(() => optionalBoolean("nesterov", 2))).toBe("nesterov must be TRUE or FALSE, got 2");
  });

  test("hyper-parameters keep booleans as booleans and numbers as numbers", () => {
    expect(hyperValue("amsgrad", true)).toBe(true);
    expect(hyperValue("beta1", [[0.8]])).toBe(0.8);
    expect(hyperValue("beta1", null)).toBeUndefined();
    expect(messageOf(() => hyperValue("beta1", "x"))).toBe('beta1 must be a number, got "x"');
  });

  test("text arguments are trimmed; numbers are not text", () => {
    expect(optionalText("optimizer", "  adam ")).toBe("adam");
    expect(optionalText("optimizer", null)).toBeUndefined();
    expect(messageOf(() => optionalText("optimizer", 3))).toBe("optimizer must be text, got 3");
    expect(messageOf(() => requiredText("formula", ""))).toBe("formula is required");
  });
});

describe("nameList", () => {
  test('"a, b" in one cell, one name per cell of a row or column, blanks skipped', () => {
    expect(nameList("names", "a, b")).toEqual(["a", "b"]);
    expect(nameList("names", [["a,b"]])).toEqual(["a", "b"]);
    expect(nameList("names", [["a"], ["b"], [null]])).toEqual(["a", "b"]);
    expect(nameList("names", [["w1", "", "w2"]])).toEqual(["w1", "w2"]);
  });

  test("numbers and duplicates (case-insensitive) are rejected", () => {
    expect(messageOf(() => nameList("names", [["a", 3]]))).toBe("names[2] must be a name (text), got 3");
    expect(messageOf(() => nameList("names", "a, A"))).toBe('names lists "A" twice');
  });
});

describe("numberTable (X, Y)", () => {
  test("keeps rows; a scalar is a 1×1 table; ragged rows and text are rejected", () => {
    expect(
      numberTable("X", [
        [0, 1],
        [1, null],
      ]),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(numberTable("Y", 3)).toEqual([[3]]);
    expect(messageOf(() => numberTable("X", [[1, 2], [3]]))).toBe("X row 2 has 1 values but row 1 has 2");
    expect(messageOf(() => numberTable("X", [[1, "b"]]))).toBe('X row 1[2] must be a number, got "b"');
  });
});

describe("optionsText", () => {
  test('"momentum=0.9, nesterov=true" → typed values; names lower-cased', () => {
    expect(optionsText("options", "Momentum=0.9, nesterov=TRUE; amsgrad=false")).toEqual({
      momentum: 0.9,
      nesterov: true,
      amsgrad: false,
    });
    expect(optionsText("options", null)).toEqual({});
  });

  test("malformed items say which", () => {
    expect(messageOf(() => optionsText("options", "momentum"))).toBe('options: "momentum" is not name=value');
    expect(messageOf(() => optionsText("options", "momentum=high"))).toBe(
      'options: momentum must be a number, got "high"',
    );
  });
});
