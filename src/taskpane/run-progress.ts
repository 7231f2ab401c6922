/**
 * Where a run stands, from the worker's progress messages: epoch k of N, the fraction of the epoch and of the
 * whole run, examples per second, elapsed and remaining time. Pure (time passed in) so it is tested exactly.
 */
export interface RunProgressInput {
  /** 0-based epoch under way, and batches done of the epoch's batches. */
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  epochs: number;
  batchSize: number;
  /** Training images per epoch (after train-limit). */
  trainImages: number;
  /** Seconds since the data was loaded (training started). */
  elapsed: number;
}

export interface RunProgress {
  epochFraction: number;
  runFraction: number;
  examplesPerSecond: number;
  /** Seconds left at the rate so far; undefined before anything is done. */
  remaining: number | undefined;
  text: string;
}

/** m:ss, or h:mm:ss from an hour. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

export function runProgress(input: RunProgressInput): RunProgress {
  const epochFraction = input.batches > 0 ? Math.min(1, input.batch / input.batches) : 0;
  const runFraction = Math.min(1, (input.epoch + epochFraction) / input.epochs);
  const examples =
    input.epoch * input.trainImages + Math.min(input.trainImages, input.batch * input.batchSize);
  const examplesPerSecond = input.elapsed > 0 ? examples / input.elapsed : 0;
  const remaining = runFraction > 0 ? (input.elapsed * (1 - runFraction)) / runFraction : undefined;
  const parts = [
    `epoch ${input.epoch + 1} of ${input.epochs}`,
    `${Math.floor(epochFraction * 100)}% of the epoch`,
    `loss ${Number.isFinite(input.loss) ? input.loss.toFixed(4) : "–"}`,
    `${Math.round(examplesPerSecond).toLocaleString("en-US")} examples/s`,
    `${formatDuration(input.elapsed)} elapsed`,
    remaining === undefined ? "time left unknown" : `${formatDuration(remaining)} left`,
  ];
  return { epochFraction, runFraction, examplesPerSecond, remaining, text: parts.join(" · ") };
}
