/** The formula functions' descriptors: GRAD, LOSS, JACOBIAN, HESSIAN, GRADCHECK. */
import { optional, param, row, type CellArgs, type CellFunction, type CellParam } from "./cell-function";
import {
  formulaList,
  gradCheckRow,
  gradientRow,
  hessianMatrix,
  jacobianMatrix,
  lossCell,
  type FormulaArgs,
} from "./formula-tools";

const NAMES = (description: string) => param("names", "any", description, { shape: "range" });
const VALUES = param("values", "number", "Their values, in the same order.", { shape: "range" });
const DATA_NAMES = (description = "Names of the data ranges that follow.") =>
  optional("data_names", "any", description, { shape: "range" });
const DATA = optional("data", "number", "One range (or value) per data name.", { shape: "repeating-range" });

/** The arguments every formula function reads, by the engine's names. */
function formulaArgs(a: CellArgs, formula: unknown): FormulaArgs {
  const data = (a["data"] as readonly unknown[] | null | undefined) ?? [];
  return { formula, names: a["names"], values: a["values"], dataNames: a["data_names"], data };
}

function formulaFunction(
  name: string,
  description: string,
  params: readonly CellParam[],
  rest: Pick<CellFunction, "resultType" | "returns" | "run" | "shape">,
): CellFunction {
  return { name, description, params, ...rest };
}

export const GRAD = formulaFunction(
  "GRAD",
  "The gradient of a formula string with respect to the named variables.",
  [
    param("formula", "string", 'A formula in the engine\'s language, e.g. "AVERAGE((a*x+b-y)^2)".'),
    NAMES('Variables to differentiate by: "a,b" or a range of names.'),
    VALUES,
    DATA_NAMES('Names of the data ranges that follow, e.g. "x,y".'),
    DATA,
  ],
  {
    resultType: "number[][]",
    returns: "One row: ∂f/∂name for each name.",
    run: (a) => gradientRow(formulaArgs(a, a["formula"])),
    shape: (a) => row(a.cells("values")),
  },
);

export const LOSS = formulaFunction(
  "LOSS",
  "The value of a formula string at the given point and data (e.g. the loss on a batch).",
  [
    param("formula", "string", 'A formula in the engine\'s language, e.g. "AVERAGE((a*x+b-y)^2)".'),
    NAMES('Variable names: "a,b" or a range of names.'),
    VALUES,
    DATA_NAMES(),
    DATA,
  ],
  {
    resultType: "number",
    returns: "The formula's value.",
    run: (a) => lossCell(formulaArgs(a, a["formula"])),
  },
);

export const JACOBIAN = formulaFunction(
  "JACOBIAN",
  "The Jacobian of several formulas: row i is the gradient of formula i.",
  [
    param("formulas", "any", 'A range of formula cells, or formulas in one cell separated by ";".', {
      shape: "range",
      layout: true,
    }),
    NAMES('Variables: "a,b" or a range of names.'),
    VALUES,
    DATA_NAMES(),
    DATA,
  ],
  {
    resultType: "number[][]",
    returns: "A matrix: one row per formula, one column per variable.",
    run: (a) => jacobianMatrix(formulaArgs(a, a["formulas"])),
    // Typed formulas are counted as the function reads them; a range reserves a row per cell (blank cells
    // are skipped by the function, so their rows stay empty).
    shape: (a) => {
      const literal = a.literal("formulas");
      return {
        width: a.cells("values"),
        height: typeof literal === "string" ? formulaList(literal).length : a.cells("formulas"),
      };
    },
  },
);

export const HESSIAN = formulaFunction(
  "HESSIAN",
  "The Hessian (matrix of second derivatives) of a formula string.",
  [
    param("formula", "string", "A formula in the engine's language."),
    NAMES('Variables: "a,b" or a range of names.'),
    VALUES,
    DATA_NAMES(),
    DATA,
  ],
  {
    resultType: "number[][]",
    returns: "An n×n matrix.",
    run: (a) => hessianMatrix(formulaArgs(a, a["formula"])),
    shape: (a) => ({ width: a.cells("values"), height: a.cells("values") }),
  },
);

export const GRADCHECK = formulaFunction(
  "GRADCHECK",
  "Checks gradient cells (e.g. your hand-derived derivative columns) against centred finite differences of the formula.",
  [
    param("formula", "string", "The loss as a formula string."),
    NAMES('Variables: "a,b" or a range of names.'),
    VALUES,
    param("grads", "number", "The gradient to check, one value per name.", { shape: "range" }),
    optional(
      "tolerance",
      "number",
      "Largest relative error that passes (default: the engine's gradient-check tolerance).",
    ),
    DATA_NAMES(),
    DATA,
  ],
  {
    resultType: "any[][]",
    returns: "One row: TRUE/FALSE, the largest relative error, then each entry's relative error.",
    run: (a) =>
      gradCheckRow({ ...formulaArgs(a, a["formula"]), grads: a["grads"], tolerance: a["tolerance"] }),
    shape: (a) => row(a.cells("values") + 2),
  },
);

export const FORMULA_CELL_FUNCTIONS: readonly CellFunction[] = [GRAD, LOSS, JACOBIAN, HESSIAN, GRADCHECK];
