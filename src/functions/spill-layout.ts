/**
 * The shapes our functions return. Excel spills a 2-D array from the formula's cell: one row for a step
 * (new params, then the state the next row needs), one column for per-epoch results, a matrix for
 * Jacobians and Hessians. Keeping the shapes here keeps every function's spill consistent, and every
 * shape is checked against the sheet's grid (a result that can never spill is an error, not a #SPILL!).
 */
import { requireSpillable } from "../engine/work-budget";

const RESULT = "the result";

/** A spilled row: `[[v1, v2, ...]]`. */
export function spillRow<T extends number | string | boolean>(values: readonly T[]): T[][] {
  requireSpillable(RESULT, 1, values.length);
  return [values.slice()];
}

/** A spilled column: `[[v1], [v2], ...]`. */
export function spillColumn<T extends number | string | boolean>(values: readonly T[]): T[][] {
  requireSpillable(RESULT, values.length, 1);
  return values.map((v) => [v]);
}

/** A matrix as rows (copied so callers never share arrays with the engine). */
export function spillMatrix(rows: readonly (readonly number[])[]): number[][] {
  requireSpillable(RESULT, rows.length, rows[0]?.length ?? 0);
  return rows.map((row) => row.slice());
}

/** One step's row: the new parameters followed by the optimizer state cells (which end with t). */
export function stepRow(params: readonly number[], stateCells: readonly number[]): number[][] {
  requireSpillable(RESULT, 1, params.length + stateCells.length);
  return [[...params, ...stateCells]];
}
