/**
 * The workbench's opening sheet in HyperFormula: every row's hand-derived gradient and GD.GD_STEP result equal
 * plain gradient descent on (a·x + b − y)² computed directly here, the last row reaches the least-squares fit
 * a = 2, b = 30 (the data lie exactly on y = 2x + 30), and every step reads the one learning-rate cell.
 */
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";
import { STARTER, starterWorkbook } from "../../src/workbench/starter-workbook";

let hf: HyperFormula;
let sheet: number;
const C = STARTER.columns;

beforeAll(() => {
  const [content] = starterWorkbook();
  if (!content) throw new Error("no starter sheet");
  hf = buildEngine({ [content.name]: content.rows });
  sheet = hf.getSheetId(content.name) as number;
});
afterAll(() => hf.destroy());

function num(row: number, col: number): number {
  const v = hf.getCellValue({ sheet, row, col });
  if (typeof v !== "number") throw new Error(`row ${row + 1} col ${col + 1} is ${JSON.stringify(v)}`);
  return v;
}

/** |got − want| ≤ 1e-12 · max(1, |want|). */
function expectClose(got: number, want: number, where: string): void {
  if (!(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want))))
    throw new Error(`${where}: sheet ${got}, direct ${want}`);
}

/** Plain SGD row by row on each row's point, independently of the sheet's formulas: a ← a − η·2e·x, b ← b − η·2e. */
function checkAgainstDirectDescent(lr: number): { a: number; b: number } {
  let a = 0;
  let b = 0;
  for (let i = 1; i <= STARTER.steps; i++) {
    const row = STARTER.startRow + i;
    const x = num(row, C.x);
    const y = num(row, C.y);
    expect(y).toBeCloseTo(2 * x + 30, 12);
    const e = a * x + b - y;
    expectClose(num(row, C.dA), 2 * e * x, `row ${row + 1} dL/da`);
    expectClose(num(row, C.dB), 2 * e, `row ${row + 1} dL/db`);
    a -= lr * 2 * e * x;
    b -= lr * 2 * e;
    expectClose(num(row, C.a), a, `row ${row + 1} a`);
    expectClose(num(row, C.b), b, `row ${row + 1} b`);
    expect(num(row, C.t)).toBe(i); // the state column counts the steps: each row passes t on
  }
  return { a, b };
}

test("headers come from GD.STEP_HEADERS: a, b, t above the step's spill", () => {
  const labels = [C.x, C.y, C.a, C.b, C.t].map((c) =>
    hf.getCellValue({ sheet, row: STARTER.headerRow, col: c }),
  );
  expect(labels).toEqual(["x", "y", "a", "b", "t"]);
  expect(hf.getCellFormula({ sheet, row: STARTER.headerRow, col: C.a })).toBe(
    '=GD.STEP_HEADERS("sgd","a,b")',
  );
});

test(`every row is one gradient step (lr ${STARTER.lr}) and the last reaches a ≈ 2, b ≈ 30 within 1e-3`, () => {
  expect(num(STARTER.lrCell.row, STARTER.lrCell.col)).toBe(STARTER.lr);
  checkAgainstDirectDescent(STARTER.lr);
  const last = STARTER.startRow + STARTER.steps;
  // least squares on exact data y = 2x + 30 has the unique minimiser (2, 30)
  expect(Math.abs(num(last, C.a) - 2)).toBeLessThan(1e-3);
  expect(Math.abs(num(last, C.b) - 30)).toBeLessThan(1e-3);
});

test("every step reads the one lr cell: 0.01 is too slow to arrive, 0.6 diverges", () => {
  const formulas = Array.from({ length: STARTER.steps }, (_, i) =>
    hf.getCellFormula({ sheet, row: STARTER.startRow + 1 + i, col: C.a }),
  );
  formulas.forEach((f) => expect(f).toMatch(/,\$B\$1\)$/));
  const last = STARTER.startRow + STARTER.steps;
  hf.setCellContents({ sheet, ...STARTER.lrCell }, 0.01);
  checkAgainstDirectDescent(0.01);
  expect(Math.abs(num(last, C.b) - 30)).toBeGreaterThan(1);
  hf.setCellContents({ sheet, ...STARTER.lrCell }, 0.6);
  expect(Math.abs(num(last, C.b))).toBeGreaterThan(1e6);
  hf.setCellContents({ sheet, ...STARTER.lrCell }, STARTER.lr);
});

test("the help cells link into the docs", () => {
  const links = [0, 2, 4].map((col) => hf.getCellFormula({ sheet, row: 1, col }));
  links.forEach((f) => expect(f).toMatch(/^=HYPERLINK\("docs\/[a-z-]+\.md/));
  expect(hf.getCellValue({ sheet, row: 1, col: 0 })).toBe("Help: y = ax + b three ways");
});
