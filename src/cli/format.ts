/** Console lines of the CLI trainer: network.py's epoch line plus loss, time and learning rate. */
import type { EpochResult } from "../engine/train/protocol";

export function epochLine(result: EpochResult): string {
  const parts = [`Epoch ${result.epoch}: ${result.testCorrect} / ${result.testTotal}`];
  if (result.validationTotal > 0)
    parts.push(`validation ${result.validationCorrect} / ${result.validationTotal}`);
  parts.push(
    `loss ${result.trainLoss.toFixed(4)}`,
    `${result.seconds.toFixed(2)} s`,
    `lr ${+result.lr.toPrecision(6)}`,
  );
  return parts.join("  ");
}

export function progressBar(epoch: number, batch: number, batches: number, loss: number, width = 30): string {
  const filled = Math.round((batch / batches) * width);
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  return `Epoch ${epoch} [${bar}] ${batch}/${batches}  loss ${loss.toFixed(4)}`;
}
