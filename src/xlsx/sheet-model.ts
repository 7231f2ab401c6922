/**
 * The example workbooks as raw cell contents before evaluation: what each cell holds as typed (a number, text or
 * `=formula` with GD.* names), which formulas spill and how far, header rows, and chart plans over the columns.
 */
import type { ChartSeries, ChartSpec } from "./xlsx-charts";

export type RawCell = string | number | boolean | null;

/** A spilling formula's anchor and output size. */
export interface ArrayBlock {
  row: number;
  col: number;
  width: number;
  height: number;
}

/** A chart before evaluation: series name cells and ranges, no values yet. */
export type ChartPlan = Omit<ChartSpec, "series"> & {
  series: Omit<ChartSeries, "xValues" | "yValues">[];
};

export interface SheetModel {
  name: string;
  rows: RawCell[][];
  arrays: ArrayBlock[];
  /** Rows shown bold (headers), 0-based. */
  headerRows: number[];
  note?: string;
  /** Charts over this sheet's columns; their cached values are filled in from the evaluation. */
  charts?: ChartPlan[];
}

export interface WorkbookModel {
  file: string;
  sheets: SheetModel[];
}

/** Width × height of a chart, in cells. */
export const CHART_SIZE = { cols: 10, rows: 20 } as const;

/** Line colours (RRGGBB): a, b, loss. */
export const COLORS = { a: "1F77B4", b: "D62728", loss: "2CA02C" } as const;

export class SheetBuilder {
  readonly rows: RawCell[][] = [];
  readonly arrays: ArrayBlock[] = [];
  readonly headerRows: number[] = [];
  constructor(readonly name: string) {}

  set(row: number, col: number, value: RawCell): void {
    while (this.rows.length <= row) this.rows.push([]);
    const cells = this.rows[row] as RawCell[];
    while (cells.length <= col) cells.push(null);
    cells[col] = value;
  }

  /** A formula that spills width × height cells from (row, col). */
  spill(row: number, col: number, formula: string, width: number, height = 1): void {
    this.set(row, col, formula);
    this.arrays.push({ row, col, width, height });
  }

  header(row: number, labels: readonly string[], startCol = 0): void {
    labels.forEach((label, i) => this.set(row, startCol + i, label));
    if (!this.headerRows.includes(row)) this.headerRows.push(row);
  }

  build(note?: string, charts?: ChartPlan[]): SheetModel {
    return {
      name: this.name,
      rows: this.rows,
      arrays: this.arrays,
      headerRows: this.headerRows,
      note,
      charts,
    };
  }
}
