/**
 * The last guard at the cell edge: no GD.* function hands a cell a non-finite number (Excel would show
 * #NUM! with no reason, the workbench the text "Infinity"). The engine's own checks name the operation out of
 * domain first (formula/domain.ts, the training loop's divergence check); this catches anything they miss,
 * with the position of the value.
 */
import { DomainError } from "../engine/errors";

/** Throws DomainError (#NUM!) when `result` (a number or a 2-D spill) holds NaN or ±Infinity. */
export function requireFiniteResult(name: string, result: unknown): void {
  if (typeof result === "number") {
    if (!Number.isFinite(result)) throw new DomainError(`${name} has no finite result here (got ${result})`);
    return;
  }
  if (!Array.isArray(result)) return;
  result.forEach((row: unknown, r) => {
    if (!Array.isArray(row)) return;
    row.forEach((value: unknown, c) => {
      if (typeof value === "number" && !Number.isFinite(value)) {
        throw new DomainError(
          `${name} has no finite result here: row ${r + 1}, column ${c + 1} would be ${value} (an overflow: use smaller inputs or parameters)`,
        );
      }
    });
  });
}
