/**
 * `npm run bench`: one epoch of network.py's configuration (784-30-10 sigmoid, quadratic cost, SGD η = 3,
 * batch 10, N(0,1) init) on the same 50,000 MNIST training images, in this one process, by
 *   (a) our engine (the training loop the worker and the CLI run),
 *   (b) TensorFlow.js 4.22 with its pure-JS CPU backend,
 *   (c) TensorFlow.js 4.22 with its WASM backend (.wasm from node_modules, no network).
 * Same initial parameters, same first-epoch batch order, same update w ← w − (η/m) Σ ∇C_x.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import process from "node:process";
import { loadMnistDirectory } from "../src/cli/load-mnist";
import { initParameters } from "../src/engine/mlp/init";
import { createWorkspace, evaluateExamples } from "../src/engine/mlp/kernels";
import { createRng } from "../src/engine/random";
import { mlpSpecOf, NETWORK_PY_CONFIG } from "../src/engine/train/config";
import { trainSync } from "../src/engine/train/loop";
import { timeTfTraining, type TfTiming } from "./tfjs";

const OUR_EPOCHS = 3;
/** TF.js takes 7–25 s per epoch here: time this many batches and scale to the epoch's 5,000. */
const TF_BATCHES = 1000;

/**
 * Dense FLOPs of one example (multiply and add counted as 2), 784-30-10:
 *   forward                 2·(784·30 + 30·10) = 47,640  (W₁x, W₂a₁)
 *   weight gradients        2·(784·30 + 30·10) = 47,640  (δ₁xᵀ, δ₂a₁ᵀ)
 *   input delta of layer 2  2·30·10            =    600  (W₂ᵀδ₂; layer 1's input delta is not needed)
 * = 95,880 per example; activations, cost and the parameter update are not counted.
 */
const FLOPS_PER_EXAMPLE = 2 * (784 * 30 + 30 * 10) * 2 + 2 * 30 * 10;

const cpuSeconds = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const list = (values: number[]): string => values.map((v) => v.toFixed(3)).join(", ");
const print = (line = ""): void => void process.stdout.write(`${line}\n`);
const peakMb = (): number => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const data = loadMnistDirectory();
  const n = data.train.inputs.rows;
  const config = { ...NETWORK_PY_CONFIG, epochs: OUR_EPOCHS, progressEvery: 1_000_000 };
  const batchesPerEpoch = n / config.batch;
  const epochFlops = FLOPS_PER_EXAMPLE * n;
  print(
    `network.py configuration: 784-30-10 sigmoid, quadratic cost, SGD lr ${config.lr}, batch ${config.batch}`,
  );
  print(
    `${n} training images, ${batchesPerEpoch} batches per epoch; Node ${process.version}, ${process.arch}\n`,
  );

  // (a) our engine: a few epochs with no evaluation set, so an epoch is training only; the first includes
  // JIT warm-up. CPU time is measured besides wall time: the 2-core machine is shared, and the CPU seconds
  // of this single-threaded run are less disturbed by other processes than its wall seconds.
  const wall: number[] = [];
  const cpu: number[] = [];
  let wallMark = performance.now();
  let cpuMark = cpuSeconds();
  const ours = trainSync(
    config,
    { train: data.train },
    {
      onEpoch: () => {
        wall.push((performance.now() - wallMark) / 1000);
        cpu.push(cpuSeconds() - cpuMark);
        wallMark = performance.now();
        cpuMark = cpuSeconds();
      },
    },
  );
  const ourWall = median(wall);
  const ourCpu = median(cpu);
  const ourPeakMb = peakMb();
  const test = evaluateExamples(
    createWorkspace(mlpSpecOf(config), 500, Float32Array),
    ours.params,
    data.test,
  );
  print(`(a) our engine, epochs 0..${OUR_EPOCHS - 1}: wall ${list(wall)} s; CPU ${list(cpu)} s`);
  print(`    test accuracy after ${OUR_EPOCHS} epochs: ${test.correct} / ${test.total}`);
  print(`    peak memory (RSS high-water mark, data + training): ${ourPeakMb.toFixed(0)} MB`);

  // (b), (c): TF.js from the same start: the parameters and epoch-0 order our loop drew from the seed.
  const rng = createRng(config.seed);
  const initial = initParameters(mlpSpecOf(config), config.init, rng, Float32Array);
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const tf: TfTiming[] = [];
  for (const backend of ["cpu", "wasm"] as const) {
    const t = await timeTfTraining(backend, initial, data.train, order, config.batch, TF_BATCHES, config.lr);
    tf.push(t);
    print(
      `(${backend === "cpu" ? "b" : "c"}) TF.js ${backend}: ${t.batches} batches in ${t.seconds.toFixed(2)} s wall,` +
        ` ${t.cpuSeconds.toFixed(2)} s CPU; cost over the first/last 100 batches ${t.firstLoss.toFixed(3)} → ${t.lastLoss.toFixed(3)}`,
    );
  }

  const perEpoch = (t: TfTiming, seconds: number): number => (seconds / t.batches) * batchesPerEpoch;
  print(
    `\nseconds per epoch (training only; TF.js extrapolated ×${batchesPerEpoch / TF_BATCHES} from ${TF_BATCHES} batches)`,
  );
  print(`                 wall      CPU   our speed-up (wall, CPU)`);
  print(`  ours        ${ourWall.toFixed(3).padStart(7)}  ${ourCpu.toFixed(3).padStart(7)}`);
  for (const t of tf) {
    const w = perEpoch(t, t.seconds);
    const c = perEpoch(t, t.cpuSeconds);
    print(
      `  TF.js ${t.backend.padEnd(5)} ${w.toFixed(2).padStart(7)}  ${c.toFixed(2).padStart(7)}   ${(w / ourWall).toFixed(1)}×, ${(c / ourCpu).toFixed(1)}×`,
    );
  }
  const fastestWall = Math.min(...tf.map((t) => perEpoch(t, t.seconds)));
  const fastestCpu = Math.min(...tf.map((t) => perEpoch(t, t.cpuSeconds)));
  print(
    `  over the faster TF.js backend: ${(fastestWall / ourWall).toFixed(1)}× wall, ${(fastestCpu / ourCpu).toFixed(1)}× CPU (target ≥ 10×)`,
  );
  print(
    `\neffective rate = dense FLOPs of the epoch ÷ seconds; per example forward 2·(784·30+30·10) + weight gradients` +
      ` 2·(784·30+30·10) + layer-2 input delta 2·30·10 = ${FLOPS_PER_EXAMPLE}; × ${n} = ${(epochFlops / 1e9).toFixed(2)} GFLOP;` +
      ` ÷ ${ourCpu.toFixed(3)} CPU s = ${(epochFlops / ourCpu / 1e9).toFixed(1)} GFLOP/s dense-equivalent` +
      ` (our first layer skips zero pixels, so it performs ~19% of its dense FLOPs)`,
  );
  print(
    `peak memory: ours ${ourPeakMb.toFixed(0)} MB; the whole benchmark including TF.js ${peakMb().toFixed(0)} MB`,
  );

  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  const results = { ourWall: wall, ourCpu: cpu, ourPeakMb, testCorrect: test.correct, tf, epochFlops };
  writeFileSync(file, `${JSON.stringify({ ...results, node: process.version }, null, 2)}\n`);
  print(`results: ${file}`);
}

void main();
