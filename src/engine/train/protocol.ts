/**
 * The training protocol: the messages between whoever drives a training run (the task pane, the CLI
 * through worker_threads, tests) and the worker that runs it. Plain structured-clone data only.
 */

import type { Activation, InitName, LossName, OutputActivation } from "../options/choices";
import type { TrainData } from "./loop";
import type { TestReport } from "./test-report";

export type { Activation, InitName, LossName, OutputActivation };

/** Every field the pane shows and the CLI takes as `--name` (same names, kebab-cased on the CLI). */
export interface TrainConfig {
  layers: number[];
  activation: Activation;
  output: OutputActivation;
  loss: LossName;
  init: InitName;
  /** Optimizer name from the engine's registry (sgd, adagrad, adadelta, rmsprop, adam, adamw, ...). */
  optimizer: string;
  lr: number;
  /** Optimizer hyper-parameters other than lr, by the engine's (PyTorch's) names; absent means default. */
  optimizerOptions: Record<string, number | boolean>;
  /** Learning-rate schedule by the engine's registry name; "constant" for none. Stepped once per batch. */
  schedule: string;
  scheduleOptions: Record<string, number | boolean>;
  /** L2 regularisation λ in network2.py's form: w ← (1 − ηλ/n)w − η∇C. */
  lambda: number;
  epochs: number;
  batch: number;
  seed: number;
  /** Use only the first N training images (0 = all 50,000). */
  trainLimit: number;
  /** Send a progress message every N batches. */
  progressEvery: number;
}

export interface EpochResult {
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  trainLoss: number;
  validationCorrect: number;
  validationTotal: number;
  testCorrect: number;
  testTotal: number;
  seconds: number;
  /** Learning rate in force at the end of the epoch. */
  lr: number;
  /** Seconds spent on the epoch's batches alone (seconds also counts evaluation). */
  trainSeconds?: number;
  /** Mean cost per example on the validation/test set, when there is one. */
  validationLoss?: number;
  testLoss?: number;
}

/** Where the worker takes MNIST from: the add-in's bundled assets, or IDX files the user picked. */
export type DataSource =
  | { kind: "bundled"; baseUrl: string }
  | { kind: "path"; directory: string }
  | {
      kind: "buffers";
      trainImages: ArrayBuffer;
      trainLabels: ArrayBuffer;
      testImages: ArrayBuffer;
      testLabels: ArrayBuffer;
    };

/**
 * The trained network: its parameters in the documented layout (per layer W row-major, outputs × inputs, then b)
 * and what GD.MLP_PREDICT needs besides them. `params` is transferred, not copied.
 */
export interface TrainedNetwork {
  layers: number[];
  activation: Activation;
  output: OutputActivation;
  params: Float32Array;
}

export type { TestReport };

/** Examples given with the message: a TRAIN_MLP cell's X and Y rows (the cells' worker's only source). */
export interface InlineData {
  kind: "inline";
  data: TrainData;
}

/** `Source`: where the data comes from — MNIST (DataSource) for the pane and the CLI, InlineData for cells. */
export type ToWorker<Source = DataSource> =
  | {
      type: "start";
      config: TrainConfig;
      data: Source;
      /** Parameters to start from (a TRAIN_MLP cell's previous row) instead of the seeded initialisation. */
      initialParams?: number[];
    }
  | { type: "stop" };

export type FromWorker =
  | { type: "loaded"; train: number; validation: number; test: number; seconds: number }
  | { type: "progress"; epoch: number; batch: number; batches: number; loss: number }
  | { type: "epoch"; result: EpochResult }
  /**
   * `params`: the network as trained (the layout of src/engine/mlp), after the last completed epoch; `network` the
   * same with what GD.MLP_PREDICT needs besides it, and `report` its confusion matrix and sample digits on the test
   * set. Their buffers are transferred with the message.
   */
  | {
      type: "done";
      epochs: EpochResult[];
      stopped: boolean;
      params: Float32Array;
      network?: TrainedNetwork;
      report?: TestReport;
    }
  | { type: "error"; message: string };

/**
 * Message order for a run: loaded, then progress (every progressEvery batches) and epoch messages, then
 * done — or error at any point. A stop is honoured between batches: the worker yields to its message queue
 * after every progress and epoch message, so a stop arrives within progressEvery batches; done then has
 * stopped: true and lists only the completed epochs. done carries the trained network and its test report; their
 * typed arrays are transferred (zero-copy) with the message.
 */
