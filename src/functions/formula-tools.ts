/**
 * GRAD, JACOBIAN, HESSIAN, LOSS and GRADCHECK over formula strings: the cell-facing results of the
 * engine's formula language and gradient check, shaped for spilling.
 */
import { EngineError, requireSameLength } from "../engine/errors";
import { evaluateFormula, formulaGradient, formulaHessian, formulaJacobian } from "../engine/formula";
import { formulaObjective, gradCheck, type GradCheckResult } from "../engine/gradcheck";
import { describeCell, numberVector, optionalNumber, type CellInput } from "./coercion";
import { checkFormulaWork } from "./formula-budget";
import { compiledFormula, formulaPoint, formulaText, type FormulaPoint } from "./formula-cells";
import { gradCheckCells } from "./gradcheck-cells";
import { spillMatrix, spillRow } from "./spill-layout";

export interface FormulaArgs {
  formula: CellInput;
  names: CellInput;
  values: CellInput;
  dataNames?: CellInput;
  data?: readonly CellInput[];
}

function pointOf(args: FormulaArgs): FormulaPoint {
  return formulaPoint(args.names, args.values, args.dataNames, args.data ?? []);
}

function scalarValue(name: string, value: number | number[]): number {
  if (typeof value === "number") return value;
  if (value.length === 1) return value[0] as number;
  throw new EngineError(`${name} gives ${value.length} values; wrap it in SUM or AVERAGE to get one number`);
}

/** LOSS: the formula's value at the point. */
export function lossCell(args: FormulaArgs): number {
  const point = pointOf(args);
  return scalarValue(
    "the formula",
    evaluateFormula(compiledFormula(formulaText(args.formula)), point.bindings),
  );
}

/** GRAD: one row, ∂f/∂name for each name in order. */
export function gradientRow(args: FormulaArgs): number[][] {
  const point = pointOf(args);
  const formula = compiledFormula(formulaText(args.formula));
  checkFormulaWork("GRAD", [formula], point);
  const { gradient } = formulaGradient(formula, point.bindings, point.names);
  return spillRow(gradient);
}

/** HESSIAN: n×n second derivatives. */
export function hessianMatrix(args: FormulaArgs): number[][] {
  const point = pointOf(args);
  const formula = compiledFormula(formulaText(args.formula));
  checkFormulaWork("HESSIAN", [formula], point);
  const { hessian } = formulaHessian(formula, point.bindings, point.names);
  return spillMatrix(hessian);
}

/** The formulas of JACOBIAN: a range of formula cells, or several formulas in one cell separated by ";". */
export function formulaList(input: CellInput): string[] {
  const cells = Array.isArray(input) ? (input as unknown[]).flat() : [input];
  const formulas: string[] = [];
  cells.forEach((cell, i) => {
    if (cell === null || cell === undefined || cell === "") return;
    if (typeof cell !== "string")
      throw new EngineError(`formulas[${i + 1}] must be a formula (text), got ${describeCell(cell)}`);
    for (const part of cell.split(";")) if (part.trim() !== "") formulas.push(part.trim());
  });
  if (formulas.length === 0) throw new EngineError("formulas has no formulas");
  return formulas;
}

/** JACOBIAN: m×n, row i = gradient of formula i. */
export function jacobianMatrix(args: FormulaArgs): number[][] {
  const point = pointOf(args);
  const formulas = formulaList(args.formula).map(compiledFormula);
  checkFormulaWork("JACOBIAN", formulas, point);
  const { jacobian } = formulaJacobian(formulas, point.bindings, point.names);
  return spillMatrix(jacobian);
}

export interface GradCheckArgs extends FormulaArgs {
  grads: CellInput;
  tolerance?: CellInput;
}

/** The GRADCHECK row: verdict, the largest relative error, then each entry's relative error. */
export function gradCheckRow(args: GradCheckArgs): (number | boolean | string)[][] {
  const point = pointOf(args);
  return gradCheckCells(gradCheckResult(args, point), point.names);
}

function gradCheckResult(args: GradCheckArgs, point: FormulaPoint): GradCheckResult {
  const analytic = numberVector("grads", args.grads);
  requireSameLength("grads", analytic, "names", point.values);
  const formula = compiledFormula(formulaText(args.formula));
  checkFormulaWork("GRADCHECK", [formula], point);
  // A formula out of its domain at the point (LN of a negative number, LOG base 0) has no gradient to check.
  evaluateFormula(formula, point.bindings);
  const valueOf = (value: number | number[]): number => scalarValue("the formula", value);
  const { f, reads } = formulaObjective(formula, point.bindings, point.names, valueOf);
  const tolerance = optionalNumber("tolerance", args.tolerance);
  return gradCheck(f, point.values, analytic, { reads, ...(tolerance === undefined ? {} : { tolerance }) });
}
