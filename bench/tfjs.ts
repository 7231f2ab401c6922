/**
 * network.py's model in TensorFlow.js, for the benchmark: 784-30-10 sigmoid, cost (1/m) Σ ½‖a − y‖²,
 * tf.train.sgd(η) — so each step is network.py's w ← w − (η/m) Σ ∇C_x — from the same initial parameters
 * and the same batches as our engine.
 */
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import process from "node:process";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { Examples } from "../src/engine/mlp/examples";
import { parameterLayout } from "../src/engine/mlp/spec";

export type TfBackend = "cpu" | "wasm";

export interface TfTiming {
  backend: TfBackend;
  batches: number;
  seconds: number;
  /** CPU seconds of the process over the same batches (all threads). */
  cpuSeconds: number;
  /** Mean cost of the first and last 100 timed batches: the model must be learning. */
  firstLoss: number;
  lastLoss: number;
}

export async function useBackend(backend: TfBackend): Promise<void> {
  if (backend === "wasm") {
    // The .wasm files ship in the package: a file path prefix, no network.
    setWasmPaths(`${resolve("node_modules", "@tensorflow", "tfjs-backend-wasm", "dist")}/`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialise`);
  await tf.ready();
}

/** W (out × in, our layout) as TF's in × out kernel. */
function kernelOf(params: Float32Array, offset: number, inputs: number, outputs: number): tf.Tensor2D {
  const transposed = new Float32Array(inputs * outputs);
  for (let j = 0; j < outputs; j++) {
    for (let k = 0; k < inputs; k++) transposed[k * outputs + j] = params[offset + j * inputs + k] as number;
  }
  return tf.tensor2d(transposed, [inputs, outputs]);
}

/** Trains `batches` mini-batches of `batch` examples in `order` on the current backend; returns the time. */
export async function timeTfTraining(
  backend: TfBackend,
  initial: Float32Array,
  examples: Examples,
  order: Int32Array,
  batch: number,
  batches: number,
  lr: number,
): Promise<TfTiming> {
  await useBackend(backend);
  const [first, second] = parameterLayout([784, 30, 10]).layers as [
    ReturnType<typeof parameterLayout>["layers"][number],
    ReturnType<typeof parameterLayout>["layers"][number],
  ];
  const w1 = tf.variable(kernelOf(initial, first.weightOffset, 784, 30));
  const b1 = tf.variable(tf.tensor1d(initial.slice(first.biasOffset, first.biasOffset + 30)));
  const w2 = tf.variable(kernelOf(initial, second.weightOffset, 30, 10));
  const b2 = tf.variable(tf.tensor1d(initial.slice(second.biasOffset, second.biasOffset + 10)));
  const optimizer = tf.train.sgd(lr);
  const { rowStart, index, value, scale } = examples.inputs;
  const labels = examples.targets.kind === "labels" ? examples.targets.labels : new Uint8Array(0);
  const x = new Float32Array(batch * 784);
  const y = new Float32Array(batch * 10);
  const losses: number[] = [];

  const step = (b: number): void => {
    x.fill(0);
    y.fill(0);
    for (let s = 0; s < batch; s++) {
      const r = order[b * batch + s] as number;
      for (let p = rowStart[r] as number; p < (rowStart[r + 1] as number); p++) {
        x[s * 784 + (index[p] as number)] = (value[p] as number) * scale;
      }
      y[s * 10 + (labels[r] as number)] = 1;
    }
    const xs = tf.tensor2d(x, [batch, 784]);
    const ys = tf.tensor2d(y, [batch, 10]);
    const wantLoss = b < 100 || b >= batches - 100;
    const cost = optimizer.minimize(() => {
      const a1 = tf.sigmoid(tf.add(tf.matMul(xs, w1), b1));
      const a2 = tf.sigmoid(tf.add(tf.matMul(a1, w2), b2));
      return tf.div(tf.mul(0.5, tf.sum(tf.square(tf.sub(a2, ys)))), batch) as tf.Scalar;
    }, wantLoss);
    if (cost) {
      losses.push(cost.dataSync()[0] as number);
      cost.dispose();
    }
    xs.dispose();
    ys.dispose();
  };

  step(0); // warm-up: kernel compilation and first allocations are not timed
  losses.length = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let b = 1; b <= batches; b++) step(b);
  await w1.data(); // wait for any pending work
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  for (const v of [w1, b1, w2, b2]) v.dispose();
  optimizer.dispose();
  return {
    backend,
    batches,
    seconds,
    cpuSeconds,
    firstLoss: mean(losses.slice(0, 100)),
    lastLoss: mean(losses.slice(-100)),
  };
}
