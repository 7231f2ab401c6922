/**
 * A WebAssembly memory holding everything the first layer's WASM kernels read and write: parameters,
 * gradients, the batch order, the first layer's activations and deltas, and copies of the sparse inputs.
 * JavaScript sees the same bytes through typed-array views, so the optimizer kernels, the dense layers and
 * the evaluation code run unchanged on them. The memory is sized once (growing it would detach the views).
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

export interface WasmArena {
  floats(n: number): Float32Array;
  ints(n: number): Int32Array;
  /** The rows with rowStart/index/value copied into the arena (shared index/value arrays copied once). */
  sparse(rows: SparseRows): SparseRows;
  /** WASM kernels for arena-resident byte-valued inputs and float32 arrays; anything else goes to `fallback`. */
  kernel(fallback: SparseLayerKernel): SparseLayerKernel;
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

type SparseExports = {
  sparse_forward: (...args: number[]) => void;
  sparse_backward: (...args: number[]) => void;
  sgd_step: (params: number, grads: number, n: number, lr: number) => void;
  scale_floats: (values: number, n: number, factor: number) => void;
};

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
    compiled = null; // no WebAssembly here (or a policy forbids it): the JavaScript kernels run instead
  }
  return compiled;
}

/** An arena of `bytes` bytes, or null where WebAssembly is unavailable. */
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
  const copies = new Map<unknown, { index: Uint16Array; value: Uint8Array }>();
  const inside = (array: ArrayBufferView): boolean => array.buffer === buffer;

  return {
    floats: (n) => new Float32Array(buffer, take(4 * n), n),
    ints: (n) => new Int32Array(buffer, take(4 * n), n),
    sparse(rows) {
      if (!(rows.index instanceof Uint16Array) || !(rows.value instanceof Uint8Array)) return rows;
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
    kernel(fallback) {
      const usable = (inputs: SparseRows, order: Int32Array, a: FloatArray, b: FloatArray): boolean =>
        a instanceof Float32Array &&
        b instanceof Float32Array &&
        inputs.index instanceof Uint16Array &&
        inputs.value instanceof Uint8Array &&
        inside(a) &&
        inside(b) &&
        inside(order) &&
        inside(inputs.rowStart) &&
        inside(inputs.index) &&
        inside(inputs.value);
      return {
        forward(params, weightOffset, biasOffset, units, inputs, order, start, count, out) {
          if (!usable(inputs, order, params, out)) {
            fallback.forward(params, weightOffset, biasOffset, units, inputs, order, start, count, out);
            return;
          }
          exports.sparse_forward(
            params.byteOffset + 4 * weightOffset,
            params.byteOffset + 4 * biasOffset,
            units,
            inputs.columns,
            inputs.rowStart.byteOffset,
            inputs.index.byteOffset,
            inputs.value.byteOffset,
            order.byteOffset,
            start,
            count,
            out.byteOffset,
            inputs.scale,
          );
        },
        backward(grads, weightOffset, biasOffset, units, inputs, order, start, delta, count) {
          if (!usable(inputs, order, grads, delta)) {
            fallback.backward(grads, weightOffset, biasOffset, units, inputs, order, start, delta, count);
            return;
          }
          exports.sparse_backward(
            grads.byteOffset + 4 * weightOffset,
            grads.byteOffset + 4 * biasOffset,
            units,
            inputs.columns,
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
