/**
 * The shapes our functions return. Excel spills a 2-D array from the formula's cell: one row for a step
 * (new params, then the state the next row needs), one column for per-epoch results, a matrix for
 * Jacobians and Hessians. Keeping the shapes here keeps every function's spill consistent.
 */

/** A spilled row: `[[v1, v2, ...]]`. */
export function spillRow<T extends number | string | boolean>(values: readonly T[]): T[][] {
  return [values.slice()];
}

/** A spilled column: `[[v1], [v2], ...]`. */
export function spillColumn<T extends number | string | boolean>(values: readonly T[]): T[][] {
  return values.map((v) => [v]);
}

/** A matrix as rows (copied so callers never share arrays with the engine). */
export function spillMatrix(rows: readonly (readonly number[])[]): number[][] {
  return rows.map((row) => row.slice());
}

/** One step's row: the new parameters followed by the optimizer state cells (which end with t). */
export function stepRow(params: readonly number[], stateCells: readonly number[]): number[][] {
  return [[...params, ...stateCells]];
}
