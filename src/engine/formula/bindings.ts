/** Turns user bindings (numbers and data columns, keys in any case) into the tensors a formula reads. */
import { EngineError, requireAllFinite, requireFinite, requireSameLength } from "../errors";
import { Tensor, constant, scalar } from "../autograd";
import { FormulaError } from "./errors";
import { NameUse } from "./program";

/** Values for a formula's names: a number, or a column of data (matched case-insensitively). */
export type Bindings = Readonly<Record<string, number | readonly number[]>>;

type Bound = { key: string; value: number | readonly number[] };

/** Bindings keyed by lower-cased name; two keys that differ only in case are an error. */
function byLowerName(bindings: Bindings): Map<string, Bound> {
  const map = new Map<string, Bound>();
  for (const key of Object.keys(bindings)) {
    const lower = key.toLowerCase();
    const previous = map.get(lower);
    if (previous) {
      throw new EngineError(`bindings "${previous.key}" and "${key}" name the same variable`);
    }
    map.set(lower, { key, value: bindings[key] as number | readonly number[] });
  }
  return map;
}

/** A one-value column counts as a scalar (a one-cell range), so it can be differentiated and broadcasts. */
function toTensor(bound: Bound, requiresGrad: boolean): Tensor {
  const { key, value } = bound;
  if (typeof value === "number") return scalar(requireFinite(key, value), requiresGrad);
  if (!Array.isArray(value)) throw new EngineError(`${key} must be a number or a list of numbers`);
  if (value.length === 0) throw new EngineError(`${key} has no values`);
  requireAllFinite(key, value);
  if (value.length === 1) return scalar(value[0] as number, requiresGrad);
  return constant(Float64Array.from(value), [value.length]);
}

/**
 * The tensor for every name the formula uses, with `wrt` names as scalar leaves that require gradients.
 * Unknown names are reported where they first appear; data columns must all have the same length.
 */
export function resolveBindings(
  uses: readonly NameUse[],
  bindings: Bindings,
  wrt: readonly string[],
): { tensors: Map<string, Tensor>; leaves: Tensor[] } {
  const bound = byLowerName(bindings);
  const tensors = new Map<string, Tensor>();
  const leaves = wrt.map((name) => {
    const lower = name.toLowerCase();
    const existing = tensors.get(lower);
    if (existing) return existing;
    const entry = bound.get(lower);
    if (entry === undefined) throw new EngineError(`wrt name "${name}" is not bound`);
    if (Array.isArray(entry.value) && entry.value.length > 1) {
      throw new EngineError(
        `wrt name "${name}" is bound to ${entry.value.length} values; only a scalar can be differentiated`,
      );
    }
    const leaf = toTensor(entry, true);
    tensors.set(lower, leaf);
    return leaf;
  });
  let firstColumn: { key: string; value: readonly number[] } | null = null;
  for (const use of uses) {
    if (tensors.has(use.name)) continue;
    const entry = bound.get(use.name);
    if (entry === undefined) throw new FormulaError(`Unknown name "${use.text}"`, use.position);
    const t = toTensor(entry, false);
    if (t.shape.length > 0) {
      const column = entry.value as readonly number[];
      if (firstColumn === null) firstColumn = { key: entry.key, value: column };
      else requireSameLength(entry.key, column, firstColumn.key, firstColumn.value);
    }
    tensors.set(use.name, t);
  }
  return { tensors, leaves };
}
