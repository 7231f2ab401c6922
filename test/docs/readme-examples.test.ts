import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";

/**
 * The README's function table promises a result for each worked example. Every example that needs no sheet
 * (no cell references) is evaluated here in HyperFormula with our functions, and each number the README states
 * must be the computed value rounded to the digits the README shows — so the README cannot drift from the code.
 */
const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

interface Example {
  name: string;
  formula: string;
  stated: string;
}

function examples(): Example[] {
  const rows = readme.split("\n").filter((line) => /^\| \[[A-Z_]+\]\(docs\/functions\.md#/.test(line));
  return rows.map((line) => {
    const cells = line.split(" | ");
    const name = /\[([A-Z_]+)\]/.exec(line)?.[1] ?? "";
    const formula = /`(=[^`]+)`/.exec(cells[1] ?? "")?.[1] ?? "";
    const stated = (cells[2] ?? "").replace(/\|\s*$/, "").trim();
    return { name, formula, stated };
  });
}

const usesCells = (formula: string) =>
  /(^|[^A-Za-z_"])\$?[A-Z]{1,3}\$?\d+/.test(formula.replace(/"[^"]*"/g, '""'));

/** The numbers a README result states, in order (Unicode minus included; t = 1 → 1). */
function statedNumbers(text: string): string[] {
  return [...text.replace(/−/g, "-").matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => m[0]);
}

/** True when `value` rounded to the decimal places of `stated` gives `stated`. */
function roundsTo(value: number, stated: string): boolean {
  const number = Number(stated);
  const [mantissa, exponent] = stated.toLowerCase().split("e");
  const decimals = (mantissa?.split(".")[1] ?? "").length - Number(exponent ?? 0);
  return Math.abs(value - number) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}

const all = examples();
const standalone = all.filter((e) => !usesCells(e.formula) && !e.name.endsWith("HEADERS"));

describe("README worked examples", () => {
  test("the table lists every function with an example", () => {
    expect(all.length).toBeGreaterThanOrEqual(17);
    for (const example of all) expect(example.formula).toMatch(/^=GD\./);
  });

  test("the rounding check rejects a wrong figure", () => {
    expect(roundsTo(0.035355339, "0.035355")).toBe(true);
    expect(roundsTo(0.035355339, "0.035356")).toBe(false);
    expect(roundsTo(2.3368e-10, "2.3e-10")).toBe(true);
    expect(roundsTo(2.3368e-10, "2.4e-10")).toBe(false);
    expect(statedNumbers("0.5, m −1.836, t = 1")).toEqual(["0.5", "-1.836", "1"]);
  });

  test("at least ten examples are checked without a sheet", () => {
    expect(standalone.length).toBeGreaterThanOrEqual(10);
  });

  test.each(standalone.map((e) => [e.name, e] as const))(
    "%s gives what the README says",
    (_name, example) => {
      const engine = buildEngine({ Sheet1: [[example.formula]] });
      const values = engine.getSheetValues(0).flat();
      const numbers = values.filter((v): v is number => typeof v === "number");
      const stated = statedNumbers(example.stated);
      expect(stated.length).toBeGreaterThan(0);
      expect(numbers.length).toBeGreaterThanOrEqual(stated.length);
      stated.forEach((figure, i) => {
        const value = numbers[i] as number;
        if (!roundsTo(value, figure))
          throw new Error(`${example.name}: value ${i + 1} is ${value}, README says ${figure}`);
      });
      if (example.stated.startsWith("TRUE")) expect(values[0]).toBe(true);
    },
  );

  test("STEP_HEADERS gives the labels the README lists", () => {
    const example = all.find((e) => e.name === "STEP_HEADERS");
    expect(example).toBeDefined();
    const engine = buildEngine({ Sheet1: [[example?.formula ?? ""]] });
    expect(engine.getSheetValues(0).flat().join(", ")).toBe(example?.stated);
  });
});
