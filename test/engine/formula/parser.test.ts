/**
 * Syntax and precedence against Excel's documented results (Excel: "Calculation operators and precedence":
 * negation, then %, then ^, then * and /, then + and −; operators of equal precedence left to right).
 * Each expected value is what Excel shows for the same formula typed in a cell.
 */
import { describe, expect, test } from "@jest/globals";
import { EngineError } from "../../../src/engine/errors";
import {
  FORMULA_LIMITS,
  FormulaError,
  compileFormula,
  evaluateFormula,
  parseFormula,
} from "../../../src/engine/formula";

describe("Excel precedence table", () => {
  const table: [string, number][] = [
    ["=-2^2", 4], // negation binds tighter than ^: (-2)^2
    ["-2^2", 4],
    ["-(2^2)", -4],
    ["0-2^2", -4], // binary minus is looser than ^
    ["=-2^2+1", 5],
    ["2^-2", 0.25], // a sign may start the exponent
    ["2^3^2", 64], // ^ is left-associative in Excel: (2^3)^2
    ["2^(3^2)", 512],
    ["2-3-4", -5],
    ["8/4/2", 1],
    ["2*-3", -6],
    ["2*3+4", 10],
    ["2+3*4", 14],
    ["(2+3)*4", 20],
    ["2*3^2", 18],
    ["-3^2*2", 18], // (-3)^2 * 2
    ["1e-3*1000", 1],
    ["1E3", 1000],
    ["2.5e+1", 25],
    [".5*4", 2],
    ["3.", 3],
    ["50%", 0.5],
    ["-50%", -0.5],
    ["200%^2", 4], // % before ^: (200/100)^2
    ["2^300%", 8], // 2^(300%) = 2^3
    ["10%%", 0.001], // % repeats: 10/100/100
    ["--2", 2],
    ["+-+2", -2],
    ["LOG(8,2)", 3],
    ["LOG(100)", 2],
    ["LOG(1000)", 3], // exact, not 2.9999999999999996
    ["LOG10(0.001)", -3],
    ["LOG(27, 3)", Math.log(27) / Math.log(3)],
    ["LN(EXP(2))", 2],
    ["POWER(2, 10)", 1024],
    ["SQRT(16)", 4],
    ["ABS(-7)", 7],
    ["PI()", Math.PI],
    ["MAX(1, 5, 3)", 5],
    ["MIN(4, -2, 9)", -2],
    ["SUM(1, 2, 3)", 6],
    ["AVERAGE(1, 2, 3, 6)", 3],
    ["RELU(-3) + RELU(2)", 2],
    ["SIGMOID(0)", 0.5],
    ["SOFTPLUS(0)", Math.LN2],
    ["MAXIMUM(2, 7) - MINIMUM(2, 7)", 5],
    ["exp(0) + Ln(1) + sIn(0)", 1], // function names in any case
    ["  = 1 +\t2\n", 3], // spaces, tabs and newlines between tokens
  ];
  test.each(table)("%s = %p", (formula, expected) => {
    expect(evaluateFormula(formula, {})).toBeCloseTo(expected, 14);
  });

  test("exact values, not just close ones, where Excel shows exact results", () => {
    expect(evaluateFormula("=-2^2", {})).toBe(4);
    expect(evaluateFormula("2^3^2", {})).toBe(64);
    expect(evaluateFormula("LOG(8,2)", {})).toBe(3);
    expect(evaluateFormula("LOG(1000)", {})).toBe(3);
    expect(evaluateFormula("7/100", {})).toBe(0.07); // division is a primitive: exact IEEE rounding
  });

  test("-x^2 with a name is (-x)^2; -(x^2) is the other reading", () => {
    expect(evaluateFormula("-x^2", { x: 3 })).toBe(9);
    expect(evaluateFormula("-(x^2)", { x: 3 })).toBe(-9);
  });
});

describe("the tree", () => {
  test("2^3^2 groups to the left, -x^2 negates before the power", () => {
    expect(parseFormula("2^3^2")).toMatchObject({
      kind: "binary",
      operator: "^",
      position: 4,
      left: { kind: "binary", operator: "^", position: 2 },
      right: { kind: "number", value: 2 },
    });
    expect(parseFormula("-x^2")).toMatchObject({
      kind: "binary",
      operator: "^",
      left: { kind: "negate", operand: { kind: "name", name: "x" } },
    });
  });

  test("names: letters, digits, underscore and dot after the first character; case-insensitive", () => {
    const f = compileFormula("Alpha_1 * beta.2 + ALPHA_1 + _c");
    expect(f.names).toEqual(["alpha_1", "beta.2", "_c"]);
    expect(evaluateFormula(f, { ALPHA_1: 2, "Beta.2": 3, _C: 1 })).toBe(2 * 3 + 2 + 1);
  });
});

describe("errors carry 1-based positions (a leading = counts)", () => {
  const cases: [string, string][] = [
    ["=(1+2))", 'Unexpected ")" at 7'],
    ["SUM(a, b))*2 ", 'Unexpected ")" at 10'],
    ["1 + * 2", 'Unexpected "*" at 5'],
    ["1 +", "Unexpected end of formula at 4"],
    ["=2 3", 'Unexpected "3" at 4'],
    ["2x", 'Unexpected "x" at 2'],
    ["1 & 2", 'Unexpected "&" at 3'],
    ["a = b", 'Unexpected "=" at 3'],
    ["FOO(1)", 'Unknown function "FOO" at 1'],
    ["1 + foo(2)", 'Unknown function "FOO" at 5'],
    ["LOG(1, 2, 3)", "LOG takes 1 or 2 arguments, got 3 at 1"],
    ["LOG()", "LOG takes 1 or 2 arguments, got 0 at 1"],
    ["=EXP(1, 2)", "EXP takes 1 argument, got 2 at 2"],
    ["POWER(2)", "POWER takes 2 arguments, got 1 at 1"],
    ["PI(1)", "PI takes no arguments, got 1 at 1"],
    ["MAX()", "MAX takes 1 to 255 arguments, got 0 at 1"],
    ["LOG(8,)", 'Unexpected ")" at 7'],
    ["SUM(,1)", 'Unexpected "," at 5'],
    ["(1 + 2", 'Missing ")" to close "(" at 1'],
    ["EXP((1)", 'Missing ")" to close "(" at 4'],
    ["=1e", 'Malformed number "1e" at 2'],
    ["1e+", 'Malformed number "1e+" at 1'],
    ["()", 'Unexpected ")" at 2'],
    ["", "Formula is empty"],
    ["   ", "Formula is empty"],
    ["=", "Formula is empty"],
    [" = ", "Formula is empty"],
    ["==1", 'Unexpected "=" at 2'],
  ];
  test.each(cases)("%p → %s", (formula, message) => {
    let caught: unknown;
    try {
      compileFormula(formula);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FormulaError);
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as Error).message).toBe(message);
  });

  test("the position is also a field", () => {
    try {
      compileFormula("a + )");
      throw new Error("expected a FormulaError");
    } catch (e) {
      expect(e).toMatchObject({ position: 5, detail: 'Unexpected ")"' });
    }
  });
});

describe("limits", () => {
  test(`a formula longer than ${FORMULA_LIMITS.maxLength} characters is refused`, () => {
    const source = "1+".repeat(4096) + "1"; // 8193 characters
    expect(() => compileFormula(source)).toThrow("Formula is 8193 characters long; the limit is 8192");
    const atLimit = "1+".repeat(4095) + "11"; // 8192 characters: allowed
    expect(evaluateFormula(atLimit, {})).toBe(4095 + 11);
  });

  test(`nesting deeper than ${FORMULA_LIMITS.maxDepth} parentheses or calls is refused with the position`, () => {
    expect(evaluateFormula("(".repeat(200) + "1" + ")".repeat(200), {})).toBe(1);
    expect(() => compileFormula("(".repeat(201) + "1" + ")".repeat(201))).toThrow(
      "Formula nests deeper than 200 levels at 201",
    );
    expect(() => compileFormula("EXP(".repeat(201) + "0" + ")".repeat(201))).toThrow(
      "Formula nests deeper than 200 levels at 804",
    );
  });

  test("hostile inputs within the length limit do not overflow the stack", () => {
    expect(evaluateFormula("-".repeat(8000) + "1", {})).toBe(1); // an even number of minus signs
    expect(evaluateFormula("2" + "^1".repeat(4000), {})).toBe(2);
    expect(evaluateFormula("1" + "%".repeat(3), {})).toBeCloseTo(1e-6, 20);
    expect(() => compileFormula("(".repeat(8000))).toThrow("Formula nests deeper than 200 levels at 201");
  });
});
