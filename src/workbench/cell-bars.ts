/*
 * The name box and the formula bar above the grid, wired as Excel's: the name box selects what is typed in it
 * (B7, A1:C200) or says why it cannot; the formula bar commits with Enter / Tab (then moves) and cancels with
 * Escape; a spilled cell's greyed anchor formula clears when the bar is focused (typing there replaces the cell).
 * Both give the focus back to the grid. The grid does the selecting and writing (GridActions).
 */
import type { SimpleCellAddress, SimpleCellRange } from "hyperformula";

export interface GridActions {
  /** The selection's name, e.g. "A1:C200" (what the name box shows when nothing is typed). */
  selectionName(): string;
  /** Reads a typed address or range on the active sheet (undefined when it is neither). */
  parse(text: string): { range: SimpleCellRange } | { address: SimpleCellAddress } | undefined;
  selectRange(range: SimpleCellRange): void;
  selectCell(row: number, column: number): void;
  /** The active cell. */
  active(): { row: number; column: number };
  /** Writes the text into the active cell as typed; false when it was refused. */
  commit(text: string): boolean;
  /** The active cell's content as typed (formula or value). */
  source(): string;
  /** The active cell's account again (name box, formula bar, status bar). */
  refresh(): void;
  message(text: string): void;
  focusGrid(): void;
}

export function wireNameBox(nameBox: HTMLInputElement, grid: GridActions): void {
  nameBox.addEventListener("focus", () => nameBox.select());
  nameBox.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      nameBox.value = grid.selectionName();
      grid.focusGrid();
      return;
    }
    if (event.key !== "Enter") return;
    event.preventDefault();
    const text = nameBox.value.trim().toUpperCase();
    const target = grid.parse(text);
    nameBox.blur();
    if (target && "range" in target) grid.selectRange(target.range);
    else if (target) grid.selectCell(target.address.row, target.address.col);
    else {
      nameBox.value = grid.selectionName();
      grid.message(`${text} is not a cell or range (type e.g. B7 or A1:C200)`);
    }
    grid.focusGrid();
  });
}

export function wireFormulaBar(formulaBar: HTMLInputElement, grid: GridActions): void {
  formulaBar.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      const { row, column } = grid.active();
      if (grid.commit(formulaBar.value)) {
        if (event.key === "Enter") grid.selectCell(row + (event.shiftKey ? -1 : 1), column);
        else grid.selectCell(row, column + (event.shiftKey ? -1 : 1));
      }
      grid.focusGrid();
    } else if (event.key === "Escape") {
      event.preventDefault();
      formulaBar.value = grid.source();
      grid.focusGrid();
    }
  });
  formulaBar.addEventListener("focus", () => {
    if (!formulaBar.classList.contains("wb-formula-spilled")) return;
    formulaBar.classList.remove("wb-formula-spilled");
    formulaBar.value = "";
  });
  formulaBar.addEventListener("blur", () => grid.refresh());
}
