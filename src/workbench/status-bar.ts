/*
 * The status bar under the sheet tabs: the active cell, what it shows and, in words, its full value or the
 * function's message; Average / Count / Sum of a selection; and a message when the grid could not do something.
 */
import type { HyperFormula } from "hyperformula";
import { el } from "../taskpane/dom";
import type { CellRange } from "./sheet-series";
import { type CellStatus, cellStatus, selectionSummary } from "./status-text";

/** Above this many selected cells the summary is left out (Excel's status bar also stops counting). */
const SUMMARY_CELL_LIMIT = 200000;

export class StatusBar {
  constructor(private readonly bar: HTMLElement) {}

  /** Says what `range`'s active cell `cell` (named `name`) holds, and sums the range. */
  show(
    hf: HyperFormula,
    name: string,
    cell: { sheet: number; row: number; col: number },
    range: CellRange,
  ): void {
    let status: CellStatus = cellStatus(null);
    try {
      status = cellStatus(hf.getCellValue(cell));
    } catch {
      // the sheet is being replaced
    }
    this.render(name, status, selectionSummary(selectedValues(hf, range)));
  }

  /** A message beside the cell's account (until the next one), read out by screen readers. */
  message(text: string): void {
    this.bar.querySelector(".wb-status-message")?.remove();
    this.bar.append(el("span", { class: "wb-status-message", role: "alert" }, text));
  }

  private render(cell: string, status: CellStatus, summary: string): void {
    this.bar.dataset["error"] = String(status.error);
    this.bar.replaceChildren(
      el("span", { id: "wb-status-cell", class: "wb-status-cell" }, cell),
      el("span", { id: "wb-status-shown", class: "wb-status-shown" }, status.shown),
      el(
        "span",
        { id: "wb-status-detail", class: "wb-status-detail" },
        status.error && status.detail ? status.detail : status.detail !== status.shown ? status.detail : "",
      ),
      el("span", { id: "wb-status-summary", class: "wb-status-summary" }, summary),
    );
  }
}

/** The values of a selection of more than one cell, within the sheet's used part (none for one cell). */
function selectedValues(hf: HyperFormula, range: CellRange): ReturnType<HyperFormula["getCellValue"]>[] {
  const values: ReturnType<HyperFormula["getCellValue"]>[] = [];
  const cells = (range.bottom - range.top + 1) * (range.right - range.left + 1);
  if (cells <= 1 || cells > SUMMARY_CELL_LIMIT) return values;
  const used = hf.getSheetDimensions(range.sheet);
  for (let row = range.top; row <= Math.min(range.bottom, used.height - 1); row++)
    for (let col = range.left; col <= Math.min(range.right, used.width - 1); col++)
      values.push(hf.getCellValue({ sheet: range.sheet, row, col }));
  if (values.length < 2) values.push(null, null);
  return values;
}
