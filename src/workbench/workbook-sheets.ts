/*
 * The workbench's workbook as plain sheet contents, and replacing it all-or-nothing. A snapshot holds what a
 * user typed (values and formulas; an array formula at its anchor only, its spilled cells empty), which is all
 * HyperFormula needs to rebuild the workbook: it is what the browser keeps (workbook-store.ts) and what Open
 * restores when a workbook cannot be loaded.
 */
import { CellType, type HyperFormula } from "hyperformula";
import type { SheetCell, SheetContent } from "./example-workbooks";
import { reenterLayoutReaders } from "./layout-cells";

/** Every sheet, in tab order, as typed: spilled cells (CellType.ARRAY) are left empty. */
export function snapshotSheets(hf: HyperFormula): SheetContent[] {
  return hf.getSheetNames().map((name) => {
    const sheet = hf.getSheetId(name) as number;
    const rows = hf.getSheetSerialized(sheet).map((cells, row) =>
      cells.map((cell, col): SheetCell => {
        if (hf.getCellType({ sheet, row, col }) === CellType.ARRAY) return null;
        return typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean"
          ? cell
          : null;
      }),
    );
    return { name, rows };
  });
}

/**
 * Removes every sheet and adds the given ones, with evaluation suspended (one recalculation at the end).
 * Each old sheet is emptied before any is removed: removing a sheet whose cells other sheets' array formulas
 * read left HyperFormula with a dangling array ("Unknown array" on the next open).
 */
function swapSheets(hf: HyperFormula, sheets: readonly SheetContent[]): void {
  hf.suspendEvaluation();
  try {
    const old = hf.getSheetNames().map((name) => hf.getSheetId(name) as number);
    for (const id of old) hf.clearSheet(id);
    for (const id of old) hf.removeSheet(id);
    for (const sheet of sheets) {
      const id = hf.getSheetId(hf.addSheet(sheet.name)) as number;
      hf.setSheetContent(id, sheet.rows);
    }
    // Layout arguments read from cells below or right of their formula, or on a later sheet, are known now.
    reenterLayoutReaders(hf);
  } finally {
    hf.resumeEvaluation();
  }
}

/**
 * Replaces the workbook with `sheets`, or leaves it as it was: if HyperFormula refuses anything, the previous
 * sheets are put back and the error is thrown on. Either way the undo history starts afresh.
 */
export function replaceWorkbook(hf: HyperFormula, sheets: readonly SheetContent[]): void {
  if (sheets.length === 0) throw new Error("the workbook has no sheets");
  const before = snapshotSheets(hf);
  try {
    swapSheets(hf, sheets);
  } catch (error) {
    swapSheets(hf, before);
    throw error;
  } finally {
    // Undo does not reach across an opened workbook (Excel's rule too).
    hf.clearUndoStack();
    hf.clearRedoStack();
  }
}
