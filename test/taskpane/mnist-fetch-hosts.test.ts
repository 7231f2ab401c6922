import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { fetchGunzipped } from "../../src/worker/mnist-source";

/* global fetch */

// fetchGunzipped against real HTTP through Node's fetch (which, like a browser, inflates a body sent with
// Content-Encoding: gzip before the page sees it): the asset works behind any host.
const LABELS = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 4, 3, 1, 4, 1]); // magic 2049, 4 labels: 3 1 4 1
const ZIPPED = gzipSync(LABELS);
// A gzip of a valid 1-label header followed by 32 MiB of zeros (about 32 KB compressed).
const BOMB = gzipSync(
  Buffer.concat([Buffer.from([0, 0, 8, 1, 0, 0, 0, 1, 5]), Buffer.alloc(32 * 1024 * 1024)]),
  {
    level: 9,
  },
);

/* global Buffer */

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/as-data.gz") {
      response.writeHead(200, { "Content-Type": "application/gzip" }).end(ZIPPED);
    } else if (request.url === "/content-encoded.gz") {
      // A host that labels the .gz as gzip-encoded: the client inflates it and sees the raw IDX.
      response.writeHead(200, { "Content-Type": "application/gzip", "Content-Encoding": "gzip" }).end(ZIPPED);
    } else if (request.url === "/double.gz") {
      // Compressed twice (a host that gzips an already-gzipped file): after the client's inflate, still gzip.
      response.writeHead(200, { "Content-Encoding": "gzip" }).end(gzipSync(ZIPPED));
    } else if (request.url?.startsWith("/bomb.gz")) {
      response.writeHead(200, { "Content-Type": "application/gzip" });
      response.end(BOMB);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchGunzipped behind real hosts", () => {
  test("a .gz served as data is inflated by the worker", async () => {
    expect([...(await fetchGunzipped(`${base}/as-data.gz`, fetch))]).toEqual([...LABELS]);
  });

  test("a .gz served with Content-Encoding: gzip still works (gzip detected by magic bytes)", async () => {
    expect([...(await fetchGunzipped(`${base}/content-encoded.gz`, fetch))]).toEqual([...LABELS]);
  });

  test("a .gz gzipped again by the host still works", async () => {
    expect([...(await fetchGunzipped(`${base}/double.gz`, fetch))]).toEqual([...LABELS]);
  });

  test("a streamed bomb is refused with the file's name (query string left out)", async () => {
    await expect(fetchGunzipped(`${base}/bomb.gz?x=1`, fetch)).rejects.toThrow(
      "bomb.gz: more data than its IDX header declares (9 bytes)",
    );
  });
});
