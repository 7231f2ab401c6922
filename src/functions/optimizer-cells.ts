/**
 * Optimizer steps in cells, through the engine's registry: previous row's spill in, next row out. One place
 * decides how the cells map onto the engine (state layout, labels, hyper-parameter names), so every step
 * function (GD_STEP, ADAM_STEP, ..., OPTIM_STEP), STEP_HEADERS and the HyperFormula size predictor agree.
 */
import { EngineError, requireSameLength } from "../engine/errors";
import { getOptimizer } from "../engine/optim";
import {
  hyperValue,
  numberVector,
  optionalBoolean,
  optionalNumber,
  optionalText,
  optionsText,
  requiredVector,
  stateVector,
  type CellInput,
} from "./coercion";
import { stepRow } from "./spill-layout";
import { STEP_FUNCTIONS, type StepFunctionName, type StepFunctionSpec, type StepSetup } from "./step-table";

/** Hyper-parameters by the engine's names; absent keys take the engine's defaults. */
export type HyperInput = Record<string, number | boolean | undefined>;

function definedOnly(hyper: HyperInput): Record<string, number | boolean> {
  const result: Record<string, number | boolean> = {};
  for (const [key, value] of Object.entries(hyper)) if (value !== undefined) result[key] = value;
  return result;
}

/** One optimizer step from cell values: `[[...newParams, ...stateCells]]`. */
export function optimizerStepCells(
  optimizer: string,
  paramsInput: CellInput,
  gradsInput: CellInput,
  stateInput: CellInput,
  hyperInput: HyperInput,
  lossInput?: CellInput,
): number[][] {
  const spec = getOptimizer(optimizer.trim().toLowerCase());
  const params = requiredVector("params", paramsInput);
  const grads = numberVector("grads", gradsInput);
  requireSameLength("grads", grads, "params", params);
  const hyper = spec.resolveHyper(definedOnly(hyperInput));
  const state = spec.stateFromCells(stateVector(stateInput), params.length, hyper);
  const loss = spec.needsLoss ? optionalNumber("loss", lossInput) : undefined;
  const result = spec.step(params, grads, state, hyper, loss);
  return stepRow(Array.from(result.params), spec.stateToCells(result.state));
}

/** Labels for a step's spill: the parameter names, then the optimizer's state labels. */
export function optimizerHeaders(
  optimizer: string,
  names: readonly string[],
  hyperInput: HyperInput,
): string[] {
  const spec = getOptimizer(optimizer.trim().toLowerCase());
  const hyper = spec.resolveHyper(definedOnly(hyperInput));
  // As a step refuses params with no values: a header row for no parameters would be t alone.
  if (names.length === 0) throw new EngineError("names has no names");
  return [...names, ...spec.stateLabels(names, hyper)];
}

/** How many cells a step's row spills for n parameters (used where the size must be known in advance). */
export function optimizerRowWidth(optimizer: string, n: number, hyperInput: HyperInput): number {
  const spec = getOptimizer(optimizer.trim().toLowerCase());
  return n + spec.stateWidth(n, definedOnly(hyperInput));
}

/** The optimizer and hyper-parameters a step function's optional arguments select. */
export function stepFunctionSetup(fn: StepFunctionName, optionalArgs: readonly CellInput[]): StepSetup {
  const table: StepFunctionSpec = STEP_FUNCTIONS[fn];
  if (optionalArgs.length > table.args.length) {
    throw new EngineError(`${fn} takes at most ${table.args.length + 3} arguments`);
  }
  const args: Record<string, number | boolean | string | undefined> = {};
  optionalArgs.forEach((input, i) => {
    const key = table.args[i] as string;
    if ((table.switches as readonly string[]).includes(key)) args[key] = optionalBoolean(key, input);
    else args[key] = typeof input === "string" ? optionalText(key, input) : hyperValue(key, input);
  });
  return table.setup(args);
}

/** A step function's whole body: the row after one step. */
export function stepFunctionCells(
  fn: StepFunctionName,
  params: CellInput,
  grads: CellInput,
  state: CellInput,
  optionalArgs: readonly CellInput[],
): number[][] {
  const { optimizer, hyper } = stepFunctionSetup(fn, optionalArgs);
  return optimizerStepCells(optimizer, params, grads, state, hyper);
}

/** OPTIM_STEP / STEP_HEADERS options text → hyper-parameters by engine name. */
export function hyperFromOptions(lr: CellInput, options: CellInput): HyperInput {
  const hyper: HyperInput = { ...optionsText("options", options) };
  const rate = hyperValue("lr", lr);
  if (rate !== undefined) hyper["lr"] = rate;
  return hyper;
}
