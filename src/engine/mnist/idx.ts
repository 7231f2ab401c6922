/**
 * The IDX format of the MNIST files (yann.lecun.com/exdb/mnist): a big-endian header — magic number,
 * then one 32-bit size per dimension — followed by unsigned bytes. Every size is checked against the
 * bytes actually present, so a truncated or wrong file is an error naming the file, never garbage.
 */
import { EngineError } from "../errors";

/** 0x00000803: unsigned bytes, 3 dimensions (count, rows, columns). */
export const IDX_IMAGES_MAGIC = 2051;
/** 0x00000801: unsigned bytes, 1 dimension (count). */
export const IDX_LABELS_MAGIC = 2049;

export interface IdxImages {
  count: number;
  rows: number;
  columns: number;
  /** count × rows × columns bytes, row-major, 0 = background. */
  pixels: Uint8Array;
}

const IMAGE_HEADER_BYTES = 16;
const LABEL_HEADER_BYTES = 8;

export function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number)) >>>
    0
  );
}

function checkMagic(
  bytes: Uint8Array,
  fileName: string,
  expected: number,
  kind: string,
  headerBytes: number,
): void {
  if (bytes.length < headerBytes) {
    throw new EngineError(
      `${fileName}: expected at least ${headerBytes} bytes for an IDX ${kind} header, got ${bytes.length}`,
    );
  }
  const magic = readUint32(bytes, 0);
  if (magic !== expected) {
    throw new EngineError(
      `${fileName}: not an IDX ${kind} file (magic number ${magic}, expected ${expected})`,
    );
  }
}

export function parseIdxImages(bytes: Uint8Array, fileName: string): IdxImages {
  checkMagic(bytes, fileName, IDX_IMAGES_MAGIC, "image", IMAGE_HEADER_BYTES);
  const count = readUint32(bytes, 4);
  const rows = readUint32(bytes, 8);
  const columns = readUint32(bytes, 12);
  if (rows === 0 || columns === 0) {
    throw new EngineError(`${fileName}: images of ${rows}x${columns} pixels are empty`);
  }
  const expected = IMAGE_HEADER_BYTES + count * rows * columns;
  if (bytes.length !== expected) {
    throw new EngineError(
      `${fileName}: expected ${expected} bytes for ${count} images of ${rows}x${columns}, got ${bytes.length}`,
    );
  }
  return { count, rows, columns, pixels: bytes.subarray(IMAGE_HEADER_BYTES) };
}

/** Labels must be digits 0..classes-1 (10 for MNIST). */
export function parseIdxLabels(bytes: Uint8Array, fileName: string, classes = 10): Uint8Array {
  checkMagic(bytes, fileName, IDX_LABELS_MAGIC, "label", LABEL_HEADER_BYTES);
  const count = readUint32(bytes, 4);
  const expected = LABEL_HEADER_BYTES + count;
  if (bytes.length !== expected) {
    throw new EngineError(`${fileName}: expected ${expected} bytes for ${count} labels, got ${bytes.length}`);
  }
  const labels = bytes.subarray(LABEL_HEADER_BYTES);
  for (let i = 0; i < count; i++) {
    const label = labels[i] as number;
    if (label >= classes) {
      throw new EngineError(`${fileName}: label ${label} at index ${i} is not a class 0-${classes - 1}`);
    }
  }
  return labels;
}
