import type { HyperFormula } from "hyperformula";
import { cellName, columnName } from "./cell-format";

/** A rectangle of cells on one sheet, rows and columns 0-based and inclusive (what the grid's selection is). */
export interface CellRange {
  sheet: number;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One column of a sheet read as numbers: text, empty and error cells become NaN (a gap in the line). */
export interface ColumnSeries {
  name: string;
  values: number[];
}

/** Sheet data for a chart: the series and one x label per row. */
export interface SheetSeries {
  xLabels: string[];
  series: ColumnSeries[];
}

/** The optimizer sheets' columns the workbench charts on its own, found by their row-1 labels. */
export interface OptimizerColumns {
  a?: number;
  b?: number;
  loss?: number;
  iter?: number;
}

/** A cell's value as a label: its text (computed headers, e.g. GD.STEP_HEADERS' spill, count), else "". */
function headerTextAt(hf: HyperFormula, sheet: number, row: number, col: number): string {
  const value = hf.getCellValue({ sheet, row, col });
  return typeof value === "string" ? value.trim() : "";
}

function numberAt(hf: HyperFormula, sheet: number, row: number, col: number): number {
  const value = hf.getCellValue({ sheet, row, col });
  return typeof value === "number" ? value : NaN;
}

/**
 * Columns whose header in row 1 is exactly "a", "b", "loss" or "iter" (case-insensitive; the first such column
 * wins), so the charts follow the sheet's layout instead of fixed column letters.
 */
export function findOptimizerColumns(hf: HyperFormula, sheet: number): OptimizerColumns {
  const found: OptimizerColumns = {};
  const width = hf.getSheetDimensions(sheet).width;
  for (let col = 0; col < width; col++) {
    const label = headerTextAt(hf, sheet, 0, col).toLowerCase();
    if (
      (label === "a" || label === "b" || label === "loss" || label === "iter") &&
      found[label] === undefined
    )
      found[label] = col;
  }
  return found;
}

/**
 * Rows 2… of the given columns, up to the last row where any of them holds a number; x labels from the
 * `xColumn` (the iter column) where it holds a value, else the sheet's row number.
 */
export function readColumns(
  hf: HyperFormula,
  sheet: number,
  columns: readonly { name: string; col: number }[],
  xColumn?: number,
): SheetSeries {
  const height = hf.getSheetDimensions(sheet).height;
  const series = columns.map(({ name }) => ({ name, values: [] as number[] }));
  const xLabels: string[] = [];
  let lastUsed = 0;
  for (let row = 1; row < height; row++) {
    columns.forEach(({ col }, k) => {
      const value = numberAt(hf, sheet, row, col);
      series[k]?.values.push(value);
      if (Number.isFinite(value)) lastUsed = row;
    });
    const label = xColumn === undefined ? NaN : numberAt(hf, sheet, row, xColumn);
    xLabels.push(Number.isFinite(label) ? String(label) : String(row + 1));
  }
  for (const s of series) s.values.length = lastUsed;
  xLabels.length = lastUsed;
  return { xLabels, series };
}

/**
 * A selected range as Excel charts it: one series per column against the row; when the top row holds text
 * in some column and more rows follow, it is the header row (series names), else the names are the column
 * letters. The x labels are the sheet's row numbers.
 */
export function rangeSeries(hf: HyperFormula, range: CellRange): SheetSeries {
  const { sheet, top, left, bottom, right } = range;
  let hasHeader = false;
  for (let col = left; col <= right && bottom > top; col++)
    if (headerTextAt(hf, sheet, top, col) !== "") hasHeader = true;
  const first = hasHeader ? top + 1 : top;
  const series: ColumnSeries[] = [];
  for (let col = left; col <= right; col++) {
    const name = (hasHeader && headerTextAt(hf, sheet, top, col)) || columnName(col);
    const values: number[] = [];
    for (let row = first; row <= bottom; row++) values.push(numberAt(hf, sheet, row, col));
    series.push({ name, values });
  }
  const xLabels = Array.from({ length: bottom - first + 1 }, (_, i) => String(first + i + 1));
  return { xLabels, series };
}

/** "K1:L4" for a range, "K1" for one cell. */
export function rangeName(range: CellRange): string {
  const start = cellName(range.top, range.left);
  const end = cellName(range.bottom, range.right);
  return start === end ? start : `${start}:${end}`;
}

/** The workbook's data points for the line fit, as the example workbooks lay them out. */
export interface SheetDataPoints {
  sheet: number;
  x: number[];
  y: number[];
}

/**
 * The (x, y) points of the sheet named "Data" (any case): the first columns whose row-1 labels start with "x"
 * and "y" ("y = 2x + 30" counts), rows 2… where both hold numbers. These are the points the example optimizer
 * sheets index with INDEX/MOD and the full-batch sheet averages over (Data!$A$2:$A$21, Data!$B$2:$B$21).
 */
export function readDataPoints(hf: HyperFormula): SheetDataPoints | undefined {
  const name = hf.getSheetNames().find((n) => n.toLowerCase() === "data");
  const sheet = name === undefined ? undefined : hf.getSheetId(name);
  if (sheet === undefined) return undefined;
  const { width, height } = hf.getSheetDimensions(sheet);
  let xCol: number | undefined;
  let yCol: number | undefined;
  for (let col = 0; col < width; col++) {
    const label = headerTextAt(hf, sheet, 0, col).toLowerCase();
    if (xCol === undefined && label.startsWith("x")) xCol = col;
    else if (yCol === undefined && label.startsWith("y")) yCol = col;
  }
  if (xCol === undefined || yCol === undefined) return undefined;
  const points: SheetDataPoints = { sheet, x: [], y: [] };
  for (let row = 1; row < height; row++) {
    const [x, y] = [numberAt(hf, sheet, row, xCol), numberAt(hf, sheet, row, yCol)];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    points.x.push(x);
    points.y.push(y);
  }
  return points.x.length > 0 ? points : undefined;
}
