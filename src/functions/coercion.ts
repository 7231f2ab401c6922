/**
 * Cell values → engine inputs. Excel hands a custom function a range as a 2-D array (`number[][]`), a single
 * cell as a 1×1 array or a bare scalar, an omitted optional argument as null, and a blank cell as 0 (desktop)
 * or null (Excel on the web). The rules below give both hosts the same answer; docs/functions.md states them
 * per argument:
 *
 * - vectors (params, grads, values): one row or one column, read in order; a blank cell counts as 0
 *   (desktop already sends 0, so the web does the same); text, booleans and error values are rejected with
 *   the 1-based position.
 * - optimizer state: a range whose cells are all blank (or all 0, which is how desktop sends blanks) is the
 *   empty, initial state: every optimizer's initial state is all zeros with t = 0, so nothing is lost.
 * - optional scalars (hyper-parameters): omitted or blank (null) → the engine's default.
 * - names: "a,b" in one cell, or a range of cells each holding one name.
 */
import { EngineError, formatValue, requireRowWidth } from "../engine/errors";
import { isBlank, optionalSwitch, parseOptions, type OptionsRecord } from "../engine/options";

/** Anything Excel (or HyperFormula through our plugin) may hand us for one argument. */
export type CellInput = unknown;

/** Error values in cells: CustomFunctions.Error-like objects ({ code }) and HyperFormula-like ({ type }). */
function errorText(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as { code?: unknown; type?: unknown; value?: unknown };
  if (typeof record.code === "string") return record.code;
  if (typeof record.value === "string" && record.value.startsWith("#")) return record.value;
  if (typeof record.type === "string") return `#${record.type}!`;
  return undefined;
}

/** What a message says a cell held: `the error #N/A`, `TRUE`, `"text"`, `2`. */
export function describeCell(value: unknown): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const error = errorText(value);
  return error === undefined ? formatValue(value) : `the error ${error}`;
}

const describe = describeCell;

/** The cells of an argument as a flat list, checking it is one row or one column. */
function cellsOf(name: string, input: CellInput): unknown[] {
  if (!Array.isArray(input)) return [input];
  const rows = input as unknown[];
  if (rows.length === 0) return [];
  if (!rows.every((row) => Array.isArray(row))) return rows; // already flat (a repeating argument)
  const grid = rows as unknown[][];
  const width = grid[0]?.length ?? 0;
  if (grid.length > 1 && width > 1) {
    throw new EngineError(`${name} must be a single row or column, got ${grid.length}×${width} cells`);
  }
  return grid.flat();
}

/**
 * One cell as a number; `position` is 1-based for messages, 0 when the argument is a single value. A blank
 * counts as 0 (desktop sends it so); optional single values treat blank as "omitted" before calling this.
 */
function numberOf(name: string, position: number, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (isBlank(value)) return 0;
  const where = position > 0 ? `${name}[${position}]` : name;
  if (typeof value === "number") throw new EngineError(`${where} must be a finite number, got ${value}`);
  const error = errorText(value);
  if (error !== undefined) throw new EngineError(`${where} is the error ${error}`);
  throw new EngineError(`${where} must be a number, got ${describe(value)}`);
}

/** A vector argument (params, grads, values): one row or column of numbers, blank = 0. */
export function numberVector(name: string, input: CellInput): number[] {
  if (input instanceof Float64Array) return Array.from(input);
  const cells = cellsOf(name, input);
  return cells.map((value, i) => numberOf(name, cells.length > 1 ? i + 1 : 0, value));
}

/**
 * A data range (one row or column, blank = 0, as numberVector) read straight into a Float64Array: one
 * pass over the grid Excel hands us, no intermediate lists. A Float64Array (what the workbench builds
 * from an all-number range) is used as it is.
 */
export function numberColumn(name: string, input: CellInput): Float64Array {
  if (input instanceof Float64Array) return input;
  if (Array.isArray(input) && input.length > 1 && Array.isArray(input[0])) {
    const rows = input as unknown[];
    const out = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      // Anything but a one-cell row (a 2-D range, a ragged list) takes the general path and its messages.
      if (!Array.isArray(row) || row.length !== 1) return Float64Array.from(numberVector(name, input));
      out[r] = numberOf(name, r + 1, row[0]);
    }
    return out;
  }
  return Float64Array.from(numberVector(name, input));
}

/** A vector that must have at least one value. */
export function requiredVector(name: string, input: CellInput): number[] {
  const values = numberVector(name, input);
  if (values.length === 0) throw new EngineError(`${name} has no values`);
  return values;
}

/**
 * Optimizer state from the previous row's spill. Omitted, all blank or all zero → [] (the initial state);
 * otherwise the numbers in order (a blank inside a non-empty state is 0, as desktop sends it).
 */
export function stateVector(input: CellInput, name = "state"): number[] {
  if (isBlank(input)) return [];
  const values = numberVector(name, input);
  return values.every((v) => v === 0) ? [] : values;
}

/** An optional numeric argument: omitted or blank → undefined, so the engine's default applies. */
export function optionalNumber(name: string, input: CellInput): number | undefined {
  const cells = cellsOf(name, input);
  if (cells.length === 0) return undefined;
  if (cells.length > 1) throw new EngineError(`${name} must be a single value, got ${cells.length} cells`);
  const value = cells[0];
  if (isBlank(value)) return undefined;
  return numberOf(name, 0, value);
}

/** A required numeric argument (a single value). */
export function requiredNumber(name: string, input: CellInput): number {
  const value = optionalNumber(name, input);
  if (value === undefined) throw new EngineError(`${name} is required`);
  return value;
}

/** An optional flag: TRUE/FALSE, or 1/0 (how a typed number or a blank arrives); omitted/blank → undefined. */
export function optionalBoolean(name: string, input: CellInput): boolean | undefined {
  const cells = cellsOf(name, input);
  if (cells.length > 1) throw new EngineError(`${name} must be a single value, got ${cells.length} cells`);
  const error = errorText(cells[0]);
  if (error !== undefined) throw new EngineError(`${name} is the error ${error}`);
  return optionalSwitch(name, cells[0]);
}

/** An optional text argument (a name such as "adam" or "step"): omitted/blank → undefined. */
export function optionalText(name: string, input: CellInput): string | undefined {
  const cells = cellsOf(name, input);
  if (cells.length > 1) throw new EngineError(`${name} must be a single value, got ${cells.length} cells`);
  const value = cells[0];
  if (isBlank(value)) return undefined;
  if (typeof value === "string") return value.trim();
  throw new EngineError(`${name} must be text, got ${describe(value)}`);
}

export function requiredText(name: string, input: CellInput): string {
  const value = optionalText(name, input);
  if (value === undefined || value === "") throw new EngineError(`${name} is required`);
  return value;
}

/**
 * Names: "a, b" in one cell, or one name per cell of a row/column. Blank cells are skipped (a names range
 * may be wider than the names in it); duplicates are rejected, names compare case-insensitively.
 */
export function nameList(name: string, input: CellInput): string[] {
  const names: string[] = [];
  for (const [i, value] of cellsOf(name, input).entries()) {
    if (isBlank(value)) continue;
    if (typeof value !== "string") {
      throw new EngineError(`${name}[${i + 1}] must be a name (text), got ${describe(value)}`);
    }
    for (const part of value.split(",")) {
      const trimmed = part.trim();
      if (trimmed !== "") names.push(trimmed);
    }
  }
  const seen = new Set<string>();
  for (const n of names) {
    const key = n.toLowerCase();
    if (seen.has(key)) throw new EngineError(`${name} lists "${n}" twice`);
    seen.add(key);
  }
  return names;
}

/** A table of numbers (data rows: X or Y), kept 2-D; blank = 0 as for vectors. */
export function numberTable(name: string, input: CellInput): number[][] {
  const grid = Array.isArray(input) ? (input as unknown[]) : [input];
  const rows = grid.map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]));
  if (rows.length === 0 || (rows[0]?.length ?? 0) === 0) throw new EngineError(`${name} has no values`);
  const width = rows[0]?.length ?? 0;
  return rows.map((row, r) => {
    requireRowWidth(name, r, row, width);
    return row.map((value, c) => numberOf(`${name} row ${r + 1}`, c + 1, value));
  });
}

/** Options "momentum=0.9, nesterov=true" → { momentum: 0.9, nesterov: true } (the engine's grammar). */
export function optionsText(name: string, input: CellInput): OptionsRecord {
  const text = optionalText(name, input);
  return text === undefined ? {} : parseOptions(name, text);
}

/** A hyper-parameter: a number or TRUE/FALSE as typed; omitted/blank → undefined (the engine's default). */
export function hyperValue(name: string, input: CellInput): number | boolean | undefined {
  const cells = cellsOf(name, input);
  if (cells.length > 1) throw new EngineError(`${name} must be a single value, got ${cells.length} cells`);
  const value = cells[0];
  if (isBlank(value)) return undefined;
  if (typeof value === "boolean") return value;
  return numberOf(name, 0, value);
}
