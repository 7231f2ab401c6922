import { describe, expect, it } from "@jest/globals";
import { EngineError } from "../../../src/engine/errors";
import { createMnistDataset, parseIdxImages, parseIdxLabels } from "../../../src/engine/mnist";

/** An IDX file: big-endian magic, big-endian 32-bit sizes, then the bytes. */
function idx(magic: number, sizes: number[], body: number[]): Uint8Array {
  const header = [magic, ...sizes].flatMap((v) => [
    (v >>> 24) & 255,
    (v >>> 16) & 255,
    (v >>> 8) & 255,
    v & 255,
  ]);
  return Uint8Array.from([...header, ...body]);
}

describe("parseIdxImages", () => {
  it("reads count, dimensions and pixels", () => {
    const bytes = idx(2051, [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 0, 0, 0, 0, 255]);
    const images = parseIdxImages(bytes, "x");
    expect(images.count).toBe(2);
    expect(images.rows).toBe(2);
    expect(images.columns).toBe(3);
    expect(Array.from(images.pixels)).toEqual([0, 1, 2, 3, 4, 5, 250, 0, 0, 0, 0, 255]);
  });

  it("names the file and the expected size when truncated", () => {
    // 16 header bytes + 60000 × 28 × 28 = 47,040,016 bytes.
    const header = idx(2051, [60000, 28, 28], []);
    const truncated = new Uint8Array(1000);
    truncated.set(header);
    expect(() => parseIdxImages(truncated, "train-images-idx3-ubyte")).toThrow(
      new EngineError("train-images-idx3-ubyte: expected 47040016 bytes for 60000 images of 28x28, got 1000"),
    );
  });

  it("rejects trailing bytes, a wrong magic number, a short header and empty images", () => {
    expect(() => parseIdxImages(idx(2051, [1, 1, 1], [7, 8]), "a")).toThrow(
      new EngineError("a: expected 17 bytes for 1 images of 1x1, got 18"),
    );
    expect(() => parseIdxImages(idx(2049, [1, 1, 1], [7]), "labels-by-mistake")).toThrow(
      new EngineError("labels-by-mistake: not an IDX image file (magic number 2049, expected 2051)"),
    );
    expect(() => parseIdxImages(new Uint8Array(10), "short")).toThrow(
      new EngineError("short: expected at least 16 bytes for an IDX image header, got 10"),
    );
    expect(() => parseIdxImages(idx(2051, [1, 0, 28], []), "e")).toThrow(
      new EngineError("e: images of 0x28 pixels are empty"),
    );
  });
});

describe("parseIdxLabels", () => {
  it("reads labels", () => {
    expect(Array.from(parseIdxLabels(idx(2049, [3], [5, 0, 9]), "l"))).toEqual([5, 0, 9]);
  });

  it("rejects a wrong size, magic number, short header and a label out of range", () => {
    expect(() => parseIdxLabels(idx(2049, [60000], [1, 2]), "train-labels-idx1-ubyte")).toThrow(
      new EngineError("train-labels-idx1-ubyte: expected 60008 bytes for 60000 labels, got 10"),
    );
    expect(() => parseIdxLabels(idx(2051, [1], [1]), "img")).toThrow(
      new EngineError("img: not an IDX label file (magic number 2051, expected 2049)"),
    );
    expect(() => parseIdxLabels(new Uint8Array(4), "s")).toThrow(
      new EngineError("s: expected at least 8 bytes for an IDX label header, got 4"),
    );
    expect(() => parseIdxLabels(idx(2049, [3], [1, 12, 3]), "l")).toThrow(
      new EngineError("l: label 12 at index 1 is not a class 0-9"),
    );
  });
});

describe("createMnistDataset", () => {
  /** n images of 1×2 pixels: image i is [i, 0]; label i % 10. */
  function set(n: number) {
    const pixels = Array.from({ length: n }, (_, i) => [i % 256, 0]).flat();
    return {
      images: idx(2051, [n, 1, 2], pixels),
      labels: idx(
        2049,
        [n],
        Array.from({ length: n }, (_, i) => i % 10),
      ),
    };
  }

  it("splits the training file into the first n − 10,000 (train) and the last 10,000 (validation)", () => {
    const train = set(10003);
    const test = set(4);
    const data = createMnistDataset({
      trainImages: train.images,
      trainLabels: train.labels,
      testImages: test.images,
      testLabels: test.labels,
    });
    expect(data.train.inputs.rows).toBe(3);
    expect(data.validation.inputs.rows).toBe(10000);
    expect(data.test.inputs.rows).toBe(4);
    expect(data.train.inputs.columns).toBe(2);
    // Validation row 0 is training image 3: pixels [3, 0], label 3; stored sparsely as column 0 value 3.
    const v = data.validation.inputs;
    const start = v.rowStart[0] as number;
    expect(v.rowStart[1]! - start).toBe(1);
    expect(v.index[start]).toBe(0);
    expect(v.value[start]).toBe(3);
    expect(v.scale).toBeCloseTo(1 / 255, 15);
    expect(data.validation.targets.kind === "labels" && data.validation.targets.labels[0]).toBe(3);
  });

  it("rejects mismatched counts, mismatched image sizes and too small a training file", () => {
    const train = set(10003);
    const test = set(4);
    const base = { trainImages: train.images, trainLabels: train.labels, testImages: test.images };
    expect(() => createMnistDataset({ ...base, testLabels: set(5).labels })).toThrow(
      new EngineError("t10k-images-idx3-ubyte has 4 images but t10k-labels-idx1-ubyte has 5 labels"),
    );
    expect(() =>
      createMnistDataset({
        ...base,
        testImages: idx(2051, [4, 2, 1], [0, 0, 0, 0, 0, 0, 0, 0]),
        testLabels: test.labels,
      }),
    ).toThrow(new EngineError("train-images-idx3-ubyte has 1x2 images but t10k-images-idx3-ubyte has 2x1"));
    const small = set(10000);
    expect(() =>
      createMnistDataset({
        ...base,
        trainImages: small.images,
        trainLabels: small.labels,
        testLabels: test.labels,
      }),
    ).toThrow(
      new EngineError(
        "train-images-idx3-ubyte: the validation split needs more than 10000 training images, got 10000",
      ),
    );
  });
});
