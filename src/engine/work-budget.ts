/**
 * Work without bound is refused before it starts. Two checks, both made before anything is computed:
 * - the result must fit on a sheet (Excel's grid: 1,048,576 rows × 16,384 columns), since a spill that can
 *   never be shown is work for nothing, and hold at most 2^20 = 1,048,576 cells (8 MiB of numbers);
 * - the work must fit a budget counted in units: one unit is one formula token evaluated once on one value.
 *   A formula's size is tokens × its longest data column + the names it is differentiated by. A plain
 *   evaluation costs its size; an autograd pass (forward and backward) costs AUTOGRAD_PASS_UNITS times
 *   that (measured: JACOBIAN's autograd passes cost ~40× a plain evaluation per unit). GRAD makes one autograd
 *   pass, JACOBIAN one per formula, HESSIAN one plus one backward pass per name, GRADCHECK one evaluation
 *   plus up to 6 per name the formula reads (f(x ± h), and f(x ± h/2), f(x ± h/4) when testing for a kink).
 * README's Reliability section lists the measured time at the budget.
 */
import { EngineError } from "./errors";

export const SHEET_LIMITS = Object.freeze({ rows: 1_048_576, columns: 16_384 });

export const WORK_BUDGET = Object.freeze({ units: 20_000_000, resultCells: 1_048_576 });

/** An autograd pass (forward and backward) in units of one plain evaluation. */
export const AUTOGRAD_PASS_UNITS = 40;

/** `what` is refused when a rows × columns result cannot spill or holds more cells than the limit. */
export function requireSpillable(what: string, rows: number, columns: number): void {
  if (columns > SHEET_LIMITS.columns || rows > SHEET_LIMITS.rows) {
    throw new EngineError(
      `${what} would be ${rows} ${rows === 1 ? "row" : "rows"} × ${columns} columns; a sheet holds at most ${SHEET_LIMITS.rows} rows and ${SHEET_LIMITS.columns} columns`,
    );
  }
  if (rows * columns > WORK_BUDGET.resultCells) {
    throw new EngineError(
      `${what} would be ${rows} × ${columns} = ${rows * columns} cells, more than the limit of ${WORK_BUDGET.resultCells}`,
    );
  }
}

/** `what` is refused when it would take more than the work budget. */
export function requireWorkBudget(
  what: string,
  units: number,
  budget: number = WORK_BUDGET.units,
  advice = "use fewer names, fewer formulas, shorter data or a shorter formula",
): void {
  if (!(units <= budget)) {
    throw new EngineError(
      `${what} would take about ${formatUnits(units)} units of work, more than the budget of ${formatUnits(budget)}: ${advice}`,
    );
  }
}

/**
 * A cell's training run (TRAIN_MLP, TRAIN_MLP_LIVE) in units of one parameter visited for one example
 * (a multiply-add forward and its two backward), plus a fixed cost per epoch (the batch loop, the optimizer
 * step, the loss): epochs × (examples × parameters + parameters + EPOCH_OVERHEAD_UNITS).
 */
export const EPOCH_OVERHEAD_UNITS = 200;
export const TRAINING_WORK_BUDGET = 200_000_000;

export function trainingWorkUnits(epochs: number, examples: number, parameters: number): number {
  return epochs * (Math.max(1, examples) * parameters + parameters + EPOCH_OVERHEAD_UNITS);
}

function formatUnits(units: number): string {
  return Number.isFinite(units) ? units.toExponential(1) : String(units);
}

export type FormulaTool = "GRAD" | "HESSIAN" | "JACOBIAN" | "GRADCHECK";

export interface FormulaWork {
  tool: FormulaTool;
  /** Each formula's token count (JACOBIAN has several formulas). */
  tokens: readonly number[];
  /** How many names it differentiates by (the result's width). */
  names: number;
  /** How many of those names the formulas read (GRADCHECK evaluates only for these). */
  readNames: number;
  /** The longest data column bound (1 when there is none). */
  longestData: number;
}

/** The result's rows × columns for a formula tool. */
export function formulaResultShape(work: FormulaWork): [rows: number, columns: number] {
  switch (work.tool) {
    case "HESSIAN":
      return [work.names, work.names];
    case "JACOBIAN":
      return [work.tokens.length, work.names];
    case "GRADCHECK":
      return [1, work.names + 2];
    case "GRAD":
      return [1, work.names];
  }
}

/** The work units of a formula tool (see the top of this file). */
export function formulaWorkUnits(work: FormulaWork): number {
  const { tool, names } = work;
  const longest = Math.max(1, work.longestData);
  let units = 0;
  for (const tokens of work.tokens) {
    const size = tokens * longest + names;
    const evaluations =
      tool === "HESSIAN"
        ? AUTOGRAD_PASS_UNITS + names
        : tool === "GRADCHECK"
          ? 1 + 6 * work.readNames
          : AUTOGRAD_PASS_UNITS;
    units += evaluations * size;
  }
  return units;
}

/** Refuses a formula tool whose result cannot spill or whose work exceeds the budget. */
export function requireFormulaWork(work: FormulaWork): void {
  const [rows, columns] = formulaResultShape(work);
  requireSpillable(work.tool, rows, columns);
  requireWorkBudget(work.tool, formulaWorkUnits(work));
}
