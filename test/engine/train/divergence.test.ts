import { describe, expect, it } from "@jest/globals";
import { examplesFromRows } from "../../../src/engine/mlp";
import { trainSync, type TrainConfig } from "../../../src/engine/train";

/** y = 2x + 30 on a few points with a linear 1-1 network: the textbook regression, easy to blow up. */
const data = {
  train: examplesFromRows([[1], [2], [3], [4]], [[32], [34], [36], [38]], Float32Array),
};
const regression: Partial<TrainConfig> = {
  layers: [1, 1],
  output: "linear",
  loss: "quadratic",
  optimizer: "sgd",
  batch: 4,
  seed: 1,
};

describe("a diverging run", () => {
  it("stops with a message naming the epoch, the batch and the lr", () => {
    // The gradient of ½(wx + b − y)² scales with x² ≈ 10: lr 1e3 multiplies the error by ~10⁴ a step, so
    // float32 overflows within a few dozen steps and the loss becomes Infinity or NaN.
    const run = () => trainSync({ ...regression, lr: 1e3, epochs: 200 }, data);
    expect(run).toThrow(
      /^training diverged in epoch \d+, batch 1: the loss became (Infinity|NaN); try a smaller lr \(1000\)$/,
    );
  });

  it("is not reported for a stable rate on the same data", () => {
    const result = trainSync({ ...regression, lr: 0.01, epochs: 200 }, data);
    const losses = result.epochs.map((e) => e.trainLoss);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)).toBeLessThan(losses[0] as number);
  });
});

describe("network size", () => {
  it("refuses a network past the parameter limit before allocating it", () => {
    expect(() => trainSync({ ...regression, layers: [1e9, 1e9] }, data)).toThrow(
      "layers 1000000000,1000000000 make 1000000001000000000 parameters; the limit is 20000000",
    );
  });
});
