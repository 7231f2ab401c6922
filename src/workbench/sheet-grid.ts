/*
 * The workbench's spreadsheet view: Glide Data Grid (canvas, virtualised; selection, fill handle, keyboard
 * movement and clipboard plumbing are the library's) drawn over a HyperFormula instance, which owns the cells,
 * undo/redo and reference adjustment. This class turns the grid's gestures into HyperFormula operations and
 * HyperFormula's changes into redraws of just the changed cells.
 */
import {
  CompactSelection,
  DataEditor,
  type DataEditorProps,
  type DataEditorRef,
  type EditableGridCell,
  type FillPatternEventArgs,
  type GridCell,
  type GridColumn,
  type GridKeyEventArgs,
  type GridSelection,
  type Item,
  type Rectangle,
  GridCellKind,
} from "@glideapps/glide-data-grid";
import type { ExportedChange, HyperFormula, SimpleCellAddress, SimpleCellRange } from "hyperformula";
import { createElement, createRef, type RefObject } from "react";
import { createRoot, type Root } from "react-dom/client";
import { el } from "../taskpane/dom";
import { parseEntry } from "./cell-entry";
import { cellName, columnName } from "./cell-format";
import { dataBlock, dataEdge, type GridLimits } from "./data-edge";
import { fillTarget, modulo } from "./fill-range";
import { type CommitKey, formulaEditor } from "./formula-editor";
import { cellSource, gridCell, spillAnchor } from "./grid-cells";
import { type CellRange, rangeName } from "./sheet-series";
import { cellStatus, selectionSummary } from "./status-text";

export interface GridElements {
  tabs: HTMLElement;
  nameBox: HTMLInputElement;
  formulaBar: HTMLInputElement;
  /** Where the grid is mounted; its `data-layout` says where the visible cells are drawn (for the tests' mouse). */
  host: HTMLElement;
  /** The status bar: the active cell's value or error message, and Sum/Average/Count of a selection. */
  status: HTMLElement;
}

/** The grid always reaches past the used range, so there is room to type, fill and page down. */
const MIN_ROWS = 10000;
const SPARE_ROWS = 1000;
const MIN_COLUMNS = 26;
const SPARE_COLUMNS = 10;
const COLUMN_WIDTH = 84;
const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 24;
const ROW_MARKER_WIDTH = 52;
/** Status-bar sums read at most this many cells (a whole-sheet selection is 260,000). */
const SUMMARY_CELL_LIMIT = 200000;

const THEME = {
  fontFamily: "Segoe UI, system-ui, sans-serif",
  baseFontStyle: "13px",
  headerFontStyle: "600 12px",
  editorFontSize: "13px",
  cellHorizontalPadding: 6,
  cellVerticalPadding: 3,
  accentColor: "#1f5fa8",
  accentLight: "rgba(31, 95, 168, 0.14)",
  bgHeader: "#f3f3f3",
  bgHeaderHasFocus: "#d6e6f7",
  bgHeaderHovered: "#e6e6e6",
  borderColor: "#e1e1e1",
  horizontalBorderColor: "#e1e1e1",
};

function cellSelection(row: number, column: number, anchorRow = row, anchorColumn = column): GridSelection {
  const x = Math.min(column, anchorColumn);
  const y = Math.min(row, anchorRow);
  return {
    current: {
      cell: [column, row],
      range: { x, y, width: Math.abs(column - anchorColumn) + 1, height: Math.abs(row - anchorRow) + 1 },
      rangeStack: [],
    },
    columns: CompactSelection.empty(),
    rows: CompactSelection.empty(),
  };
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

export class SheetGrid {
  private sheet = 0;
  private gridSelection: GridSelection = cellSelection(0, 0);
  private readonly root: Root;
  private readonly editor = createRef<DataEditorRef>();
  /** Column widths set by dragging a header border, per sheet id. */
  private readonly widths = new Map<number, Map<number, number>>();
  private columnsCache: { sheet: number; count: number; columns: GridColumn[] } | undefined;
  /** Replaced when the sheet changes, which tells Glide to redraw everything; edits damage single cells. */
  private content: (cell: Item) => GridCell = () => gridCell(this.hf, { sheet: this.sheet, row: 0, col: 0 });
  /** Where a run of Tabs began (Enter returns to that column, one row down). */
  private tabStart: number | undefined;
  private readonly provideEditor: DataEditorProps["provideEditor"];

  constructor(
    private readonly hf: HyperFormula,
    private readonly elements: GridElements,
    private readonly onSheetShown: (sheet: number) => void = () => undefined,
  ) {
    this.root = createRoot(elements.host);
    this.provideEditor = formulaEditor({
      source: () => cellSource(hf, this.address()),
      onText: (text) => {
        elements.formulaBar.value = text;
      },
      onCommitted: (key, shift) => this.moveAfterEntry(key, shift),
    });
    this.content = this.contentFor(0);
    hf.on("valuesUpdated", (changes: ExportedChange[]) => this.onValuesUpdated(changes));
    for (const event of ["sheetAdded", "sheetRemoved", "sheetRenamed"] as const)
      hf.on(event, () => this.renderTabs());
    this.wireFormulaBar();
    this.wireNameBox();
  }

  get activeSheetName(): string {
    return this.hf.getSheetName(this.sheet) ?? "";
  }

  get activeSheet(): number {
    return this.sheet;
  }

  /** The selected rectangle (one cell when nothing was extended); whole rows/columns up to the used range. */
  get selection(): CellRange {
    const { current, rows, columns } = this.gridSelection;
    const size = this.size();
    if (current) {
      const { x, y, width, height } = current.range;
      return { sheet: this.sheet, top: y, bottom: y + height - 1, left: x, right: x + width - 1 };
    }
    const used = this.hf.getSheetDimensions(this.sheet);
    const first = (selection: CompactSelection) => selection.first() ?? 0;
    const last = (selection: CompactSelection) => selection.last() ?? 0;
    if (columns.length > 0)
      return {
        sheet: this.sheet,
        top: 0,
        bottom: Math.max(0, Math.min(size.rows, used.height) - 1),
        left: first(columns),
        right: last(columns),
      };
    if (rows.length > 0)
      return {
        sheet: this.sheet,
        top: first(rows),
        bottom: last(rows),
        left: 0,
        right: Math.max(0, Math.min(size.columns, used.width) - 1),
      };
    return { sheet: this.sheet, top: 0, bottom: 0, left: 0, right: 0 };
  }

  showSheet(name: string): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    this.sheet = id;
    this.content = this.contentFor(id);
    this.columnsCache = undefined;
    this.gridSelection = cellSelection(0, 0);
    this.render();
    this.afterSelection();
    this.editor.current?.scrollTo(0, 0);
    this.onSheetShown(id);
  }

  /** Makes (row, column) the active cell; `extend` keeps the anchor, selecting the range between them. */
  select(row: number, column: number, extend = false): void {
    const size = this.size();
    const r = Math.min(Math.max(0, row), size.rows - 1);
    const c = Math.min(Math.max(0, column), size.columns - 1);
    const current = this.gridSelection.current;
    if (extend && current) {
      const [anchorColumn, anchorRow] = this.anchorOf(current.cell, current.range);
      this.gridSelection = cellSelection(r, c, anchorRow, anchorColumn);
    } else this.gridSelection = cellSelection(r, c);
    this.afterSelection();
    this.renderView();
    this.editor.current?.scrollTo(c, r);
  }

  /** Puts text into the active cell as Excel would: "=..." is a formula, numbers are numbers. */
  commit(text: string): boolean {
    return this.write(this.address(), text);
  }

  /** Redraws the tabs and the grid (after sheets were added or replaced). */
  render(): void {
    this.renderTabs();
    this.renderView();
  }

  private contentFor(sheet: number): (cell: Item) => GridCell {
    return ([col, row]) => gridCell(this.hf, { sheet, row, col });
  }

  private address(): SimpleCellAddress {
    const [col, row] = this.gridSelection.current?.cell ?? [0, 0];
    return { sheet: this.sheet, row, col };
  }

  /** The anchor (the corner opposite the active cell) of a Glide selection. */
  private anchorOf(cell: Item, range: Rectangle): Item {
    const [col, row] = cell;
    const anchorColumn = col === range.x ? range.x + range.width - 1 : range.x;
    const anchorRow = row === range.y ? range.y + range.height - 1 : range.y;
    return [anchorColumn, anchorRow];
  }

  private size(): GridLimits {
    let used = { width: 0, height: 0 };
    try {
      used = this.hf.getSheetDimensions(this.sheet);
    } catch {
      // the sheet is being replaced
    }
    return {
      rows: Math.max(MIN_ROWS, used.height + SPARE_ROWS),
      columns: Math.max(MIN_COLUMNS, used.width + SPARE_COLUMNS),
    };
  }

  private columnsFor(count: number): GridColumn[] {
    const cached = this.columnsCache;
    if (cached && cached.sheet === this.sheet && cached.count === count) return cached.columns;
    const widths = this.widths.get(this.sheet);
    const columns = Array.from({ length: count }, (_, c) => ({
      id: columnName(c),
      title: columnName(c),
      width: widths?.get(c) ?? COLUMN_WIDTH,
    }));
    this.columnsCache = { sheet: this.sheet, count, columns };
    return columns;
  }

  private write(address: SimpleCellAddress, text: string): boolean {
    try {
      this.hf.setCellContents(address, [[parseEntry(text)]]);
    } catch (error) {
      this.showStatusMessage(`${cellName(address.row, address.col)} was not changed: ${errorText(error)}`);
      return false;
    }
    this.afterSelection();
    return true;
  }

  private isFilled = (row: number, column: number): boolean => {
    const value = this.hf.getCellValue({ sheet: this.sheet, row, col: column });
    return value !== null && value !== "";
  };

  private renderTabs(): void {
    const { hf, elements } = this;
    const names = hf.getSheetNames();
    if (!names.includes(this.activeSheetName) && names[0] !== undefined) {
      const first = hf.getSheetId(names[0]);
      if (first !== undefined && first !== this.sheet)
        queueMicrotask(() => this.showSheet(names[0] as string));
    }
    elements.tabs.replaceChildren(
      ...names.map((name) => {
        const tab = el("button", { type: "button", class: "wb-tab", "data-sheet": name }, name);
        if (hf.getSheetId(name) === this.sheet) tab.classList.add("wb-tab-active");
        tab.addEventListener("click", () => this.showSheet(name));
        return tab;
      }),
    );
  }

  private renderView(): void {
    const size = this.size();
    const props: DataEditorProps & { ref: RefObject<DataEditorRef> } = {
      ref: this.editor,
      columns: this.columnsFor(size.columns),
      rows: size.rows,
      getCellContent: this.content,
      getCellsForSelection: true,
      gridSelection: this.gridSelection,
      onGridSelectionChange: this.onGridSelectionChange,
      onCellEdited: this.onCellEdited,
      onDelete: this.onDelete,
      onFillPattern: this.onFillPattern,
      onKeyDown: this.onKeyDown,
      onColumnResize: this.onColumnResize,
      onVisibleRegionChanged: this.onVisibleRegionChanged,
      onItemHovered: this.onItemHovered,
      provideEditor: this.provideEditor,
      fillHandle: true,
      rowMarkers: "number",
      rowMarkerWidth: ROW_MARKER_WIDTH,
      rowHeight: ROW_HEIGHT,
      headerHeight: HEADER_HEIGHT,
      smoothScrollX: true,
      smoothScrollY: true,
      cellActivationBehavior: "double-click",
      rangeSelect: "rect",
      columnSelect: "multi",
      rowSelect: "multi",
      keybindings: {
        activateCell: "F2",
        clear: false,
        downFill: true,
        rightFill: true,
        search: false,
        selectColumn: "ctrl+ ",
        selectRow: "shift+ ",
      },
      theme: THEME,
      width: "100%",
      height: "100%",
    };
    this.root.render(createElement(DataEditor, props));
  }

  private readonly onGridSelectionChange = (selection: GridSelection): void => {
    this.gridSelection = selection;
    this.tabStart = undefined;
    this.afterSelection();
    this.renderView();
  };

  private readonly onCellEdited = ([col, row]: Item, value: EditableGridCell): void => {
    if (value.kind !== GridCellKind.Text) return;
    this.write({ sheet: this.sheet, row, col }, value.data);
  };

  /** Delete clears every cell of the selection, as one undoable step; spilled cells belong to their anchor. */
  private readonly onDelete = (selection: GridSelection): boolean => {
    const range = selection.current?.range;
    if (!range) return false;
    const { hf, sheet } = this;
    const cells: SimpleCellAddress[] = [];
    for (let row = range.y; row < range.y + range.height; row++) {
      for (let col = range.x; col < range.x + range.width; col++) {
        const address = { sheet, row, col };
        if (hf.getCellSerialized(address) === null) continue;
        if (hf.isCellPartOfArray(address) && !hf.doesCellHaveFormula(address)) continue;
        cells.push(address);
      }
    }
    if (cells.length > 0) {
      try {
        hf.batch(() => {
          for (const address of cells) hf.setCellContents(address, [[null]]);
        });
      } catch (error) {
        this.showStatusMessage(`could not clear ${rangeName(this.selection)}: ${errorText(error)}`);
      }
    }
    this.afterSelection();
    return false;
  };

  /**
   * The fill handle and Ctrl+D / Ctrl+R: HyperFormula fills the destination from the pattern (relative references
   * move, `$` parts stay, numbers repeat), written in one step that one Ctrl+Z undoes.
   */
  private readonly onFillPattern = (event: FillPatternEventArgs): void => {
    event.preventDefault();
    this.fill(event.patternSource, event.fillDestination);
  };

  private fill(source: Rectangle, destination: Rectangle): void {
    const target = fillTarget(source, destination);
    if (!target) return;
    const { hf, sheet } = this;
    const range = (r: Rectangle): SimpleCellRange => ({
      start: { sheet, row: r.y, col: r.x },
      end: { sheet, row: r.y + r.height - 1, col: r.x + r.width - 1 },
    });
    try {
      const data = hf.getFillRangeData(range(source), range(target));
      // A spilled cell of the pattern is its anchor's result, not content: it stays empty, so the copies spill.
      for (let r = 0; r < target.height; r++) {
        for (let c = 0; c < target.width; c++) {
          const from = {
            sheet,
            row: source.y + modulo(target.y + r - source.y, source.height),
            col: source.x + modulo(target.x + c - source.x, source.width),
          };
          const row = data[r];
          if (row && hf.isCellPartOfArray(from) && !hf.doesCellHaveFormula(from)) row[c] = null;
        }
      }
      hf.setCellContents(range(target).start, data);
    } catch (error) {
      this.showStatusMessage(`could not fill ${rangeName(toCellRange(sheet, target))}: ${errorText(error)}`);
    }
    this.gridSelection = {
      ...cellSelection(destination.y, destination.x),
      current: {
        cell: this.gridSelection.current?.cell ?? [destination.x, destination.y],
        range: destination,
        rangeStack: [],
      },
    };
    this.afterSelection();
    this.renderView();
  }

  private readonly onKeyDown = (event: GridKeyEventArgs): void => {
    const primary = event.ctrlKey || event.metaKey;
    const key = event.key;
    const current = this.gridSelection.current;
    if (primary && !event.altKey && (key === "z" || key === "Z" || key === "y" || key === "Y")) {
      event.cancel();
      const redo = key.toLowerCase() === "y" || event.shiftKey;
      this.undoOrRedo(redo);
      return;
    }
    if (!current) return;
    const [col, row] = current.cell;
    const move = ARROWS[key];
    if (primary && move) {
      // Ctrl+arrow: the edge of the data block (Ctrl+Shift+arrow extends the selection to it).
      event.cancel();
      const to = dataEdge(this.isFilled, { row, column: col }, move[0], move[1], this.size());
      this.select(to.row, to.column, event.shiftKey);
      return;
    }
    if (primary && (key === "a" || key === "A") && !event.shiftKey) {
      // Ctrl+A: the current data block first, the whole sheet when pressed again (Glide's select-all).
      const block = dataBlock(this.isFilled, { row, column: col }, this.size());
      const { range } = current;
      const same =
        range.x === block.left &&
        range.y === block.top &&
        range.width === block.right - block.left + 1 &&
        range.height === block.bottom - block.top + 1;
      if (!same && (block.bottom > block.top || block.right > block.left)) {
        event.cancel();
        this.gridSelection = {
          ...this.gridSelection,
          current: {
            cell: [col, row],
            range: {
              x: block.left,
              y: block.top,
              width: block.right - block.left + 1,
              height: block.bottom - block.top + 1,
            },
            rangeStack: [],
          },
        };
        this.afterSelection();
        this.renderView();
      }
      return;
    }
    if (primary && key === "End") {
      event.cancel();
      const used = this.hf.getSheetDimensions(this.sheet);
      this.select(Math.max(0, used.height - 1), Math.max(0, used.width - 1), event.shiftKey);
      return;
    }
    if ((key === "Enter" && !event.altKey) || key === "Tab") {
      if (primary) return;
      event.cancel();
      this.moveAfterEntry(key, event.shiftKey);
      return;
    }
    if (key === "Backspace" && !primary) {
      // Backspace clears the active cell and starts typing into it.
      event.cancel();
      this.write(this.address(), "");
      this.elements.formulaBar.value = "";
    }
  };

  /**
   * Enter / Shift+Enter move down / up (after a run of Tabs, back to the column where it began); Tab / Shift+Tab
   * move right / left and remember where the run began.
   */
  private moveAfterEntry(key: CommitKey, shift: boolean): void {
    const [col, row] = this.gridSelection.current?.cell ?? [0, 0];
    if (key === "Enter") {
      const column = this.tabStart ?? col;
      this.select(row + (shift ? -1 : 1), shift ? col : column);
      this.tabStart = undefined;
      return;
    }
    const start = this.tabStart ?? col;
    this.select(row, col + (shift ? -1 : 1));
    this.tabStart = start;
  }

  private undoOrRedo(redo: boolean): void {
    const { hf } = this;
    try {
      if (redo ? hf.isThereSomethingToRedo() : hf.isThereSomethingToUndo()) {
        if (redo) hf.redo();
        else hf.undo();
      }
    } catch (error) {
      this.showStatusMessage(`could not ${redo ? "redo" : "undo"}: ${errorText(error)}`);
    }
    if (!hf.getSheetNames().includes(this.activeSheetName)) {
      const first = hf.getSheetNames()[0];
      if (first) this.showSheet(first);
    }
    this.render();
    this.afterSelection();
  }

  private readonly onColumnResize = (_column: GridColumn, width: number, index: number): void => {
    let widths = this.widths.get(this.sheet);
    if (!widths) this.widths.set(this.sheet, (widths = new Map()));
    widths.set(index, Math.round(width));
    this.columnsCache = undefined;
    this.renderView();
  };

  private readonly onVisibleRegionChanged = (range: Rectangle, tx: number, ty: number): void => {
    const size = this.size();
    const columns = this.columnsFor(size.columns);
    this.elements.host.dataset["layout"] = JSON.stringify({
      firstRow: range.y,
      firstColumn: range.x,
      rows: range.height,
      columns: range.width,
      tx,
      ty,
      rowHeight: ROW_HEIGHT,
      headerHeight: HEADER_HEIGHT,
      rowMarkerWidth: ROW_MARKER_WIDTH,
      widths: columns.slice(range.x, range.x + range.width + 1).map((c) => ("width" in c ? c.width : 0)),
    });
  };

  /** Hovering an error cell shows its message as the grid's tooltip, as Excel's warning marker does. */
  private readonly onItemHovered = (args: { kind: string; location: Item }): void => {
    const { host } = this.elements;
    if (args.kind !== "cell") {
      host.title = "";
      return;
    }
    const [col, row] = args.location;
    try {
      const status = cellStatus(this.hf.getCellValue({ sheet: this.sheet, row, col }));
      host.title = status.error ? `${status.shown}: ${status.detail}` : "";
    } catch {
      host.title = "";
    }
  };

  private onValuesUpdated(changes: ExportedChange[]): void {
    const cells: { cell: Item }[] = [];
    for (const change of changes) {
      if (!("address" in change)) continue;
      const { address } = change;
      if (address.sheet === this.sheet) cells.push({ cell: [address.col, address.row] });
    }
    if (cells.length > 0) {
      // One edit redraws only the cells whose values changed.
      if (cells.length > 5000) this.content = this.contentFor(this.sheet);
      else this.editor.current?.updateCells(cells);
    }
    this.afterSelection();
    this.renderView();
  }

  /** Name box, formula bar and status bar follow the active cell and the selection. */
  private afterSelection(): void {
    const { elements, hf } = this;
    const address = this.address();
    const range = this.selection;
    if (document.activeElement !== elements.nameBox) elements.nameBox.value = rangeName(range);
    if (document.activeElement !== elements.formulaBar) {
      // A spilled cell shows its anchor's formula, greyed (typing there would block the spill).
      const anchor = spillAnchor(hf, address);
      elements.formulaBar.value = cellSource(hf, anchor ?? address);
      elements.formulaBar.classList.toggle("wb-formula-spilled", anchor !== undefined);
    }
    let status = cellStatus(null);
    try {
      status = cellStatus(hf.getCellValue(address));
    } catch {
      // the sheet is being replaced
    }
    const values = [];
    const cells = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (cells > 1 && cells <= SUMMARY_CELL_LIMIT) {
      const used = hf.getSheetDimensions(this.sheet);
      for (let r = range.top; r <= Math.min(range.bottom, used.height - 1); r++)
        for (let c = range.left; c <= Math.min(range.right, used.width - 1); c++)
          values.push(hf.getCellValue({ sheet: this.sheet, row: r, col: c }));
      if (values.length < 2) values.push(null, null);
    }
    this.renderStatus(cellName(address.row, address.col), status, selectionSummary(values));
  }

  private renderStatus(cell: string, status: ReturnType<typeof cellStatus>, summary: string): void {
    const { status: bar } = this.elements;
    bar.dataset["error"] = String(status.error);
    bar.replaceChildren(
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

  private showStatusMessage(message: string): void {
    const bar = this.elements.status;
    bar.querySelector(".wb-status-message")?.remove();
    bar.append(el("span", { class: "wb-status-message", role: "alert" }, message));
  }

  private wireFormulaBar(): void {
    const { formulaBar } = this.elements;
    formulaBar.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const [col, row] = this.gridSelection.current?.cell ?? [0, 0];
        if (this.commit(formulaBar.value)) {
          if (event.key === "Enter") this.select(row + (event.shiftKey ? -1 : 1), col);
          else this.select(row, col + (event.shiftKey ? -1 : 1));
        }
        this.editor.current?.focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        formulaBar.value = cellSource(this.hf, this.address());
        this.editor.current?.focus();
      }
    });
    formulaBar.addEventListener("focus", () => {
      if (!formulaBar.classList.contains("wb-formula-spilled")) return;
      formulaBar.classList.remove("wb-formula-spilled");
      formulaBar.value = "";
    });
    formulaBar.addEventListener("blur", () => this.afterSelection());
  }

  private wireNameBox(): void {
    const { nameBox } = this.elements;
    nameBox.addEventListener("focus", () => nameBox.select());
    nameBox.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        nameBox.value = rangeName(this.selection);
        this.editor.current?.focus();
        return;
      }
      if (event.key !== "Enter") return;
      event.preventDefault();
      const text = nameBox.value.trim().toUpperCase();
      const range = text.includes(":") ? this.hf.simpleCellRangeFromString(text, this.sheet) : undefined;
      const address = range ? undefined : this.hf.simpleCellAddressFromString(text, this.sheet);
      nameBox.blur();
      if (range) {
        this.select(range.start.row, range.start.col);
        this.select(range.end.row, range.end.col, true);
        this.gridSelection = {
          ...this.gridSelection,
          current: {
            ...(this.gridSelection.current as NonNullable<GridSelection["current"]>),
            cell: [range.start.col, range.start.row],
          },
        };
        this.afterSelection();
        this.renderView();
        this.editor.current?.scrollTo(range.start.col, range.start.row);
      } else if (address) this.select(address.row, address.col);
      else {
        nameBox.value = rangeName(this.selection);
        this.showStatusMessage(`${text} is not a cell or range (type e.g. B7 or A1:C200)`);
      }
      this.editor.current?.focus();
    });
  }
}

function toCellRange(sheet: number, r: Rectangle): CellRange {
  return { sheet, top: r.y, left: r.x, bottom: r.y + r.height - 1, right: r.x + r.width - 1 };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
