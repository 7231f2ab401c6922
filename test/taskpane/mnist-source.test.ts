import { expect, test } from "@jest/globals";
/* global Request, Response, URL, fetch */
import { gzipSync } from "node:zlib";
import { bundledMnistUrl, fetchGunzipped, idxBytesOf, readMnistFiles } from "../../src/worker/mnist-source";

// Node 20 has fetch's Response, Blob and DecompressionStream, as browsers and workers do.
const IDX_LABELS = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]); // magic 2049, 3 labels: 7 2 1

/** A standalone ArrayBuffer copy of gzip's output (a Node Buffer may sit inside a shared pool). */
function gzip(bytes: Uint8Array): ArrayBuffer {
  const zipped = gzipSync(bytes);
  return new Uint8Array(zipped).buffer;
}

function fakeFetch(files: Record<string, ArrayBuffer>): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    const body = files[url];
    return body ? new Response(body) : new Response("missing", { status: 404, statusText: "Not Found" });
  }) as typeof fetch;
}

test("asset URLs are <base>/<IDX name>.gz", () => {
  expect(bundledMnistUrl("http://localhost:3000/assets/mnist", "testLabels")).toBe(
    "http://localhost:3000/assets/mnist/t10k-labels-idx1-ubyte.gz",
  );
});

test("a .gz asset is fetched and decompressed to the original bytes", async () => {
  const url = "http://h/assets/mnist/t10k-labels-idx1-ubyte.gz";
  const bytes = await fetchGunzipped(url, fakeFetch({ [url]: gzip(IDX_LABELS) }));
  expect([...bytes]).toEqual([...IDX_LABELS]);
});

test("a missing asset names the URL and the HTTP status", async () => {
  await expect(fetchGunzipped("http://h/x.gz", fakeFetch({}))).rejects.toThrow(
    "could not load http://h/x.gz: HTTP 404 Not Found",
  );
});

test("picked files may be raw IDX or gzip: both give the IDX bytes", () => {
  const raw = IDX_LABELS.slice().buffer;
  expect(new Uint8Array(idxBytesOf(raw, "labels"))).toEqual(IDX_LABELS);
  expect(new Uint8Array(idxBytesOf(gzip(IDX_LABELS), "labels.gz"))).toEqual(IDX_LABELS);
});

test("a picked corrupt .gz names the file", () => {
  const zipped = new Uint8Array(gzip(IDX_LABELS));
  expect(() => idxBytesOf(zipped.slice(0, 20).buffer, "my-labels.gz")).toThrow(
    "my-labels.gz: corrupt or truncated gzip data (unexpected EOF)",
  );
});

test("the four bundled files are read under their IDX names", async () => {
  const base = "http://h/m/";
  const names = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
  ];
  // Four label files of one label each: 0, 1, 2, 3.
  const files = Object.fromEntries(
    names.map((n, i) => [`${base}${n}.gz`, gzip(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 1, i))]),
  );
  const read = await readMnistFiles({ kind: "bundled", baseUrl: base }, fakeFetch(files));
  expect(
    [
      ...read.bytes.trainImages,
      ...read.bytes.trainLabels,
      ...read.bytes.testImages,
      ...read.bytes.testLabels,
    ].filter((_v, i) => i % 9 === 8),
  ).toEqual([0, 1, 2, 3]);
  expect(read.names.testLabels).toBe("t10k-labels-idx1-ubyte");
});

test("a directory path is refused in the browser", async () => {
  await expect(readMnistFiles({ kind: "path", directory: "/data" })).rejects.toThrow(
    "a directory path is a CLI data source; in the browser use the bundled data or pick files",
  );
});
