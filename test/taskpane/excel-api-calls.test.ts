import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@jest/globals";
import { EXCEL_API_CALLS, REQUIRED_EXCEL_API } from "../../src/taskpane/excel-api-calls";

const root = join(__dirname, "..", "..");
const SINKS = [
  "src/taskpane/excel-run-sink.ts",
  "src/taskpane/excel-selection-sink.ts",
  "src/taskpane/rebind-formulas.ts",
];

/** The `Excel` namespace of @types/office-js, as lines. */
function excelDeclarations(): string[] {
  const text = readFileSync(join(root, "node_modules", "@types", "office-js", "index.d.ts"), "utf8");
  const start = text.indexOf("declare namespace Excel {");
  const end = text.indexOf("\ndeclare namespace", start + 1);
  return text.slice(start, end).split("\n");
}

const versionOf = (docs: string[]): string | undefined => {
  for (let i = docs.length - 1; i >= 0; i--) {
    const match = /\[Api set: ExcelApi (\d+\.\d+)/.exec(docs[i] ?? "");
    if (match) return match[1];
  }
  return undefined;
};

/** The JSDoc lines right above line `at`. */
function docAbove(lines: string[], at: number): string[] {
  const docs: string[] = [];
  for (let i = at - 1; i >= 0 && !/^\s*\/\*\*/.test(lines[i] ?? ""); i--) docs.push(lines[i] ?? "");
  return docs.reverse();
}

/** The requirement set @types/office-js states for Class.member (the class's own set when the member has none). */
function declaredSet(lines: string[], name: string): string | undefined {
  const [cls, member] = name.split(".") as [string, string];
  const classLine = lines.findIndex((l) => new RegExp(`^ {4}class ${cls} extends `).test(l));
  if (classLine < 0) return undefined;
  const memberPattern = new RegExp(`^ {8}(readonly )?${member}[(:?<]`);
  for (let i = classLine + 1; i < lines.length && !/^ {4}class /.test(lines[i] ?? ""); i++) {
    if (memberPattern.test(lines[i] ?? "")) {
      return versionOf(docAbove(lines, i)) ?? versionOf(docAbove(lines, classLine));
    }
  }
  return undefined;
}

const compare = (a: string, b: string) => {
  const [am, an] = a.split(".").map(Number) as [number, number];
  const [bm, bn] = b.split(".").map(Number) as [number, number];
  return am - bm || an - bn;
};

test("every listed call has the requirement set @types/office-js gives it, and none needs more than the stated set", () => {
  const lines = excelDeclarations();
  const found = Object.fromEntries(
    Object.keys(EXCEL_API_CALLS).map((name) => [name, declaredSet(lines, name)]),
  );
  expect(found).toEqual(EXCEL_API_CALLS);
  const highest = Object.values(EXCEL_API_CALLS).sort(compare).at(-1);
  expect(highest).toBe(REQUIRED_EXCEL_API);
});

test("every Excel member the sinks call is in the list", () => {
  const lines = excelDeclarations();
  const excelMembers = new Set(
    lines.flatMap((l) => /^ {8}(?:readonly )?([a-zA-Z]+)[(:?<]/.exec(l)?.slice(1, 2) ?? []),
  );
  // Plain JavaScript names that Excel classes happen to declare too, used here on arrays and strings.
  // (isNullObject comes with the ...OrNullObject calls listed; context.workbook is the API's root, in every set.)
  const javascript = new Set([
    "isNullObject",
    "length",
    "map",
    "some",
    "find",
    "filter",
    "replace",
    "now",
    "max",
    "workbook",
  ]);
  const listed = new Set(Object.keys(EXCEL_API_CALLS).map((name) => name.split(".")[1]));
  for (const file of SINKS) {
    const source = readFileSync(join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    const used = new Set([...source.matchAll(/\.([a-zA-Z]+)\b/g)].map((m) => m[1] as string));
    const missing = [...used].filter((m) => excelMembers.has(m) && !javascript.has(m) && !listed.has(m));
    expect([file, missing]).toEqual([file, []]);
  }
});
