/* global ErrorEvent, MessageEvent, Transferable, clearTimeout, setTimeout */

import type {
  DataSource,
  EpochResult,
  FromWorker,
  TestReport,
  ToWorker,
  TrainConfig,
  TrainedNetwork,
} from "../engine/train/protocol";
import type { EpochSink } from "./epoch-sink";

/** What the controller needs of a Web Worker (a real Worker satisfies it; tests pass a fake). */
export interface TrainingWorker {
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** idle → loading → running → (stopping →) done | stopped | error; a new run may start from any final state. */
export type RunState = "idle" | "loading" | "running" | "stopping" | "stopped" | "done" | "error";

export const FINAL_STATES: readonly RunState[] = ["idle", "stopped", "done", "error"];

export interface LoadedInfo {
  train: number;
  validation: number;
  test: number;
  seconds: number;
}

export interface ProgressInfo {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
}

export interface ControllerEvents {
  state?(state: RunState, detail: string): void;
  loaded?(info: LoadedInfo): void;
  progress?(info: ProgressInfo): void;
  epoch?(result: EpochResult): void;
  /** The run's network and its test report (after done or a graceful stop). */
  trained?(trained: Trained): void;
  /** The sink failed once; it is not called again this run (results stay in the pane). */
  sinkError?(message: string): void;
}

/** What a finished run hands back: the network as trained and, with a test set, its report. */
export interface Trained {
  config: TrainConfig;
  network: TrainedNetwork;
  report: TestReport | undefined;
}

export interface ControllerOptions {
  /** After Stop, how long to wait for the worker's `done` before terminating it. */
  stopGraceMs: number;
}

/**
 * Drives one training run at a time: starts a worker, relays the protocol's messages to the pane, and
 * writes epochs to the sink in order (one write at a time, so a slow Excel never reorders rows).
 */
export class TrainingController {
  private current: RunState = "idle";
  private worker: TrainingWorker | undefined;
  private sink: EpochSink | undefined;
  private sinkFailed = false;
  private writes: Promise<void> = Promise.resolve();
  private results: EpochResult[] = [];
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;
  private running: TrainConfig | undefined;

  constructor(
    private readonly createWorker: () => TrainingWorker,
    private readonly events: ControllerEvents = {},
    private readonly options: ControllerOptions = { stopGraceMs: 3000 },
  ) {}

  get state(): RunState {
    return this.current;
  }

  /** The configuration of the current (or last) run. */
  get config(): TrainConfig | undefined {
    return this.running;
  }

  get epochs(): readonly EpochResult[] {
    return this.results;
  }

  /** Resolves when every queued sink write has finished (tests and the pane's final state use it). */
  flushed(): Promise<void> {
    return this.writes;
  }

  start(config: TrainConfig, data: DataSource, sink: EpochSink): void {
    if (!FINAL_STATES.includes(this.current)) {
      throw new Error(`a training run is already ${this.current}; stop it first`);
    }
    const run = ++this.run;
    this.running = config;
    this.results = [];
    this.sink = sink;
    this.sinkFailed = false;
    this.writes = Promise.resolve();
    this.setState("loading", "loading MNIST…");
    this.enqueue((s) => s.begin(config));
    const worker = this.createWorker();
    this.worker = worker;
    worker.onmessage = (event) => {
      if (run === this.run) this.receive(event.data);
    };
    worker.onerror = (event) => {
      if (run === this.run) this.finish("error", `worker failed: ${event.message || "unknown error"}`);
    };
    const transfer =
      data.kind === "buffers" ? [data.trainImages, data.trainLabels, data.testImages, data.testLabels] : [];
    worker.postMessage({ type: "start", config, data }, transfer);
  }

  stop(): void {
    if (this.current !== "loading" && this.current !== "running") return;
    this.setState("stopping", "stopping…");
    this.worker?.postMessage({ type: "stop" }, []);
    // A worker busy inside a long batch loop may not read `stop` soon: terminate it after a grace period.
    this.stopTimer = setTimeout(
      () => this.finish("stopped", "stopped (worker terminated)"),
      this.options.stopGraceMs,
    );
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case "loaded":
        this.events.loaded?.(message);
        if (this.current === "loading") {
          this.setState(
            "running",
            `training on ${message.train} images (${message.validation} validation, ${message.test} test)`,
          );
        }
        return;
      case "progress":
        this.events.progress?.(message);
        return;
      case "epoch": {
        const index = this.results.length;
        this.results.push(message.result);
        this.events.epoch?.(message.result);
        this.enqueue((s) => s.writeEpoch(message.result, index));
        return;
      }
      case "done":
        if (message.network && this.running) {
          const trained: Trained = { config: this.running, network: message.network, report: message.report };
          this.events.trained?.(trained);
          this.enqueue((s) => s.writeTrained?.(trained) ?? Promise.resolve());
        }
        this.finish(
          message.stopped || this.current === "stopping" ? "stopped" : "done",
          `${message.stopped ? "stopped after" : "finished"} ${this.results.length} epoch(s)`,
        );
        return;
      case "error":
        this.finish("error", message.message);
        return;
    }
  }

  /** Ends the run: no more messages are read; the final state is announced once the sink has caught up. */
  private finish(state: "done" | "stopped" | "error", detail: string): void {
    if (FINAL_STATES.includes(this.current)) return;
    const run = this.run;
    this.run++; // ignore anything the old worker still sends
    clearTimeout(this.stopTimer);
    this.worker?.terminate();
    this.worker = undefined;
    const results = [...this.results];
    this.enqueue((s) => s.finish(results, state));
    // Report "finishing" first so a second Stop click is ignored, then the final state after the writes.
    this.current = "stopping";
    void this.writes.then(() => {
      if (this.run === run + 1) this.setState(state, detail);
    });
  }

  private enqueue(write: (sink: EpochSink) => Promise<void>): void {
    const sink = this.sink;
    if (!sink) return;
    this.writes = this.writes.then(async () => {
      if (this.sinkFailed) return;
      try {
        await write(sink);
      } catch (error) {
        this.sinkFailed = true;
        const reason = error instanceof Error ? error.message : String(error);
        this.events.sinkError?.(
          `Could not write to ${sink.description}: ${reason}. Results are kept in the pane.`,
        );
      }
    });
  }

  private setState(state: RunState, detail: string): void {
    this.current = state;
    this.events.state?.(state, detail);
  }
}
