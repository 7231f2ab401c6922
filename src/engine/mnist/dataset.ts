/**
 * MNIST as the training loop takes it, split as Nielsen's network.py does: the first 50,000 training
 * images train, the last 10,000 validate, the 10,000 t10k images test. Pure: the caller reads the four
 * files (piece by piece through an IdxStream: fs in the CLI, fetch in the browser worker) and passes their bytes.
 */
import { EngineError } from "../errors";
import { Examples, sliceExamples, sparseRowsFromBytes } from "../mlp/examples";
import { parseIdxImages, parseIdxLabels } from "./idx";

export const MNIST_FILES = {
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte",
} as const;

export const VALIDATION_SIZE = 10000;
export const MNIST_CLASSES = 10;

export interface MnistBytes {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

export interface MnistDataset {
  train: Examples;
  validation: Examples;
  test: Examples;
  imageRows: number;
  imageColumns: number;
}

/** File names for messages, e.g. the names of files the user picked. */
export type MnistFileNames = Record<keyof MnistBytes, string>;

function readSet(images: Uint8Array, labels: Uint8Array, imageName: string, labelName: string) {
  const parsedImages = parseIdxImages(images, imageName);
  const parsedLabels = parseIdxLabels(labels, labelName, MNIST_CLASSES);
  if (parsedImages.count !== parsedLabels.length) {
    throw new EngineError(
      `${imageName} has ${parsedImages.count} images but ${labelName} has ${parsedLabels.length} labels`,
    );
  }
  const pixelsPerImage = parsedImages.rows * parsedImages.columns;
  const examples: Examples = {
    // Pixels stay bytes; the kernels scale by 1/255 once per dot product, not per pixel.
    inputs: sparseRowsFromBytes(parsedImages.pixels, parsedImages.count, pixelsPerImage, 1 / 255),
    targets: { kind: "labels", labels: parsedLabels.slice(), classes: MNIST_CLASSES },
  };
  return { examples, rows: parsedImages.rows, columns: parsedImages.columns };
}

/** Parses the four IDX files and splits them. The input byte arrays are not kept. */
export function createMnistDataset(bytes: MnistBytes, names: MnistFileNames = MNIST_FILES): MnistDataset {
  const training = readSet(bytes.trainImages, bytes.trainLabels, names.trainImages, names.trainLabels);
  const test = readSet(bytes.testImages, bytes.testLabels, names.testImages, names.testLabels);
  if (training.rows !== test.rows || training.columns !== test.columns) {
    throw new EngineError(
      `${names.trainImages} has ${training.rows}x${training.columns} images but ${names.testImages} has ${test.rows}x${test.columns}`,
    );
  }
  const total = training.examples.inputs.rows;
  if (total <= VALIDATION_SIZE) {
    throw new EngineError(
      `${names.trainImages}: the validation split needs more than ${VALIDATION_SIZE} training images, got ${total}`,
    );
  }
  const trainCount = total - VALIDATION_SIZE;
  return {
    train: sliceExamples(training.examples, 0, trainCount),
    validation: sliceExamples(training.examples, trainCount, VALIDATION_SIZE),
    test: test.examples,
    imageRows: training.rows,
    imageColumns: training.columns,
  };
}
