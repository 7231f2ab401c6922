/**
 * What a kept run looks like in a workbook, shared by Excel and the workbench so both write the same cells:
 * a run sheet (its configuration, enough to reproduce it, above a table of one row per epoch) and the
 * `Runs` sheet (one summary row per run, and a block of every run's test accuracy per epoch for one chart).
 * Pure: values and positions only.
 */
import type { EpochResult, TrainConfig } from "../engine/train/protocol";
import { formatOptions } from "./config-form";
import { EPOCH_HEADERS, type RunOutcome } from "./epoch-sink";

/** Cell A1 of every run sheet: tells a run sheet from any other sheet. */
export const RUN_SHEET_MARKER = "MNIST run";

/** How a run ended; "running" while it is under way. */
export type RunStatus = "running" | RunOutcome;

/** The configuration block, label then value, in the order written below the marker row. */
export function runConfigRows(config: TrainConfig): [string, string | number][] {
  return [
    ["layers", config.layers.join(",")],
    ["activation", config.activation],
    ["output", config.output],
    ["loss", config.loss],
    ["init", config.init],
    ["optimizer", config.optimizer],
    ["lr", config.lr],
    ["opt", formatOptions(config.optimizerOptions)],
    ["schedule", config.schedule],
    ["schedule-opt", formatOptions(config.scheduleOptions)],
    ["lambda", config.lambda],
    ["epochs", config.epochs],
    ["batch", config.batch],
    ["seed", config.seed],
    ["train-limit", config.trainLimit],
    ["command", cliCommand(config)],
  ];
}

/** The same run from the command line (`npm run train -- ...`), the CLI's option names. */
export function cliCommand(config: TrainConfig): string {
  const parts = [
    `--layers ${config.layers.join(",")}`,
    `--activation ${config.activation}`,
    `--output ${config.output}`,
    `--loss ${config.loss}`,
    `--init ${config.init}`,
    `--optimizer ${config.optimizer}`,
    `--lr ${config.lr}`,
    ...Object.entries(config.optimizerOptions).map(([k, v]) => `--opt ${k}=${v}`),
    `--schedule ${config.schedule}`,
    ...Object.entries(config.scheduleOptions).map(([k, v]) => `--schedule-opt ${k}=${v}`),
    `--lambda ${config.lambda}`,
    `--epochs ${config.epochs}`,
    `--batch ${config.batch}`,
    `--seed ${config.seed}`,
    `--train-limit ${config.trainLimit}`,
  ];
  return `npm run train -- ${parts.join(" ")}`;
}

/** 0-based row of the epoch table's header on a run sheet: marker row, config rows, one blank row. */
export const EPOCH_TABLE_ROW = 1 + 16 + 1;
/** 0-based column where the run sheet's chart starts (one blank column right of the table). */
export const RUN_CHART_COLUMN = EPOCH_HEADERS.length + 1;

/** Every cell above the epoch table, as rows from A1 (marker and run name, then the configuration). */
export function runSheetHead(name: string, config: TrainConfig, started: string): (string | number)[][] {
  const rows: (string | number)[][] = [[RUN_SHEET_MARKER, name, `started ${started}`]];
  for (const [label, value] of runConfigRows(config)) rows.push([label, value, ""]);
  return rows;
}

/** "cost" for the loss function: a "loss" header would read as a column of loss values. */
export const RUNS_HEADERS = [
  "run",
  "optimizer",
  "lr",
  "opt",
  "layers",
  "activation",
  "output",
  "cost",
  "init",
  "batch",
  "epochs",
  "lambda",
  "schedule",
  "schedule-opt",
  "seed",
  "train-limit",
  "epochs done",
  "best test accuracy",
  "last test accuracy",
  "total seconds",
  "status",
] as const;

export const RUNS_NUMBER_FORMATS = RUNS_HEADERS.map((h) =>
  h.endsWith("accuracy") ? "0.00%" : h === "total seconds" ? "0.0" : "General",
);

export interface RunSummary {
  name: string;
  config: TrainConfig;
  results: readonly EpochResult[];
  status: RunStatus;
}

/** The run's row of the Runs table, in RUNS_HEADERS order; accuracies blank until an epoch finished. */
export function runsRow({ name, config, results, status }: RunSummary): (string | number)[] {
  const accuracies = results.map((r) => (r.testTotal > 0 ? r.testCorrect / r.testTotal : NaN));
  const finite = accuracies.filter(Number.isFinite);
  const last = accuracies[accuracies.length - 1];
  return [
    name,
    config.optimizer,
    config.lr,
    formatOptions(config.optimizerOptions),
    config.layers.join(","),
    config.activation,
    config.output,
    config.loss,
    config.init,
    config.batch,
    config.epochs,
    config.lambda,
    config.schedule,
    formatOptions(config.scheduleOptions),
    config.seed,
    config.trainLimit,
    results.length,
    finite.length > 0 ? Math.max(...finite) : "",
    last !== undefined && Number.isFinite(last) ? last : "",
    results.reduce((sum, r) => sum + r.seconds, 0),
    status,
  ];
}

/**
 * The block the Runs chart draws, to the right of the Runs table: a header row ("run", "epoch 0", ...)
 * and one row per run (its sheet name, then test accuracy per epoch). Series are rows.
 */
export const ACCURACY_BLOCK_COLUMN = RUNS_HEADERS.length + 1;
/** The Runs chart sits below the accuracy block's first rows, never over the table. */
export const RUNS_CHART_ROWS = 18;
export const ACCURACY_BLOCK_ROW = RUNS_CHART_ROWS + 2;
export const ACCURACY_BLOCK_TITLE = "test accuracy per epoch";

export function accuracyHeader(epochs: number): string[] {
  return ["run", ...Array.from({ length: epochs }, (_, e) => `epoch ${e}`)];
}

export function testAccuracy(result: EpochResult): number | "" {
  return result.testTotal > 0 ? result.testCorrect / result.testTotal : "";
}
