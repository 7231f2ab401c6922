/* global HTMLElement, HTMLInputElement, HTMLTableElement, HTMLTableRowElement, KeyboardEvent */

import type { HyperFormula, SimpleCellAddress } from "hyperformula";
import { el } from "../taskpane/dom";
import { cellName, cellText, columnName } from "./cell-format";

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
 */
export class SheetGrid {
  private sheet = 0;
  private row = 0;
  private column = 0;

  constructor(
    private readonly hf: HyperFormula,
    private readonly elements: GridElements,
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
    elements.table.addEventListener("click", (event) => {
      const cell = (event.target as HTMLElement).closest("td[data-row]");
      if (!(cell instanceof HTMLElement)) return;
      this.select(Number(cell.dataset["row"]), Number(cell.dataset["column"]));
    });
    elements.table.addEventListener("dblclick", () => elements.formulaBar.focus());
    elements.table.addEventListener("keydown", (event) => this.onGridKey(event));
    elements.nameBox.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const address = hf.simpleCellAddressFromString(elements.nameBox.value.toUpperCase(), this.sheet);
      if (address) this.select(address.row, address.col);
    });
  }

  get activeSheetName(): string {
    return this.hf.getSheetName(this.sheet) ?? "";
  }

  showSheet(name: string): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    this.sheet = id;
    this.select(0, 0);
  }

  select(row: number, column: number): void {
    this.row = Math.max(0, row);
    this.column = Math.max(0, column);
    const address = this.address();
    this.elements.nameBox.value = cellName(this.row, this.column);
    const formula = this.hf.getCellFormula(address);
    const raw = this.hf.getCellSerialized(address);
    this.elements.formulaBar.value = formula ?? (raw === null || raw === undefined ? "" : String(raw));
    this.render();
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
        if (r === this.row && c === this.column) td.classList.add("wb-selected");
        cells.push(td);
      }
      body.push(el("tr", {}, ...cells));
    }
    elements.table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...body));
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
      this.select(this.row + move[0], this.column + move[1]);
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
