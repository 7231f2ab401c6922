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
import {
  DetailedCellError,
  ErrorType,
  type ExportedChange,
  type HyperFormula,
  type SimpleCellAddress,
  type SimpleCellRange,
} from "hyperformula";
import { createElement, createRef, type RefObject } from "react";
import { createRoot, type Root } from "react-dom/client";
import { type GridActions, wireFormulaBar, wireNameBox } from "./cell-bars";
import { parseEntry } from "./cell-entry";
import { cellName, charsInColumn, columnName } from "./cell-format";
import { dataBlock, dataEdge, type GridLimits } from "./data-edge";
import { fillTarget, modulo } from "./fill-range";
import { clipboardText, sameClipboardText, textPaste } from "./grid-clipboard";
import { reenterLayoutReaders } from "./layout-cells";
import { type CommitKey, type EditSession, formulaEditor } from "./formula-editor";
import { cellSource, gridCell, spillAnchor } from "./grid-cells";
import { type CellRange, rangeName } from "./sheet-series";
import { SheetTabs } from "./sheet-tabs";
import { StatusBar } from "./status-bar";
import { cellStatus } from "./status-text";

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
/** How far up and left of a cleared cell a #SPILL! anchor it blocked is looked for. */
const SPILL_REACH = 64;
/** Status-bar sums read at most this many cells (a whole-sheet selection is 260,000). */

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

type HistoryStep = { kind: "engine" } | { kind: "order"; before: number[]; after: number[] };

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
  private readonly tabs: SheetTabs;
  private readonly statusBar: StatusBar;
  /** The tabs' order (sheet ids): HyperFormula has none, so moving a tab is the grid's own undoable step. */
  private order: number[] = [];
  /**
   * What Ctrl+Z undoes, newest last: a HyperFormula operation (HyperFormula's own undo stack holds it) or a tab
   * move. Ctrl+Y redoes from `redoable`.
   */
  private readonly undoable: HistoryStep[] = [];
  /** The open cell editor, for Point mode; the reference being pointed at (anchor and moving end, [col, row]). */
  private session: EditSession | undefined;
  private point: { anchor: Item; end: Item } | undefined;
  private pointDragging = false;
  /** The visible region as Glide last reported it (first column/row, sub-cell offsets), to map the mouse to cells. */
  private visible = { x: 0, y: 0, width: 0, height: 0, tx: 0, ty: 0 };
  /** What the last Ctrl+C / Ctrl+X in the grid took, and its text as copied out (to recognise its paste). */
  private clip: { sheet: number; range: Rectangle; cut: boolean; text: string } | undefined;
  private readonly redoable: HistoryStep[] = [];

  constructor(
    private readonly hf: HyperFormula,
    private readonly elements: GridElements,
    private readonly onSheetShown: (sheet: number) => void = () => undefined,
  ) {
    this.root = createRoot(elements.host);
    this.statusBar = new StatusBar(elements.status);
    this.provideEditor = formulaEditor({
      source: () => cellSource(hf, this.address()),
      onText: (text) => {
        elements.formulaBar.value = text;
      },
      onCommitted: (key, shift) => this.moveAfterEntry(key, shift),
      onSession: (session) => {
        this.session = session;
        if (!session && this.point) this.endPointing();
      },
      pointBy: (dRow, dColumn, extend) => this.pointBy(dRow, dColumn, extend),
      endPointing: () => this.endPointing(),
    });
    this.wirePointing();
    this.content = this.contentFor(0);
    hf.on("valuesUpdated", (changes: ExportedChange[]) => this.onValuesUpdated(changes));
    for (const event of ["sheetAdded", "sheetRemoved", "sheetRenamed"] as const)
      hf.on(event, () => this.renderTabs());
    this.tabs = new SheetTabs(elements.tabs, {
      select: (name) => this.showSheet(name),
      add: () => this.addSheet(),
      rename: (name, newName) => this.renameSheet(name, newName),
      remove: (name) => this.removeSheet(name),
      move: (name, index) => this.moveSheet(name, index),
    });
    this.wireClipboard();
    wireFormulaBar(elements.formulaBar, this.barActions());
    wireNameBox(elements.nameBox, this.barActions());
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
    return ([col, row]) =>
      gridCell(this.hf, { sheet, row, col }, charsInColumn(this.widths.get(sheet)?.get(col) ?? COLUMN_WIDTH));
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
    const entry = parseEntry(text);
    const blocked = entry === null ? this.blockedSpills([address]) : [];
    const done = this.operation(`change ${cellName(address.row, address.col)}`, () =>
      this.hf.batch(() => {
        // Formulas whose spill size this cell gives (a layout argument read from it) are sized again.
        reenterLayoutReaders(this.hf, [address]);
        this.hf.setCellContents(address, [[entry]]);
        this.respill(blocked);
        reenterLayoutReaders(this.hf, [address]);
      }),
    );
    this.afterSelection();
    return done;
  }

  /**
   * The #SPILL! anchors up and to the left of `cells` (which a cleared cell may have been blocking). HyperFormula
   * does not re-spill an array when its blocker goes, so `respill` enters their formulas again, in the same step.
   */
  private blockedSpills(
    cells: readonly SimpleCellAddress[],
  ): { address: SimpleCellAddress; formula: string }[] {
    if (cells.length === 0) return [];
    const { hf, sheet } = this;
    const top = Math.max(0, Math.min(...cells.map((c) => c.row)) - SPILL_REACH);
    const left = Math.max(0, Math.min(...cells.map((c) => c.col)) - SPILL_REACH);
    const bottom = Math.max(...cells.map((c) => c.row));
    const right = Math.max(...cells.map((c) => c.col));
    const used = hf.getSheetDimensions(sheet);
    const found = [];
    for (let row = top; row <= Math.min(bottom, used.height - 1); row++) {
      for (let col = left; col <= Math.min(right, used.width - 1); col++) {
        const address = { sheet, row, col };
        const value = hf.getCellValue(address);
        if (!(value instanceof DetailedCellError) || value.type !== ErrorType.SPILL) continue;
        const formula = hf.getCellFormula(address);
        if (formula) found.push({ address, formula });
      }
    }
    return found;
  }

  private respill(blocked: readonly { address: SimpleCellAddress; formula: string }[]): void {
    for (const { address, formula } of blocked) this.hf.setCellContents(address, [[formula]]);
  }

  private isFilled = (row: number, column: number): boolean => {
    const value = this.hf.getCellValue({ sheet: this.sheet, row, col: column });
    return value !== null && value !== "";
  };

  /** The sheet ids in tab order: HyperFormula's sheets, kept in the order the user gave them. */
  private sheetOrder(): number[] {
    const ids = this.hf.getSheetNames().flatMap((name) => {
      const id = this.hf.getSheetId(name);
      return id === undefined ? [] : [id];
    });
    this.order = [
      ...this.order.filter((id) => ids.includes(id)),
      ...ids.filter((id) => !this.order.includes(id)),
    ];
    return this.order;
  }

  private renderTabs(): void {
    const { hf } = this;
    const names = this.sheetOrder().map((id) => hf.getSheetName(id) ?? "");
    if (!names.includes(this.activeSheetName) && names[0] !== undefined) {
      const first = names[0];
      queueMicrotask(() => {
        if (!hf.getSheetNames().includes(this.activeSheetName)) this.showSheet(first);
      });
    }
    this.tabs.render(names, this.activeSheetName);
  }

  /** Runs one HyperFormula operation the user asked for, as one step of the grid's undo history. */
  private operation(what: string, run: () => void): boolean {
    try {
      run();
    } catch (error) {
      this.showStatusMessage(`could not ${what}: ${errorText(error)}`);
      return false;
    }
    this.undoable.push({ kind: "engine" });
    this.redoable.length = 0;
    return true;
  }

  private addSheet(): void {
    const names = new Set(this.hf.getSheetNames().map((n) => n.toLowerCase()));
    let n = this.hf.countSheets() + 1;
    while (names.has(`sheet${n}`)) n++;
    const name = `Sheet${n}`;
    if (this.operation(`add ${name}`, () => this.hf.addSheet(name))) this.showSheet(name);
  }

  private renameSheet(name: string, newName: string): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    if (!this.hf.isItPossibleToRenameSheet(id, newName)) {
      this.showStatusMessage(`cannot rename ${name} to ${newName}: that name is taken or not allowed`);
      this.renderTabs();
      return;
    }
    this.operation(`rename ${name}`, () => this.hf.renameSheet(id, newName));
    this.render();
  }

  private removeSheet(name: string): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined || this.hf.countSheets() < 2) return;
    const at = this.sheetOrder().indexOf(id);
    if (!this.operation(`delete ${name}`, () => this.hf.removeSheet(id))) return;
    const order = this.sheetOrder();
    const next = order[Math.min(at, order.length - 1)];
    const nextName = next === undefined ? undefined : this.hf.getSheetName(next);
    if (nextName) this.showSheet(nextName);
  }

  private moveSheet(name: string, index: number): void {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return;
    const before = [...this.sheetOrder()];
    const after = before.filter((other) => other !== id);
    after.splice(Math.max(0, Math.min(index, after.length)), 0, id);
    this.order = after;
    this.undoable.push({ kind: "order", before, after });
    this.redoable.length = 0;
    this.renderTabs();
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
      isOutsideClick: this.isOutsideClick,
      onPaste: this.onPaste,
      ...(this.point
        ? {
            highlightRegions: [
              { color: "rgba(31, 95, 168, 0.18)", range: rectOf(this.point), style: "dashed" },
            ],
          }
        : {}),
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
      const blocked = this.blockedSpills(cells);
      this.operation(`clear ${rangeName(this.selection)}`, () =>
        hf.batch(() => {
          reenterLayoutReaders(hf, cells);
          for (const address of cells) hf.setCellContents(address, [[null]]);
          this.respill(blocked);
          reenterLayoutReaders(hf, cells);
        }),
      );
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
    this.operation(`fill ${rangeName(toCellRange(sheet, target))}`, () => {
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
    });
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
      consume(event);
      const redo = key.toLowerCase() === "y" || event.shiftKey;
      this.undoOrRedo(redo);
      return;
    }
    if (!current) return;
    const [col, row] = current.cell;
    const move = ARROWS[key];
    if (primary && move) {
      // Ctrl+arrow: the edge of the data block (Ctrl+Shift+arrow extends the selection to it).
      consume(event);
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
        consume(event);
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
      consume(event);
      const used = this.hf.getSheetDimensions(this.sheet);
      this.select(Math.max(0, used.height - 1), Math.max(0, used.width - 1), event.shiftKey);
      return;
    }
    if ((key === "Enter" && !event.altKey) || key === "Tab") {
      if (primary) return;
      consume(event);
      this.moveAfterEntry(key, event.shiftKey);
      return;
    }
    if (key === "Backspace" && !primary) {
      // Backspace clears the active cell and starts typing into it.
      consume(event);
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
    const from = redo ? this.redoable : this.undoable;
    const to = redo ? this.undoable : this.redoable;
    // Steps HyperFormula took that the grid did not start (a training run's rows) are undone by HyperFormula alone.
    const step: HistoryStep | undefined = from.pop() ?? { kind: "engine" };
    try {
      if (step.kind === "order") this.order = [...(redo ? step.after : step.before)];
      else if (redo ? hf.isThereSomethingToRedo() : hf.isThereSomethingToUndo()) {
        if (redo) hf.redo();
        else hf.undo();
      } else return;
      to.push(step);
    } catch (error) {
      this.showStatusMessage(`could not ${redo ? "redo" : "undo"}: ${errorText(error)}`);
    }
    if (!hf.getSheetNames().includes(this.activeSheetName)) {
      const first = this.sheetOrder()[0];
      const name = first === undefined ? undefined : hf.getSheetName(first);
      if (name) this.showSheet(name);
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
    this.onVisibleRegionChanged(this.visible, this.visible.tx, this.visible.ty);
  };

  /** Where the visible cells are drawn (data-layout: what the browser tests click by), after a scroll or a resize. */
  private readonly onVisibleRegionChanged = (range: Rectangle, tx: number, ty: number): void => {
    this.visible = { x: range.x, y: range.y, width: range.width, height: range.height, tx, ty };
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
    this.statusBar.show(hf, cellName(address.row, address.col), address, range);
  }

  private showStatusMessage(message: string): void {
    this.statusBar.message(message);
  }

  /**
   * Ctrl+C / Ctrl+X in the grid (the browser's copy and cut events, taken before Glide's): the selection's values go
   * on the clipboard as tab-separated text, HyperFormula keeps the formulas for a paste here. A cut range stays
   * until it is pasted, as in Excel (Glide would clear it at once). Only text goes out: pasted HTML is parsed by
   * Glide into the page, where the styles browsers add to it break the page's style policy.
   */
  private wireClipboard(): void {
    const take = (cut: boolean) => (event: ClipboardEvent) => {
      const range = this.gridSelection.current?.range;
      if (!range || !this.elements.host.contains(document.activeElement) || this.session) return;
      if (document.activeElement instanceof HTMLTextAreaElement) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const text = this.copy(range, cut);
      if (text !== undefined) event.clipboardData?.setData("text/plain", text);
    };
    document.addEventListener("copy", take(false), { capture: true });
    document.addEventListener("cut", take(true), { capture: true });
  }

  private copy(range: Rectangle, cut: boolean): string | undefined {
    const { hf, sheet } = this;
    const source = rangeOf(sheet, range);
    try {
      if (cut) hf.cut(source);
      else hf.copy(source);
    } catch (error) {
      this.showStatusMessage(`could not ${cut ? "cut" : "copy"}: ${errorText(error)}`);
      return undefined;
    }
    const rows = Array.from({ length: range.height }, (_, r) =>
      Array.from({ length: range.width }, (_, c) => {
        const cell = gridCell(hf, { sheet, row: range.y + r, col: range.x + c });
        return cell.kind === GridCellKind.Text ? cell.data : "";
      }),
    );
    this.clip = { sheet, range, cut, text: clipboardText(rows) };
    return this.clip.text;
  }

  /**
   * Ctrl+V (Glide read the clipboard as rows of text). What this grid copied is pasted by HyperFormula, formulas
   * and all, references shifted by the offset (a cut keeps them pointing at the moved cells); one copied cell onto
   * a larger selection fills it. Text from another application goes in as values (numbers as numbers).
   */
  private readonly onPaste = (target: Item, values: readonly (readonly string[])[]): boolean => {
    const { hf, sheet } = this;
    const clip = this.clip;
    const text = clipboardText(values);
    const selection = this.gridSelection.current?.range ?? {
      x: target[0],
      y: target[1],
      width: 1,
      height: 1,
    };
    const at = { sheet, row: selection.y, col: selection.x };
    let pasted: Rectangle;
    if (clip && sameClipboardText(clip.text, text) && hf.getSheetName(clip.sheet) !== undefined) {
      const single = clip.range.width === 1 && clip.range.height === 1;
      if (single && !clip.cut && (selection.width > 1 || selection.height > 1)) {
        pasted = selection;
        this.operation(`paste into ${rangeName(toCellRange(sheet, selection))}`, () =>
          hf.setCellContents(
            at,
            hf.getFillRangeData(rangeOf(clip.sheet, clip.range), rangeOf(sheet, selection)),
          ),
        );
      } else {
        pasted = { x: at.col, y: at.row, width: clip.range.width, height: clip.range.height };
        this.operation(`paste at ${cellName(at.row, at.col)}`, () => hf.paste(at));
        if (clip.cut) this.clip = undefined;
      }
    } else {
      const plan = textPaste(values, selection);
      pasted = plan.pasted;
      const data = plan.data;
      this.operation(`paste at ${cellName(at.row, at.col)}`, () => hf.setCellContents(at, data));
    }
    this.gridSelection = {
      ...this.gridSelection,
      current: { cell: [pasted.x, pasted.y], range: pasted, rangeStack: [] },
    };
    this.afterSelection();
    this.renderView();
    return false;
  };

  /** Point mode by keyboard: moves the pointed cell from the active cell (Shift keeps where pointing began). */
  private pointBy(dRow: number, dColumn: number, extend: boolean): string {
    const [col, row] = this.gridSelection.current?.cell ?? [0, 0];
    const size = this.size();
    const from = this.point ?? { anchor: [col, row] as Item, end: [col, row] as Item };
    const end: Item = [
      Math.min(Math.max(0, from.end[0] + dColumn), size.columns - 1),
      Math.min(Math.max(0, from.end[1] + dRow), size.rows - 1),
    ];
    this.point = { anchor: extend ? from.anchor : end, end };
    this.renderView();
    this.editor.current?.scrollTo(end[0], end[1]);
    return rangeName(toCellRange(this.sheet, rectOf(this.point)));
  }

  private endPointing(): void {
    if (!this.point) return;
    this.point = undefined;
    this.renderView();
  }

  /** While a formula expects a reference, a click in the grid is Point mode, not the end of the edit. */
  private readonly isOutsideClick = (event: MouseEvent | TouchEvent): boolean =>
    !(this.session?.pointing() && this.elements.host.contains(event.target as Node));

  /** Point mode by mouse: click a cell, Shift+click or drag to extend (captured before Glide sees the click). */
  private wirePointing(): void {
    const { host } = this.elements;
    host.addEventListener(
      "mousedown",
      (event) => {
        const session = this.session;
        if (!session || event.button !== 0 || !session.pointing()) return;
        const cell = this.cellAtPoint(event.clientX, event.clientY);
        if (!cell) return;
        event.preventDefault();
        event.stopPropagation();
        this.point =
          event.shiftKey && this.point
            ? { anchor: this.point.anchor, end: cell }
            : { anchor: cell, end: cell };
        this.pointDragging = true;
        session.point(rangeName(toCellRange(this.sheet, rectOf(this.point))));
        this.renderView();
      },
      true,
    );
    window.addEventListener(
      "mousemove",
      (event) => {
        if (!this.pointDragging || !this.point || !this.session || (event.buttons & 1) === 0) return;
        const cell = this.cellAtPoint(event.clientX, event.clientY);
        if (!cell || (cell[0] === this.point.end[0] && cell[1] === this.point.end[1])) return;
        this.point = { anchor: this.point.anchor, end: cell };
        this.session.point(rangeName(toCellRange(this.sheet, rectOf(this.point))));
        this.renderView();
      },
      true,
    );
    for (const type of ["mouseup", "click"] as const)
      window.addEventListener(
        type,
        (event) => {
          if (!this.pointDragging) return;
          event.stopPropagation();
          if (type === "click") this.pointDragging = false;
        },
        true,
      );
  }

  /** The cell drawn under a point of the page, from the visible region Glide reported. */
  private cellAtPoint(x: number, y: number): Item | undefined {
    const canvas = this.elements.host.querySelector("canvas");
    if (!canvas) return undefined;
    const box = canvas.getBoundingClientRect();
    const { x: firstColumn, y: firstRow, tx, ty } = this.visible;
    const top = y - box.top - HEADER_HEIGHT - ty;
    let left = x - box.left - ROW_MARKER_WIDTH - tx;
    if (top < 0 || x - box.left < ROW_MARKER_WIDTH) return undefined;
    const columns = this.columnsFor(this.size().columns);
    let col = firstColumn;
    for (; col < columns.length; col++) {
      const column = columns[col];
      const width = column && "width" in column ? column.width : COLUMN_WIDTH;
      if (left < width) break;
      left -= width;
    }
    return [col, firstRow + Math.floor(top / ROW_HEIGHT)];
  }

  /** What the name box and the formula bar ask of the grid (cell-bars.ts). */
  private barActions(): GridActions {
    return {
      selectionName: () => rangeName(this.selection),
      parse: (text) => {
        const range = text.includes(":") ? this.hf.simpleCellRangeFromString(text, this.sheet) : undefined;
        if (range) return { range };
        const address = this.hf.simpleCellAddressFromString(text, this.sheet);
        return address ? { address } : undefined;
      },
      selectRange: (range) => {
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
      },
      selectCell: (row, column) => this.select(row, column),
      active: () => {
        const [column, row] = this.gridSelection.current?.cell ?? [0, 0];
        return { row, column };
      },
      commit: (text) => this.commit(text),
      source: () => cellSource(this.hf, this.address()),
      refresh: () => this.afterSelection(),
      message: (text) => this.showStatusMessage(text),
      focusGrid: () => this.editor.current?.focus(),
    };
  }
}

function rangeOf(sheet: number, r: Rectangle): SimpleCellRange {
  return {
    start: { sheet, row: r.y, col: r.x },
    end: { sheet, row: r.y + r.height - 1, col: r.x + r.width - 1 },
  };
}

/** The rectangle between two corners ([col, row] each). */
function rectOf(point: { anchor: Item; end: Item }): Rectangle {
  const [c1, r1] = point.anchor;
  const [c2, r2] = point.end;
  return {
    x: Math.min(c1, c2),
    y: Math.min(r1, r2),
    width: Math.abs(c1 - c2) + 1,
    height: Math.abs(r1 - r2) + 1,
  };
}

/** Clipboard text compared as rows of cells (line endings and trailing blanks differ between applications). */

function toCellRange(sheet: number, r: Rectangle): CellRange {
  return { sheet, top: r.y, left: r.x, bottom: r.y + r.height - 1, right: r.x + r.width - 1 };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A key the grid handled: Glide skips its own binding, and the browser its default — without that, Ctrl+Z would
 * also run the browser's undo, which reverts the last text typed into the name box and moves the focus there.
 */
function consume(event: GridKeyEventArgs): void {
  event.cancel();
  event.preventDefault();
}
