import type { EpochResult, TrainConfig } from "../engine/train/protocol";
import type { Trained } from "./training-controller";

export type RunOutcome = "done" | "stopped" | "error";

/**
 * Where epoch results go besides the pane's own table: an Excel sheet (ExcelEpochSink) or the workbench's
 * HyperFormula sheet. Calls arrive in order (begin, writeEpoch × n, finish) and never overlap.
 */
export interface EpochSink {
  /** Human name for status messages, e.g. `sheet "Training"`. */
  readonly description: string;
  /** Prepares the destination (header row) before the first epoch; throws if it would overwrite user data. */
  begin(config: TrainConfig): Promise<void>;
  /** Writes one epoch's row; `index` counts rows written in this run from 0. */
  writeEpoch(result: EpochResult, index: number): Promise<void>;
  /** The trained network and its test report, after the last epoch and before finish (sinks may skip it). */
  writeTrained?(trained: Trained): Promise<void>;
  /** After the last epoch, a stop or a failed run: e.g. the run's summary row. */
  finish(results: readonly EpochResult[], outcome: RunOutcome): Promise<void>;
}

/** Loss and the two accuracies are adjacent (columns 2-4) so one chart source range holds them. */
export const EPOCH_HEADERS = [
  "epoch",
  "train loss",
  "validation accuracy",
  "test accuracy",
  "test correct",
  "learning rate",
  "seconds",
] as const;

/** Excel number formats per column, in EPOCH_HEADERS order. */
export const EPOCH_NUMBER_FORMATS = ["0", "0.0000", "0.00%", "0.00%", "0", "0.######", "0.00"] as const;

/** Accuracy as a fraction in [0, 1]; "" when the split is empty (a sheet shows a blank cell). */
export function accuracy(correct: number, total: number): number | "" {
  return total > 0 ? correct / total : "";
}

/** One sheet row in EPOCH_HEADERS order. */
export function epochRow(result: EpochResult): (number | "")[] {
  return [
    result.epoch,
    result.trainLoss,
    accuracy(result.validationCorrect, result.validationTotal),
    accuracy(result.testCorrect, result.testTotal),
    result.testTotal > 0 ? result.testCorrect : "",
    result.lr,
    result.seconds,
  ];
}

/** A sink that writes nowhere (the pane's table still shows every epoch). */
export const NO_SINK: EpochSink = {
  description: "the pane only",
  begin: async () => undefined,
  writeEpoch: async () => undefined,
  finish: async () => undefined,
};
