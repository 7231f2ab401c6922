/**
 * The worker side of the training protocol, independent of the transport: given a `post` for FromWorker
 * messages and a loader for DataSource, it handles ToWorker messages. The browser Web Worker and the CLI's
 * worker_threads worker both wrap this unchanged.
 *
 * Stop: the run yields to the event loop (a macrotask) after every progress and epoch message, so a queued
 * stop message is handled there and the run ends before the next batch. (A SharedArrayBuffer flag would be
 * finer-grained but needs cross-origin isolation, which an Office add-in's pages do not have.)
 */
import { mlpSpecOf, resolveTrainConfig } from "./config";
import type { DataSource, FromWorker, InlineData, ToWorker, TrainedNetwork } from "./protocol";
import { train, type TrainData } from "./loop";
import { reportBuffers, testReport, type TestReport } from "./test-report";

/** Sends a message; `transfer` lists buffers that move to the receiver instead of being copied. */
export type Post = (message: FromWorker, transfer?: ArrayBuffer[]) => void;

export type DataLoader<Source = DataSource> = (source: Source) => Promise<TrainData>;

/** The cells' loader: the examples came with the message. */
export const inlineData: DataLoader<InlineData> = (source) => Promise.resolve(source.data);

export interface TrainingSession<Source = DataSource> {
  /** Handles one message; the returned promise settles when a start's run has finished. */
  handle(message: ToWorker<Source>): Promise<void>;
  readonly running: boolean;
}

export interface SessionOptions {
  /** Lets queued messages run; default: setImmediate where it exists (Node), else a MessageChannel hop. */
  yieldToEventLoop?: () => Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A macrotask without setTimeout's 1–4 ms clamp. */
export function defaultYield(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  if (typeof globalThis.MessageChannel !== "undefined") {
    return new Promise((resolve) => {
      const channel = new globalThis.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => globalThis.setTimeout(resolve, 0));
}

export function createTrainingSession<Source = DataSource>(
  post: Post,
  loadData: DataLoader<Source>,
  options: SessionOptions = {},
): TrainingSession<Source> {
  const yieldToEventLoop = options.yieldToEventLoop ?? defaultYield;
  let running = false;
  let stopRequested = false;

  async function start(message: Extract<ToWorker<Source>, { type: "start" }>): Promise<void> {
    if (running) {
      post({ type: "error", message: "a training run is already in progress; send stop first" });
      return;
    }
    running = true;
    stopRequested = false;
    try {
      const loadStarted = globalThis.performance.now();
      const data = await loadData(message.data);
      post({
        type: "loaded",
        train: data.train.inputs.rows,
        validation: data.validation?.inputs.rows ?? 0,
        test: data.test?.inputs.rows ?? 0,
        seconds: (globalThis.performance.now() - loadStarted) / 1000,
      });
      await yieldToEventLoop();
      const result = await train(message.config, data, {
        ...(message.initialParams ? { initialParams: message.initialParams } : {}),
        shouldStop: () => stopRequested,
        onProgress: async (progress) => {
          post({ type: "progress", ...progress });
          await yieldToEventLoop();
        },
        onEpoch: async (result) => {
          post({ type: "epoch", result });
          await yieldToEventLoop();
        },
      });
      const config = resolveTrainConfig(message.config);
      const network: TrainedNetwork = {
        layers: [...config.layers],
        activation: config.activation,
        output: config.output,
        params: result.params,
      };
      const report: TestReport | undefined =
        data.test && data.test.targets.kind === "labels"
          ? testReport(mlpSpecOf(config), result.params, data.test)
          : undefined;
      post(
        {
          type: "done",
          epochs: result.epochs,
          stopped: result.stopped,
          params: result.params,
          network,
          report,
        },
        [network.params.buffer as ArrayBuffer, ...(report ? reportBuffers(report) : [])],
      );
    } catch (error) {
      post({ type: "error", message: messageOf(error) });
    } finally {
      running = false;
    }
  }

  return {
    get running() {
      return running;
    },
    handle(message) {
      if (message.type === "stop") {
        stopRequested = true;
        return Promise.resolve();
      }
      return start(message);
    },
  };
}
