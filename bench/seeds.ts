/**
 * `npx tsx bench/seeds.ts [seeds] [epochs]`: network.py's configuration for seeds 1..N, printing test
 * accuracy after epoch 0, after the last epoch and the best epoch — the spread a single seed hides.
 * (bench/network-py-reference.py prints epoch 0 of Nielsen's own algorithm in numpy for comparison.)
 */
import process from "node:process";
import { loadMnistDirectory } from "../src/cli/load-mnist";
import { trainSync } from "../src/engine/train/loop";

const seeds = Number(process.argv[2] ?? 10);
const epochs = Number(process.argv[3] ?? 30);
const data = loadMnistDirectory();
process.stdout.write(
  `network.py configuration, ${epochs} epochs; test correct of 10000\nseed  epoch0  last  best\n`,
);
for (let seed = 1; seed <= seeds; seed++) {
  const run = trainSync({ seed, epochs }, { train: data.train, test: data.test });
  const correct = run.epochs.map((e) => e.testCorrect);
  const line = [seed, correct[0], correct[correct.length - 1], Math.max(...correct)];
  process.stdout.write(`${line.map((v) => String(v).padStart(5)).join(" ")}\n`);
}
