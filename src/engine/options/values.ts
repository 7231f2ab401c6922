/**
 * Single values as a user types them (in a cell, the pane's form or on the command line): what counts as
 * blank, a decimal number, and a switch. Every front end reads them through these functions.
 */
import { EngineError, formatValue } from "../errors";

/** An omitted argument or an empty cell (Excel on the web sends null, HyperFormula undefined or ""). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

/**
 * A decimal number as written in text: optional sign, digits with an optional fraction, optional exponent.
 * Not hexadecimal, binary or octal (`0x1`), not Infinity, not empty — all of which Number() would accept.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/** A number typed as text; blank → `${field} is required`. */
export function parseDecimal(field: string, text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") throw new EngineError(`${field} is required`, field);
  const value = Number(trimmed);
  if (!DECIMAL.test(trimmed) || !Number.isFinite(value)) {
    throw new EngineError(`${field} must be a number, got ${formatValue(trimmed)}`, field);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return formatValue(value);
}

/**
 * A switch: TRUE/FALSE, 1/0 (how a sheet stores a flag, and what a user types where bare TRUE is not a
 * value), or the text true/false in any case. Anything else — 2, "yes", 0.5 — is refused, never read as
 * one of the two.
 */
export function requireSwitch(field: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "true" || text === "false") return text === "true";
  }
  throw new EngineError(`${field} must be TRUE or FALSE, got ${describe(value)}`, field);
}

/** A switch that may be left blank: blank → undefined (the default applies). */
export function optionalSwitch(field: string, value: unknown): boolean | undefined {
  return isBlank(value) ? undefined : requireSwitch(field, value);
}
