/* global Blob, DecompressionStream, Response, fetch */

import { MNIST_FILES, type MnistBytes, type MnistFileNames } from "../engine/mnist";
import type { DataSource } from "../engine/train/protocol";

/** The build ships each IDX file gzip-compressed as `<baseUrl><name>.gz` (webpack.config.js). */
export function bundledMnistUrl(baseUrl: string, file: keyof MnistBytes): string {
  return `${baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`}${MNIST_FILES[file]}.gz`;
}

/** Fetches one .gz asset and decompresses it in the browser (DecompressionStream: no library, no server help). */
export async function fetchGunzipped(url: string, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  const response = await fetchImpl(url);
  if (!response.ok || !response.body) {
    throw new Error(`could not load ${url}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const unzipped = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(unzipped).arrayBuffer());
}

/** A picked file may be the raw IDX or its .gz (gzip magic 1f 8b): return the IDX bytes either way. */
export async function idxBytesOf(buffer: ArrayBuffer): Promise<ArrayBuffer> {
  const head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
  if (head[0] !== 0x1f || head[1] !== 0x8b) return buffer;
  const unzipped = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(unzipped).arrayBuffer();
}

export interface MnistFiles {
  bytes: MnistBytes;
  names: MnistFileNames;
}

/** The four IDX files' bytes for a browser data source (bundled assets or files the user picked). */
export async function readMnistFiles(
  source: DataSource,
  fetchImpl: typeof fetch = fetch,
): Promise<MnistFiles> {
  switch (source.kind) {
    case "bundled": {
      const keys = Object.keys(MNIST_FILES) as (keyof MnistBytes)[];
      const parts = await Promise.all(
        keys.map((k) => fetchGunzipped(bundledMnistUrl(source.baseUrl, k), fetchImpl)),
      );
      const bytes = Object.fromEntries(keys.map((k, i) => [k, parts[i]])) as unknown as MnistBytes;
      return { bytes, names: MNIST_FILES };
    }
    case "buffers":
      return {
        bytes: {
          trainImages: new Uint8Array(source.trainImages),
          trainLabels: new Uint8Array(source.trainLabels),
          testImages: new Uint8Array(source.testImages),
          testLabels: new Uint8Array(source.testLabels),
        },
        names: {
          trainImages: "picked training images",
          trainLabels: "picked training labels",
          testImages: "picked test images",
          testLabels: "picked test labels",
        },
      };
    case "path":
      throw new Error(
        "a directory path is a CLI data source; in the browser use the bundled data or pick files",
      );
  }
}
