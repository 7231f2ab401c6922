/** The words the pane shows next to its fields and in its epoch table (pure, shared by the views). */
import type { EpochResult } from "../engine/train/protocol";
import type { FieldName } from "./config-form";
import { epochRow } from "./epoch-sink";

/** Each field's hint, shown under it. */
export const FIELD_HELP: Record<FieldName, string> = {
  layers: "Sizes from input to output, e.g. 784,30,10",
  activation: "Hidden layers",
  output: "Output layer",
  loss: "Cost function",
  init: "Weight initialisation",
  optimizer: "Update rule",
  lr: "Learning rate η; a list (0.1, 0.5, 3) runs a sweep",
  optimizerOptions: "e.g. momentum=0.9, nesterov=true",
  schedule: "Learning-rate schedule (stepped per batch)",
  scheduleOptions: "e.g. gamma=0.1, step_size=1000",
  lambda: "L2 regularisation λ (or a list)",
  epochs: "Passes over the training set (or a list)",
  batch: "Mini-batch size (or a list)",
  seed: "Same seed, same run (or a list)",
  trainLimit: "First N training images (0 = all 50,000)",
  progressEvery: "Progress update every N batches",
};

export const EPOCH_COLUMNS = ["epoch", "train loss", "val. acc.", "test acc.", "s", "lr"] as const;

/** One epoch as the pane's table shows it, in EPOCH_COLUMNS order. */
export function epochCells(result: EpochResult): string[] {
  const [epoch, loss, validation, test, , lr, seconds] = epochRow(result);
  const percent = (v: number | "" | undefined) => (typeof v === "number" ? `${(v * 100).toFixed(2)}%` : "");
  const fixed = (v: number | "" | undefined, digits: number) =>
    typeof v === "number" ? v.toFixed(digits) : "";
  return [String(epoch), fixed(loss, 4), percent(validation), percent(test), fixed(seconds, 2), String(lr)];
}
