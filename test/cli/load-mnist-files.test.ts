import { describe, expect, test } from "@jest/globals";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { EngineError } from "../../src/engine/errors";
import { loadMnistDirectory, readIdxFile } from "../../src/cli/load-mnist";

// The CLI reads IDX files piece by piece (64 KiB reads through an IdxStream): corrupt, truncated and bomb
// files are refused with the file's name, never with zlib's bare "incorrect header check".
const LABELS = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]);

function directoryWith(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "mnist-cli-"));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

describe("readIdxFile", () => {
  test("reads a plain and a gzipped IDX file to the same bytes", () => {
    const dir = directoryWith({ plain: LABELS, "zipped.gz": gzipSync(LABELS) });
    expect([...readIdxFile(join(dir, "plain"))]).toEqual([...LABELS]);
    expect([...readIdxFile(join(dir, "zipped.gz"))]).toEqual([...LABELS]);
  });

  test("a gzip-named file that is plain IDX is read by its magic bytes", () => {
    const dir = directoryWith({ "mislabelled.gz": LABELS });
    expect([...readIdxFile(join(dir, "mislabelled.gz"))]).toEqual([...LABELS]);
  });

  test("a truncated .gz names the file", () => {
    const zipped = gzipSync(Uint8Array.from({ length: 5000 }, (_v, i) => (i < 8 ? LABELS[i]! : i % 10)));
    const dir = directoryWith({ "train-images-idx3-ubyte.gz": zipped.subarray(0, zipped.length >> 1) });
    expect(() => loadMnistDirectory(dir)).toThrow(
      new EngineError("train-images-idx3-ubyte.gz: corrupt or truncated gzip data (unexpected EOF)"),
    );
  });

  test("a corrupt .gz names the file", () => {
    const zipped = Uint8Array.from(gzipSync(Uint8Array.from({ length: 5000 }, (_v, i) => i % 7)));
    for (let i = 12; i < 40; i++) zipped[i] = (zipped[i] as number) ^ 0xff;
    const dir = directoryWith({ "train-images-idx3-ubyte.gz": zipped });
    expect(() => loadMnistDirectory(dir)).toThrow(
      new EngineError("train-images-idx3-ubyte.gz: corrupt or truncated gzip data (invalid length/literal)"),
    );
  });

  test("a text file in place of the IDX names the file", () => {
    const dir = directoryWith({
      "train-images-idx3-ubyte": new TextEncoder().encode("version https://git-lfs"),
    });
    expect(() => loadMnistDirectory(dir)).toThrow(
      new EngineError(
        "train-images-idx3-ubyte: not an IDX file (magic number 1986359923, expected 2049 for labels or 2051 for images)",
      ),
    );
  });
});
