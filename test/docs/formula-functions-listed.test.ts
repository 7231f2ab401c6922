/* global __dirname */
/** README's list of the formula language's functions and docs/formula-language.md's table name every one the parser knows. */
import { expect, test } from "@jest/globals";
import { readFileSync } from "fs";
import { join } from "path";
import { FORMULA_FUNCTIONS } from "../../src/engine/formula";

const read = (file: string): string => readFileSync(join(__dirname, "..", "..", file), "utf8");
const NAMES = Object.keys(FORMULA_FUNCTIONS);

test("README's formula-language paragraph names every function", () => {
  const readme = read("README.md");
  const paragraph = readme.slice(readme.indexOf("## The formula language"), readme.indexOf("**Precedence"));
  const missing = NAMES.filter((name) => !new RegExp(`\\b${name}\\b`).test(paragraph));
  expect(missing).toEqual([]);
});

test("docs/formula-language.md's function table has a row for every function", () => {
  const rows = read("docs/formula-language.md")
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => line.split("|")[1] ?? "");
  const missing = NAMES.filter((name) => !rows.some((cell) => new RegExp(`\\b${name}\\b`).test(cell)));
  expect(missing).toEqual([]);
});
