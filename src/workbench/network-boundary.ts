/**
 * A network a sheet trains row by row with GD.TRAIN_MLP, read back for its decision boundary (as TensorFlow
 * Playground draws it): the last row's parameters, the training inputs (two columns) and targets, and the
 * network's output over a grid spanning the inputs, computed by the engine's MLP predict (MLP_PREDICT's code).
 */
import type { HyperFormula } from "hyperformula";
import { parameterCount } from "../engine/mlp";
import { layerSizes, predictCells } from "../functions/mlp-cells";
import { formulaArguments } from "./formula-arguments";

export interface TrainedNetwork {
  layers: number[];
  activation?: string;
  output?: string;
  params: number[];
  /** The training inputs (two per row) and the first target of each row. */
  x1: number[];
  x2: number[];
  y: number[];
  /** The sheet row (0-based) of the last training step. */
  row: number;
}

type Evaluated = ReturnType<HyperFormula["calculateFormula"]>;

function table(value: Evaluated): unknown[][] {
  return Array.isArray(value) ? value : [[value]];
}

function text(value: Evaluated): string | undefined {
  const v = table(value)[0]?.[0];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * The last row-mode GD.TRAIN_MLP (a previous-row argument, no epochs) of a sheet whose network has two inputs
 * and one output; undefined when there is none or its cells are not numbers yet.
 */
export function findTrainedNetwork(hf: HyperFormula, sheet: number): TrainedNetwork | undefined {
  let last: { row: number; col: number; args: string[] } | undefined;
  hf.getSheetFormulas(sheet).forEach((cells, row) =>
    cells.forEach((formula, col) => {
      const args = typeof formula === "string" ? formulaArguments(formula, "GD.TRAIN_MLP") : undefined;
      if (!args || (args[3] ?? "") === "" || (args[6] ?? "") !== "") return;
      if (!last || row > last.row) last = { row, col, args };
    }),
  );
  if (!last) return undefined;
  const { row, col, args } = last;
  const evaluate = (k: number): Evaluated | undefined =>
    (args[k] ?? "") === "" ? undefined : hf.calculateFormula(`=${args[k] ?? ""}`, sheet);
  let layers: number[];
  try {
    layers = layerSizes(table(evaluate(0) ?? "") as never);
  } catch {
    return undefined;
  }
  if (layers[0] !== 2 || layers[layers.length - 1] !== 1) return undefined;
  const X = table(evaluate(1) ?? []);
  const Y = table(evaluate(2) ?? []);
  const params = Array.from({ length: parameterCount(layers) }, (_, k) =>
    hf.getCellValue({ sheet, row, col: col + k }),
  );
  if (!params.every((p): p is number => typeof p === "number")) return undefined;
  const network: TrainedNetwork = { layers, params, x1: [], x2: [], y: [], row };
  const activation = evaluate(9);
  const output = evaluate(10);
  if (activation !== undefined && text(activation)) network.activation = text(activation);
  if (output !== undefined && text(output)) network.output = text(output);
  X.forEach((cells, i) => {
    const [a, b] = cells;
    const t = Y[i]?.[0];
    if (typeof a === "number" && typeof b === "number" && typeof t === "number") {
      network.x1.push(a);
      network.x2.push(b);
      network.y.push(t);
    }
  });
  return network.y.length > 0 ? network : undefined;
}

/** The network's output on a size × size grid over [min, max]² of both inputs (row j = x2 index, column i = x1). */
export interface BoundaryGrid {
  x1: number[];
  x2: number[];
  /** values[j][i] = output at (x1[i], x2[j]). */
  values: number[][];
}

/** The inputs' range with a quarter of it to spare on each side (at least ±0.5), as Playground frames its data. */
export function boundaryExtent(values: readonly number[]): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const margin = Math.max(0.5, 0.25 * (high - low));
  return [low - margin, high + margin];
}

export function boundaryGrid(network: TrainedNetwork, size = 50): BoundaryGrid {
  const axis = ([low, high]: [number, number]) =>
    Array.from({ length: size }, (_, k) => low + ((high - low) * k) / (size - 1));
  const x1 = axis(boundaryExtent(network.x1));
  const x2 = axis(boundaryExtent(network.x2));
  const inputs = x2.flatMap((b) => x1.map((a) => [a, b]));
  const outputs = predictCells({
    layers: network.layers.join(","),
    params: [network.params],
    X: inputs,
    ...(network.activation ? { activation: network.activation } : {}),
    ...(network.output ? { output: network.output } : {}),
  });
  const values = x2.map((_, j) => x1.map((__, i) => outputs[j * size + i]?.[0] ?? NaN));
  return { x1, x2, values };
}
