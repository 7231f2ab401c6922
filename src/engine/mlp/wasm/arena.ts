/**
 * A WebAssembly memory holding everything the first layer's WASM kernels read and write: parameters,
 * gradients, the batch order, the first layer's activations and deltas, and copies of the sparse inputs.
 * JavaScript sees the same bytes through typed-array views, so the optimizer kernels, the dense layers and
 * the evaluation code run unchanged on them. The memory is sized once (growing it would detach the views).
 *
 * Parameters in an arena hold the first layer's W TRANSPOSED (inputs × units) — the "kernel layout" — so
 * the SIMD kernels add contiguous rows. Every optimizer in the registry is elementwise, so it is indifferent
 * to the order; the training loop converts with toKernelLayout / fromKernelLayout at the edges.
 */
import type { FloatArray, SparseRows } from "../examples";
import { SPARSE_WASM_BASE64 } from "./sparse-wasm";

/** The first layer's kernels, over sparse inputs; see sparseAffine/sparseBackward in ../kernels.ts. */
export interface SparseLayerKernel {
  forward(
    params: FloatArray,
    weightOffset: number,
    biasOffset: number,
    units: number,
    inputs: SparseRows,
    order: Int32Array,
    start: number,
    count: number,
    out: FloatArray,
  ): void;
  backward(
    grads: FloatArray,
    weightOffset: number,
    biasOffset: number,
    units: number,
    inputs: SparseRows,
    order: Int32Array,
    start: number,
    delta: FloatArray,
    count: number,
  ): void;
}

/** A dense layer (every layer after the first), documented layout; see denseAffine/denseBackward. */
export interface DenseLayerKernel {
  forward(
    params: FloatArray,
    weightOffset: number,
    biasOffset: number,
    inputs: number,
    units: number,
    input: FloatArray,
    count: number,
    out: FloatArray,
  ): void;
  backward(
    params: FloatArray,
    grads: FloatArray,
    weightOffset: number,
    biasOffset: number,
    inputs: number,
    units: number,
    input: FloatArray,
    delta: FloatArray,
    deltaPrev: FloatArray,
    count: number,
  ): void;
}

export interface WasmArena {
  floats(n: number): Float32Array;
  ints(n: number): Int32Array;
  /**
   * The rows with rowStart/index/value copied into the arena (shared index/value arrays copied once).
   * Byte values with 16-bit column indices only (see canUseArena).
   */
  sparse(rows: SparseRows): SparseRows;
  /** WASM SIMD kernels over arena-resident arrays, with the first layer's W in the kernel layout. */
  kernel(): SparseLayerKernel;
  /** WASM dense-layer kernels over arena-resident float32 arrays. */
  dense(): DenseLayerKernel;
  /**
   * Plain SGD's update (p ← p − lr·g, in float64 rounded once to float32, bit for bit the engine's SGD
   * kernel with momentum 0 and weight_decay 0) for arena-resident float32 arrays; others go to `fallback`.
   */
  sgd(fallback: UpdateStep): UpdateStep;
  /** values[from..to) ← values·factor, in float64 rounded once (network2.py's weight decay). */
  scale(values: FloatArray, from: number, to: number, factor: number): void;
}

export interface UpdateStep {
  step(params: FloatArray, grads: FloatArray, lr: number): void;
}

/** Bytes these sparse row sets take in an arena (with alignment slack); shared index/value arrays count once. */
export function sparseBytes(sets: readonly SparseRows[]): number {
  const shared = new Map<unknown, number>();
  let bytes = 0;
  for (const rows of sets) {
    bytes += 4 * (rows.rows + 1) + 16;
    shared.set(rows.index, 2 * rows.index.length + rows.value.length + 32);
  }
  for (const size of shared.values()) bytes += size;
  return bytes;
}

const PAGE = 65536;

/** The WASM kernels read byte values (e.g. MNIST pixels) with 16-bit column indices. */
export function canUseArena(rows: SparseRows): boolean {
  return rows.index instanceof Uint16Array && rows.value instanceof Uint8Array;
}

/** W (units × inputs, row-major) at `offset` → Wᵀ (inputs × units) in place, for arena parameters. */
export function toKernelLayout(values: FloatArray, offset: number, inputs: number, units: number): void {
  const w = values.slice(offset, offset + inputs * units);
  for (let j = 0; j < units; j++) {
    for (let k = 0; k < inputs; k++) values[offset + k * units + j] = w[j * inputs + k] as number;
  }
}

/** Wᵀ (inputs × units) at `offset` → W (units × inputs, the documented layout) in place. */
export function fromKernelLayout(values: FloatArray, offset: number, inputs: number, units: number): void {
  const wt = values.slice(offset, offset + inputs * units);
  for (let j = 0; j < units; j++) {
    for (let k = 0; k < inputs; k++) values[offset + j * inputs + k] = wt[k * units + j] as number;
  }
}

type SparseExports = {
  sparse_forward_t: (...args: number[]) => void;
  sparse_backward_t: (...args: number[]) => void;
  sparse_forward_t32: (...args: number[]) => void;
  sparse_backward_t32: (...args: number[]) => void;
  dense_forward: (...args: number[]) => void;
  dense_backward: (...args: number[]) => void;
  sgd_step: (params: number, grads: number, n: number, lr: number) => void;
  scale_floats: (values: number, n: number, factor: number) => void;
};

/** 25..32 units (network.py's 30) use the kernels that keep a row in eight SIMD registers (sparse.wat). */
const rowFitsInRegisters = (units: number): boolean => units > 24 && units <= 32;

type CompiledModule = InstanceType<typeof globalThis.WebAssembly.Module>;

let compiled: CompiledModule | null | undefined;

function sparseModule(): CompiledModule | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = globalThis.atob(SPARSE_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new globalThis.WebAssembly.Module(bytes);
  } catch {
    compiled = null; // no WebAssembly (or no SIMD) here: the JavaScript kernels run instead
  }
  return compiled;
}

/** An arena of `bytes` bytes, or null where WebAssembly with SIMD is unavailable. */
export function createWasmArena(bytes: number): WasmArena | null {
  if (typeof globalThis.WebAssembly !== "object") return null;
  const module = sparseModule();
  if (!module) return null;
  const memory = new globalThis.WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) + 1 });
  const exports = new globalThis.WebAssembly.Instance(module, { env: { memory } }).exports as SparseExports;
  const buffer = memory.buffer;
  let next = 16; // address 0 stays unused
  const take = (size: number): number => {
    const at = next;
    next = (next + size + 15) & ~15;
    if (next > buffer.byteLength)
      throw new Error(`WASM arena too small: need more than ${buffer.byteLength} bytes`);
    return at;
  };
  // 32 floats where the 25-32-unit forward kernel spills its eight accumulators.
  const scratch = take(128);
  const copies = new Map<unknown, { index: Uint16Array; value: Uint8Array }>();
  const inside = (array: ArrayBufferView): boolean => array.buffer === buffer;

  return {
    // 8 floats of slack after each: the 25-32-unit kernels read whole 32-float rows.
    floats: (n) => new Float32Array(buffer, take(4 * n + 32), n),
    ints: (n) => new Int32Array(buffer, take(4 * n), n),
    sparse(rows) {
      if (!canUseArena(rows)) throw new Error("WASM arena: inputs must be bytes with 16-bit column indices");
      let copy = copies.get(rows.index);
      if (!copy) {
        const index = new Uint16Array(buffer, take(2 * rows.index.length), rows.index.length);
        index.set(rows.index);
        const value = new Uint8Array(buffer, take(rows.value.length), rows.value.length);
        value.set(rows.value);
        copy = { index, value };
        copies.set(rows.index, copy);
      }
      const rowStart = new Int32Array(buffer, take(4 * rows.rowStart.length), rows.rowStart.length);
      rowStart.set(rows.rowStart);
      return { ...rows, rowStart, index: copy.index, value: copy.value };
    },
    sgd(fallback) {
      return {
        step(params, grads, lr) {
          if (
            params instanceof Float32Array &&
            grads instanceof Float32Array &&
            inside(params) &&
            inside(grads)
          ) {
            if (grads.length !== params.length)
              fallback.step(params, grads, lr); // the fallback's message
            else exports.sgd_step(params.byteOffset, grads.byteOffset, params.length, lr);
          } else {
            fallback.step(params, grads, lr);
          }
        },
      };
    },
    scale(values, from, to, factor) {
      if (values instanceof Float32Array && inside(values)) {
        exports.scale_floats(values.byteOffset + 4 * from, to - from, factor);
      } else {
        for (let i = from; i < to; i++) values[i] = (values[i] as number) * factor;
      }
    },
    dense() {
      const check = (...arrays: FloatArray[]): void => {
        if (!arrays.every((a) => a instanceof Float32Array && inside(a))) {
          throw new Error("WASM kernel called with arrays outside its arena");
        }
      };
      return {
        forward(params, weightOffset, biasOffset, inputs, units, input, count, out) {
          check(params, input, out);
          exports.dense_forward(
            params.byteOffset + 4 * weightOffset,
            params.byteOffset + 4 * biasOffset,
            inputs,
            units,
            input.byteOffset,
            count,
            out.byteOffset,
          );
        },
        backward(params, grads, weightOffset, biasOffset, inputs, units, input, delta, deltaPrev, count) {
          check(params, grads, input, delta, deltaPrev);
          exports.dense_backward(
            params.byteOffset + 4 * weightOffset,
            grads.byteOffset + 4 * weightOffset,
            grads.byteOffset + 4 * biasOffset,
            inputs,
            units,
            input.byteOffset,
            delta.byteOffset,
            deltaPrev.byteOffset,
            count,
          );
        },
      };
    },
    kernel() {
      const check = (inputs: SparseRows, order: Int32Array, a: FloatArray, b: FloatArray): void => {
        const ok =
          a instanceof Float32Array &&
          b instanceof Float32Array &&
          canUseArena(inputs) &&
          inside(a) &&
          inside(b) &&
          inside(order) &&
          inside(inputs.rowStart) &&
          inside(inputs.index) &&
          inside(inputs.value);
        // Not an input error: the training loop places everything; a miss would read the wrong layout.
        if (!ok) throw new Error("WASM kernel called with arrays outside its arena");
      };
      return {
        forward(params, weightOffset, biasOffset, units, inputs, order, start, count, out) {
          check(inputs, order, params, out);
          const forward = rowFitsInRegisters(units) ? exports.sparse_forward_t32 : exports.sparse_forward_t;
          forward(
            params.byteOffset + 4 * weightOffset,
            params.byteOffset + 4 * biasOffset,
            units,
            inputs.rowStart.byteOffset,
            inputs.index.byteOffset,
            inputs.value.byteOffset,
            order.byteOffset,
            start,
            count,
            out.byteOffset,
            inputs.scale,
            scratch,
          );
        },
        backward(grads, weightOffset, biasOffset, units, inputs, order, start, delta, count) {
          check(inputs, order, grads, delta);
          const backward = rowFitsInRegisters(units)
            ? exports.sparse_backward_t32
            : exports.sparse_backward_t;
          backward(
            grads.byteOffset + 4 * weightOffset,
            grads.byteOffset + 4 * biasOffset,
            units,
            inputs.rowStart.byteOffset,
            inputs.index.byteOffset,
            inputs.value.byteOffset,
            order.byteOffset,
            start,
            count,
            delta.byteOffset,
            inputs.scale,
          );
        },
      };
    },
  };
}
