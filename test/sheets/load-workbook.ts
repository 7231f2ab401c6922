/**
 * Reads an example .xlsx back with ExcelJS (independently of the generator) and evaluates it in HyperFormula
 * with the GD plugin.
 */
/* global __dirname */
import ExcelJS from "exceljs";
import { join } from "node:path";
import type { HyperFormula } from "hyperformula";
import { sheetsFromWorkbook } from "../../src/workbench/example-workbooks";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";

export type Raw = string | number | boolean | null;

export interface LoadedSheet {
  name: string;
  rows: Raw[][];
  /** Array-formula ranges, e.g. "H3:K3", by anchor address. */
  arrays: Map<string, string>;
  /** Formulas exactly as stored in the file, by address. */
  fileFormulas: Map<string, string>;
}

export const EXAMPLES = join(__dirname, "..", "..", "examples");

/**
 * The sheets of examples/<file> as HyperFormula contents (through the workbench's own reader, so tests and the
 * browser load a file the same way), plus the formulas exactly as stored and the array-formula ranges.
 */
export async function loadWorkbook(file: string): Promise<LoadedSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(EXAMPLES, file));
  const contents = sheetsFromWorkbook(workbook);
  return contents.map((content) => {
    const arrays = new Map<string, string>();
    const fileFormulas = new Map<string, string>();
    const ws = workbook.getWorksheet(content.name);
    ws?.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value as (ExcelJS.CellFormulaValue & { shareType?: string; ref?: string }) | null;
        if (value === null || typeof value !== "object" || !("formula" in value) || !value.formula) return;
        fileFormulas.set(cell.address, value.formula);
        if (value.shareType === "array" && value.ref) arrays.set(cell.address, value.ref);
      }),
    );
    return { name: content.name, rows: content.rows, arrays, fileFormulas };
  });
}

export interface EvaluatedWorkbook {
  engine: HyperFormula;
  /** Computed value of a cell (0-based row and column). */
  value(sheet: string, row: number, col: number): unknown;
  number(sheet: string, row: number, col: number): number;
}

export function evaluateSheets(sheets: readonly LoadedSheet[]): EvaluatedWorkbook {
  const engine = buildEngine(Object.fromEntries(sheets.map((s) => [s.name, s.rows])));
  const value = (sheet: string, row: number, col: number): unknown => {
    const id = engine.getSheetId(sheet);
    if (id === undefined) throw new Error(`no sheet ${sheet}`);
    return engine.getCellValue({ sheet: id, row, col });
  };
  const number = (sheet: string, row: number, col: number): number => {
    const v = value(sheet, row, col);
    if (typeof v !== "number")
      throw new Error(`${sheet} row ${row + 1} col ${col + 1} is ${JSON.stringify(v)}`);
    return v;
  };
  return { engine, value, number };
}
