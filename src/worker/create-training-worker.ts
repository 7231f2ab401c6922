/* global URL, Worker */

import type { TrainingWorker } from "../taskpane/training-controller";

/**
 * The one place that names the worker file. webpack 5 bundles `new URL(..., import.meta.url)` workers;
 * Jest cannot parse import.meta, so tests replace this module (jest.mock) with a fake worker.
 */
export function createTrainingWorker(): TrainingWorker {
  return new Worker(new URL("./training.worker.ts", import.meta.url)) as unknown as TrainingWorker;
}
