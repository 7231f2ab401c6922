import { describe, expect, it } from "@jest/globals";
import { Buffer } from "node:buffer";
import { EngineError } from "../../../src/engine/errors";
import {
  examplesFromRows,
  initParameters,
  lossAndGradient,
  parameterLayout,
  predict,
  validateMlpSpec,
  type InitName,
  type MlpSpec,
} from "../../../src/engine/mlp";
import { createRng } from "../../../src/engine/random";

const NETWORK_PY: MlpSpec = {
  layers: [784, 30, 10],
  activation: "sigmoid",
  output: "sigmoid",
  loss: "quadratic",
};

describe("parameter layout", () => {
  it("stores each layer's W (out × in, row-major) then b, layer after layer", () => {
    // 784·30 = 23,520 weights, 30 biases, then 30·10 = 300 weights and 10 biases: 23,860 in all.
    const layout = parameterLayout(NETWORK_PY.layers);
    expect(layout.size).toBe(23860);
    expect(layout.layers).toEqual([
      { inputs: 784, outputs: 30, weightOffset: 0, biasOffset: 23520 },
      { inputs: 30, outputs: 10, weightOffset: 23550, biasOffset: 23850 },
    ]);
  });

  it("W[j][k] is at weightOffset + j·inputs + k", () => {
    // [2, 2] linear: W = [[1, 2], [3, 4]], b = [10, 20]; x = [1, 0] picks column 0: [11, 23].
    const spec: MlpSpec = { layers: [2, 2], activation: "relu", output: "linear", loss: "quadratic" };
    expect(predict(spec, [1, 2, 3, 4, 10, 20], [[1, 0]])).toEqual([[11, 23]]);
  });
});

describe("validation", () => {
  it("rejects bad specs with exact messages", () => {
    const bad = (patch: Partial<MlpSpec>) => () => validateMlpSpec({ ...NETWORK_PY, ...patch } as MlpSpec);
    expect(bad({ layers: [784] })).toThrow(
      new EngineError("layers must list at least 2 sizes (inputs and outputs), got 1"),
    );
    expect(bad({ layers: [784, 0, 10] })).toThrow(
      new EngineError("layers[1] must be an integer >= 1, got 0"),
    );
    expect(bad({ activation: "gelu" as never })).toThrow(
      new EngineError('activation must be one of sigmoid, tanh, relu, got "gelu"'),
    );
    expect(bad({ output: "tanh" as never })).toThrow(
      new EngineError('output must be one of sigmoid, softmax, linear, got "tanh"'),
    );
    expect(bad({ loss: "hinge" as never })).toThrow(
      new EngineError('loss must be one of quadratic, cross-entropy, got "hinge"'),
    );
    expect(bad({ output: "linear", loss: "cross-entropy" })).toThrow(
      new EngineError("loss cross-entropy needs output sigmoid or softmax, got linear"),
    );
  });

  it("checks the cell inputs of lossAndGradient and predict", () => {
    const spec: MlpSpec = { layers: [2, 1], activation: "relu", output: "linear", loss: "quadratic" };
    expect(() => lossAndGradient(spec, [1, 2], [[1, 2]], [[1]])).toThrow(
      new EngineError("params has 2 values but layers 2,1 has 3"),
    );
    expect(() => lossAndGradient(spec, [1, 2, Number.NaN], [[1, 2]], [[1]])).toThrow(
      new EngineError("params[3] must be a finite number, got NaN"),
    );
    expect(() => lossAndGradient(spec, [1, 2, 3], [[1, 2, 3]], [[1]])).toThrow(
      new EngineError("X has 3 columns but layers[0] is 2"),
    );
    expect(() => lossAndGradient(spec, [1, 2, 3], [[1, 2]], [[1, 2]])).toThrow(
      new EngineError("Y has 2 columns but the output layer has 1"),
    );
    expect(() => predict(spec, [1, 2, 3], [[1]])).toThrow(
      new EngineError("X has 1 columns but layers[0] is 2"),
    );
  });

  it("checks X and Y rows", () => {
    expect(() => examplesFromRows([[1], [2]], [[1]])).toThrow(new EngineError("X has 2 rows but Y has 1"));
    expect(() => examplesFromRows([], [])).toThrow(new EngineError("X has no rows"));
    expect(() => examplesFromRows([[1, 2], [3]], [[1], [1]])).toThrow(
      new EngineError("X row 2 has 1 values but row 1 has 2"),
    );
    expect(() => examplesFromRows([[1], [Number.POSITIVE_INFINITY]], [[1], [1]])).toThrow(
      new EngineError("X row 2[1] must be a finite number, got Infinity"),
    );
    expect(() => examplesFromRows([[1], [2]], [[1], [1, 2]])).toThrow(
      new EngineError("Y row 2 has 2 values but row 1 has 1"),
    );
  });
});

describe("initParameters", () => {
  function stats(values: ArrayLike<number>, from: number, to: number) {
    let sum = 0;
    let sumSq = 0;
    for (let i = from; i < to; i++) {
      sum += values[i] as number;
      sumSq += (values[i] as number) ** 2;
    }
    const n = to - from;
    return { mean: sum / n, std: Math.sqrt(sumSq / n - (sum / n) ** 2) };
  }
  const spec: MlpSpec = {
    layers: [400, 100, 10],
    activation: "relu",
    output: "softmax",
    loss: "cross-entropy",
  };
  const first = parameterLayout(spec.layers).layers[0]!;

  // 40,000 first-layer weights: the sample std is within 1% of the true one with overwhelming probability
  // (its standard error is std/sqrt(2·40000) ≈ 0.35%).
  const cases: [InitName, number, number][] = [
    ["normal", 1, 1],
    ["scaled-normal", 1 / Math.sqrt(400), 1],
    ["xavier", Math.sqrt(2 / 500), 0],
    ["he", Math.sqrt(2 / 400), 0],
  ];
  it.each(cases)("%s: W std %f, b std %f", (init, weightStd, biasStd) => {
    const params = initParameters(spec, init, createRng(1), Float64Array);
    const w = stats(params, first.weightOffset, first.biasOffset);
    expect(Math.abs(w.std / weightStd - 1)).toBeLessThan(0.01);
    expect(Math.abs(w.mean)).toBeLessThan(0.02 * weightStd);
    const b = stats(params, first.biasOffset, first.biasOffset + first.outputs);
    if (biasStd === 0) expect(b).toEqual({ mean: 0, std: 0 });
    else expect(b.std).toBeGreaterThan(0.5); // 100 N(0,1) draws
  });

  it("is reproducible for a seed and rejects an unknown scheme", () => {
    const a = initParameters(spec, "he", createRng(3), Float32Array);
    const b = initParameters(spec, "he", createRng(3), Float32Array);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(() => initParameters(spec, "uniform" as never, createRng(3), Float32Array)).toThrow(
      new EngineError('init must be one of normal, scaled-normal, xavier, he, got "uniform"'),
    );
  });
});
