/** Reading chart data out of HyperFormula sheets: columns found by header, selected ranges. */
import { expect, test } from "@jest/globals";
import { HyperFormula } from "hyperformula";
import { findOptimizerColumns, rangeName, rangeSeries, readColumns } from "../../src/workbench/sheet-series";

// An optimizer sheet's layout in small: the header "a" computed by a formula (as GD.STEP_HEADERS spills it),
// "B" in upper case, a second "a" column that must not win, a loss with an empty and a text cell, and a last
// row with data only in a column the charts do not read.
function sheet(): HyperFormula {
  return HyperFormula.buildFromArray(
    [
      ["iter", "x", '="a"', "B", "loss", "a"],
      [0, 5, 0, 0, null, 99],
      [1, 5, 0.5, "=D2+1", "=C3*4", 99],
      [2, 5, 1, 2, "n/a", 99],
      [null, 7, null, null, null, null],
    ],
    { licenseKey: "gpl-v3" },
  );
}

test("findOptimizerColumns finds a, b, loss and iter by their evaluated header, first match wins", () => {
  expect(findOptimizerColumns(sheet(), 0)).toEqual({ iter: 0, a: 2, b: 3, loss: 4 });
});

test("readColumns reads rows 2… to the last with a number, NaN for empty/text, x labels from iter", () => {
  const data = readColumns(
    sheet(),
    0,
    [
      { name: "a", col: 2 },
      { name: "b", col: 3 },
      { name: "loss", col: 4 },
    ],
    0,
  );
  expect(data.xLabels).toEqual(["0", "1", "2"]);
  expect(data.series).toEqual([
    { name: "a", values: [0, 0.5, 1] },
    { name: "b", values: [0, 1, 2] }, // D3 = D2 + 1
    { name: "loss", values: [NaN, 2, NaN] }, // E3 = C3·4 = 0.5·4
  ]);
});

test("readColumns without an iter column labels points by sheet row", () => {
  expect(readColumns(sheet(), 0, [{ name: "x", col: 1 }]).xLabels).toEqual(["2", "3", "4", "5"]);
});

test("rangeSeries: a text top row names the series; x labels are sheet rows", () => {
  const data = rangeSeries(sheet(), { sheet: 0, top: 0, left: 1, bottom: 3, right: 2 });
  expect(data).toEqual({
    xLabels: ["2", "3", "4"],
    series: [
      { name: "x", values: [5, 5, 5] },
      { name: "a", values: [0, 0.5, 1] },
    ],
  });
});

test("rangeSeries: without a text row the column letters name the series", () => {
  const data = rangeSeries(sheet(), { sheet: 0, top: 1, left: 1, bottom: 3, right: 1 });
  expect(data).toEqual({ xLabels: ["2", "3", "4"], series: [{ name: "B", values: [5, 5, 5] }] });
});

test("rangeName", () => {
  expect(rangeName({ sheet: 0, top: 1, left: 1, bottom: 3, right: 1 })).toBe("B2:B4");
  expect(rangeName({ sheet: 0, top: 2, left: 2, bottom: 2, right: 2 })).toBe("C3");
});
