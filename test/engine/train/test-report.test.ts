import { describe, expect, test } from "@jest/globals";
import { sparseRowsFromBytes, type Examples, type MlpSpec } from "../../../src/engine/mlp";
import { reportBuffers, testReport } from "../../../src/engine/train/test-report";

/**
 * A network whose answer is known without running it: 3 inputs, 3 linear outputs, W = identity, b = 0, so the
 * output is the input (scaled 1/255) and the predicted class is the brightest pixel.
 */
const SPEC: MlpSpec = { layers: [3, 3], activation: "sigmoid", output: "linear", loss: "quadratic" };
const IDENTITY = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);

function examples(pixels: number[][], labels: number[]): Examples {
  return {
    inputs: sparseRowsFromBytes(Uint8Array.from(pixels.flat()), pixels.length, 3, 1 / 255),
    targets: { kind: "labels", labels: Uint8Array.from(labels), classes: 3 },
  };
}

describe("testReport: confusion matrix and sample digits", () => {
  const data = examples(
    [
      [255, 0, 0], // predicted 0, label 0
      [0, 200, 10], // predicted 1, label 1
      [0, 0, 90], // predicted 2, label 1: wrong
      [50, 0, 0], // predicted 0, label 2: wrong
      [0, 0, 30], // predicted 2, label 2
    ],
    [0, 1, 1, 2, 2],
  );

  test("counts true class (row) against predicted class (column)", () => {
    const report = testReport(SPEC, IDENTITY, data, { first: 1, misclassified: 5, chunk: 2 });
    // Rows: true 0, 1, 2; columns: predicted 0, 1, 2 (worked out from the brightest pixel above).
    expect(Array.from(report.confusion)).toEqual([1, 0, 0, 0, 1, 1, 1, 0, 1]);
  });

  test("keeps the first images, then the misclassified ones, with pixels, labels and outputs", () => {
    const report = testReport(SPEC, IDENTITY, data, { first: 2, misclassified: 1, chunk: 2 });
    const s = report.samples;
    expect(s.count).toBe(3);
    expect(Array.from(s.index)).toEqual([0, 1, 2]);
    expect(Array.from(s.label)).toEqual([0, 1, 1]);
    expect(Array.from(s.predicted)).toEqual([0, 1, 2]);
    expect(Array.from(s.pixels.subarray(3, 6))).toEqual([0, 200, 10]);
    // Output = input / 255 exactly in float32 (W = I, b = 0).
    expect(s.outputs[4]).toBeCloseTo(200 / 255, 6);
    expect(s.outputs[8]).toBeCloseTo(90 / 255, 6);
  });

  test("every array has its own buffer, so all can be transferred", () => {
    const buffers = reportBuffers(testReport(SPEC, IDENTITY, data));
    expect(new Set(buffers).size).toBe(6);
  });

  test("refuses dense targets and a class count the network lacks", () => {
    const dense: Examples = { ...data, targets: { kind: "dense", values: new Float64Array(15), width: 3 } };
    expect(() => testReport(SPEC, IDENTITY, dense)).toThrow("a test report needs class labels as targets");
    const four: Examples = { ...data, targets: { kind: "labels", labels: new Uint8Array(5), classes: 4 } };
    expect(() => testReport(SPEC, IDENTITY, four)).toThrow(
      "the network has 3 outputs but the labels have 4 classes",
    );
  });
});
