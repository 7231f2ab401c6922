import { GridCellKind, type GridCell, type Theme } from "@glideapps/glide-data-grid";
import type { HyperFormula, SimpleCellAddress } from "hyperformula";
import { cellText } from "./cell-format";

const ERROR_THEME: Partial<Theme> = { textDark: "#b3261e" };
const SPILL_THEME: Partial<Theme> = { bgCell: "#eef3fb" };
const SPILL_ANCHOR_THEME: Partial<Theme> = { bgCell: "#dbe6f7" };
const ERROR_IN_SPILL_THEME: Partial<Theme> = { ...ERROR_THEME, ...SPILL_ANCHOR_THEME };

/**
 * What the grid draws for one cell: HyperFormula's value as text (numbers right-aligned, errors in red),
 * spilled arrays shaded (the anchor darker). A number is drawn rounded to what its column holds (`maxChars`);
 * `data` keeps 8 significant digits, so the grid's accessibility table and its copy to other applications carry
 * values; editing starts from the cell's formula (formula-editor.ts).
 */
export function gridCell(hf: HyperFormula, address: SimpleCellAddress, maxChars = Infinity): GridCell {
  let value;
  let array = false;
  let anchor = false;
  try {
    value = hf.getCellValue(address);
    array = hf.isCellPartOfArray(address);
    anchor = array && hf.doesCellHaveFormula(address);
  } catch {
    value = null; // the sheet is being replaced
  }
  const shown = cellText(value);
  const drawn = shown.kind === "number" ? cellText(value, maxChars).text : shown.text;
  const themeOverride =
    shown.kind === "error"
      ? array
        ? ERROR_IN_SPILL_THEME
        : ERROR_THEME
      : array
        ? anchor
          ? SPILL_ANCHOR_THEME
          : SPILL_THEME
        : undefined;
  return {
    kind: GridCellKind.Text,
    data: shown.text,
    displayData: drawn,
    allowOverlay: true,
    readonly: false,
    contentAlign: shown.kind === "number" || shown.kind === "boolean" ? "right" : "left",
    ...(themeOverride ? { themeOverride } : {}),
  };
}

/** The cell's content as typed: its formula, or its value (what F2 and the formula bar edit). */
export function cellSource(hf: HyperFormula, address: SimpleCellAddress): string {
  try {
    const formula = hf.getCellFormula(address);
    if (formula !== undefined) return formula;
    if (hf.isCellPartOfArray(address)) return "";
    const raw = hf.getCellSerialized(address);
    return raw === null || raw === undefined ? "" : String(raw);
  } catch {
    return "";
  }
}

/**
 * The anchor of the spilled array `address` belongs to (the formula bar shows its formula greyed, as Excel does):
 * the nearest formula cell to the left in the same row of array cells, else in the rows above.
 */
export function spillAnchor(hf: HyperFormula, address: SimpleCellAddress): SimpleCellAddress | undefined {
  const inArray = (a: SimpleCellAddress) => a.row >= 0 && a.col >= 0 && hf.isCellPartOfArray(a);
  try {
    if (!inArray(address) || hf.doesCellHaveFormula(address)) return undefined;
    for (let row = address.row; row >= 0 && inArray({ ...address, row }); row--) {
      for (let col = address.col; col >= 0; col--) {
        const at = { sheet: address.sheet, row, col };
        if (!inArray(at)) break;
        if (hf.doesCellHaveFormula(at)) return at;
      }
    }
  } catch {
    // the sheet is being replaced
  }
  return undefined;
}
