/* global Excel */
/**
 * "Re-bind GD formulas": a workbook whose GD.* formulas were calculated before the add-in had loaded keeps
 * #NAME? (office-js #6611, #4185), and recalculating does not clear it. Typing each formula again does
 * (the workaround of OfficeDev/Excel-Custom-Functions #108); this does that for every sheet's used range.
 * Only the cells that hold a GD formula are written — spilled cells show values, not formulas, and writing
 * them back would block their spills — and a formula Excel shows in its file form (`_xldudf_GD_GD_STEP`)
 * is written as `GD.GD_STEP`.
 */

export interface GdFormulaCell {
  /** 0-based, relative to the range the formulas were read from. */
  readonly row: number;
  readonly column: number;
  /** The formula to type again. */
  readonly text: string;
}

export interface RebindReport {
  readonly formulas: number;
  readonly sheetNames: readonly string[];
}

const GD_CALL = /(^|[^A-Za-z0-9_.])(GD\.|_xldudf_GD_)[A-Za-z_]/i;

/** The cells of `formulas` (a range's Range.formulas) holding a formula that calls a GD function. */
export function gdFormulaCells(formulas: readonly (readonly unknown[])[]): GdFormulaCell[] {
  const cells: GdFormulaCell[] = [];
  formulas.forEach((row, r) =>
    row.forEach((value, c) => {
      if (typeof value === "string" && value.startsWith("=") && GD_CALL.test(value)) {
        cells.push({ row: r, column: c, text: value.replace(/_xldudf_GD_/gi, "GD.") });
      }
    }),
  );
  return cells;
}

/** Types every GD formula of the workbook again, in three round trips whatever the number of sheets. */
export async function rebindGdFormulas(context: Excel.RequestContext): Promise<RebindReport> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  const used = worksheets.items.map((sheet) => {
    const range = sheet.getUsedRangeOrNullObject();
    range.load("formulas, rowIndex, columnIndex");
    return { sheet, range };
  });
  await context.sync();
  let count = 0;
  const touched: string[] = [];
  for (const { sheet, range } of used) {
    if (range.isNullObject) continue;
    const cells = gdFormulaCells(range.formulas);
    if (cells.length === 0) continue;
    for (const cell of cells) {
      sheet.getCell(range.rowIndex + cell.row, range.columnIndex + cell.column).formulas = [[cell.text]];
    }
    count += cells.length;
    touched.push(sheet.name);
  }
  await context.sync();
  return { formulas: count, sheetNames: touched };
}

/** What the pane says after a re-bind. */
export function rebindMessage(report: RebindReport): string {
  if (report.formulas === 0) return "No GD formulas found in this workbook.";
  const formulas = report.formulas === 1 ? "1 GD formula" : `${report.formulas} GD formulas`;
  return `Re-bound ${formulas} on ${report.sheetNames.length === 1 ? "sheet" : "sheets"} ${report.sheetNames.join(", ")}.`;
}
