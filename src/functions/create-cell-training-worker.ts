/* global URL, Worker */
import type { CellTrainingWorker } from "./cell-trainer";

/**
 * The one place that names the cells' worker file (webpack 5 bundles `new URL(..., import.meta.url)` workers;
 * Jest cannot parse import.meta, so only functions-entry.ts imports this).
 */
export function createCellTrainingWorker(): CellTrainingWorker {
  return new Worker(new URL("./cell-training.worker.ts", import.meta.url)) as unknown as CellTrainingWorker;
}
