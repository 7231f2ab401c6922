import { describe, expect, test } from "@jest/globals";
import { constants, createGzip, gzipSync } from "node:zlib";
import { EngineError } from "../../../src/engine/errors";
import { IDX_MAX_BYTES, IdxStream, idxFromBytes, isGzip } from "../../../src/engine/mnist";

/* global Buffer */

/** Big-endian 32-bit words. */
function words(...values: number[]): number[] {
  return values.flatMap((v) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
}

/** A label file: magic 2049, count, then labels 0..9 repeating. */
function labelFile(count: number): Uint8Array {
  return Uint8Array.from([...words(2049, count), ...Array.from({ length: count }, (_v, i) => i % 10)]);
}

/** An image file: magic 2051, count, rows, columns, then pixels i mod 251. */
function imageFile(count: number, rows: number, columns: number): Uint8Array {
  const body = Array.from({ length: count * rows * columns }, (_v, i) => i % 251);
  return Uint8Array.from([...words(2051, count, rows, columns), ...body]);
}

/** Feeds `bytes` in `size`-byte chunks; returns the result and how many bytes were pushed before it ended. */
function feed(
  bytes: Uint8Array,
  size: number,
  name = "f.gz",
): { result?: Uint8Array; error?: Error; pushed: number } {
  const stream = new IdxStream(name);
  let pushed = 0;
  try {
    for (let at = 0; at < bytes.length; at += size) {
      const chunk = bytes.subarray(at, at + size);
      pushed += chunk.length;
      stream.push(chunk);
    }
    return { result: stream.finish(), pushed };
  } catch (error) {
    return { error: error as Error, pushed };
  }
}

/**
 * A gzip bomb as the probe built it: `prefix` followed by `zeros` zero bytes, compressed at level 9 in
 * 1 MiB pieces (never holding the inflated size in memory). 256 MiB of zeros compress to about 255 KB.
 */
function bomb(prefix: Uint8Array, zeros: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({ level: constants.Z_BEST_COMPRESSION });
    const parts: Buffer[] = [];
    gzip.on("data", (c: Buffer) => parts.push(c));
    gzip.on("end", () => resolve(new Uint8Array(Buffer.concat(parts))));
    gzip.on("error", reject);
    gzip.write(prefix);
    const piece = Buffer.alloc(1024 * 1024);
    let left = zeros;
    const more = (): void => {
      while (left > 0) {
        const n = Math.min(left, piece.length);
        left -= n;
        if (!gzip.write(piece.subarray(0, n))) {
          gzip.once("drain", more);
          return;
        }
      }
      gzip.end();
    };
    more();
  });
}

const MIB = 1024 * 1024;

describe("IdxStream: plain and gzip, whatever the chunking", () => {
  const images = imageFile(3, 4, 5);
  const labels = labelFile(300);

  test.each([1, 2, 3, 7, 64, 100000])("plain IDX in %i-byte chunks comes back byte for byte", (size) => {
    expect(feed(images, size).result).toEqual(images);
    expect(feed(labels, size).result).toEqual(labels);
  });

  test.each([1, 2, 5, 13, 100000])("gzip IDX in %i-byte chunks inflates to the original", (size) => {
    expect(feed(new Uint8Array(gzipSync(images)), size).result).toEqual(images);
    expect(feed(new Uint8Array(gzipSync(labels)), size).result).toEqual(labels);
  });

  test("gzip is recognised by its magic bytes 1f 8b", () => {
    expect(isGzip(Uint8Array.of(0x1f, 0x8b, 8))).toBe(true);
    expect(isGzip(Uint8Array.of(0, 0, 8, 1))).toBe(false);
    expect(isGzip(Uint8Array.of(0x1f))).toBe(false);
  });
});

describe("IdxStream: hostile files get a message naming the file", () => {
  test("a file that is not IDX (plain or inflated) is refused at its first four bytes", () => {
    const text = new TextEncoder().encode("<html>not found</html>");
    expect(() => idxFromBytes(text, "train-images-idx3-ubyte")).toThrow(
      new EngineError(
        "train-images-idx3-ubyte: not an IDX file (magic number 1013478509, expected 2049 for labels or 2051 for images)",
      ),
    );
  });

  test("a truncated gzip names the file", () => {
    const zipped = new Uint8Array(gzipSync(imageFile(10, 8, 8)));
    expect(() => idxFromBytes(zipped.subarray(0, zipped.length >> 1), "t10k-images-idx3-ubyte.gz")).toThrow(
      new EngineError("t10k-images-idx3-ubyte.gz: corrupt or truncated gzip data (unexpected EOF)"),
    );
  });

  test("a corrupt gzip names the file", () => {
    expect(() => idxFromBytes(Uint8Array.of(0x1f, 0x8b, 1, 2, 3), "x.gz")).toThrow(
      new EngineError("x.gz: corrupt or truncated gzip data (invalid gzip data)"),
    );
  });

  test("a gzip that ends inside the IDX header names the file", () => {
    const zipped = new Uint8Array(gzipSync(labelFile(3)));
    expect(() => idxFromBytes(zipped.subarray(0, 5), "y.gz")).toThrow(
      new EngineError("y.gz: too short for an IDX header (0 bytes of IDX data)"),
    );
    expect(() => idxFromBytes(Uint8Array.of(0, 0, 8, 1, 0), "y")).toThrow(
      new EngineError("y: too short for an IDX header (5 bytes of IDX data)"),
    );
    expect(() => idxFromBytes(Uint8Array.of(0), "z")).toThrow(
      new EngineError("z: too short for an IDX header (1 bytes of IDX data)"),
    );
  });

  test("fewer bytes than the header declares: truncated, with both sizes", () => {
    // 16 + 10 × 8 × 8 = 656 bytes declared.
    const file = imageFile(10, 8, 8).subarray(0, 600);
    expect(() => idxFromBytes(file, "a")).toThrow(
      new EngineError("a: truncated: its IDX header declares 656 bytes, the file holds 600"),
    );
    expect(() => idxFromBytes(new Uint8Array(gzipSync(file)), "a.gz")).toThrow(
      new EngineError("a.gz: truncated: its IDX header declares 656 bytes, the file holds 600"),
    );
  });

  test("more bytes than the header declares are refused as soon as they arrive", () => {
    const file = Uint8Array.from([...labelFile(3), 9]);
    expect(() => idxFromBytes(file, "b")).toThrow(
      new EngineError("b: more data than its IDX header declares (11 bytes)"),
    );
  });

  test("a header declaring more than 64 MiB is refused before anything is allocated", () => {
    // 2^32 − 1 images of 28 × 28: 16 + 4294967295 × 784 bytes.
    const header = Uint8Array.from(words(2051, 0xffffffff, 28, 28));
    const declared = 16 + 4294967295 * 784;
    expect(IDX_MAX_BYTES).toBe(67108864);
    expect(() => idxFromBytes(header, "c")).toThrow(
      new EngineError(`c: its IDX header declares ${declared} bytes, more than the limit of 67108864`),
    );
  });

  test("a push after finish is refused", () => {
    const stream = new IdxStream("d");
    stream.push(labelFile(1));
    stream.finish();
    expect(() => stream.push(Uint8Array.of(1))).toThrow(new EngineError("d: read after the end"));
  });
});

describe("IdxStream: gzip bombs stop after reading little", () => {
  test("256 MiB of zeros in ~255 KB: refused at the header after the first 64 KiB read", async () => {
    const zipped = await bomb(new Uint8Array(0), 256 * MIB);
    expect(zipped.length).toBeLessThan(300 * 1024);
    expect(zipped.length).toBeGreaterThan(200 * 1024);
    const run = feed(zipped, 64 * 1024, "bomb.gz");
    expect(run.error).toEqual(
      new EngineError(
        "bomb.gz: not an IDX file (magic number 0, expected 2049 for labels or 2051 for images)",
      ),
    );
    expect(run.pushed).toBe(64 * 1024);
  });

  test("a valid 3-label header then 256 MiB: refused at the first surplus, after the first 64 KiB read", async () => {
    const zipped = await bomb(labelFile(3), 256 * MIB);
    const run = feed(zipped, 64 * 1024, "labels-bomb.gz");
    expect(run.error).toEqual(
      new EngineError("labels-bomb.gz: more data than its IDX header declares (11 bytes)"),
    );
    expect(run.pushed).toBe(64 * 1024);
  });

  test("the whole bomb in one buffer (a picked file) is also refused in its first piece", async () => {
    const zipped = await bomb(Uint8Array.from(words(2051, 0x10000, 64, 64)), 256 * MIB);
    // 16 + 65536 × 64 × 64 = 268435472 > 64 MiB: refused from the header alone.
    expect(() => idxFromBytes(zipped, "images-bomb.gz")).toThrow(
      new EngineError(
        "images-bomb.gz: its IDX header declares 268435472 bytes, more than the limit of 67108864",
      ),
    );
  });
});
