/**
 * Data ranges in the workbench: an all-number range is converted once per recalculation and kept in
 * HyperFormula's cache of the range; editing any of its cells must give every formula reading it the new
 * data. Expected gradients are the closed form of the mean squared error, computed here:
 * ∂/∂a mean((ax + b − y)²) = mean(2(ax + b − y)x), ∂/∂b = mean(2(ax + b − y)).
 */
import { afterEach, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";

let engine: HyperFormula | undefined;
afterEach(() => engine?.destroy());

function closedForm(a: number, b: number, xs: number[], ys: number[]): [number, number] {
  let ga = 0;
  let gb = 0;
  xs.forEach((x, i) => {
    const r = a * x + b - (ys[i] as number);
    ga += 2 * r * x;
    gb += 2 * r;
  });
  return [ga / xs.length, gb / xs.length];
}

const GRAD = `=GD.GRAD("AVERAGE((a*x+b-y)^2)","a,b",{0.5,1},"x,y",$A$1:$A$4,$B$1:$B$4)`;

test("editing a data cell recomputes every GRAD reading the range (the cache is emptied)", () => {
  const xs = [0, 1, 2, 3];
  const ys = [30, 32, 34.5, 36];
  engine = buildEngine({
    S: [
      [xs[0] as number, ys[0] as number, GRAD],
      [xs[1] as number, ys[1] as number, GRAD],
      [xs[2] as number, ys[2] as number],
      [xs[3] as number, ys[3] as number],
    ],
  });
  const read = (row: number): number[] =>
    [2, 3].map((col) => (engine as HyperFormula).getCellValue({ sheet: 0, row, col }) as number);
  const expected = closedForm(0.5, 1, xs, ys);
  for (const row of [0, 1]) read(row).forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 12));

  engine.setCellContents({ sheet: 0, row: 2, col: 1 }, [[40]]);
  const edited = closedForm(0.5, 1, xs, [30, 32, 40, 36]);
  for (const row of [0, 1]) read(row).forEach((v, i) => expect(v).toBeCloseTo(edited[i] as number, 12));

  // A cell of the range that becomes a formula's result counts as data too.
  engine.setCellContents({ sheet: 0, row: 0, col: 0 }, [["=0.5*2"]]);
  const viaFormula = closedForm(0.5, 1, [1, 1, 2, 3], [30, 32, 40, 36]);
  read(1).forEach((v, i) => expect(v).toBeCloseTo(viaFormula[i] as number, 12));
});

test("a data range with text, a blank or an error takes the general path and its messages", () => {
  engine = buildEngine({
    S: [
      [0, 30, `=GD.LOSS("AVERAGE((a*x+b-y)^2)","a,b",{0,0},"x,y",A1:A3,B1:B3)`],
      [1, "abc"],
      [2, null],
    ],
  });
  const cell = engine.getCellValue({ sheet: 0, row: 0, col: 2 }) as { value: string; message: string };
  expect(cell.value).toBe("#VALUE!");
  expect(cell.message).toBe('y[2] must be a number, got "abc"');
  engine.setCellContents({ sheet: 0, row: 1, col: 1 }, [[32]]);
  // The blank B3 counts as 0, as in Excel: the mean of (0 − 30)², (0 − 32)² and (0 − 0)².
  expect(engine.getCellValue({ sheet: 0, row: 0, col: 2 })).toBeCloseTo((900 + 1024 + 0) / 3, 10);
});
