/**
 * One error type for every bad input the engine rejects. Messages are exact and searchable
 * (`lr must be > 0, got -1`) so the Excel edge can show them unchanged in a #VALUE! cell.
 */
export class EngineError extends Error {
  override readonly name = "EngineError";
  /**
   * The input the message is about, as the caller named it ("lr", "options", "--opt"), when the check knows
   * it: a form puts the message next to that field without reading the text.
   */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/** Runs `check`; an EngineError it throws without a field is thrown again as being about `field`. */
export function attributeTo<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof EngineError && error.field === undefined)
      throw new EngineError(error.message, field);
    throw error;
  }
}

/** Formats a number the way messages quote it: as the user typed it, not with float noise. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  // String() would print a list as "a,b" (like text) and an object as "[object Object]".
  if (Array.isArray(value)) return `a list of ${value.length} values`;
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

export function requireFinite(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new EngineError(`${name} must be a finite number, got ${formatValue(value)}`);
  }
  return value;
}

/** value > 0 */
export function requirePositive(name: string, value: number): number {
  requireFinite(name, value);
  if (!(value > 0)) throw new EngineError(`${name} must be > 0, got ${formatValue(value)}`);
  return value;
}

/** value >= 0 */
export function requireNonNegative(name: string, value: number): number {
  requireFinite(name, value);
  if (!(value >= 0)) throw new EngineError(`${name} must be >= 0, got ${formatValue(value)}`);
  return value;
}

/** low <= value < high (a half-open interval, as for Adam's betas: 0 <= beta < 1). */
export function requireInHalfOpen(name: string, value: number, low: number, high: number): number {
  requireFinite(name, value);
  if (!(value >= low && value < high)) {
    throw new EngineError(`${name} must be in [${low}, ${high}), got ${formatValue(value)}`);
  }
  return value;
}

/** low <= value <= high */
export function requireInClosed(name: string, value: number, low: number, high: number): number {
  requireFinite(name, value);
  if (!(value >= low && value <= high)) {
    throw new EngineError(`${name} must be in [${low}, ${high}], got ${formatValue(value)}`);
  }
  return value;
}

/** A whole number >= min. */
export function requireInteger(name: string, value: number, min: number): number {
  requireFinite(name, value);
  if (!Number.isInteger(value) || value < min) {
    throw new EngineError(`${name} must be an integer >= ${min}, got ${formatValue(value)}`);
  }
  return value;
}

/** Two vectors that must line up, e.g. grads and params. */
export function requireSameLength(
  name: string,
  values: ArrayLike<unknown>,
  referenceName: string,
  reference: ArrayLike<unknown>,
): void {
  if (values.length !== reference.length) {
    throw new EngineError(`${name} has ${values.length} values but ${referenceName} has ${reference.length}`);
  }
}

/** Every entry finite; the message names the first bad position (1-based, as a sheet user counts). */
export function requireAllFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new EngineError(`${name}[${i + 1}] must be a finite number, got ${formatValue(v)}`);
    }
  }
}

/** A table's rows must all be as wide as its first (rowIndex is 0-based; messages count from 1). */
export function requireRowWidth(
  name: string,
  rowIndex: number,
  row: ArrayLike<unknown>,
  width: number,
): void {
  if (row.length !== width) {
    throw new EngineError(`${name} row ${rowIndex + 1} has ${row.length} values but row 1 has ${width}`);
  }
}

/** Excel's codes for a result outside a function's domain: #DIV/0! for a division by zero, #NUM! otherwise. */
export type DomainErrorCode = "#NUM!" | "#DIV/0!";

/**
 * A value outside a function's domain (LN of a negative number, a division by zero, an overflow): the Excel
 * edge shows it as `code` (#NUM! or #DIV/0!, as Excel's own functions do) with the message saying what was out
 * of domain, instead of returning a non-finite number.
 */
export class DomainError extends EngineError {
  readonly code: DomainErrorCode;
  constructor(message: string, code: DomainErrorCode = "#NUM!", field?: string) {
    super(message, field);
    this.code = code;
  }
}
