/** The work check a formula cell makes before computing (src/engine/work-budget.ts explains the units). */
import { type CompiledFormula, tokenize } from "../engine/formula";
import { type FormulaTool, requireFormulaWork } from "../engine/work-budget";
import type { FormulaPoint } from "./formula-cells";

export function checkFormulaWork(
  tool: FormulaTool,
  formulas: readonly CompiledFormula[],
  point: FormulaPoint,
): void {
  const read = new Set(formulas.flatMap((f) => f.names));
  let longestData = 1;
  for (const value of Object.values(point.bindings)) {
    if (typeof value !== "number") longestData = Math.max(longestData, value.length);
  }
  requireFormulaWork({
    tool,
    tokens: formulas.map((f) => tokenize(f.source).length),
    names: point.names.length,
    readNames: point.names.filter((name) => read.has(name.toLowerCase())).length,
    longestData,
  });
}
