/* global setTimeout */
import { expect, test } from "@jest/globals";
import type { EpochResult, TrainConfig } from "../../src/engine/train/protocol";
import type { EpochSink } from "../../src/taskpane/epoch-sink";
import { createPaneCore } from "../../src/taskpane/mount-pane";
import { FakeWorker } from "./fake-worker";

/** Records each run's sink calls as "run N: …" lines. */
function recordingHost() {
  const workers: FakeWorker[] = [];
  const calls: string[] = [];
  let runs = 0;
  const sink = (): EpochSink => {
    const run = ++runs;
    return {
      description: `run ${run}`,
      begin: async (config: TrainConfig) => void calls.push(`run ${run}: begin lr ${config.lr}`),
      writeEpoch: async (result: EpochResult) => void calls.push(`run ${run}: epoch ${result.epoch}`),
      finish: async (_results, outcome) => void calls.push(`run ${run}: finish ${outcome}`),
    };
  };
  const host = {
    destinations: [{ value: "sheet", label: "A sheet", sink }],
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    mnistBaseUrl: "https://localhost/assets/mnist/",
    optimizers: ["sgd", "adam"],
    schedules: ["constant"],
  };
  return { host, workers, calls };
}

const epoch = (lr: number): EpochResult => ({
  epoch: 0,
  trainLoss: 0.5,
  validationCorrect: 5000,
  validationTotal: 10000,
  testCorrect: 5000,
  testTotal: 10000,
  seconds: 0.1,
  lr,
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Plays a worker's whole one-epoch run. */
function finishRun(worker: FakeWorker, lr: number) {
  worker.reply({ type: "loaded", train: 2000, validation: 10000, test: 10000, seconds: 0.1 });
  worker.reply({ type: "epoch", result: epoch(lr) });
  worker.reply({ type: "done", epochs: [epoch(lr)], stopped: false, params: new Float32Array(0) });
}

const startedLr = (worker: FakeWorker | undefined) => {
  const message = worker?.sent[0]?.message;
  return message?.type === "start" ? message.config.lr : undefined;
};

test("a list of three learning rates runs three runs in turn, each into its own sink, then says so", async () => {
  const { host, workers, calls } = recordingHost();
  const pane = createPaneCore(host);
  pane.actions.setField("lr", "0.1, 0.5, 3");
  pane.actions.setField("epochs", "1");
  pane.actions.train();
  for (const [i, lr] of [0.1, 0.5, 3].entries()) {
    await waitUntil(() => workers.length === i + 1);
    expect(startedLr(workers[i])).toBe(lr);
    expect(pane.store.get().sweep).toBe(`sweep: run ${i + 1} of 3 (lr ${lr})`);
    pane.actions.train(); // ignored: the sweep is under way
    finishRun(workers[i] as FakeWorker, lr);
  }
  await waitUntil(() => pane.store.get().sweep === "sweep of 3 runs finished");
  expect(workers).toHaveLength(3);
  expect(calls).toEqual([
    "run 1: begin lr 0.1",
    "run 1: epoch 0",
    "run 1: finish done",
    "run 2: begin lr 0.5",
    "run 2: epoch 0",
    "run 2: finish done",
    "run 3: begin lr 3",
    "run 3: epoch 0",
    "run 3: finish done",
  ]);
  expect(pane.store.get().run.state).toBe("done");
});

test("Stop during a sweep keeps the run's rows and starts none of the later runs", async () => {
  const { host, workers, calls } = recordingHost();
  const pane = createPaneCore(host);
  pane.actions.setField("lr", "1, 2, 3");
  pane.actions.train();
  await waitUntil(() => workers.length === 1);
  const worker = workers[0] as FakeWorker;
  worker.reply({ type: "loaded", train: 2000, validation: 10000, test: 10000, seconds: 0.1 });
  worker.reply({ type: "epoch", result: epoch(1) });
  pane.actions.stop();
  worker.reply({ type: "done", epochs: [epoch(1)], stopped: true, params: new Float32Array(0) });
  await waitUntil(() => pane.store.get().sweep !== "sweep: run 1 of 3 (lr 1)");
  expect(pane.store.get().sweep).toBe("sweep ended at run 1 of 3 (stopped); 2 run(s) not started");
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(workers).toHaveLength(1);
  expect(calls).toEqual(["run 1: begin lr 1", "run 1: epoch 0", "run 1: finish stopped"]);
});

test("a bad value in a list is named under its field and nothing starts", () => {
  const { host, workers } = recordingHost();
  const pane = createPaneCore(host);
  pane.actions.setField("lr", "0.1, -1");
  pane.actions.train();
  expect(pane.store.get().fieldErrors.lr).toBe("lr must be > 0, got -1");
  expect(pane.store.get().run).toEqual({ state: "idle", detail: "fix 1 field(s) first: lr" });
  expect(workers).toHaveLength(0);
});
