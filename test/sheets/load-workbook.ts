/**
 * Reads an example .xlsx back with ExcelJS (independently of the generator) and turns it into HyperFormula
 * sheets: formulas as typed in a cell (`_xldudf_GD_X(` → `GD.X(`), array formulas at their anchor only (the
 * cells they spill into are left empty so HyperFormula spills into them), plain values as they are.
 */
/* global __dirname */
import ExcelJS from "exceljs";
import { join } from "node:path";
import type { HyperFormula } from "hyperformula";
import { buildEngine, fromFileFormula } from "../../src/workbench/hyperformula-plugin";

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

function decode(ref: string): { row: number; col: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!match) throw new Error(`bad cell reference ${ref}`);
  let col = 0;
  for (const ch of match[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

export async function loadWorkbook(file: string): Promise<LoadedSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(EXAMPLES, file));
  const sheets: LoadedSheet[] = [];
  workbook.eachSheet((ws) => {
    const rows: Raw[][] = [];
    const arrays = new Map<string, string>();
    const fileFormulas = new Map<string, string>();
    const spilled = new Set<string>();
    const set = (r: number, c: number, v: Raw): void => {
      while (rows.length <= r) rows.push([]);
      const row = rows[r] as Raw[];
      while (row.length <= c) row.push(null);
      row[c] = v;
    };
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const value = cell.value;
        if (value !== null && typeof value === "object" && "formula" in value && value.formula) {
          const formulaValue = value as ExcelJS.CellFormulaValue & { shareType?: string; ref?: string };
          fileFormulas.set(cell.address, formulaValue.formula);
          set(rowNumber - 1, colNumber - 1, `=${fromFileFormula(formulaValue.formula)}`);
          if (formulaValue.shareType === "array" && formulaValue.ref) {
            arrays.set(cell.address, formulaValue.ref);
            const [start, end] = formulaValue.ref.split(":") as [string, string | undefined];
            const a = decode(start);
            const b = decode(end ?? start);
            for (let r = a.row; r <= b.row; r++)
              for (let c = a.col; c <= b.col; c++) if (r !== a.row || c !== a.col) spilled.add(`${r},${c}`);
          }
        } else if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
          set(rowNumber - 1, colNumber - 1, value);
        }
      });
    });
    for (const key of spilled) {
      const [r, c] = key.split(",").map(Number) as [number, number];
      if (rows[r] && (rows[r] as Raw[]).length > c) (rows[r] as Raw[])[c] = null;
    }
    sheets.push({ name: ws.name, rows, arrays, fileFormulas });
  });
  return sheets;
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
