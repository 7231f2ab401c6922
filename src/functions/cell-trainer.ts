/* global clearInterval, setInterval, setTimeout */
/**
 * Where a TRAIN_MLP / TRAIN_MLP_LIVE run executes. In this thread by default (HyperFormula, Node, tests); in
 * Excel, functions-entry.ts installs the worker trainer, so a long run never holds up the shared runtime's
 * thread (office-js #6936: shared-runtime functions slow down while the pane is closed, and hidden pages
 * throttle timers) — the pattern of Office-Add-in-samples' Excel-custom-functions/web-worker.
 *
 * The worker speaks the engine's training protocol (src/engine/train/protocol.ts) with the examples inline and
 * its epochs gathered (cell-training-session.ts); a cancelled cell terminates it at once, mid-epoch too.
 */
import { EngineError } from "../engine/errors";
import { train, type InlineData, type ToWorker, type TrainConfig, type TrainData } from "../engine/train";
import type { FromCellWorker } from "./cell-training-session";

export interface CellTrainingRun {
  /** Mean training loss of each completed epoch. */
  readonly losses: readonly number[];
  readonly params: Float32Array;
}

export interface CellTrainingControl {
  readonly cancelled: () => boolean;
  /** Called with the losses so far as they arrive (the same growing array: copy what you keep). */
  readonly onEpoch?: (losses: readonly number[]) => void;
}

export type CellTrainer = (
  config: TrainConfig,
  data: TrainData,
  initialParams: readonly number[] | undefined,
  control: CellTrainingControl,
) => Promise<CellTrainingRun>;

/** How long the in-thread run may hold the thread before it lets a cancel and other events in. */
const YIELD_EVERY_MS = 15;

/**
 * The run in this thread, yielding a macrotask (setTimeout: 1–4 ms, too costly after every microsecond epoch)
 * once YIELD_EVERY_MS have passed, so a cancel and streamed results get in.
 */
export const inThreadTrainer: CellTrainer = async (config, data, initialParams, control) => {
  const losses: number[] = [];
  let lastYield = globalThis.performance.now();
  const run = await train(config, data, {
    ...(initialParams ? { initialParams } : {}),
    shouldStop: control.cancelled,
    onEpoch: async (epoch) => {
      losses.push(epoch.trainLoss);
      control.onEpoch?.(losses);
      if (globalThis.performance.now() - lastYield < YIELD_EVERY_MS) return;
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = globalThis.performance.now();
    },
  });
  return { losses, params: run.params };
};

/** What the trainer needs of a Web Worker (or of a worker_threads adapter in tests). */
export interface CellTrainingWorker {
  postMessage(message: ToWorker<InlineData>): void;
  onmessage: ((event: { data: FromCellWorker }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

/** How often a cancelled cell is noticed while the worker runs. */
const CANCEL_POLL_MS = 50;

/** The run in a fresh worker from `createWorker`, ended (terminated) when it finishes, fails or is cancelled. */
export function workerTrainer(createWorker: () => CellTrainingWorker): CellTrainer {
  return (config, data, initialParams, control) =>
    new Promise<CellTrainingRun>((resolve, reject) => {
      const losses: number[] = [];
      const worker = createWorker();
      const end = (): void => {
        clearInterval(poll);
        worker.onmessage = null;
        worker.onerror = null;
        worker.terminate();
      };
      const poll = setInterval(() => {
        if (!control.cancelled()) return;
        end();
        resolve({ losses, params: new Float32Array(0) });
      }, CANCEL_POLL_MS);
      worker.onmessage = ({ data: message }) => {
        if (message.type === "epochs") {
          losses.push(...message.losses);
          control.onEpoch?.(losses);
        } else if (message.type === "done") {
          end();
          resolve({ losses, params: message.params });
        } else if (message.type === "error") {
          end();
          reject(new EngineError(message.message));
        }
      };
      worker.onerror = (event) => {
        end();
        reject(new EngineError(`the training worker failed: ${event.message ?? "it could not start"}`));
      };
      worker.postMessage({
        type: "start",
        config,
        data: { kind: "inline", data },
        ...(initialParams ? { initialParams: [...initialParams] } : {}),
      });
    });
}

let current: CellTrainer = inThreadTrainer;

/** Installs the trainer TRAIN_MLP runs use (functions-entry.ts: the worker trainer in Excel). */
export function useCellTrainer(trainer: CellTrainer): void {
  current = trainer;
}

export function cellTrainer(): CellTrainer {
  return current;
}
