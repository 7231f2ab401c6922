import { describe, expect, it } from "@jest/globals";
import { examplesFromRows } from "../../../src/engine/mlp";
import {
  createTrainingSession,
  type FromWorker,
  type TrainConfig,
  type TrainData,
} from "../../../src/engine/train";

// 8 rows of y = x₀ − x₁ for a [2, 1] linear network; batch 1 gives 8 batches per epoch.
const rows = Array.from({ length: 8 }, (_, i) => [i / 8, (i % 3) / 3]);
const data: TrainData = {
  train: examplesFromRows(
    rows,
    rows.map(([a, b]) => [a! - b!]),
    Float32Array,
  ),
  test: examplesFromRows(
    rows,
    rows.map(([a, b]) => [a! - b!]),
    Float32Array,
  ),
};
const config: TrainConfig = {
  layers: [2, 1],
  output: "linear",
  activation: "sigmoid",
  loss: "quadratic",
  init: "normal",
  optimizer: "sgd",
  lr: 0.1,
  optimizerOptions: {},
  schedule: "constant",
  scheduleOptions: {},
  lambda: 0,
  epochs: 3,
  batch: 1,
  seed: 1,
  trainLimit: 0,
  progressEvery: 2,
};
const start = { type: "start" as const, config, data: { kind: "path" as const, directory: "x" } };

describe("training session (the worker side of the protocol)", () => {
  it("answers start with loaded, progress, epoch and done messages", async () => {
    const messages: FromWorker[] = [];
    const session = createTrainingSession(
      (m) => messages.push(m),
      async () => data,
    );
    await session.handle(start);
    const types = messages.map((m) => m.type);
    // Per epoch: progress after batches 2, 4, 6 (batch 8 ends the epoch), then the epoch result.
    const epoch = ["progress", "progress", "progress", "epoch"];
    expect(types).toEqual(["loaded", ...epoch, ...epoch, ...epoch, "done"]);
    expect(messages[0]).toEqual({
      type: "loaded",
      train: 8,
      validation: 0,
      test: 8,
      seconds: expect.any(Number),
    });
    expect(messages[1]).toEqual({
      type: "progress",
      epoch: 0,
      batch: 2,
      batches: 8,
      loss: expect.any(Number),
    });
    const done = messages[messages.length - 1] as Extract<FromWorker, { type: "done" }>;
    expect(done.stopped).toBe(false);
    expect(done.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(session.running).toBe(false);
  });

  it("stops between batches on a stop message and reports the complete epochs", async () => {
    const messages: FromWorker[] = [];
    const session = createTrainingSession(
      (m) => {
        messages.push(m);
        // The driver sends stop when it sees the first progress of epoch 1; the session gets it at its next yield.
        if (m.type === "progress" && m.epoch === 1) void session.handle({ type: "stop" });
      },
      async () => data,
    );
    await session.handle({ ...start, config: { ...config, epochs: 50 } });
    const done = messages[messages.length - 1] as Extract<FromWorker, { type: "done" }>;
    expect(done.type).toBe("done");
    expect(done.stopped).toBe(true);
    expect(done.epochs).toHaveLength(1);
    expect(messages.filter((m) => m.type === "progress" && m.epoch === 1)).toHaveLength(1);
  });

  it("refuses a second start while running, and reports load and configuration errors", async () => {
    const messages: FromWorker[] = [];
    const session = createTrainingSession(
      (m) => messages.push(m),
      async () => data,
    );
    const first = session.handle(start);
    expect(session.running).toBe(true);
    await session.handle(start);
    await first;
    expect(messages.filter((m) => m.type === "error")).toEqual([
      { type: "error", message: "a training run is already in progress; send stop first" },
    ]);

    const failing: FromWorker[] = [];
    const broken = createTrainingSession(
      (m) => failing.push(m),
      async () => {
        throw new Error("train-images-idx3-ubyte: not found in x (nor train-images-idx3-ubyte.gz)");
      },
    );
    await broken.handle(start);
    expect(failing).toEqual([
      { type: "error", message: "train-images-idx3-ubyte: not found in x (nor train-images-idx3-ubyte.gz)" },
    ]);

    const badConfig: FromWorker[] = [];
    await createTrainingSession(
      (m) => badConfig.push(m),
      async () => data,
    ).handle({
      ...start,
      config: { ...config, lr: 0 },
    });
    expect(badConfig.map((m) => m.type)).toEqual(["loaded", "error"]);
    expect(badConfig[1]).toEqual({ type: "error", message: "lr must be > 0, got 0" });
  });
});
