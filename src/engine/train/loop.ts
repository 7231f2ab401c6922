/**
 * The one training loop, shared by TRAIN_MLP, the Web Worker and the CLI. Written as a generator that
 * yields progress and epoch events, so one loop serves a synchronous driver (trainSync, for small sheet
 * data) and an asynchronous one (train, which lets a worker answer messages between events).
 */
import { EngineError } from "../errors";
import { targetWidth, sliceExamples, type Examples } from "../mlp/examples";
import { initParameters } from "../mlp/init";
import { batchCostAndGradient, createWorkspace, evaluateExamples, workspaceBytes } from "../mlp/kernels";
import {
  canUseArena,
  createWasmArena,
  fromKernelLayout,
  sparseBytes,
  toKernelLayout,
} from "../mlp/wasm/arena";
import { parameterLayout } from "../mlp/spec";
import { createRng } from "../random";
import { mlpSpecOf, resolveTrainConfig } from "./config";
import type { EpochResult, TrainConfig } from "./protocol";
import { createLearningRate, createUpdateKernel, isPlainSgd } from "./update";

export interface TrainData {
  train: Examples;
  /** Evaluated after every epoch when present (MNIST: the last 10,000 training images). */
  validation?: Examples | null;
  test?: Examples | null;
}

export interface TrainProgress {
  epoch: number;
  /** Batches done in this epoch. */
  batch: number;
  batches: number;
  /** Mean batch cost so far in this epoch. */
  loss: number;
}

export type TrainEvent =
  | { type: "progress"; progress: TrainProgress }
  | { type: "epoch"; result: EpochResult };

export interface TrainOptions {
  /** Start from these parameters (layout of mlp/spec.ts) instead of the seeded initialisation. */
  initialParams?: ArrayLike<number>;
  /** Checked between batches; true ends the run after the current batch (the partial epoch is dropped). */
  shouldStop?: () => boolean;
  /** false runs the JavaScript first-layer kernels even where WebAssembly is available (tests, benchmarks). */
  useWasm?: boolean;
}

export interface TrainResult {
  params: Float32Array;
  epochs: EpochResult[];
  stopped: boolean;
}

export interface TrainHooks extends TrainOptions {
  onProgress?: (progress: TrainProgress) => void | Promise<void>;
  onEpoch?: (result: EpochResult) => void | Promise<void>;
}

/** Largest batch used when evaluating: big enough to amortise calls, small enough to stay in cache. */
const EVALUATION_CHUNK = 500;

function checkShape(name: string, examples: Examples, inputs: number, outputs: number): void {
  if (examples.inputs.columns !== inputs) {
    throw new EngineError(
      `layers[0] is ${inputs} but the ${name} data has ${examples.inputs.columns} inputs`,
    );
  }
  const width = targetWidth(examples.targets);
  if (width !== outputs) {
    throw new EngineError(`the output layer has ${outputs} units but the ${name} targets have ${width}`);
  }
}

const now = (): number => globalThis.performance.now();

export function* trainingRun(
  partialConfig: Partial<TrainConfig>,
  data: TrainData,
  options: TrainOptions = {},
): Generator<TrainEvent, TrainResult, void> {
  const config = resolveTrainConfig(partialConfig);
  const spec = mlpSpecOf(config);
  const inputs = spec.layers[0] as number;
  const outputs = spec.layers[spec.layers.length - 1] as number;
  checkShape("training", data.train, inputs, outputs);
  if (data.validation) checkShape("validation", data.validation, inputs, outputs);
  if (data.test) checkShape("test", data.test, inputs, outputs);
  const available = data.train.inputs.rows;
  if (available === 0) throw new EngineError("the training data has no rows");
  const n = config.trainLimit > 0 ? Math.min(config.trainLimit, available) : available;
  const trainSet = n === available ? data.train : sliceExamples(data.train, 0, n);

  const layout = parameterLayout(spec.layers);
  const batch = Math.min(config.batch, n);
  // With WebAssembly SIMD and byte inputs (MNIST), everything the first layer touches goes in one WASM arena
  // and the first layer, plain SGD's update and the weight decay run there (~2.5× faster per epoch);
  // otherwise (no SIMD, float-valued inputs, useWasm: false) the JavaScript kernels run. Arena parameters
  // keep the first layer's W transposed ("kernel layout"); results are converted back to the documented one.
  const sets = [trainSet, data.validation, data.test].filter((set): set is Examples => !!set);
  const arena =
    options.useWasm === false || !sets.every((set) => canUseArena(set.inputs))
      ? null
      : createWasmArena(
          8 * layout.size +
            4 * n +
            workspaceBytes(spec, batch) +
            workspaceBytes(spec, EVALUATION_CHUNK) +
            sparseBytes(sets.map((set) => set.inputs)),
        );
  const resident = (set: Examples): Examples => (arena ? { ...set, inputs: arena.sparse(set.inputs) } : set);
  const trainData = resident(trainSet);
  const validationData = data.validation ? resident(data.validation) : null;
  const testData = data.test ? resident(data.test) : null;

  const rng = createRng(config.seed);
  const params = arena ? arena.floats(layout.size) : new Float32Array(layout.size);
  if (options.initialParams) {
    if (options.initialParams.length !== layout.size) {
      throw new EngineError(
        `initial params has ${options.initialParams.length} values but layers ${spec.layers.join(",")} need ${layout.size}`,
      );
    }
    params.set(Array.from(options.initialParams));
  } else {
    params.set(initParameters(spec, config.init, rng, Float32Array));
  }
  const first = layout.layers[0] as (typeof layout.layers)[number];
  if (arena) toKernelLayout(params, first.weightOffset, first.inputs, first.outputs);
  const documented = (): Float32Array => {
    const copy = params.slice(); // a copy also lets the arena's memory go once the run is over
    if (arena) fromKernelLayout(copy, first.weightOffset, first.inputs, first.outputs);
    return copy;
  };
  const grads = arena ? arena.floats(layout.size) : new Float32Array(layout.size);
  const registryUpdate = createUpdateKernel(
    config.optimizer,
    layout.size,
    config.lr,
    config.optimizerOptions,
    Float32Array,
  );
  // Plain SGD (network.py) runs its update in WASM: the same arithmetic bit for bit, ~5× faster than JS.
  const update = arena && isPlainSgd(config) ? arena.sgd(registryUpdate) : registryUpdate;
  const learningRate = createLearningRate(config.schedule, config.lr, config.scheduleOptions);

  const ws = createWorkspace(spec, batch, Float32Array, arena);
  const evalWs = createWorkspace(spec, EVALUATION_CHUNK, Float32Array, arena);
  const order = arena ? arena.ints(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const batches = Math.ceil(n / batch);
  const decayPerLr = config.lambda / n;
  const scaleRange = arena
    ? arena.scale
    : (values: Float32Array, from: number, to: number, factor: number): void => {
        for (let i = from; i < to; i++) values[i] = (values[i] as number) * factor;
      };
  const weightRanges = layout.layers.map((layer) => [layer.weightOffset, layer.biasOffset] as const);

  const epochs: EpochResult[] = [];
  let step = 0;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const started = now();
    rng.shuffle(order);
    let costSum = 0;
    let lr = learningRate(step);
    for (let b = 0; b < batches; b++) {
      if (options.shouldStop?.()) return { params: documented(), epochs, stopped: true };
      const start = b * batch;
      const count = Math.min(batch, n - start);
      const cost = batchCostAndGradient(ws, params, grads, trainData, order, start, count);
      // The kernels clamp logs, so a non-finite cost means the parameters themselves overflowed: say so
      // rather than train on (and report) NaN. The epochs already finished stay with the caller.
      if (!Number.isFinite(cost)) {
        throw new EngineError(
          `training diverged in epoch ${epoch}, batch ${b + 1}: the loss became ${cost}; try a smaller lr (${config.lr})`,
        );
      }
      costSum += cost;
      lr = learningRate(step);
      if (decayPerLr > 0) {
        // network2.py's L2 form: w ← (1 − ηλ/n) w on weights (not biases), then the optimizer's step.
        const keep = 1 - lr * decayPerLr;
        for (const [from, to] of weightRanges) scaleRange(params, from, to, keep);
      }
      update.step(params, grads, lr, cost);
      step++;
      if ((b + 1) % config.progressEvery === 0 && b + 1 < batches) {
        yield { type: "progress", progress: { epoch, batch: b + 1, batches, loss: costSum / (b + 1) } };
      }
    }
    const trainSeconds = (now() - started) / 1000;
    const validation = validationData ? evaluateExamples(evalWs, params, validationData) : null;
    const test = testData ? evaluateExamples(evalWs, params, testData) : null;
    const result: EpochResult = {
      epoch,
      trainLoss: costSum / batches,
      validationCorrect: validation?.correct ?? 0,
      validationTotal: validation?.total ?? 0,
      testCorrect: test?.correct ?? 0,
      testTotal: test?.total ?? 0,
      seconds: (now() - started) / 1000,
      lr,
      trainSeconds,
      ...(validation ? { validationLoss: validation.cost } : {}),
      ...(test ? { testLoss: test.cost } : {}),
    };
    epochs.push(result);
    yield { type: "epoch", result };
  }
  return { params: documented(), epochs, stopped: false };
}

/** Runs to the end without yielding to the event loop (small data sets, tests). */
export function trainSync(
  config: Partial<TrainConfig>,
  data: TrainData,
  hooks: TrainHooks = {},
): TrainResult {
  const run = trainingRun(config, data, hooks);
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
    if (next.value.type === "progress") void hooks.onProgress?.(next.value.progress);
    else void hooks.onEpoch?.(next.value.result);
  }
}

/** Runs to the end, awaiting each hook, so a hook that yields to the event loop lets messages in. */
export async function train(
  config: Partial<TrainConfig>,
  data: TrainData,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const run = trainingRun(config, data, hooks);
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
    if (next.value.type === "progress") await hooks.onProgress?.(next.value.progress);
    else await hooks.onEpoch?.(next.value.result);
  }
}
