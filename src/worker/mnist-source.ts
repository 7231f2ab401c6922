/* global fetch */

import { IdxStream, MNIST_FILES, idxFromBytes, type MnistBytes, type MnistFileNames } from "../engine/mnist";
import type { DataSource } from "../engine/train/protocol";

/** The build ships each IDX file gzip-compressed as `<baseUrl><name>.gz` (webpack.config.js). */
export function bundledMnistUrl(baseUrl: string, file: keyof MnistBytes): string {
  return `${baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`}${MNIST_FILES[file]}.gz`;
}

/** The last segment of a URL's path: how messages name a fetched file. */
function fileNameOf(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? url;
  return path.slice(path.lastIndexOf("/") + 1) || url;
}

/**
 * Fetches one IDX asset and returns its IDX bytes, reading the body as a stream through an IdxStream: gzip
 * is recognised by its magic bytes, so the asset works whether the host sends it as data or with
 * `Content-Encoding: gzip` (the browser has then inflated it already), and a bomb stops early.
 */
export async function fetchGunzipped(url: string, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  const response = await fetchImpl(url);
  if (!response.ok || !response.body) {
    throw new Error(`could not load ${url}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const stream = new IdxStream(fileNameOf(url));
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      stream.push(value);
    }
  } finally {
    reader.releaseLock();
    await response.body.cancel().catch(() => undefined);
  }
  return stream.finish();
}

/** A picked file may be the raw IDX or its .gz (gzip magic 1f 8b): return the IDX bytes either way. */
export function idxBytesOf(buffer: ArrayBuffer, fileName: string): ArrayBuffer {
  const bytes = idxFromBytes(new Uint8Array(buffer), fileName);
  return new Uint8Array(bytes).buffer;
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
