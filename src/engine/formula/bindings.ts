/**
 * Turns user bindings (numbers and data columns, keys in any case) into the values a formula reads. One
 * resolver checks and normalises them (a column arrives as a Float64Array, read in place, or as a plain list,
 * copied once); the compiled kernels read its result directly and the tape wraps it in tensors.
 */
import { EngineError, requireAllFinite, requireFinite, requireSameLength } from "../errors";
import { Tensor, constant, scalar } from "../autograd";
import { FormulaError } from "./errors";
import { NameUse } from "./program";

/** A data column: a plain list, or a Float64Array (what the cell layer builds, read without a copy). */
export type Column = readonly number[] | Float64Array;

/** Values for a formula's names: a number, or a column of data (matched case-insensitively). */
export type Bindings = Readonly<Record<string, number | Column>>;

/** A name's value as the engine reads it: one number (also a one-value column), or a column of 2 or more. */
export type BoundValue = number | Float64Array;

export interface ResolvedValues {
  /** Lower-cased name → value, for every `wrt` name and every name the formula reads. */
  readonly values: Map<string, BoundValue>;
  /** The `wrt` names, lower-cased, in the caller's order. */
  readonly wrt: readonly string[];
}

type Bound = { key: string; value: unknown };

/** Bindings keyed by lower-cased name; two keys that differ only in case are an error. */
function byLowerName(bindings: Bindings): Map<string, Bound> {
  const map = new Map<string, Bound>();
  for (const key of Object.keys(bindings)) {
    const lower = key.toLowerCase();
    const previous = map.get(lower);
    if (previous) {
      throw new EngineError(`bindings "${previous.key}" and "${key}" name the same variable`);
    }
    map.set(lower, { key, value: bindings[key] });
  }
  return map;
}

function isColumn(value: unknown): value is Column {
  return Array.isArray(value) || value instanceof Float64Array;
}

/** A one-value column counts as a scalar (a one-cell range), so it can be differentiated and broadcasts. */
function valueOf(bound: Bound): BoundValue {
  const { key, value } = bound;
  if (typeof value === "number") return requireFinite(key, value);
  if (!isColumn(value)) throw new EngineError(`${key} must be a number or a list of numbers`);
  if (value.length === 0) throw new EngineError(`${key} has no values`);
  requireAllFinite(key, value);
  if (value.length === 1) return value[0] as number;
  return value instanceof Float64Array ? value : Float64Array.from(value);
}

/**
 * The value of every name the formula uses, with each `wrt` name bound to one number. Unknown names are
 * reported where they first appear; data columns must all have the same length.
 */
export function resolveValues(
  uses: readonly NameUse[],
  bindings: Bindings,
  wrt: readonly string[],
): ResolvedValues {
  const bound = byLowerName(bindings);
  const values = new Map<string, BoundValue>();
  const lowerWrt = wrt.map((name) => {
    const lower = name.toLowerCase();
    if (values.has(lower)) return lower;
    const entry = bound.get(lower);
    if (entry === undefined) throw new EngineError(`wrt name "${name}" is not bound`);
    if (isColumn(entry.value) && entry.value.length > 1) {
      throw new EngineError(
        `wrt name "${name}" is bound to ${entry.value.length} values; only a scalar can be differentiated`,
      );
    }
    values.set(lower, valueOf(entry));
    return lower;
  });
  let firstColumn: { key: string; value: Float64Array } | null = null;
  for (const use of uses) {
    if (values.has(use.name)) continue;
    const entry = bound.get(use.name);
    if (entry === undefined) throw new FormulaError(`Unknown name "${use.text}"`, use.position);
    const value = valueOf(entry);
    if (typeof value !== "number") {
      if (firstColumn === null) firstColumn = { key: entry.key, value };
      else requireSameLength(entry.key, value, firstColumn.key, firstColumn.value);
    }
    values.set(use.name, value);
  }
  return { values, wrt: lowerWrt };
}

/** The tape's view of resolved values: `wrt` names as scalar leaves that require gradients. */
export function resolveBindings(
  uses: readonly NameUse[],
  bindings: Bindings,
  wrt: readonly string[],
): { tensors: Map<string, Tensor>; leaves: Tensor[] } {
  const resolved = resolveValues(uses, bindings, wrt);
  const differentiated = new Set(resolved.wrt);
  const tensors = new Map<string, Tensor>();
  for (const [name, value] of resolved.values) {
    tensors.set(
      name,
      typeof value === "number" ? scalar(value, differentiated.has(name)) : constant(value, [value.length]),
    );
  }
  return { tensors, leaves: resolved.wrt.map((name) => tensors.get(name) as Tensor) };
}
