/* global setTimeout */
import { expect, test } from "@jest/globals";
import type { EpochResult } from "../../src/engine/train/protocol";
import { FakeWorker } from "./fake-worker";
import type { EpochSink, RunOutcome } from "../../src/taskpane/epoch-sink";
import { PRESETS } from "../../src/taskpane/presets";
import { TrainingController, type RunState, type Trained } from "../../src/taskpane/training-controller";
import { pixelPickerNetwork, sampleReport } from "./trained-fixture";

class RecordingSink implements EpochSink {
  readonly description = "the test sink";
  calls: string[] = [];
  failOn: string | undefined;
  async begin(): Promise<void> {
    await this.record("begin");
  }
  async writeEpoch(result: EpochResult, index: number): Promise<void> {
    await this.record(`epoch ${result.epoch} at ${index}`);
  }
  async writeTrained(trained: Trained): Promise<void> {
    await this.record(`network of ${trained.network.params.length} params`);
  }
  async finish(results: readonly EpochResult[], outcome: RunOutcome): Promise<void> {
    await this.record(`finish ${results.length} ${outcome}`);
  }
  private async record(call: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1)); // a slow workbook: writes must still stay in order
    if (call === this.failOn) throw new Error("Excel is busy");
    this.calls.push(call);
  }
}

const config = { ...PRESETS["network.py"], epochs: 3, trainLimit: 1000 };
const result = (epoch: number): EpochResult => ({
  epoch,
  trainLoss: 0.1,
  validationCorrect: 8000,
  validationTotal: 10000,
  testCorrect: 8100,
  testTotal: 10000,
  seconds: 0.5,
  lr: 3,
});

function setup() {
  const worker = new FakeWorker();
  const sink = new RecordingSink();
  const states: RunState[] = [];
  const sinkErrors: string[] = [];
  const controller = new TrainingController(
    () => worker,
    { state: (state) => states.push(state), sinkError: (message) => sinkErrors.push(message) },
    { stopGraceMs: 50 },
  );
  return { worker, sink, states, sinkErrors, controller };
}

/**
 * Waits until `condition` holds (the sink's writes are asynchronous), polling; fails after `timeoutMs`. A
 * condition rather than a fixed sleep, so a loaded machine cannot make the test flaky.
 */
async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test("a complete run: start message, rows in order, done after the last write", async () => {
  const { worker, sink, states, controller } = setup();
  controller.start(config, { kind: "bundled", baseUrl: "http://x/assets/mnist/" }, sink);
  expect(worker.sent[0]?.message).toEqual({
    type: "start",
    config,
    data: { kind: "bundled", baseUrl: "http://x/assets/mnist/" },
  });
  worker.reply({ type: "loaded", train: 1000, validation: 10000, test: 10000, seconds: 0.2 });
  worker.reply({ type: "epoch", result: result(0) });
  worker.reply({ type: "epoch", result: result(1) });
  worker.reply({ type: "epoch", result: result(2) });
  worker.reply({
    type: "done",
    epochs: [result(0), result(1), result(2)],
    stopped: false,
    params: new Float32Array(0),
  });
  expect(controller.state).toBe("stopping"); // final state waits for the sink
  await waitUntil(() => states.includes("done"));
  expect(sink.calls).toEqual(["begin", "epoch 0 at 0", "epoch 1 at 1", "epoch 2 at 2", "finish 3 done"]);
  expect(states).toEqual(["loading", "running", "done"]);
  expect(worker.terminated).toBe(true);
});

test("the trained network of done reaches the pane and the sink, after the epochs and before finish", async () => {
  const { worker, sink, states, controller } = setup();
  const heard: Trained[] = [];
  const withEvents = new TrainingController(
    () => worker,
    { trained: (t) => heard.push(t) },
    { stopGraceMs: 50 },
  );
  void controller;
  withEvents.start(config, { kind: "bundled", baseUrl: "/" }, sink);
  worker.reply({ type: "loaded", train: 1000, validation: 10000, test: 10000, seconds: 0.2 });
  worker.reply({ type: "epoch", result: result(0) });
  const network = pixelPickerNetwork();
  const report = sampleReport();
  worker.reply({
    type: "done",
    epochs: [result(0)],
    stopped: false,
    params: network.params,
    network,
    report,
  });
  await waitUntil(() => withEvents.state === "done");
  expect(sink.calls).toEqual(["begin", "epoch 0 at 0", "network of 7850 params", "finish 1 done"]);
  expect(heard).toEqual([{ config, network, report }]);
  expect(states).toEqual([]);
});

test("picked files are transferred to the worker, not copied", () => {
  const { worker, sink, controller } = setup();
  const buffers = [new ArrayBuffer(8), new ArrayBuffer(8), new ArrayBuffer(8), new ArrayBuffer(8)] as const;
  const [trainImages, trainLabels, testImages, testLabels] = buffers;
  controller.start(config, { kind: "buffers", trainImages, trainLabels, testImages, testLabels }, sink);
  expect(worker.sent[0]?.transfer).toEqual([...buffers]);
});

test("Stop sends stop; the worker's done(stopped) ends the run as stopped and later messages are ignored", async () => {
  const { worker, sink, states, controller } = setup();
  controller.start(config, { kind: "bundled", baseUrl: "/" }, sink);
  worker.reply({ type: "loaded", train: 1000, validation: 10000, test: 10000, seconds: 0.2 });
  worker.reply({ type: "epoch", result: result(0) });
  controller.stop();
  expect(worker.sent.map((s) => s.message.type)).toEqual(["start", "stop"]);
  worker.reply({ type: "done", epochs: [result(0)], stopped: true, params: new Float32Array(0) });
  worker.reply({ type: "epoch", result: result(1) });
  await waitUntil(() => states.includes("stopped"));
  expect(states).toEqual(["loading", "running", "stopping", "stopped"]);
  expect(sink.calls).toEqual(["begin", "epoch 0 at 0", "finish 1 stopped"]);
  expect(controller.epochs).toHaveLength(1);
});

test("a worker that never answers Stop is terminated after the grace period", async () => {
  const { worker, sink, states, controller } = setup();
  controller.start(config, { kind: "bundled", baseUrl: "/" }, sink);
  controller.stop();
  expect(worker.terminated).toBe(false); // not before the grace period
  await waitUntil(() => states.includes("stopped"));
  expect(worker.terminated).toBe(true);
  expect(states).toEqual(["loading", "stopping", "stopped"]);
});

test("a failing sink is reported once and skipped; the pane keeps every epoch", async () => {
  const { worker, sink, states, sinkErrors, controller } = setup();
  sink.failOn = "epoch 0 at 0";
  controller.start(config, { kind: "bundled", baseUrl: "/" }, sink);
  worker.reply({ type: "loaded", train: 1000, validation: 10000, test: 10000, seconds: 0.2 });
  worker.reply({ type: "epoch", result: result(0) });
  worker.reply({ type: "epoch", result: result(1) });
  worker.reply({ type: "done", epochs: [result(0), result(1)], stopped: false, params: new Float32Array(0) });
  await waitUntil(() => states.at(-1) === "done");
  expect(sinkErrors).toEqual([
    "Could not write to the test sink: Excel is busy. Results are kept in the pane.",
  ]);
  expect(sink.calls).toEqual(["begin"]);
  expect(controller.epochs.map((e) => e.epoch)).toEqual([0, 1]);
  expect(states.at(-1)).toBe("done");
});

test("a worker error ends the run in the error state with the worker's message", async () => {
  const { worker, sink, states, controller } = setup();
  controller.start(config, { kind: "bundled", baseUrl: "/" }, sink);
  worker.reply({ type: "error", message: 'unknown optimizer "foo"' });
  await waitUntil(() => states.includes("error"));
  expect(states).toEqual(["loading", "error"]);
  expect(worker.terminated).toBe(true);
  // The sink still hears how the run ended (the Runs sheet marks it), with the epochs that finished.
  expect(sink.calls).toEqual(["begin", "finish 0 error"]);
});

test("a second start while running is refused", () => {
  const { sink, controller } = setup();
  controller.start(config, { kind: "bundled", baseUrl: "/" }, sink);
  expect(() => controller.start(config, { kind: "bundled", baseUrl: "/" }, sink)).toThrow(
    "a training run is already loading; stop it first",
  );
});
