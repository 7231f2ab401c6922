/** The network functions' descriptors: TRAIN_MLP, TRAIN_MLP_LIVE, TRAIN_HEADERS, MLP_PREDICT. */
/* global CustomFunctions */
import { parameterCount } from "../engine/mlp";
import { optional, param, row, type CellArgs, type CellFunction, type ShapeArgs } from "./cell-function";
import { atExcelEdge, toCellError } from "./excel-errors";
import {
  layerSizes,
  isOneExampleGrid,
  predictCells,
  trainMlpRow,
  trainMlpRunAsync,
  trainMlpRunSync,
  trainRowHeaders,
  trainRowWidth,
  runEpochs,
  type TrainRunArgs,
} from "./mlp-cells";
import { spillRow } from "./spill-layout";

const LAYERS = param("layers", "any", 'Layer sizes, inputs first, e.g. "2,4,1".', {
  shape: "range",
  layout: true,
});
const X = param("X", "number", "Inputs: one row per example.", { shape: "range" });
const Y = param("Y", "number", "Targets: one row per example.", { shape: "range" });
const OPTIMIZER = optional("optimizer", "string", 'Optimizer name (default "sgd").', { layout: true });
const LR = optional("lr", "number", "Learning rate (default 0.5).");
const SEED = optional("seed", "number", "Seed of the initial parameters (default 1).");
const ACTIVATION = optional("activation", "string", 'Hidden units: "sigmoid" (default), "tanh", "relu".');
const OUTPUT = optional("output", "string", 'Output units: "sigmoid" (default), "softmax", "linear".');
const LOSS = optional("loss", "string", '"quadratic" (default) or "cross-entropy".');
const OPTIONS = optional("options", "string", 'Optimizer hyper-parameters as text, e.g. "momentum=0.9".', {
  layout: true,
});
const SCHEDULE_OPTIONS = optional(
  "schedule_options",
  "string",
  'The schedule\'s parameters as text, e.g. "step_size=100, gamma=0.5".',
);

/** A TRAIN_MLP / TRAIN_MLP_LIVE call's arguments by the cell helpers' names. */
function trainArgs(a: CellArgs): TrainRunArgs {
  return {
    layers: a["layers"],
    X: a["X"],
    Y: a["Y"],
    previous: a["previous"],
    optimizer: a["optimizer"],
    lr: a["lr"],
    epochs: a["epochs"],
    batch: a["batch"],
    seed: a["seed"],
    activation: a["activation"],
    output: a["output"],
    loss: a["loss"],
    result: a["result"],
    options: a["options"],
    schedule: a["schedule"],
    scheduleOptions: a["schedule_options"],
  };
}

/** The literal arguments of a call, for size predictions that run the cells' own coercion. */
function literalArgs(a: ShapeArgs, names: readonly string[]): CellArgs {
  return Object.fromEntries(names.map((name) => [name, a.literal(name) ?? null]));
}

const TRAIN_PARAMS = [
  LAYERS,
  X,
  Y,
  optional(
    "previous",
    "any",
    "Row mode: the previous row's whole spill (blank on the first row: seeded initial params). Run mode: initial params (blank: seeded).",
    { shape: "range" },
  ),
  OPTIMIZER,
  LR,
  optional("epochs", "number", "Blank or 0: one iteration (row mode). 1 or more: a whole run.", {
    layout: true,
  }),
  optional("batch", "number", "Run mode: mini-batch size (default: all rows)."),
  SEED,
  ACTIVATION,
  OUTPUT,
  LOSS,
  optional("result", "string", 'Run mode: "loss" (default, one row per epoch) or "params".', {
    layout: true,
  }),
  OPTIONS,
  optional(
    "schedule",
    "string",
    "Learning-rate schedule name (default: constant); row mode uses the rate after the previous row's t steps.",
  ),
  SCHEDULE_OPTIONS,
];

export const TRAIN_MLP: CellFunction = {
  name: "TRAIN_MLP",
  description:
    "Trains a small network. Without epochs: ONE iteration per row (previous row's spill in → params, state, loss out). With epochs: a whole run in one cell, returning the loss per epoch (a column) or the trained params (a row).",
  params: TRAIN_PARAMS,
  resultType: "Promise<number[][]>",
  returns: "Row mode: params, optimizer state, loss. Run mode: losses (column) or params (row).",
  invocation: { kind: "cancelable", description: "Lets Excel cancel a long run." },
  async run(a, invocation) {
    let cancelled = false;
    const excel = invocation as CustomFunctions.CancelableInvocation | undefined;
    if (excel) excel.onCanceled = () => (cancelled = true);
    const args = trainArgs(a);
    const epochs = atExcelEdge(() => runEpochs(args.epochs));
    if (epochs === 0) return atExcelEdge(() => trainMlpRow(args));
    try {
      return await trainMlpRunAsync(args, { cancelled: () => cancelled });
    } catch (error) {
      throw toCellError(error);
    }
  },
  // HyperFormula evaluates synchronously: the same row or run without the cancel wrapper.
  runSync(a) {
    const args = trainArgs(a);
    return runEpochs(args.epochs) === 0 ? trainMlpRow(args) : trainMlpRunSync(args);
  },
  shape(a) {
    const args = trainArgs(
      literalArgs(
        a,
        TRAIN_PARAMS.map((p) => p.name),
      ),
    );
    // A reference to the epochs is row mode here; a literal is checked before any spill is reserved.
    const epochs = typeof args.epochs === "number" ? runEpochs(args.epochs) : 0;
    if (epochs === 0) return row(trainRowWidth(args));
    if (String(args.result ?? "loss").toLowerCase() === "params")
      return row(parameterCount(layerSizes(args.layers)));
    return { width: 1, height: epochs };
  },
};

export const TRAIN_MLP_LIVE: CellFunction = {
  name: "TRAIN_MLP_LIVE",
  description:
    "A whole training run that shows its progress: the loss column fills in epoch by epoch (blank until reached).",
  params: [
    LAYERS,
    X,
    Y,
    param("epochs", "number", "Number of epochs (rows of the result)."),
    OPTIMIZER,
    LR,
    optional("batch", "number", "Mini-batch size (default: all rows)."),
    SEED,
    ACTIVATION,
    OUTPUT,
    LOSS,
    OPTIONS,
    optional(
      "schedule",
      "string",
      "Learning-rate schedule name (default: constant), stepped once per batch.",
    ),
    SCHEDULE_OPTIONS,
  ],
  resultType: "void",
  invocation: {
    kind: "streaming",
    description: "Receives the losses so far; cancels the run when Excel cancels the cell.",
  },
  run(a, invocation) {
    if (!invocation) return; // Excel always passes it; without it there is nowhere to stream to
    const live = invocation as CustomFunctions.StreamingInvocation<unknown[][]>;
    let cancelled = false;
    live.onCanceled = () => (cancelled = true);
    const args = { ...trainArgs(a), previous: undefined, result: "loss" };
    trainMlpRunAsync(args, { cancelled: () => cancelled, onEpoch: (rows) => live.setResult(rows) }).then(
      (rows) => live.setResult(rows),
      (error: unknown) => live.setResult(toCellError(error) as CustomFunctions.Error),
    );
  },
};

export const TRAIN_HEADERS: CellFunction = {
  name: "TRAIN_HEADERS",
  description: "Column labels for TRAIN_MLP's row mode: p1..pn, the optimizer state, loss.",
  params: [LAYERS, OPTIMIZER, OPTIONS],
  resultType: "string[][]",
  returns: "One row of labels.",
  run: (a) =>
    spillRow(
      trainRowHeaders({
        layers: a["layers"],
        X: null,
        Y: null,
        optimizer: a["optimizer"],
        options: a["options"],
      }),
    ),
  shape: (a) =>
    row(
      trainRowWidth({
        layers: a.literal("layers"),
        X: null,
        Y: null,
        optimizer: a.literal("optimizer"),
        options: a.literal("options"),
      }),
    ),
};

export const MLP_PREDICT: CellFunction = {
  name: "MLP_PREDICT",
  description: "A trained network's outputs for each row of inputs.",
  params: [
    LAYERS,
    param(
      "params",
      "number",
      "The network's parameters: one row or column (a TRAIN_MLP row's first values, its run-mode params), or one row per unit (its weights, then its bias) as a run sheet holds them.",
      { shape: "range" },
    ),
    param(
      "X",
      "number",
      "Inputs: one row per example, or one example as a grid (a 28×28 block of pixels for 784 inputs).",
      { shape: "range" },
    ),
    ACTIVATION,
    OUTPUT,
  ],
  resultType: "number[][]",
  returns: "One row of outputs per row of X (one row for a grid).",
  run: (a) =>
    predictCells({
      layers: a["layers"],
      params: a["params"],
      X: a["X"],
      activation: a["activation"],
      output: a["output"],
    }),
  shape: (a) => {
    const sizes = layerSizes(a.literal("layers"));
    const oneExample = isOneExampleGrid(sizes[0] ?? 0, a.rows("X"), a.cells("X"));
    return { width: sizes[sizes.length - 1] ?? 1, height: oneExample ? 1 : a.rows("X") };
  },
};

export const NETWORK_CELL_FUNCTIONS: readonly CellFunction[] = [
  TRAIN_MLP,
  TRAIN_MLP_LIVE,
  TRAIN_HEADERS,
  MLP_PREDICT,
];
