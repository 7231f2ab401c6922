/*
 * Layout arguments from cells. HyperFormula sizes a spill when it parses a formula, before anything is evaluated,
 * so an argument that changes the result's layout (momentum, amsgrad, centered, epochs, …) is read from the
 * formula's text. Such an argument may also be a reference to a cell holding a constant: its value is known at
 * parse time, so it is read then, and the formula is remembered as a reader of that cell; the grid re-enters the
 * readers of a cell it changes (`layoutReaders`), which sizes their spills again. A cell holding a formula has no
 * value before evaluation and cannot size a spill.
 */
import type { HyperFormula, SimpleCellAddress } from "hyperformula";

/** The parts of HyperFormula's parse tree and interpreter state read here (not exported by the package). */
export interface ReferenceAst {
  type: string;
  reference?: { toSimpleCellAddress(base: SimpleCellAddress): SimpleCellAddress };
}
interface GraphLike {
  getCell(address: SimpleCellAddress): unknown;
}
/** A constant cell's vertex: only HyperFormula's ValueCellVertex has getValues. */
interface ValueVertex {
  getValues(): unknown;
  getCellValue(): unknown;
}

const readersByGraph = new WeakMap<object, Map<string, Map<string, SimpleCellAddress>>>();

function key(address: SimpleCellAddress): string {
  return `${address.sheet}:${address.row}:${address.col}`;
}

function remember(graph: object, cell: SimpleCellAddress, reader: SimpleCellAddress): void {
  let readers = readersByGraph.get(graph);
  if (!readers) readersByGraph.set(graph, (readers = new Map()));
  let ofCell = readers.get(key(cell));
  if (!ofCell) readers.set(key(cell), (ofCell = new Map()));
  ofCell.set(key(reader), reader);
}

function isValueVertex(vertex: unknown): vertex is ValueVertex {
  return (
    typeof vertex === "object" &&
    vertex !== null &&
    typeof (vertex as Partial<ValueVertex>).getValues === "function" &&
    typeof (vertex as Partial<ValueVertex>).getCellValue === "function"
  );
}

/**
 * The constant a layout argument refers to: `ast` is a reference to a cell holding a number, text or boolean.
 * The formula at `formulaAddress` becomes a reader of that cell (also when it is empty, so typing a value there
 * sizes the spill). Anything else → undefined (the function's default, or its message at evaluation).
 */
export function constantOfCell(
  graph: GraphLike,
  ast: ReferenceAst | undefined,
  formulaAddress: SimpleCellAddress,
): number | string | boolean | undefined {
  if (ast?.type !== "CELL_REFERENCE" || !ast.reference) return undefined;
  const cell = ast.reference.toSimpleCellAddress(formulaAddress);
  remember(graph, cell, formulaAddress);
  let vertex: unknown;
  try {
    vertex = graph.getCell(cell);
  } catch {
    return undefined; // a sheet that does not exist
  }
  if (!isValueVertex(vertex)) return undefined;
  const value = vertex.getCellValue();
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "object" && value !== null && "val" in value)
    return Number((value as { val: unknown }).val);
  return undefined;
}

/**
 * Enters the readers of `cells` again (of every cell read so far when `cells` is left out), so each spill is sized
 * from the cells' current values. The grid calls it before and after changing cells in one batch: undoing the
 * batch then re-enters the readers last, after the cells are back, so their sizes follow the undo as well.
 */
export function reenterLayoutReaders(hf: HyperFormula, cells?: readonly SimpleCellAddress[]): void {
  const graph = (hf as unknown as { dependencyGraph: object }).dependencyGraph;
  const all = readersByGraph.get(graph);
  if (!all) return;
  const keys = cells ? cells.map(key) : [...all.keys()];
  const readers = new Map<string, SimpleCellAddress>();
  for (const cellKey of keys) for (const [k, reader] of all.get(cellKey) ?? []) readers.set(k, reader);
  for (const reader of readers.values()) {
    let formula: string | undefined;
    try {
      formula = hf.getCellFormula(reader);
    } catch {
      formula = undefined; // its sheet is gone
    }
    if (formula !== undefined) hf.setCellContents(reader, [[formula]]);
  }
}
