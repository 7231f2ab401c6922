/*
 * Where Ctrl+arrow and Ctrl+A go, by Excel's rules, over any "is this cell filled" test (the grid asks
 * HyperFormula). Rows and columns are 0-based; `limits` is the size of the grid (exclusive).
 */

export type IsFilled = (row: number, column: number) => boolean;

export interface GridPoint {
  row: number;
  column: number;
}

export interface GridLimits {
  rows: number;
  columns: number;
}

export interface GridBlock {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function inside(limits: GridLimits, row: number, column: number): boolean {
  return row >= 0 && column >= 0 && row < limits.rows && column < limits.columns;
}

/**
 * Ctrl+arrow from `from` in direction (dRow, dColumn): inside a run of filled cells, to its last cell; otherwise
 * to the next filled cell, or to the grid's edge when there is none.
 */
export function dataEdge(
  filled: IsFilled,
  from: GridPoint,
  dRow: number,
  dColumn: number,
  limits: GridLimits,
): GridPoint {
  let { row, column } = from;
  if (!inside(limits, row + dRow, column + dColumn)) return { row, column };
  if (filled(row, column) && filled(row + dRow, column + dColumn)) {
    while (inside(limits, row + dRow, column + dColumn) && filled(row + dRow, column + dColumn)) {
      row += dRow;
      column += dColumn;
    }
    return { row, column };
  }
  row += dRow;
  column += dColumn;
  while (!filled(row, column) && inside(limits, row + dRow, column + dColumn)) {
    row += dRow;
    column += dColumn;
  }
  return { row, column };
}

/**
 * The current region (Ctrl+A's first press): the smallest rectangle around `at` whose surrounding ring,
 * diagonals included, holds no filled cell. An empty cell with no filled neighbour is a region of one cell.
 */
export function dataBlock(filled: IsFilled, at: GridPoint, limits: GridLimits): GridBlock {
  const block: GridBlock = { top: at.row, left: at.column, bottom: at.row, right: at.column };
  const anyFilled = (top: number, left: number, bottom: number, right: number) => {
    for (let r = Math.max(0, top); r <= Math.min(limits.rows - 1, bottom); r++)
      for (let c = Math.max(0, left); c <= Math.min(limits.columns - 1, right); c++)
        if (filled(r, c)) return true;
    return false;
  };
  for (let grown = true; grown; ) {
    grown = false;
    const { top, left, bottom, right } = block;
    if (top > 0 && anyFilled(top - 1, left - 1, top - 1, right + 1)) [block.top, grown] = [top - 1, true];
    if (bottom < limits.rows - 1 && anyFilled(bottom + 1, left - 1, bottom + 1, right + 1))
      [block.bottom, grown] = [bottom + 1, true];
    if (left > 0 && anyFilled(top - 1, left - 1, bottom + 1, left - 1))
      [block.left, grown] = [left - 1, true];
    if (right < limits.columns - 1 && anyFilled(top - 1, right + 1, bottom + 1, right + 1))
      [block.right, grown] = [right + 1, true];
  }
  return block;
}
