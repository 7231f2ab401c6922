/** Every GD.* cell function's descriptor, in the order the add-in lists them. */
import type { CellArgs, CellFunction } from "./cell-function";
import { atExcelEdge, toCellError } from "./excel-errors";
import { requireFiniteResult } from "./finite-results";
import { FORMULA_CELL_FUNCTIONS } from "./formula-functions";
import { NETWORK_CELL_FUNCTIONS } from "./network-functions";
import { SCHEDULE_CELL_FUNCTIONS } from "./schedule-functions";
import { SECOND_ORDER_AND_PLATEAU_FUNCTIONS } from "./second-order-and-plateau-functions";
import { STEP_CELL_FUNCTIONS } from "./step-functions";

export const CELL_FUNCTIONS: readonly CellFunction[] = [
  ...STEP_CELL_FUNCTIONS,
  ...FORMULA_CELL_FUNCTIONS,
  ...SCHEDULE_CELL_FUNCTIONS,
  ...SECOND_ORDER_AND_PLATEAU_FUNCTIONS,
  ...NETWORK_CELL_FUNCTIONS,
];

const BY_NAME = new Map(CELL_FUNCTIONS.map((fn) => [fn.name, fn]));

export function cellFunction(name: string): CellFunction {
  const fn = BY_NAME.get(name);
  if (fn === undefined) throw new Error(`no cell function ${name}`);
  return fn;
}

/**
 * A shell's body: the descriptor's engine call, bad input becoming #VALUE! with the engine's message, a
 * result out of domain #NUM! (never a non-finite number in a cell). An asynchronous result is checked when it
 * settles.
 */
export function runCell(name: string, args: CellArgs, invocation?: unknown): unknown {
  const fn = cellFunction(name);
  return atExcelEdge(() => {
    const result = fn.run(args, invocation);
    if (result instanceof Promise) {
      return result.then((settled: unknown) => {
        try {
          requireFiniteResult(name, settled);
        } catch (error) {
          throw toCellError(error);
        }
        return settled;
      });
    }
    requireFiniteResult(name, result);
    return result;
  });
}
