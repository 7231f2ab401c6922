/** The cells' worker session: every epoch's loss arrives, gathered into few `epochs` messages, before done. */
import { expect, test } from "@jest/globals";
import { createCellTrainingSession, type FromCellWorker } from "../../src/functions/cell-training-session";
import { examplesFromRows } from "../../src/engine/mlp";
import { trainSync, type TrainConfig } from "../../src/engine/train";
import { XOR_X, XOR_Y } from "../fixtures/xor";

const CONFIG: TrainConfig = {
  layers: [2, 3, 1],
  activation: "tanh",
  output: "sigmoid",
  loss: "cross-entropy",
  init: "normal",
  optimizer: "adam",
  lr: 0.1,
  optimizerOptions: {},
  schedule: "constant",
  scheduleOptions: {},
  lambda: 0,
  epochs: 2000,
  batch: 4,
  seed: 1,
  trainLimit: 0,
  progressEvery: 1_000_000,
};

test("2,000 epochs arrive as a handful of epochs messages holding every loss in order, then done", async () => {
  const messages: FromCellWorker[] = [];
  const session = createCellTrainingSession((m) => messages.push(m));
  const data = { train: examplesFromRows(XOR_X, XOR_Y, Float32Array) };
  await session.handle({ type: "start", config: CONFIG, data: { kind: "inline", data } });
  const kinds = messages.map((m) => m.type);
  expect(kinds[0]).toBe("loaded");
  expect(kinds.at(-1)).toBe("done");
  const batches = messages.filter(
    (m): m is Extract<FromCellWorker, { type: "epochs" }> => m.type === "epochs",
  );
  expect(batches.length).toBeGreaterThan(0);
  expect(batches.length).toBeLessThan(100); // gathered, not one message per epoch
  const losses = batches.flatMap((m) => m.losses);
  const reference = trainSync(CONFIG, { train: examplesFromRows(XOR_X, XOR_Y, Float32Array) });
  expect(losses).toEqual(reference.epochs.map((e) => e.trainLoss));
  const done = messages.at(-1) as Extract<FromCellWorker, { type: "done" }>;
  expect(Array.from(done.params)).toEqual(Array.from(reference.params));
});
