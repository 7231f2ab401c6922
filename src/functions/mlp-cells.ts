/**
 * TRAIN_MLP and MLP_PREDICT from cell values. Row mode: one optimizer step of a small network on the given
 * rows (full batch, or the window of rows the sheet passes), float64, with the previous row's spill
 * (params, optimizer state, loss) in and the next row out. Run mode: the engine's one training loop
 * (trainSync / train) over many epochs, returning the loss per epoch or the trained parameters.
 */
import { DomainError, EngineError, formatValue, requireInteger } from "../engine/errors";
import {
  requireWorkBudget,
  SHEET_LIMITS,
  TRAINING_WORK_BUDGET,
  trainingWorkUnits,
} from "../engine/work-budget";
import { getOptimizer } from "../engine/optim";
import {
  examplesFromRows,
  initParameters,
  lossAndGradient,
  parameterCount,
  paramsFromUnitRows,
  predict,
  validateMlpSpec,
  type MlpSpec,
} from "../engine/mlp";
import { ACTIVATIONS, LOSSES, OUTPUT_ACTIVATIONS, parseChoice, parseLayers } from "../engine/options";
import { createRng } from "../engine/random";
import { learningRate } from "../engine/schedules";
import type { TrainConfig, TrainData } from "../engine/train";
import { trainSync } from "../engine/train";
import { cellTrainer } from "./cell-trainer";
import {
  numberTable,
  numberVector,
  optionalNumber,
  optionalText,
  optionsText,
  stateVector,
  type CellInput,
} from "./coercion";
import { spillColumn } from "./spill-layout";

export interface NetworkArgs {
  layers: CellInput;
  activation?: CellInput;
  output?: CellInput;
  loss?: CellInput;
}

/** "2,4,1" (or a row of cells 2 | 4 | 1) → [2, 4, 1]. */
export function layerSizes(cellInput: CellInput): number[] {
  // A typed "2,4,1" arrives as [["2,4,1"]] through a range-typed argument.
  const single =
    Array.isArray(cellInput) &&
    cellInput.length === 1 &&
    Array.isArray(cellInput[0]) &&
    cellInput[0].length === 1;
  const input: CellInput = single ? (cellInput[0] as unknown[])[0] : cellInput;
  if (typeof input === "string") return parseLayers("layers", input);
  return numberVector("layers", input);
}

/** A choice argument: omitted or blank → the default. */
function choiceOf<T extends string>(name: string, input: CellInput, choices: readonly T[], fallback: T): T {
  const text = optionalText(name, input);
  return text === undefined ? fallback : parseChoice(name, text, choices);
}

/** The network from its cell arguments; defaults: sigmoid hidden and output units, quadratic loss. */
export function networkSpec(args: NetworkArgs): MlpSpec {
  return validateMlpSpec({
    layers: layerSizes(args.layers),
    activation: choiceOf("activation", args.activation, ACTIVATIONS, "sigmoid"),
    output: choiceOf("output", args.output, OUTPUT_ACTIVATIONS, "sigmoid"),
    loss: choiceOf("loss", args.loss, LOSSES, "quadratic"),
  });
}

export interface TrainRowArgs extends NetworkArgs {
  X: CellInput;
  Y: CellInput;
  previous?: CellInput;
  optimizer?: CellInput;
  lr?: CellInput;
  seed?: CellInput;
  options?: CellInput;
  /** Learning-rate schedule by the engine's name, applied at step t (the row's previous step count). */
  schedule?: CellInput;
  /** The schedule's parameters as text, e.g. "step_size=100, gamma=0.5". */
  scheduleOptions?: CellInput;
}

/** Row mode's defaults: plain SGD, η = 0.5, seed 1, init "normal" (network.py). */
export const TRAIN_ROW_DEFAULTS = { optimizer: "sgd", lr: 0.5, seed: 1, init: "normal" } as const;

function optimizerOf(args: { optimizer?: CellInput; lr?: CellInput; options?: CellInput }) {
  const spec = getOptimizer(
    optionalText("optimizer", args.optimizer)?.toLowerCase() ?? TRAIN_ROW_DEFAULTS.optimizer,
  );
  const lr = optionalNumber("lr", args.lr) ?? TRAIN_ROW_DEFAULTS.lr;
  const hyper = spec.resolveHyper({ ...optionsText("options", args.options), lr });
  return { spec, hyper, lr };
}

/** Excel's last column is XFD: a row-mode spill wider than this cannot be shown. */
const SHEET_ROW_CELLS = 16384;

/**
 * The network's parameter count, refused before anything is allocated when even params + t + loss would
 * not fit in one sheet row (row mode needs the whole network in a row; run mode has no such limit).
 */
function rowParameterCount(layers: readonly number[]): number {
  const n = parameterCount(layers);
  if (n + 2 > SHEET_ROW_CELLS) {
    throw new EngineError(
      `layers ${layers.join(",")} have ${n} parameters: one row holds at most ${SHEET_ROW_CELLS} cells; use TRAIN_MLP's run mode (epochs) for this network`,
    );
  }
  return n;
}

/** Labels for a TRAIN_MLP row: p1..pn, the state labels, loss. */
export function trainRowHeaders(args: TrainRowArgs): string[] {
  const network = networkSpec(args);
  const { spec, hyper } = optimizerOf(args);
  const n = rowParameterCount(network.layers);
  const names = Array.from({ length: n }, (_, i) => `p${i + 1}`);
  const headers = [...names, ...spec.stateLabels(names, hyper), "loss"];
  if (headers.length > SHEET_ROW_CELLS) {
    throw new EngineError(
      `a TRAIN_MLP row for layers ${network.layers.join(",")} with ${spec.name} needs ${headers.length} cells; one row holds at most ${SHEET_ROW_CELLS}`,
    );
  }
  return headers;
}

/** The width of one TRAIN_MLP row: params, optimizer state, loss. */
export function trainRowWidth(args: TrainRowArgs): number {
  return trainRowHeaders(args).length;
}

/**
 * One iteration: params and state from `previous` (the previous row's whole spill, its trailing loss
 * ignored; blank → seeded initial params and empty state), the loss and gradient on X, Y at those params,
 * one optimizer step. Returns [...params, ...state, loss-before-the-step].
 */
export function trainMlpRow(args: TrainRowArgs): number[][] {
  const network = networkSpec(args);
  const { spec, hyper, lr } = optimizerOf(args);
  const n = rowParameterCount(network.layers);
  const X = numberTable("X", args.X);
  const Y = numberTable("Y", args.Y);
  const previous = stateVector(args.previous, "previous");
  let params: number[];
  let stateCells: number[];
  if (previous.length === 0) {
    const seed = optionalNumber("seed", args.seed) ?? TRAIN_ROW_DEFAULTS.seed;
    params = Array.from(initParameters(network, TRAIN_ROW_DEFAULTS.init, createRng(seed), Float64Array));
    stateCells = [];
  } else {
    const stateWidth = spec.stateWidth(n, hyper);
    const expected = n + stateWidth;
    if (previous.length !== expected && previous.length !== expected + 1) {
      throw new EngineError(
        `previous has ${previous.length} values but layers ${network.layers.join(",")} with ${spec.name} need ${expected} (params and state) or ${expected + 1} (with the loss)`,
      );
    }
    params = previous.slice(0, n);
    stateCells = previous.slice(n, expected);
  }
  const { loss, gradient } = lossAndGradient(network, params, X, Y);
  const state = spec.stateFromCells(stateCells, n, hyper);
  // With a schedule, this row's rate is the schedule's value after the t steps already taken.
  const schedule = scheduleOf(args);
  const rowHyper = schedule
    ? { ...hyper, lr: learningRate(schedule.name, lr, state.t, schedule.options) }
    : hyper;
  // As the run mode's loop does: a row whose loss or step is not finite stops here with advice, instead of
  // handing the next row a #NUM! to trip over.
  const diverged = (what: string): DomainError =>
    new DomainError(`training diverged at this row: ${what}; try a smaller lr (${formatValue(rowHyper.lr)})`);
  if (!Number.isFinite(loss)) throw diverged(`the loss is ${loss}`);
  let result: ReturnType<typeof spec.step>;
  try {
    result = spec.step(params, gradient, state, rowHyper, loss);
  } catch (error) {
    if (error instanceof EngineError && /overflow|finite/.test(error.message)) throw diverged(error.message);
    throw error;
  }
  const cells = [...Array.from(result.params), ...spec.stateToCells(result.state)];
  if (!cells.every(Number.isFinite)) throw diverged("the step overflows");
  return [[...cells, loss]];
}

export interface TrainRunArgs extends TrainRowArgs {
  epochs: CellInput;
  batch?: CellInput;
  result?: CellInput;
}

/** The schedule a TRAIN_MLP call names, or undefined for a constant rate. */
function scheduleOf(
  args: TrainRowArgs,
): { name: string; options: Record<string, number | boolean> } | undefined {
  const name = optionalText("schedule", args.schedule)?.toLowerCase();
  if (name === undefined || name === "") return undefined;
  return { name, options: optionsText("schedule_options", args.scheduleOptions) };
}

export type TrainRunResult = "loss" | "params";

/**
 * TRAIN_MLP's epochs: blank or 0 is row mode (0 returned), else a whole number from 1 to a sheet's rows (the
 * loss column has one row per epoch), refused before anything is allocated or trained, and within the
 * training work budget (epochs × examples × parameters) when the data's size is known.
 */
export function runEpochs(input: CellInput, allowRowMode = true): number {
  const epochs = optionalNumber("epochs", input) ?? 0;
  if (epochs === 0 && allowRowMode) return 0;
  requireInteger("epochs", epochs, 1);
  if (epochs > SHEET_LIMITS.rows) {
    throw new EngineError(
      `epochs must be at most ${SHEET_LIMITS.rows} (a sheet's rows: the loss column has one row per epoch), got ${formatValue(epochs)}`,
    );
  }
  return epochs;
}

/** Refuses a run whose epochs × examples × parameters exceed the training work budget. */
export function requireTrainingWork(epochs: number, examples: number, parameters: number): void {
  requireWorkBudget(
    "TRAIN_MLP",
    trainingWorkUnits(epochs, examples, parameters),
    TRAINING_WORK_BUDGET,
    "use fewer epochs, fewer rows or a smaller network",
  );
}

function runConfig(args: TrainRunArgs): {
  config: TrainConfig;
  data: TrainData;
  result: TrainRunResult;
  initial?: number[];
} {
  const network = networkSpec(args);
  const { spec, lr } = optimizerOf(args);
  const X = numberTable("X", args.X);
  const Y = numberTable("Y", args.Y);
  const epochs = runEpochs(args.epochs, false);
  const batch = optionalNumber("batch", args.batch) ?? X.length;
  const seed = optionalNumber("seed", args.seed) ?? TRAIN_ROW_DEFAULTS.seed;
  const resultName = (optionalText("result", args.result) ?? "loss").toLowerCase();
  if (resultName !== "loss" && resultName !== "params") {
    throw new EngineError(`result must be "loss" or "params", got "${resultName}"`);
  }
  // Only what the user set: the training loop fills in (and checks) the rest itself.
  const optimizerOptions = optionsText("options", args.options);
  const previous = stateVector(args.previous, "previous");
  const n = parameterCount(network.layers);
  requireTrainingWork(epochs, X.length, n);
  const initial = previous.length === 0 ? undefined : previous.slice(0, n);
  if (initial && initial.length !== n) {
    throw new EngineError(
      `previous has ${previous.length} values but layers ${network.layers.join(",")} need ${n}`,
    );
  }
  return {
    config: {
      layers: [...network.layers],
      activation: network.activation,
      output: network.output,
      loss: network.loss,
      init: TRAIN_ROW_DEFAULTS.init,
      optimizer: spec.name,
      lr,
      optimizerOptions,
      schedule: scheduleOf(args)?.name ?? "constant",
      scheduleOptions: scheduleOf(args)?.options ?? {},
      lambda: 0,
      epochs,
      batch,
      seed,
      trainLimit: 0,
      progressEvery: 1_000_000,
    },
    data: { train: examplesFromRows(X, Y, Float32Array) },
    result: resultName,
    initial,
  };
}

function runOutput(result: TrainRunResult, losses: readonly number[], params: ArrayLike<number>): number[][] {
  if (result === "params") return [Array.from(params)];
  return spillColumn(losses);
}

/** A whole training run in one call (HyperFormula, tests): loss per epoch as a column, or the params row. */
export function trainMlpRunSync(args: TrainRunArgs): number[][] {
  const { config, data, result, initial } = runConfig(args);
  const run = trainSync(config, data, initial ? { initialParams: initial } : {});
  return runOutput(
    result,
    run.epochs.map((e) => e.trainLoss),
    run.params,
  );
}

/** How often a streamed TRAIN_MLP_LIVE column is sent to Excel, at most (the last one always is). */
export const STREAM_EVERY_MS = 100;

/**
 * The same run through the installed trainer (cell-trainer.ts: a Web Worker in Excel, this thread
 * elsewhere); Excel can cancel it (`cancelled`), and `onEpoch` streams the losses so far as the full padded
 * column, at most every STREAM_EVERY_MS (and less often when the column itself is slow to build) — so the
 * cost of streaming grows with the run's time, not with epochs².
 */
export async function trainMlpRunAsync(
  args: TrainRunArgs,
  control: { cancelled: () => boolean; onEpoch?: (lossesSoFar: (number | string)[][]) => void },
  now: () => number = () => globalThis.performance.now(),
): Promise<number[][]> {
  const { config, data, result, initial } = runConfig(args);
  const epochs = config.epochs ?? 1;
  let nextStream = -Infinity;
  const stream = control.onEpoch;
  const run = await cellTrainer()(config, data, initial, {
    cancelled: control.cancelled,
    ...(stream
      ? {
          onEpoch: (losses: readonly number[]) => {
            const started = now();
            if (started < nextStream) return;
            stream(padColumn(losses, epochs));
            // A column of a million rows takes a while to build: never spend more than a third of the time on it.
            nextStream = started + Math.max(STREAM_EVERY_MS, 3 * (now() - started));
          },
        }
      : {}),
  });
  return runOutput(result, run.losses, run.params);
}

/** A loss column padded with blanks ("") to the full number of epochs, so a streamed spill keeps its size. */
function padColumn(losses: readonly number[], epochs: number): (number | string)[][] {
  return Array.from({ length: epochs }, (_, i) => [losses[i] ?? ""]);
}

/**
 * True when X is one example laid out as a grid (a 28×28 block of pixel cells for a 784-input network): its cell
 * count is the network's inputs but its rows are not. Such an X is read row by row as one example.
 */
export function isOneExampleGrid(inputs: number, rows: number, cells: number): boolean {
  const columns = rows > 0 ? cells / rows : 0;
  return rows > 1 && columns !== inputs && cells === inputs;
}

/**
 * The parameters as one row or column (the documented layout), or as a block of unit rows (one row per unit:
 * its weights, then its bias; what the pane writes on a run sheet).
 */
export function networkParams(layers: readonly number[], input: CellInput): number[] | Float64Array {
  const grid = Array.isArray(input) ? (input as unknown[]) : [];
  const rows = grid.length;
  const columns = Array.isArray(grid[0]) ? (grid[0] as unknown[]).length : 0;
  if (rows > 1 && columns > 1) {
    const block = numberTable("params", input);
    return paramsFromUnitRows(layers, rows, columns, (r, c) => (block[r] as number[])[c] as number);
  }
  return numberVector("params", input);
}

/** MLP_PREDICT: output activations, one row per row of X (or one row for X laid out as one example's grid). */
export function predictCells(args: NetworkArgs & { params: CellInput; X: CellInput }): number[][] {
  const network = networkSpec(args);
  const params = networkParams(network.layers, args.params);
  const X = numberTable("X", args.X);
  const inputs = network.layers[0] ?? 0;
  const cells = X.length * (X[0]?.length ?? 0);
  return predict(network, params, isOneExampleGrid(inputs, X.length, cells) ? [X.flat()] : X);
}
