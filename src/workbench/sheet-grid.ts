/* global HTMLElement, HTMLInputElement, HTMLTableCellElement, HTMLTableElement, HTMLTableRowElement, KeyboardEvent, MouseEvent, window */

import type { HyperFormula, SimpleCellAddress } from "hyperformula";
import { el } from "../taskpane/dom";
import { cellName, cellText, columnName } from "./cell-format";
import { type CellRange, rangeName } from "./sheet-series";

export interface GridElements {
  tabs: HTMLElement;
  nameBox: HTMLInputElement;
  formulaBar: HTMLInputElement;
  table: HTMLTableElement;
}

/** Blank rows/columns shown past the used range, so there is always room to type. */
const SPARE_ROWS = 12;
const SPARE_COLUMNS = 4;
const MIN_ROWS = 30;
const MIN_COLUMNS = 10;

/**
 * A spreadsheet grid over a HyperFormula instance: sheet tabs, a name box, a formula bar that edits the
 * selected cell (Enter commits, Escape cancels), spilled array cells shaded, errors with their message as tooltip.
 * A range is selected as in Excel: drag, shift-click, shift+arrows, or "K1:L4" in the name box; the active
 * cell (the one the formula bar edits) is where the selection ended.
 */
export class SheetGrid {
  private sheet = 0;
  private row = 0;
  private column = 0;
  /** The other corner of the selected range (equal to the active cell when one cell is selected). */
  private anchorRow = 0;
  private anchorColumn = 0;
  private renderedRows = 0;
  private renderedColumns = 0;
  private dragging = false;

  constructor(
    private readonly hf: HyperFormula,
    private readonly elements: GridElements,
    private readonly onSheetShown: (sheet: number) => void = () => undefined,
  ) {
    elements.formulaBar.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.commit(elements.formulaBar.value);
        this.select(this.row + 1, this.column);
      } else if (event.key === "Escape") {
        this.select(this.row, this.column);
      }
    });
    elements.table.addEventListener("mousedown", (event) => {
      const cell = cellOf(event);
      if (!cell || event.button !== 0) return;
      this.dragging = true;
      this.select(cell.row, cell.column, event.shiftKey);
    });
    elements.table.addEventListener("mouseover", (event) => {
      const cell = cellOf(event);
      if (!cell || !this.dragging || (event.buttons & 1) === 0) return;
      if (cell.row !== this.row || cell.column !== this.column) this.select(cell.row, cell.column, true);
    });
    window.addEventListener("mouseup", () => {
      this.dragging = false;
    });
    elements.table.addEventListener("dblclick", () => elements.formulaBar.focus());
    elements.table.addEventListener("keydown", (event) => this.onGridKey(event));
    elements.nameBox.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const text = elements.nameBox.value.trim().toUpperCase();
      const range = text.includes(":") ? hf.simpleCellRangeFromString(text, this.sheet) : undefined;
      const address = hf.simpleCellAddressFromString(text, this.sheet);
      if (range) {
        this.select(range.start.row, range.start.col);
        this.select(range.end.row, range.end.col, true);
      } else if (address) this.select(address.row, address.col);
    });
  }

  get activeSheetName(): string {
    return this.hf.getSheetName(this.sheet) ?? "";
  }

  get activeSheet(): number {
    return this.sheet;
  }

  /** The selected rectangle (one cell when nothing was extended). */
  get selection(): CellRange {
    return {
      sheet: this.sheet,
      top: Math.min(this.row, this.anchorRow),
      bottom: Math.max(this.row, this.anchorRow),
      left: Math.min(this.column, this.anchorColumn),
      right: Math.max(this.column, this.anchorColumn),
    };
  }

  showSheet(name: string): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    this.sheet = id;
    this.select(0, 0);
    this.render();
    this.onSheetShown(id);
  }

  /** Makes (row, column) the active cell; `extend` keeps the anchor, selecting the range between them. */
  select(row: number, column: number, extend = false): void {
    this.row = Math.max(0, row);
    this.column = Math.max(0, column);
    if (!extend) [this.anchorRow, this.anchorColumn] = [this.row, this.column];
    const address = this.address();
    this.elements.nameBox.value = rangeName(this.selection);
    const formula = this.hf.getCellFormula(address);
    const raw = this.hf.getCellSerialized(address);
    this.elements.formulaBar.value = formula ?? (raw === null || raw === undefined ? "" : String(raw));
    // Rebuilding a 300-row table on every click or drag step is slow: only re-mark the cells, unless the
    // active cell lies past the rendered rows/columns.
    if (this.row + 2 > this.renderedRows || this.column + 2 > this.renderedColumns) this.render();
    else this.paintSelection();
  }

  /** Puts text into the selected cell as Excel would: "=..." is a formula, numbers are numbers. */
  commit(text: string): void {
    const address = this.address();
    const trimmed = text.trim();
    const value: string | number | null =
      trimmed === ""
        ? null
        : !trimmed.startsWith("=") && Number.isFinite(Number(trimmed))
          ? Number(trimmed)
          : text;
    try {
      this.hf.setCellContents(address, [[value]]);
    } catch (error) {
      // e.g. writing into another formula's spill area: HyperFormula refuses, as Excel would (#SPILL!).
      this.elements.formulaBar.setCustomValidity(String(error));
      this.elements.formulaBar.reportValidity();
      return;
    }
    this.elements.formulaBar.setCustomValidity("");
    this.render();
  }

  render(): void {
    const { hf, elements } = this;
    const sheets = hf.getSheetNames();
    elements.tabs.replaceChildren(
      ...sheets.map((name) => {
        const tab = el("button", { type: "button", class: "wb-tab", "data-sheet": name }, name);
        if (hf.getSheetId(name) === this.sheet) tab.classList.add("wb-tab-active");
        tab.addEventListener("click", () => this.showSheet(name));
        return tab;
      }),
    );
    const size = hf.getSheetDimensions(this.sheet);
    const rows = Math.max(MIN_ROWS, size.height + SPARE_ROWS, this.row + 2);
    const columns = Math.max(MIN_COLUMNS, size.width + SPARE_COLUMNS, this.column + 2);
    [this.renderedRows, this.renderedColumns] = [rows, columns];
    const head = el(
      "tr",
      {},
      el("th", { class: "wb-corner" }),
      ...Array.from({ length: columns }, (_, c) => el("th", {}, columnName(c))),
    );
    const body: HTMLTableRowElement[] = [];
    for (let r = 0; r < rows; r++) {
      const cells: HTMLElement[] = [el("th", {}, String(r + 1))];
      for (let c = 0; c < columns; c++) {
        const address: SimpleCellAddress = { sheet: this.sheet, row: r, col: c };
        const shown = cellText(hf.getCellValue(address));
        const td = el("td", {
          "data-row": String(r),
          "data-column": String(c),
          "data-cell": cellName(r, c),
          class: `wb-${shown.kind}`,
        });
        td.textContent = shown.text;
        if (shown.title) td.title = shown.title;
        if (hf.isCellPartOfArray(address))
          td.classList.add(hf.doesCellHaveFormula(address) ? "wb-spill-anchor" : "wb-spill");
        cells.push(td);
      }
      body.push(el("tr", {}, ...cells));
    }
    elements.table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...body));
    this.paintSelection();
  }

  /** Marks the selected range (wb-in-range) and the active cell (wb-selected) on the rendered table. */
  private paintSelection(): void {
    const { table } = this.elements;
    for (const td of Array.from(table.querySelectorAll("td.wb-in-range, td.wb-selected")))
      td.classList.remove("wb-in-range", "wb-selected");
    const { top, bottom, left, right } = this.selection;
    const body = table.tBodies[0];
    if (!body) return;
    const single = top === bottom && left === right;
    for (let r = top; r <= bottom; r++) {
      const cells = body.rows[r]?.cells;
      if (!cells) break;
      for (let c = left; c <= right; c++) {
        const td = cells[c + 1]; // cells[0] is the row number
        if (!td) continue;
        if (!single) td.classList.add("wb-in-range");
        if (r === this.row && c === this.column) td.classList.add("wb-selected");
      }
    }
  }

  private address(): SimpleCellAddress {
    return { sheet: this.sheet, row: this.row, col: this.column };
  }

  private onGridKey(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Enter: [1, 0],
      Tab: [0, 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      // Shift+arrow extends the selection, as in Excel (Shift+Enter / Shift+Tab would go back there: rare here).
      const extend = event.shiftKey && event.key.startsWith("Arrow");
      this.select(this.row + move[0], this.column + move[1], extend);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      this.commit("");
      this.select(this.row, this.column);
    } else if (event.key === "F2") {
      this.elements.formulaBar.focus();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
      // Typing on a selected cell starts editing it, as in Excel.
      event.preventDefault();
      this.elements.formulaBar.value = event.key;
      this.elements.formulaBar.focus();
    }
  }
}

function cellOf(event: MouseEvent): { row: number; column: number } | undefined {
  const cell = (event.target as HTMLElement).closest("td[data-row]");
  if (!(cell instanceof HTMLTableCellElement)) return undefined;
  return { row: Number(cell.dataset["row"]), column: Number(cell.dataset["column"]) };
}
