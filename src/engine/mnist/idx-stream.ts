/**
 * Reads one IDX file from chunks as they arrive (a file read piece by piece, a fetch body), plain or gzip:
 * gzip is recognised by its magic bytes (1f 8b), never by a label such as Content-Encoding, so a host that
 * inflates the file on the way still works. The IDX header is checked as soon as its bytes exist, and the
 * output is held to the size the header declares: a gzip bomb (a small .gz that inflates to gigabytes) is
 * refused after its first piece, not after inflating it all.
 */
import { Gunzip } from "fflate";
import { EngineError } from "../errors";
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readUint32 } from "./idx";

/**
 * The largest IDX file accepted: 64 MiB. MNIST's (and Fashion-MNIST's) training images are 47,040,016
 * bytes; a header declaring more is refused before anything is allocated.
 */
export const IDX_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Compressed input is inflated at most this many bytes at a time. Deflate expands at most 1032:1, so one
 * piece never inflates past ~16.5 MB before the size checks see it.
 */
export const INFLATE_PIECE_BYTES = 16 * 1024;

/** IDX type byte 0x08: unsigned bytes, the only type MNIST uses. */
const IDX_UNSIGNED_BYTE = 0x08;
const MAX_DIMENSIONS = 4;

/** True when the bytes start like a gzip member (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export class IdxStream {
  /** Undefined until the first two bytes decide; then a gunzip for .gz input, or null for plain IDX. */
  private gunzip: Gunzip | null | undefined;
  private head: Uint8Array = new Uint8Array(0);
  private out: Uint8Array | undefined;
  private size = 0;
  private finished = false;

  constructor(
    private readonly fileName: string,
    private readonly limitBytes: number = IDX_MAX_BYTES,
  ) {}

  /** Adds the next bytes of the file. Throws an EngineError naming the file as soon as it is wrong. */
  push(chunk: Uint8Array): void {
    if (this.finished) throw new EngineError(`${this.fileName}: read after the end`);
    if (this.gunzip === undefined) {
      const start = concat(this.head, chunk);
      if (start.length < 2) {
        this.head = start;
        return;
      }
      this.head = new Uint8Array(0);
      this.gunzip = isGzip(start) ? new Gunzip((data) => this.accept(data)) : null;
      chunk = start;
    }
    if (this.gunzip === null) {
      this.accept(chunk);
      return;
    }
    for (let at = 0; at < chunk.length; at += INFLATE_PIECE_BYTES) {
      this.inflate(chunk.subarray(at, at + INFLATE_PIECE_BYTES), false);
    }
  }

  /** The whole IDX file once the input has ended; throws when it is truncated, corrupt or not IDX. */
  finish(): Uint8Array {
    if (this.finished) throw new EngineError(`${this.fileName}: read after the end`);
    if (this.gunzip === undefined) {
      this.gunzip = null;
      const start = this.head;
      this.head = new Uint8Array(0);
      this.accept(start);
    } else if (this.gunzip !== null) this.inflate(new Uint8Array(0), true);
    this.finished = true;
    if (this.out === undefined) {
      throw new EngineError(
        `${this.fileName}: too short for an IDX header (${this.head.length} bytes of IDX data)`,
      );
    }
    if (this.size < this.out.length) {
      throw new EngineError(
        `${this.fileName}: truncated: its IDX header declares ${this.out.length} bytes, the file holds ${this.size}`,
      );
    }
    return this.out;
  }

  private inflate(piece: Uint8Array, final: boolean): void {
    try {
      (this.gunzip as Gunzip).push(piece, final);
    } catch (error) {
      if (error instanceof EngineError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new EngineError(`${this.fileName}: corrupt or truncated gzip data (${reason})`);
    }
  }

  private accept(data: Uint8Array): void {
    if (this.out === undefined) {
      this.head = concat(this.head, data);
      const headerBytes = this.headerBytes(this.head);
      if (headerBytes === undefined || this.head.length < headerBytes) return;
      this.out = new Uint8Array(this.declaredBytes(this.head, headerBytes));
      data = this.head;
      this.head = new Uint8Array(0);
    }
    if (this.size + data.length > this.out.length) {
      throw new EngineError(
        `${this.fileName}: more data than its IDX header declares (${this.out.length} bytes)`,
      );
    }
    this.out.set(data, this.size);
    this.size += data.length;
  }

  /** The header's length from its magic number (4 bytes, then 4 per dimension); undefined until known. */
  private headerBytes(head: Uint8Array): number | undefined {
    if (head.length < 4) return undefined;
    const dimensions = head[3] as number;
    if (
      head[0] !== 0 ||
      head[1] !== 0 ||
      head[2] !== IDX_UNSIGNED_BYTE ||
      dimensions < 1 ||
      dimensions > MAX_DIMENSIONS
    ) {
      throw new EngineError(
        `${this.fileName}: not an IDX file (magic number ${readUint32(head, 0)}, expected ${IDX_LABELS_MAGIC} for labels or ${IDX_IMAGES_MAGIC} for images)`,
      );
    }
    return 4 + 4 * dimensions;
  }

  /** The file's total size as its header declares it, checked against the limit. */
  private declaredBytes(header: Uint8Array, headerBytes: number): number {
    let total = 1;
    for (let at = 4; at < headerBytes; at += 4) total *= readUint32(header, at);
    total += headerBytes;
    if (total > this.limitBytes) {
      throw new EngineError(
        `${this.fileName}: its IDX header declares ${total} bytes, more than the limit of ${this.limitBytes}`,
      );
    }
    return total;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Reads a whole IDX file (plain or gzip) that is already in memory, with the same checks as a stream. */
export function idxFromBytes(bytes: Uint8Array, fileName: string): Uint8Array {
  const stream = new IdxStream(fileName);
  stream.push(bytes);
  return stream.finish();
}
