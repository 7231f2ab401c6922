import { describe, expect, it } from "@jest/globals";
import { Buffer } from "node:buffer";
import { loadMnistDirectory } from "../../../src/cli/load-mnist";
import { EngineError } from "../../../src/engine/errors";
import {
  createWorkspace,
  evaluateExamples,
  examplesFromRows,
  lossAndGradient,
  parameterLayout,
} from "../../../src/engine/mlp";
import { trainSync, train, type TrainConfig, type TrainProgress } from "../../../src/engine/train";

const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
const withoutTimes = (epochs: { seconds: number; trainSeconds?: number }[]) =>
  epochs.map(({ seconds: _s, trainSeconds: _t, ...rest }) => rest);

describe("training on MNIST", () => {
  const mnist = loadMnistDirectory();
  const data = { train: mnist.train, validation: mnist.validation, test: mnist.test };
  // network2.py's configuration on the first 2,000 training images for 2 epochs.
  const network2: Partial<TrainConfig> = {
    loss: "cross-entropy",
    init: "scaled-normal",
    lr: 0.5,
    epochs: 2,
    trainLimit: 2000,
  };

  it("learns well above chance on a 2,000-image subset in 2 epochs", () => {
    const result = trainSync(network2, data);
    const last = result.epochs[1]!;
    // Chance is 10%. Seeds 1-3 give 86-88% on the 10,000 test images; 80% leaves room for a slower seed.
    expect(last.testTotal).toBe(10000);
    expect(last.testCorrect).toBeGreaterThanOrEqual(8000);
    expect(last.validationCorrect).toBeGreaterThanOrEqual(8000);
    expect(last.trainLoss).toBeLessThan(result.epochs[0]!.trainLoss);
  });

  it("is deterministic for a seed, bit for bit, and differs for another seed", () => {
    const config = { ...network2, epochs: 1, trainLimit: 1000 };
    const a = trainSync(config, data);
    const b = trainSync(config, data);
    const c = trainSync({ ...config, seed: 2 }, data);
    expect(sameBits(a.params, b.params)).toBe(true);
    expect(withoutTimes(a.epochs)).toEqual(withoutTimes(b.epochs));
    expect(sameBits(a.params, c.params)).toBe(false);
  });

  it("runs the same training in WebAssembly and JavaScript, returning parameters in the documented layout", () => {
    const config = { ...network2, epochs: 1, trainLimit: 500 };
    const wasm = trainSync(config, data);
    const js = trainSync(config, data, { useWasm: false });
    // Same run up to float32 rounding order: 50 batches keep the parameters within 1e-3.
    let largest = 0;
    wasm.params.forEach((v, i) => (largest = Math.max(largest, Math.abs(v - (js.params[i] as number)))));
    expect(largest).toBeLessThan(1e-3);
    // The JavaScript kernels read the returned parameters in the documented layout: they must reproduce
    // the accuracy the WASM kernels measured on their transposed copy.
    const spec = {
      layers: [784, 30, 10],
      activation: "sigmoid",
      output: "sigmoid",
      loss: "cross-entropy",
    } as const;
    const again = evaluateExamples(createWorkspace(spec, 500, Float32Array), wasm.params, mnist.test);
    expect(again.correct).toBe(wasm.epochs[0]!.testCorrect);
  });

  it("agrees between WebAssembly and JavaScript for the modern configuration (ReLU, softmax, Adam, 100 units)", () => {
    // 100 hidden units take the general SIMD loops (25 blocks of 4); ReLU zeros skip dense-backward rows.
    const config: Partial<TrainConfig> = {
      layers: [784, 100, 10],
      activation: "relu",
      output: "softmax",
      loss: "cross-entropy",
      init: "he",
      optimizer: "adam",
      lr: 0.001,
      batch: 32,
      epochs: 1,
      trainLimit: 640,
    };
    const wasm = trainSync(config, { train: mnist.train });
    const js = trainSync(config, { train: mnist.train }, { useWasm: false });
    // 20 Adam steps of at most ~lr each: float32 rounding-order differences stay far below 1e-5.
    let largest = 0;
    wasm.params.forEach((v, i) => (largest = Math.max(largest, Math.abs(v - (js.params[i] as number)))));
    expect(largest).toBeLessThan(1e-5);
    expect(wasm.epochs[0]!.trainLoss).toBeCloseTo(js.epochs[0]!.trainLoss, 5);
  });
});

describe("training on a small user data set", () => {
  // y = 2x + 1 on x = 0, 0.5, 1, 1.5: a [1, 1] linear unit with quadratic cost converges to w = 2, b = 1.
  const xs = [0, 0.5, 1, 1.5];
  const linear = examplesFromRows(
    xs.map((x) => [x]),
    xs.map((x) => [2 * x + 1]),
    Float32Array,
  );
  const config: Partial<TrainConfig> = {
    layers: [1, 1],
    output: "linear",
    activation: "sigmoid",
    init: "normal",
    lr: 0.2,
    batch: 4,
    epochs: 400,
  };

  it("fits a line with no validation or test set", () => {
    const result = trainSync(config, { train: linear });
    expect(result.params[0]).toBeCloseTo(2, 3);
    expect(result.params[1]).toBeCloseTo(1, 3);
    expect(result.epochs).toHaveLength(400);
    expect(result.epochs[0]!.validationTotal).toBe(0);
    expect(result.epochs[0]!.testTotal).toBe(0);
  });

  it("applies L2 in network2.py's form: w ← (1 − ηλ/n)w − ηg, biases undecayed", () => {
    // One epoch of one batch of all n = 4 rows from known parameters: the expected update is computed from
    // the float64 gradient at the start point (checked against centred differences in the MLP tests).
    const start = [0.5, -0.25];
    const eta = 0.1;
    const lambda = 2;
    const g = lossAndGradient(
      { layers: [1, 1], activation: "sigmoid", output: "linear", loss: "quadratic" },
      start,
      xs.map((x) => [x]),
      xs.map((x) => [2 * x + 1]),
    ).gradient;
    const result = trainSync(
      { ...config, epochs: 1, lr: eta, lambda },
      { train: linear },
      { initialParams: start },
    );
    expect(result.params[0]).toBeCloseTo((1 - (eta * lambda) / 4) * 0.5 - eta * g[0]!, 6);
    expect(result.params[1]).toBeCloseTo(-0.25 - eta * g[1]!, 6);
  });

  it("steps the schedule once per batch", () => {
    // batch 1 over 4 rows: 4 steps per epoch; step schedule with step_size 1, gamma 0.5 gives lr0·0.5^k at
    // step k; the last batch of epoch 1 is step 7, so its lr is 0.2 / 128.
    const result = trainSync(
      { ...config, batch: 1, epochs: 2, schedule: "step", scheduleOptions: { step_size: 1, gamma: 0.5 } },
      { train: linear },
    );
    expect(result.epochs[0]!.lr).toBe(0.2 / 8);
    expect(result.epochs[1]!.lr).toBe(0.2 / 128);
  });

  it("reports progress every N batches, and stops between batches when asked", async () => {
    const progress: TrainProgress[] = [];
    await train(
      { ...config, batch: 1, epochs: 1, progressEvery: 2 },
      { train: linear },
      {
        onProgress: (p) => void progress.push(p),
      },
    );
    // 4 batches, every 2nd: after batch 2 (batch 4 ends the epoch, which the epoch result reports).
    expect(progress).toEqual([{ epoch: 0, batch: 2, batches: 4, loss: expect.any(Number) }]);
    let batches = 0;
    const stopped = trainSync(
      { ...config, batch: 1 },
      { train: linear },
      { shouldStop: () => ++batches > 5 },
    );
    expect(stopped.stopped).toBe(true);
    expect(stopped.epochs).toHaveLength(1);
  });

  it("rejects mismatched data, bad initial parameters and bad settings with exact messages", () => {
    expect(() => trainSync({ ...config, layers: [2, 1] }, { train: linear })).toThrow(
      new EngineError("layers[0] is 2 but the training data has 1 inputs"),
    );
    expect(() => trainSync({ ...config, layers: [1, 3] }, { train: linear })).toThrow(
      new EngineError("the output layer has 3 units but the training targets have 1"),
    );
    const wide = examplesFromRows([[1, 2]], [[1]]);
    expect(() => trainSync(config, { train: linear, test: wide })).toThrow(
      new EngineError("layers[0] is 1 but the test data has 2 inputs"),
    );
    expect(() => trainSync(config, { train: linear }, { initialParams: [1] })).toThrow(
      new EngineError("initial params has 1 values but layers 1,1 need 2"),
    );
    expect(() => trainSync({ ...config, lr: -1 }, { train: linear })).toThrow(
      new EngineError("lr must be > 0, got -1"),
    );
    expect(() => trainSync({ ...config, epochs: 0 }, { train: linear })).toThrow(
      new EngineError("epochs must be an integer >= 1, got 0"),
    );
    expect(() => trainSync({ ...config, batch: 2.5 }, { train: linear })).toThrow(
      new EngineError("batch must be an integer >= 1, got 2.5"),
    );
    expect(() => trainSync({ ...config, lambda: -0.1 }, { train: linear })).toThrow(
      new EngineError("lambda must be >= 0, got -0.1"),
    );
    expect(() => trainSync({ ...config, seed: -1 }, { train: linear })).toThrow(
      new EngineError("seed must be an integer >= 0, got -1"),
    );
    expect(() => trainSync({ ...config, trainLimit: -5 }, { train: linear })).toThrow(
      new EngineError("trainLimit must be an integer >= 0, got -5"),
    );
    expect(() => trainSync({ ...config, progressEvery: 0 }, { train: linear })).toThrow(
      new EngineError("progressEvery must be an integer >= 1, got 0"),
    );
    expect(() => trainSync({ ...config, init: "zeros" as never }, { train: linear })).toThrow(
      new EngineError('init must be one of normal, scaled-normal, xavier, he, got "zeros"'),
    );
    expect(() => trainSync({ ...config, optimizer: "" }, { train: linear })).toThrow(
      new EngineError('optimizer must be a name, got ""'),
    );
    expect(() => trainSync({ ...config, schedule: "" }, { train: linear })).toThrow(
      new EngineError('schedule must be a name, got ""'),
    );
  });

  it("keeps the layout of mlp/spec.ts for the trained parameters", () => {
    const result = trainSync({ ...config, layers: [1, 3, 1], epochs: 1 }, { train: linear });
    expect(result.params).toHaveLength(parameterLayout([1, 3, 1]).size);
  });
});
