/**
 * The float64 path for small networks in spreadsheet cells: the cost and gradient of a whole data set (X
 * rows of inputs, Y rows of targets) at given parameters, and predictions. The same kernels as training,
 * run in Float64Array with the whole data set as one batch, so cells and the worker share one gradient.
 */
import { requireAllFinite, requireSameLength } from "../errors";
import { examplesFromRows } from "./examples";
import { batchCostAndGradient, createWorkspace, forwardBatch } from "./kernels";
import { parameterLayout, validateMlpSpec, type MlpSpec } from "./spec";
import { EngineError } from "../errors";

export interface LossAndGradient {
  /** Mean cost over the rows. */
  loss: number;
  /** ∂loss/∂params in the parameter layout. */
  gradient: number[];
}

type Rows = readonly (readonly number[])[];

function checkedParams(spec: MlpSpec, params: Float64Array | readonly number[]): Float64Array {
  validateMlpSpec(spec);
  const layout = parameterLayout(spec.layers);
  requireSameLength("params", params, `layers ${spec.layers.join(",")}`, { length: layout.size });
  requireAllFinite("params", params);
  return params instanceof Float64Array ? params : Float64Array.from(params);
}

function checkColumns(spec: MlpSpec, X: Rows): void {
  const inputs = spec.layers[0] as number;
  const columns = X[0]?.length ?? 0;
  if (columns !== inputs) throw new EngineError(`X has ${columns} columns but layers[0] is ${inputs}`);
}

export function lossAndGradient(
  spec: MlpSpec,
  params: Float64Array | readonly number[],
  X: Rows,
  Y: Rows,
): LossAndGradient {
  const values = checkedParams(spec, params);
  const examples = examplesFromRows(X, Y, Float64Array);
  checkColumns(spec, X);
  const outputs = spec.layers[spec.layers.length - 1] as number;
  const width = Y[0]?.length ?? 0;
  if (width !== outputs) throw new EngineError(`Y has ${width} columns but the output layer has ${outputs}`);
  const ws = createWorkspace(spec, X.length, Float64Array);
  const gradient = new Float64Array(values.length);
  const loss = batchCostAndGradient(ws, values, gradient, examples, ws.identity, 0, X.length);
  return { loss, gradient: Array.from(gradient) };
}

/** Output activations, one row per row of X. */
export function predict(spec: MlpSpec, params: Float64Array | readonly number[], X: Rows): number[][] {
  const values = checkedParams(spec, params);
  const outputs = spec.layers[spec.layers.length - 1] as number;
  const examples = examplesFromRows(
    X,
    X.map(() => new Array<number>(outputs).fill(0)),
    Float64Array,
  );
  checkColumns(spec, X);
  const ws = createWorkspace(spec, X.length, Float64Array);
  forwardBatch(ws, values, examples.inputs, ws.identity, 0, X.length);
  const a = ws.activations[ws.activations.length - 1] as Float64Array;
  return X.map((_, s) => Array.from(a.subarray(s * outputs, (s + 1) * outputs)));
}
