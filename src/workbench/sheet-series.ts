import type { HyperFormula } from "hyperformula";
import { cellName, columnName } from "./cell-format";
import { formulaArguments } from "./formula-arguments";

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

/** A column of numbers under a header, to chart by name. */
export interface NamedColumn {
  name: string;
  col: number;
}

/**
 * Parameter columns a sheet builds under a GD.STEP_HEADERS or GD.TRAIN_HEADERS header: the header's row, its
 * parameter columns (the labels before the optimizer state: STEP_HEADERS' "a, b" before "v_a", "t"; TRAIN_HEADERS'
 * "p1…pn"), and in the same row the columns labelled "loss" and "iter" / "step" / "epoch", if any.
 */
export interface ParameterBlock {
  headerRow: number;
  params: NamedColumn[];
  loss?: number;
  x?: number;
}

const X_LABELS = ["iter", "iteration", "step", "epoch"];

/** The formulas of a sheet by position (only cells that hold one). */
function sheetFormulas(hf: HyperFormula, sheet: number): { row: number; col: number; formula: string }[] {
  const found: { row: number; col: number; formula: string }[] = [];
  hf.getSheetFormulas(sheet).forEach((cells, row) =>
    cells.forEach((formula, col) => {
      if (typeof formula === "string") found.push({ row, col, formula });
    }),
  );
  return found;
}

/** The labels of a header spill: text cells from (row, col) rightwards. */
function spilledLabels(hf: HyperFormula, sheet: number, row: number, col: number): string[] {
  const labels: string[] = [];
  const width = hf.getSheetDimensions(sheet).width;
  for (let c = col; c < width; c++) {
    const label = headerTextAt(hf, sheet, row, c);
    if (label === "") break;
    labels.push(label);
  }
  return labels;
}

/** How many of STEP_HEADERS' labels name parameters: those before the first state label (`slot_<first>` or t). */
function stepParameterCount(labels: readonly string[]): number {
  const first = labels[0];
  const state = labels.findIndex(
    (l, i) => i > 0 && (l === "t" || (first !== undefined && l.endsWith(`_${first}`))),
  );
  return state < 0 ? labels.length : state;
}

export function findParameterBlocks(hf: HyperFormula, sheet: number): ParameterBlock[] {
  const blocks: ParameterBlock[] = [];
  const width = hf.getSheetDimensions(sheet).width;
  for (const { row, col, formula } of sheetFormulas(hf, sheet)) {
    const upper = formula.toUpperCase();
    const step = upper.startsWith("=GD.STEP_HEADERS(");
    if (!step && !upper.startsWith("=GD.TRAIN_HEADERS(")) continue;
    const labels = spilledLabels(hf, sheet, row, col);
    const count = step ? stepParameterCount(labels) : labels.filter((l) => /^p\d+$/.test(l)).length;
    if (count === 0) continue;
    const block: ParameterBlock = {
      headerRow: row,
      params: labels.slice(0, count).map((name, k) => ({ name, col: col + k })),
    };
    for (let c = 0; c < width; c++) {
      const label = headerTextAt(hf, sheet, row, c).toLowerCase();
      if (label === "loss" && block.loss === undefined) block.loss = c;
      if (X_LABELS.includes(label) && block.x === undefined) block.x = c;
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * The rows under a header row of the given columns, down to the last row where any holds a number; x labels from
 * `xColumn` where it holds a number, else the sheet's row number.
 */
export function readColumnsBelow(
  hf: HyperFormula,
  sheet: number,
  headerRow: number,
  columns: readonly NamedColumn[],
  xColumn?: number,
): SheetSeries {
  const height = hf.getSheetDimensions(sheet).height;
  const series = columns.map(({ name }) => ({ name, values: [] as number[] }));
  const xLabels: string[] = [];
  let used = 0;
  for (let row = headerRow + 1; row < height; row++) {
    columns.forEach(({ col }, k) => {
      const value = numberAt(hf, sheet, row, col);
      series[k]?.values.push(value);
      if (Number.isFinite(value)) used = row - headerRow;
    });
    const label = xColumn === undefined ? NaN : numberAt(hf, sheet, row, xColumn);
    xLabels.push(Number.isFinite(label) ? String(label) : String(row + 1));
  }
  for (const s of series) s.values.length = used;
  xLabels.length = used;
  return { xLabels, series };
}

/** Columns of GD.LR_DECAY formulas (a schedule per column, as in lr-decay.xlsx), named by their header. */
export interface ScheduleColumns {
  headerRow: number;
  columns: NamedColumn[];
  x?: number;
}

export function findScheduleColumns(hf: HyperFormula, sheet: number): ScheduleColumns | undefined {
  const firstRow = new Map<number, number>();
  for (const { row, col, formula } of sheetFormulas(hf, sheet)) {
    if (!formula.toUpperCase().startsWith("=GD.LR_DECAY(")) continue;
    firstRow.set(col, Math.min(row, firstRow.get(col) ?? row));
  }
  if (firstRow.size === 0) return undefined;
  const top = Math.min(...firstRow.values());
  // The header row: the nearest row above the first formulas with a label over a schedule column.
  let headerRow = 0;
  for (let row = top - 1; row >= 0; row--) {
    if ([...firstRow.keys()].some((col) => headerTextAt(hf, sheet, row, col) !== "")) {
      headerRow = row;
      // Keep going up while labels continue (lr-decay.xlsx: names in row 1, parameters in row 2).
      while (
        headerRow > 0 &&
        [...firstRow.keys()].some((col) => headerTextAt(hf, sheet, headerRow - 1, col) !== "")
      )
        headerRow--;
      break;
    }
  }
  const columns = [...firstRow.keys()]
    .sort((p, q) => p - q)
    .map((col) => ({ name: headerTextAt(hf, sheet, headerRow, col) || columnName(col), col }));
  let x: number | undefined;
  const width = hf.getSheetDimensions(sheet).width;
  for (let c = 0; c < width && x === undefined; c++)
    if (X_LABELS.includes(headerTextAt(hf, sheet, headerRow, c).toLowerCase())) x = c;
  return { headerRow: top - 1, columns, ...(x === undefined ? {} : { x }) };
}

/** One GD.GRADCHECK column: per row, its verdict and largest relative error. */
export interface GradcheckSeries {
  name: string;
  /** The sheet rows (0-based) holding a GRADCHECK in this column. */
  rows: number[];
  pass: (boolean | undefined)[];
  maxRelError: number[];
  tolerance: number;
}

/** The engine's default GRADCHECK tolerance (docs/functions.md#gradcheck). */
export const GRADCHECK_TOLERANCE = 1e-6;

export function findGradchecks(hf: HyperFormula, sheet: number): GradcheckSeries[] {
  const byColumn = new Map<number, { row: number; formula: string }[]>();
  for (const { row, col, formula } of sheetFormulas(hf, sheet)) {
    if (!formula.toUpperCase().startsWith("=GD.GRADCHECK(")) continue;
    byColumn.set(col, [...(byColumn.get(col) ?? []), { row, formula }]);
  }
  return [...byColumn.entries()]
    .sort(([p], [q]) => p - q)
    .map(([col, cells]) => {
      const header = headerTextAt(hf, sheet, 0, col);
      const grads = formulaArguments(cells[0]?.formula ?? "", "GD.GRADCHECK")?.[3] ?? "";
      const toleranceText = formulaArguments(cells[0]?.formula ?? "", "GD.GRADCHECK")?.[4] ?? "";
      const typed = toleranceText === "" ? NaN : Number(hf.calculateFormula(`=${toleranceText}`, sheet));
      return {
        name: `${header || columnName(col)}${grads ? ` (${grads.replace(/\d+/g, "")})` : ""}`,
        rows: cells.map((c) => c.row),
        pass: cells.map((c) => {
          const v = hf.getCellValue({ sheet, row: c.row, col });
          return typeof v === "boolean" ? v : undefined;
        }),
        maxRelError: cells.map((c) => numberAt(hf, sheet, c.row, col + 1)),
        tolerance: Number.isFinite(typed) && typed > 0 ? typed : GRADCHECK_TOLERANCE,
      };
    });
}

/**
 * The (x, y) points in a sheet's own columns headed "x" and "y" in `headerRow` (the starter sheet: one data point
 * per row), for the loss picture when the workbook has no Data sheet.
 */
export function readPointsBelow(
  hf: HyperFormula,
  sheet: number,
  headerRow: number,
): SheetDataPoints | undefined {
  const { width, height } = hf.getSheetDimensions(sheet);
  let xCol: number | undefined;
  let yCol: number | undefined;
  for (let col = 0; col < width; col++) {
    const label = headerTextAt(hf, sheet, headerRow, col).toLowerCase();
    if (xCol === undefined && label === "x") xCol = col;
    else if (yCol === undefined && label === "y") yCol = col;
  }
  if (xCol === undefined || yCol === undefined) return undefined;
  const points: SheetDataPoints = { sheet, x: [], y: [] };
  for (let row = headerRow + 1; row < height; row++) {
    const [x, y] = [numberAt(hf, sheet, row, xCol), numberAt(hf, sheet, row, yCol)];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    points.x.push(x);
    points.y.push(y);
  }
  return points.x.length > 0 ? points : undefined;
}
