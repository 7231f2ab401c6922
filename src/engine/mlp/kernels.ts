/**
 * Batch forward/backward kernels over the one-array parameter layout (see spec.ts). Written for speed:
 * every buffer is a preallocated typed array sized for the largest batch (no allocation per batch), loops
 * run along contiguous rows (W row j · input row s; gradient rows updated left to right), and the first
 * layer reads only the nonzero inputs of each example (sparse rows), which for MNIST is ~19% of the pixels.
 * The same code runs in Float32Array (training) and Float64Array (gradient checks, small sheet networks).
 * A workspace made with a WASM arena runs its layer loops in WebAssembly instead (wasm/arena.ts); the
 * activations, the cost and the batch logic below stay the same for both.
 */
import type { Examples, FloatArray, FloatArrayConstructor, SparseRows, Targets } from "./examples";
import { parameterLayout, type MlpSpec, type ParameterLayout } from "./spec";
import type { Activation, OutputActivation } from "../train/protocol";
import type { DenseLayerKernel, SparseLayerKernel, WasmArena } from "./wasm/arena";

export interface MlpWorkspace {
  spec: MlpSpec;
  layout: ParameterLayout;
  /** Largest batch the buffers hold. */
  capacity: number;
  /** Per non-input layer: capacity × units activations, row per example. */
  activations: FloatArray[];
  /** Per non-input layer: ∂C/∂z for the batch, same shape. */
  deltas: FloatArray[];
  /** Identity order 0..capacity-1, for callers that walk the examples in order. */
  identity: Int32Array;
  /** The first layer's kernels: WebAssembly when the workspace lives in a WASM arena, else JavaScript. */
  sparse: SparseLayerKernel;
  /** The other layers' kernels, likewise. */
  dense: DenseLayerKernel;
}

/** Bytes a float32 workspace takes in a WASM arena (first-layer buffers and the identity order). */
export function workspaceBytes(spec: MlpSpec, capacity: number): number {
  const units = spec.layers.slice(1).reduce((total, n) => total + n, 0);
  return capacity * 4 * (2 * units + 1) + 64 * spec.layers.length + 48;
}

/**
 * Buffers for batches of up to `capacity` examples. With an arena (float32 only), the first layer's
 * buffers and the identity order live in WASM memory and the first layer runs in WASM — on parameters in
 * the arena's kernel layout (first-layer W transposed; see wasm/arena.ts).
 */
export function createWorkspace(
  spec: MlpSpec,
  capacity: number,
  ctor: FloatArrayConstructor,
  arena?: WasmArena | null,
): MlpWorkspace {
  const layout = parameterLayout(spec.layers);
  const inArena = arena && ctor === Float32Array ? arena : null;
  const identity = inArena ? inArena.ints(capacity) : new Int32Array(capacity);
  for (let i = 0; i < capacity; i++) identity[i] = i;
  const buffer = (units: number): FloatArray =>
    inArena ? inArena.floats(capacity * units) : new ctor(capacity * units);
  return {
    spec,
    layout,
    capacity,
    activations: layout.layers.map((layer) => buffer(layer.outputs)),
    deltas: layout.layers.map((layer) => buffer(layer.outputs)),
    identity,
    sparse: inArena ? inArena.kernel() : JS_SPARSE_KERNEL,
    dense: inArena ? inArena.dense() : JS_DENSE_KERNEL,
  };
}

/** The JavaScript first-layer kernels (any value type, float32 or float64). */
export const JS_SPARSE_KERNEL: SparseLayerKernel = { forward: sparseAffine, backward: sparseBackward };
/** The JavaScript dense-layer kernels. */
export const JS_DENSE_KERNEL: DenseLayerKernel = { forward: denseAffine, backward: denseBackward };

/** Smallest value passed to log, so a saturated unit gives a large finite loss instead of Infinity. */
const LOG_FLOOR = 1e-30;

/**
 * Units handled per pass over an example's nonzero inputs: each loaded (column, value) pair feeds this many
 * weight rows, which keeps the accumulators in registers. 5 measured fastest among 2, 3, 5 and 6 for
 * MNIST's 784-30 layer (more rows gain little and cost registers).
 */
const SPARSE_BLOCK = 5;

/** z = W·x + b for examples order[start..start+count) read as sparse rows; five units per pass over x. */
function sparseAffine(
  params: FloatArray,
  weightOffset: number,
  biasOffset: number,
  units: number,
  inputs: SparseRows,
  order: Int32Array,
  start: number,
  count: number,
  out: FloatArray,
): void {
  const { rowStart, index, value, scale, columns } = inputs;
  for (let s = 0; s < count; s++) {
    const r = order[start + s] as number;
    const p0 = rowStart[r] as number;
    const p1 = rowStart[r + 1] as number;
    const outRow = s * units;
    let j = 0;
    for (; j + SPARSE_BLOCK <= units; j += SPARSE_BLOCK) {
      const w0 = weightOffset + j * columns;
      const w1 = w0 + columns;
      const w2 = w1 + columns;
      const w3 = w2 + columns;
      const w4 = w3 + columns;
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      let sum4 = 0;
      for (let p = p0; p < p1; p++) {
        const c = index[p] as number;
        const v = value[p] as number;
        sum0 += (params[w0 + c] as number) * v;
        sum1 += (params[w1 + c] as number) * v;
        sum2 += (params[w2 + c] as number) * v;
        sum3 += (params[w3 + c] as number) * v;
        sum4 += (params[w4 + c] as number) * v;
      }
      const b = biasOffset + j;
      out[outRow + j] = (params[b] as number) + scale * sum0;
      out[outRow + j + 1] = (params[b + 1] as number) + scale * sum1;
      out[outRow + j + 2] = (params[b + 2] as number) + scale * sum2;
      out[outRow + j + 3] = (params[b + 3] as number) + scale * sum3;
      out[outRow + j + 4] = (params[b + 4] as number) + scale * sum4;
    }
    for (; j < units; j++) {
      const w0 = weightOffset + j * columns;
      let sum0 = 0;
      for (let p = p0; p < p1; p++)
        sum0 += (params[w0 + (index[p] as number)] as number) * (value[p] as number);
      out[outRow + j] = (params[biasOffset + j] as number) + scale * sum0;
    }
  }
}

/** z = W·a + b for a dense batch a (count × inputs). */
function denseAffine(
  params: FloatArray,
  weightOffset: number,
  biasOffset: number,
  inputs: number,
  units: number,
  input: FloatArray,
  count: number,
  out: FloatArray,
): void {
  for (let s = 0; s < count; s++) {
    const inRow = s * inputs;
    const outRow = s * units;
    for (let j = 0; j < units; j++) {
      const w = weightOffset + j * inputs;
      let sum = 0;
      for (let k = 0; k < inputs; k++) sum += (params[w + k] as number) * (input[inRow + k] as number);
      out[outRow + j] = (params[biasOffset + j] as number) + sum;
    }
  }
}

function activateInPlace(kind: Activation | "linear", values: FloatArray, length: number): void {
  if (kind === "sigmoid") {
    for (let i = 0; i < length; i++) values[i] = 1 / (1 + Math.exp(-(values[i] as number)));
  } else if (kind === "tanh") {
    for (let i = 0; i < length; i++) values[i] = Math.tanh(values[i] as number);
  } else if (kind === "relu") {
    for (let i = 0; i < length; i++) if ((values[i] as number) < 0) values[i] = 0;
  }
}

/** Softmax of each row, shifted by the row's maximum so exp never overflows. */
function softmaxRows(values: FloatArray, rows: number, width: number): void {
  for (let s = 0; s < rows; s++) {
    const o = s * width;
    let max = -Infinity;
    for (let i = 0; i < width; i++) max = Math.max(max, values[o + i] as number);
    let total = 0;
    for (let i = 0; i < width; i++) {
      const e = Math.exp((values[o + i] as number) - max);
      values[o + i] = e;
      total += e;
    }
    for (let i = 0; i < width; i++) values[o + i] = (values[o + i] as number) / total;
  }
}

function activateOutput(kind: OutputActivation, values: FloatArray, rows: number, width: number): void {
  if (kind === "softmax") softmaxRows(values, rows, width);
  else activateInPlace(kind, values, rows * width);
}

/** Fills ws.activations for examples order[start..start+count). */
export function forwardBatch(
  ws: MlpWorkspace,
  params: FloatArray,
  inputs: SparseRows,
  order: Int32Array,
  start: number,
  count: number,
): void {
  const { layout, spec, activations } = ws;
  const last = layout.layers.length - 1;
  layout.layers.forEach((layer, i) => {
    const out = activations[i] as FloatArray;
    if (i === 0) {
      ws.sparse.forward(
        params,
        layer.weightOffset,
        layer.biasOffset,
        layer.outputs,
        inputs,
        order,
        start,
        count,
        out,
      );
    } else {
      const input = activations[i - 1] as FloatArray;
      ws.dense.forward(
        params,
        layer.weightOffset,
        layer.biasOffset,
        layer.inputs,
        layer.outputs,
        input,
        count,
        out,
      );
    }
    if (i === last) activateOutput(spec.output, out, count, layer.outputs);
    else activateInPlace(spec.activation, out, count * layer.outputs);
  });
}

/** y_i for example r: one-hot for labels, the stored row for dense targets. */
function targetAt(targets: Targets, r: number, i: number): number {
  if (targets.kind === "labels") return (targets.labels[r] as number) === i ? 1 : 0;
  return targets.values[r * targets.width + i] as number;
}

/**
 * Sum over the batch of the per-example cost, from the output activations. With deltaScale ≠ 0 it also
 * writes ∂C/∂z of the output layer, times deltaScale (1/m for a batch mean), into the last delta buffer:
 * quadratic: (a − y) ⊙ σ'(z) (σ' = a(1−a) for sigmoid, 1 for linear, the softmax Jacobian for softmax);
 * cross-entropy with sigmoid: a − y; log-likelihood with softmax: a·Σy − y (= a − y for one-hot y).
 */
export function outputCost(
  ws: MlpWorkspace,
  targets: Targets,
  order: Int32Array,
  start: number,
  count: number,
  deltaScale: number,
): number {
  const { spec } = ws;
  const last = ws.layout.layers.length - 1;
  const a = ws.activations[last] as FloatArray;
  const delta = ws.deltas[last] as FloatArray;
  const width = (ws.layout.layers[last] as { outputs: number }).outputs;
  const writeDelta = deltaScale !== 0;
  let cost = 0;
  for (let s = 0; s < count; s++) {
    const r = order[start + s] as number;
    const o = s * width;
    if (spec.loss === "quadratic") {
      let dot = 0;
      for (let i = 0; i < width; i++) {
        const g = (a[o + i] as number) - targetAt(targets, r, i);
        cost += 0.5 * g * g;
        dot += (a[o + i] as number) * g;
      }
      if (!writeDelta) continue;
      for (let i = 0; i < width; i++) {
        const ai = a[o + i] as number;
        const g = ai - targetAt(targets, r, i);
        const d =
          spec.output === "sigmoid" ? g * ai * (1 - ai) : spec.output === "softmax" ? ai * (g - dot) : g;
        delta[o + i] = d * deltaScale;
      }
    } else if (spec.output === "softmax") {
      let sumY = 0;
      for (let i = 0; i < width; i++) {
        const y = targetAt(targets, r, i);
        if (y !== 0) cost -= y * Math.log(Math.max(a[o + i] as number, LOG_FLOOR));
        sumY += y;
      }
      if (!writeDelta) continue;
      for (let i = 0; i < width; i++) {
        delta[o + i] = ((a[o + i] as number) * sumY - targetAt(targets, r, i)) * deltaScale;
      }
    } else {
      for (let i = 0; i < width; i++) {
        const ai = a[o + i] as number;
        const y = targetAt(targets, r, i);
        if (y !== 0) cost -= y * Math.log(Math.max(ai, LOG_FLOOR));
        if (y !== 1) cost -= (1 - y) * Math.log(Math.max(1 - ai, LOG_FLOOR));
        if (writeDelta) delta[o + i] = (ai - y) * deltaScale;
      }
    }
  }
  return cost;
}

/** Multiplies deltas by the hidden activation's derivative, written in terms of its output a. */
function scaleByDerivative(kind: Activation, a: FloatArray, delta: FloatArray, length: number): void {
  if (kind === "sigmoid") {
    for (let i = 0; i < length; i++) {
      const ai = a[i] as number;
      delta[i] = (delta[i] as number) * ai * (1 - ai);
    }
  } else if (kind === "tanh") {
    for (let i = 0; i < length; i++) {
      const ai = a[i] as number;
      delta[i] = (delta[i] as number) * (1 - ai * ai);
    }
  } else {
    for (let i = 0; i < length; i++) if (!((a[i] as number) > 0)) delta[i] = 0;
  }
}

/** grads(W) += δᵀ·a_prev, grads(b) += Σ δ, and (if deltaPrev) δ_prev = δ·W before the derivative. */
function denseBackward(
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
): void {
  deltaPrev.fill(0, 0, count * inputs);
  for (let s = 0; s < count; s++) {
    const inRow = s * inputs;
    for (let j = 0; j < units; j++) {
      const d = delta[s * units + j] as number;
      if (d === 0) continue;
      grads[biasOffset + j] = (grads[biasOffset + j] as number) + d;
      const w = weightOffset + j * inputs;
      for (let k = 0; k < inputs; k++) {
        grads[w + k] = (grads[w + k] as number) + d * (input[inRow + k] as number);
        deltaPrev[inRow + k] = (deltaPrev[inRow + k] as number) + (params[w + k] as number) * d;
      }
    }
  }
}

/** First-layer gradient from sparse inputs: only the columns an example has touch its gradient rows. */
function sparseBackward(
  grads: FloatArray,
  weightOffset: number,
  biasOffset: number,
  units: number,
  inputs: SparseRows,
  order: Int32Array,
  start: number,
  delta: FloatArray,
  count: number,
): void {
  const { rowStart, index, value, scale, columns } = inputs;
  for (let s = 0; s < count; s++) {
    const r = order[start + s] as number;
    const p0 = rowStart[r] as number;
    const p1 = rowStart[r + 1] as number;
    const deltaRow = s * units;
    for (let j = 0; j < units; j++) {
      const b = biasOffset + j;
      grads[b] = (grads[b] as number) + (delta[deltaRow + j] as number);
    }
    let j = 0;
    for (; j + SPARSE_BLOCK <= units; j += SPARSE_BLOCK) {
      const g0 = (delta[deltaRow + j] as number) * scale;
      const g1 = (delta[deltaRow + j + 1] as number) * scale;
      const g2 = (delta[deltaRow + j + 2] as number) * scale;
      const g3 = (delta[deltaRow + j + 3] as number) * scale;
      const g4 = (delta[deltaRow + j + 4] as number) * scale;
      if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0) continue; // dead ReLUs
      const w0 = weightOffset + j * columns;
      const w1 = w0 + columns;
      const w2 = w1 + columns;
      const w3 = w2 + columns;
      const w4 = w3 + columns;
      for (let p = p0; p < p1; p++) {
        const c = index[p] as number;
        const v = value[p] as number;
        grads[w0 + c] = (grads[w0 + c] as number) + g0 * v;
        grads[w1 + c] = (grads[w1 + c] as number) + g1 * v;
        grads[w2 + c] = (grads[w2 + c] as number) + g2 * v;
        grads[w3 + c] = (grads[w3 + c] as number) + g3 * v;
        grads[w4 + c] = (grads[w4 + c] as number) + g4 * v;
      }
    }
    for (; j < units; j++) {
      const g0 = (delta[deltaRow + j] as number) * scale;
      if (g0 === 0) continue;
      const w0 = weightOffset + j * columns;
      for (let p = p0; p < p1; p++) {
        const c = index[p] as number;
        grads[w0 + c] = (grads[w0 + c] as number) + g0 * (value[p] as number);
      }
    }
  }
}

/**
 * Mean cost of the batch order[start..start+count) and its gradient (1/m) Σ ∇C_x, written into grads
 * (overwritten, same layout as params).
 */
export function batchCostAndGradient(
  ws: MlpWorkspace,
  params: FloatArray,
  grads: FloatArray,
  examples: Examples,
  order: Int32Array,
  start: number,
  count: number,
): number {
  forwardBatch(ws, params, examples.inputs, order, start, count);
  const cost = outputCost(ws, examples.targets, order, start, count, 1 / count);
  grads.fill(0);
  const { layers } = ws.layout;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as (typeof layers)[number];
    const delta = ws.deltas[i] as FloatArray;
    if (i > 0) {
      const input = ws.activations[i - 1] as FloatArray;
      const deltaPrev = ws.deltas[i - 1] as FloatArray;
      const { weightOffset, biasOffset, inputs, outputs } = layer;
      ws.dense.backward(
        params,
        grads,
        weightOffset,
        biasOffset,
        inputs,
        outputs,
        input,
        delta,
        deltaPrev,
        count,
      );
      scaleByDerivative(ws.spec.activation, input, deltaPrev, count * inputs);
    } else {
      const { weightOffset, biasOffset, outputs } = layer;
      ws.sparse.backward(
        grads,
        weightOffset,
        biasOffset,
        outputs,
        examples.inputs,
        order,
        start,
        delta,
        count,
      );
    }
  }
  return cost / count;
}

export interface Evaluation {
  /** Examples whose largest output is at the target's class (label, or largest target value). */
  correct: number;
  total: number;
  /** Mean cost per example. */
  cost: number;
}

function argmax(values: ArrayLike<number>, offset: number, width: number): number {
  let best = 0;
  let bestValue = values[offset] as number;
  for (let i = 1; i < width; i++) {
    const v = values[offset + i] as number;
    if (v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/** Accuracy and mean cost over all examples, in chunks of the workspace's capacity. */
export function evaluateExamples(ws: MlpWorkspace, params: FloatArray, examples: Examples): Evaluation {
  const total = examples.inputs.rows;
  const last = ws.layout.layers.length - 1;
  const width = (ws.layout.layers[last] as { outputs: number }).outputs;
  const a = ws.activations[last] as FloatArray;
  const { targets } = examples;
  let correct = 0;
  let cost = 0;
  for (let start = 0; start < total; start += ws.capacity) {
    const count = Math.min(ws.capacity, total - start);
    const order = ws.identity;
    // Rows start..start+count are read through an identity order shifted by the chunk start.
    const view: SparseRows = { ...examples.inputs, rowStart: examples.inputs.rowStart.subarray(start) };
    forwardBatch(ws, params, view, order, 0, count);
    const chunkTargets = shiftTargets(targets, start, count);
    cost += outputCost(ws, chunkTargets, order, 0, count, 0);
    for (let s = 0; s < count; s++) {
      const predicted = argmax(a, s * width, width);
      const expected =
        targets.kind === "labels"
          ? (targets.labels[start + s] as number)
          : argmax(targets.values, (start + s) * targets.width, targets.width);
      if (predicted === expected) correct++;
    }
  }
  return { correct, total, cost: total === 0 ? 0 : cost / total };
}

function shiftTargets(targets: Targets, start: number, count: number): Targets {
  return targets.kind === "labels"
    ? { ...targets, labels: targets.labels.subarray(start, start + count) }
    : { ...targets, values: targets.values.subarray(start * targets.width, (start + count) * targets.width) };
}
