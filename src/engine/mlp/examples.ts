/**
 * Training examples as the kernels read them. Inputs are held once, compactly, as compressed sparse rows of
 * their nonzero entries: MNIST is about 81% zero pixels, so the first layer (which dominates the work) only
 * touches the ~150 nonzero pixels of each image, and the pixels stay bytes (value × `scale` gives the
 * input, 1/255 for MNIST). Small user data sets use the same form with float values and scale 1.
 */
import { EngineError, requireAllFinite, requireRowWidth } from "../errors";

import type { FloatArray, FloatArrayConstructor } from "../float-array";

export type { FloatArray, FloatArrayConstructor };

export interface SparseRows {
  rows: number;
  columns: number;
  /** rows + 1 offsets into index/value; row r is [rowStart[r], rowStart[r + 1]). Views may start above 0. */
  rowStart: Int32Array;
  /** Column of each stored entry. */
  index: Uint16Array | Int32Array;
  /** Stored entry; the input is value × scale. */
  value: Uint8Array | Float32Array | Float64Array;
  scale: number;
}

/** One class label per row (one-hot targets, as MNIST), or a dense row of targets per row. */
export type Targets =
  | { kind: "labels"; labels: Uint8Array | Int32Array; classes: number }
  | { kind: "dense"; values: FloatArray; width: number };

export interface Examples {
  inputs: SparseRows;
  targets: Targets;
}

export function targetWidth(targets: Targets): number {
  return targets.kind === "labels" ? targets.classes : targets.width;
}

/** Rows [start, start + count) as a view: no copying, the arrays are shared. */
export function sliceExamples(examples: Examples, start: number, count: number): Examples {
  const { inputs, targets } = examples;
  if (start < 0 || count < 0 || start + count > inputs.rows) {
    throw new EngineError(`rows ${start}..${start + count} are outside 0..${inputs.rows}`);
  }
  return {
    inputs: { ...inputs, rows: count, rowStart: inputs.rowStart.subarray(start, start + count + 1) },
    targets:
      targets.kind === "labels"
        ? { ...targets, labels: targets.labels.subarray(start, start + count) }
        : {
            ...targets,
            values: targets.values.subarray(start * targets.width, (start + count) * targets.width),
          },
  };
}

/** Compresses row-major bytes (e.g. MNIST pixels) to sparse rows of their nonzero entries. */
export function sparseRowsFromBytes(
  bytes: Uint8Array,
  rows: number,
  columns: number,
  scale: number,
): SparseRows {
  let nonzero = 0;
  for (let i = 0; i < rows * columns; i++) if (bytes[i] !== 0) nonzero++;
  const rowStart = new Int32Array(rows + 1);
  const index = columns <= 65536 ? new Uint16Array(nonzero) : new Int32Array(nonzero);
  const value = new Uint8Array(nonzero);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    rowStart[r] = at;
    const base = r * columns;
    for (let c = 0; c < columns; c++) {
      const v = bytes[base + c] as number;
      if (v !== 0) {
        index[at] = c;
        value[at] = v;
        at++;
      }
    }
  }
  rowStart[rows] = at;
  return { rows, columns, rowStart, index, value, scale };
}

/**
 * Examples from sheet-style rows: X has one row of inputs per example, Y one row of targets. Values are
 * stored in `ctor` precision (Float64Array for gradient checks in cells, Float32Array for training).
 */
export function examplesFromRows(
  X: readonly (readonly number[])[],
  Y: readonly (readonly number[])[],
  ctor: FloatArrayConstructor = Float64Array,
): Examples {
  if (X.length === 0) throw new EngineError("X has no rows");
  if (Y.length !== X.length) throw new EngineError(`X has ${X.length} rows but Y has ${Y.length}`);
  const columns = (X[0] as readonly number[]).length;
  const width = (Y[0] as readonly number[]).length;
  if (columns === 0) throw new EngineError("X has no columns");
  if (width === 0) throw new EngineError("Y has no columns");
  let nonzero = 0;
  X.forEach((row, r) => {
    requireRowWidth("X", r, row, columns);
    requireAllFinite(`X row ${r + 1}`, row);
    for (const v of row) if (v !== 0) nonzero++;
  });
  const rowStart = new Int32Array(X.length + 1);
  const index = columns <= 65536 ? new Uint16Array(nonzero) : new Int32Array(nonzero);
  const value = new ctor(nonzero);
  const targets = new ctor(X.length * width);
  let at = 0;
  X.forEach((row, r) => {
    rowStart[r] = at;
    row.forEach((v, c) => {
      if (v !== 0) {
        index[at] = c;
        value[at] = v;
        at++;
      }
    });
    const y = Y[r] as readonly number[];
    requireRowWidth("Y", r, y, width);
    requireAllFinite(`Y row ${r + 1}`, y);
    targets.set(y, r * width);
  });
  rowStart[X.length] = at;
  return {
    inputs: { rows: X.length, columns, rowStart, index, value, scale: 1 },
    targets: { kind: "dense", values: targets, width },
  };
}
