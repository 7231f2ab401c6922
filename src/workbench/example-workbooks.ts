/* global URL, fetch */
import type { Workbook } from "exceljs";
import { fromFileFormula } from "./hyperformula-plugin";

/** The workbooks `npm run examples` writes into examples/; the build copies them to dist/examples/. */
export const EXAMPLE_WORKBOOKS = [
  "linear-regression.xlsx",
  "gradcheck.xlsx",
  "lr-decay.xlsx",
  "xor-network.xlsx",
];

export type SheetCell = string | number | boolean | null;

export interface SheetContent {
  name: string;
  rows: SheetCell[][];
}

/** A cell's 0-based position. */
interface Address {
  row: number;
  column: number;
}

/** "H3" → { row: 2, column: 7 } (0-based). */
function decodeAddress(address: string): Address {
  const match = /^([A-Z]+)(\d+)$/.exec(address);
  if (!match || match[1] === undefined || match[2] === undefined)
    throw new Error(`bad cell address ${address}`);
  let column = 0;
  for (const ch of match[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, column: column - 1 };
}

/**
 * A saved workbook as HyperFormula sheet contents: formulas as typed in a cell (the file's `_xldudf_GD_X(`
 * becomes `GD.X(`), an array formula at its anchor only (the cells it covers stay empty, so HyperFormula spills
 * into them as Excel does), values as they are.
 */
export function sheetsFromWorkbook(workbook: Workbook): SheetContent[] {
  const sheets: SheetContent[] = [];
  workbook.eachSheet((sheet) => {
    const rows: SheetCell[][] = [];
    // Array formulas' covered areas, cleared after reading (only cells that exist: a `ref` may cover a
    // whole sheet, 17 billion cells, which no set of addresses can hold).
    const covered: { anchor: Address; end: Address }[] = [];
    const set = (row: number, column: number, value: SheetCell) => {
      while (rows.length <= row) rows.push([]);
      const cells = rows[row] as SheetCell[];
      while (cells.length <= column) cells.push(null);
      cells[column] = value;
    };
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const value = cell.value;
        if (value !== null && typeof value === "object" && "formula" in value && value.formula) {
          set(rowNumber - 1, columnNumber - 1, `=${fromFileFormula(value.formula)}`);
          const array = value as { shareType?: string; ref?: string };
          if (array.shareType === "array" && array.ref) {
            const [start, end] = array.ref.split(":") as [string, string | undefined];
            covered.push({ anchor: decodeAddress(start), end: decodeAddress(end ?? start) });
          }
        } else if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
          set(rowNumber - 1, columnNumber - 1, value);
        }
      });
    });
    for (const { anchor, end } of covered) {
      for (let r = anchor.row; r <= Math.min(end.row, rows.length - 1); r++) {
        const cells = rows[r] as SheetCell[];
        for (let c = anchor.column; c <= Math.min(end.column, cells.length - 1); c++)
          if (r !== anchor.row || c !== anchor.column) cells[c] = null;
      }
    }
    sheets.push({ name: sheet.name, rows });
  });
  return sheets;
}

/** Fetches an example from dist/examples/ and reads it with ExcelJS (loaded only when a user asks for one). */
export async function fetchExampleSheets(baseUrl: string, file: string): Promise<SheetContent[]> {
  const response = await fetch(new URL(`examples/${file}`, baseUrl));
  if (!response.ok) throw new Error(`could not load examples/${file}: HTTP ${response.status}`);
  const { default: ExcelJS } = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return sheetsFromWorkbook(workbook);
}
