/**
 * Formula strings in cells → the engine's formula language: GRAD, JACOBIAN, HESSIAN, LOSS and GRADCHECK
 * all bind `names` to `values` (the point) and `data names` to data ranges (vectors, e.g. the x and y
 * columns of a batch), then ask the engine. Compiled formulas are cached by source text because a sheet
 * repeats the same formula on every row.
 */
import { EngineError, requireSameLength } from "../engine/errors";
import { compileFormula, type Bindings, type Column, type CompiledFormula } from "../engine/formula";
import { nameList, numberColumn, requiredText, requiredVector, type CellInput } from "./coercion";

const CACHE_LIMIT = 256;
const compiledCache = new Map<string, CompiledFormula>();

/** The compiled formula for `source`, from the cache when the sheet has used it before. */
export function compiledFormula(source: string): CompiledFormula {
  const hit = compiledCache.get(source);
  if (hit) return hit;
  const formula = compileFormula(source);
  if (compiledCache.size >= CACHE_LIMIT) compiledCache.clear();
  compiledCache.set(source, formula);
  return formula;
}

export interface FormulaPoint {
  /** Variables to differentiate by, in the user's order. */
  names: string[];
  values: number[];
  bindings: Bindings;
}

/**
 * The point and data a formula is evaluated at. `data` holds one range per data name; a single cell binds
 * a number, a row or column binds a vector.
 */
export function formulaPoint(
  namesInput: CellInput,
  valuesInput: CellInput,
  dataNamesInput: CellInput,
  data: readonly CellInput[],
): FormulaPoint {
  const names = nameList("names", namesInput);
  const values = requiredVector("values", valuesInput);
  requireSameLength("values", values, "names", names);
  const dataNames = nameList("data names", dataNamesInput);
  // An omitted repeating argument may still arrive as one blank entry: drop blank ranges past the names.
  let end = data.length;
  while (end > dataNames.length && isBlankRange(data[end - 1])) end--;
  const ranges = data.slice(0, end);
  if (dataNames.length !== ranges.length) {
    throw new EngineError(
      `data names lists ${dataNames.length} names but ${ranges.length} data ranges follow`,
    );
  }
  const bindings: Record<string, number | Column> = {};
  names.forEach((name, i) => (bindings[name] = values[i] as number));
  dataNames.forEach((name, i) => {
    if (names.some((n) => n.toLowerCase() === name.toLowerCase())) {
      throw new EngineError(`"${name}" is both a variable and a data name`);
    }
    const column = numberColumn(name, ranges[i]);
    bindings[name] = column.length === 1 ? (column[0] as number) : column;
  });
  return { names, values, bindings };
}

function isBlankRange(input: CellInput): boolean {
  const cells = Array.isArray(input) ? (input as unknown[]).flat(2) : [input];
  return cells.every((v) => v === null || v === undefined || v === "");
}

/** The formula text argument. */
export function formulaText(input: CellInput): string {
  return requiredText("formula", input);
}
