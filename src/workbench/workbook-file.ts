/*
 * The workbench's workbooks as .xlsx files. Save writes through the same writer and rules as the example
 * workbooks (src/xlsx/write-workbook.ts: `_xldudf_GD_` names, dynamic-array metadata on every spilling
 * formula, computed values cached), so a saved file opens in Excel and binds to the add-in. Open reads any
 * .xlsx with ExcelJS into sheet contents, or says in one sentence why it cannot; nothing here touches the
 * live workbook (workbook-sheets.ts replaces it all-or-nothing).
 */
import ExcelJS from "exceljs";
import { CellType, type CellValue, type HyperFormula } from "hyperformula";
import type { ArrayBlock, SheetModel, WorkbookModel } from "../xlsx/sheet-model";
import { type CachedValue, type WorkbookValues, writeWorkbook } from "../xlsx/write-workbook";
import { type SheetContent, sheetsFromWorkbook } from "./example-workbooks";
import { snapshotSheets } from "./workbook-sheets";

/** The .xlsx MIME type, for the download link. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Excel's error codes; HyperFormula's own (#CYCLE!, #ERROR!, #LIC!) are cached as #VALUE!. */
const EXCEL_ERRORS = new Set(["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!", "#SPILL!"]);

function cachedValue(value: CellValue): CachedValue {
  if (value === null || typeof value !== "object") return value;
  return { error: EXCEL_ERRORS.has(value.value) ? value.value : "#VALUE!" };
}

/** HyperFormula keeps an array formula's size on its vertex; nothing public reports it (pinned 3.5.0). */
interface ArrayVertexShape {
  width?: unknown;
  height?: unknown;
}
function arraySize(hf: HyperFormula, sheet: number, row: number, col: number): [number, number] {
  const graph = (hf as unknown as { dependencyGraph?: { getCell(a: object): ArrayVertexShape | undefined } })
    .dependencyGraph;
  const vertex = graph?.getCell({ sheet, row, col });
  if (typeof vertex?.width === "number" && typeof vertex.height === "number")
    return [vertex.width, vertex.height];
  // Fallback: the run of spilled cells right of and below the anchor.
  let width = 1;
  while (hf.getCellType({ sheet, row, col: col + width }) === CellType.ARRAY) width++;
  let height = 1;
  while (hf.getCellType({ sheet, row: row + height, col }) === CellType.ARRAY) height++;
  return [width, height];
}

/** The live workbook as the writer's model (cells as typed, array blocks) and its computed values. */
export function workbookModel(
  hf: HyperFormula,
  file: string,
): { model: WorkbookModel; values: WorkbookValues } {
  const values: WorkbookValues = {};
  const sheets: SheetModel[] = snapshotSheets(hf).map(({ name, rows }) => {
    const sheet = hf.getSheetId(name) as number;
    const computed = hf.getSheetValues(sheet).map((cells) => cells.map(cachedValue));
    // Cached values only where something was typed or spilled: a spill that failed leaves nothing beside it.
    const cached: CachedValue[][] = rows.map((cells) => cells.map((cell) => (cell === null ? null : "")));
    const arrays: ArrayBlock[] = [];
    rows.forEach((cells, row) =>
      cells.forEach((cell, col) => {
        if (cell !== null) cached[row]![col] = computed[row]?.[col] ?? null;
        if (hf.getCellType({ sheet, row, col }) !== CellType.ARRAYFORMULA) return;
        const value = computed[row]?.[col];
        // An error does not spill; Excel saves such a formula over its own cell.
        const [width, height] =
          value !== null && typeof value === "object" ? [1, 1] : arraySize(hf, sheet, row, col);
        arrays.push({ row, col, width, height });
        for (let r = row; r < row + height; r++) {
          while (cached.length <= r) cached.push([]);
          for (let c = col; c < col + width; c++) cached[r]![c] = computed[r]?.[c] ?? null;
        }
      }),
    );
    values[name] = cached;
    return { name, rows, arrays, headerRows: [] };
  });
  return { model: { file, sheets }, values };
}

/** The workbook as .xlsx bytes, written by the example workbooks' writer. */
export async function saveWorkbookBytes(hf: HyperFormula, file: string): Promise<Uint8Array> {
  const { model, values } = workbookModel(hf, file);
  return writeWorkbook(model, { values, creator: "Gradient Steps workbench" });
}

/** Why a file cannot be opened, in words for the screen after "Could not open <file>: ". */
export class WorkbookFileError extends Error {}

/** More cells than this and the page would stall for minutes recalculating: refused before anything changes. */
export const MAX_CELLS = 500_000;

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Reads an .xlsx into sheet contents (formulas as typed: `_xldudf_GD_X(` → `GD.X(`), or throws
 * WorkbookFileError saying why: not a zip archive, an old .xls, a zip that is no workbook, a workbook ExcelJS
 * cannot read, no sheet, or too many cells.
 */
export async function readWorkbookBytes(bytes: Uint8Array): Promise<SheetContent[]> {
  if (bytes.length === 0) throw new WorkbookFileError("the file is empty (0 bytes)");
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new WorkbookFileError(
      "it is an Excel 97–2003 workbook (.xls): save it as .xlsx in Excel or LibreOffice and open that",
    );
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    throw new WorkbookFileError("it is not an .xlsx file (an .xlsx is a zip archive; this one is not)");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WorkbookFileError(`it could not be read as an Excel workbook: ${reason}`);
  }
  let sheets: SheetContent[];
  try {
    sheets = sheetsFromWorkbook(workbook);
  } catch (error) {
    throw new WorkbookFileError(`it holds content the workbench cannot read: ${String(error)}`);
  }
  if (sheets.length === 0) throw new WorkbookFileError("it has no worksheet");
  const cells = sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.length, 0), 0);
  if (cells > MAX_CELLS)
    throw new WorkbookFileError(
      `it has ${cells.toLocaleString("en-US")} cells; the workbench opens at most ${MAX_CELLS.toLocaleString("en-US")}`,
    );
  return sheets;
}
