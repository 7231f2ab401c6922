/**
 * PyTorch's ReduceLROnPlateau (1.13) as a pure step with its state in cells: the first schedule that
 * reacts to the sheet's own loss. Each row passes the loss of its epoch and the previous row's state; the
 * result is the rate for the next epoch and the state after the step:
 *
 *   better  = mode min: loss < best·(1 − threshold) (rel) or loss < best − threshold (abs);
 *             mode max: loss > best·(1 + threshold) (rel) or loss > best + threshold (abs)
 *   better → best = loss, bad = 0; else bad += 1
 *   cooldown > 0 → cooldown −= 1, bad = 0
 *   bad > patience → lr' = max(lr·factor, min_lr), kept only if lr − lr' > eps; cooldown = cooldown₀, bad = 0
 *
 * torch starts with best = ±∞, which no cell can hold: the first row (blank state) takes its loss as best
 * with 0 bad epochs, which is what torch's first comparison gives for any finite loss.
 */
import {
  EngineError,
  formatValue,
  requireFinite,
  requireInteger,
  requireNonNegative,
  requirePositive,
} from "../errors";

export const PLATEAU_MODES = ["min", "max"] as const;
export const THRESHOLD_MODES = ["rel", "abs"] as const;

export interface PlateauOptions {
  mode: (typeof PLATEAU_MODES)[number];
  factor: number;
  patience: number;
  threshold: number;
  threshold_mode: (typeof THRESHOLD_MODES)[number];
  cooldown: number;
  min_lr: number;
  eps: number;
}

/** torch.optim.lr_scheduler.ReduceLROnPlateau's defaults. */
export const PLATEAU_DEFAULTS: Readonly<PlateauOptions> = Object.freeze({
  mode: "min",
  factor: 0.1,
  patience: 10,
  threshold: 1e-4,
  threshold_mode: "rel",
  cooldown: 0,
  min_lr: 0,
  eps: 1e-8,
});

/** The state a row hands the next: the rate to use, the best loss so far, and the two counters. */
export interface PlateauState {
  lr: number;
  best: number;
  num_bad_epochs: number;
  cooldown_counter: number;
}

export const PLATEAU_STATE_LABELS = ["lr", "best", "num_bad_epochs", "cooldown_counter"] as const;

/** Fills in defaults and checks every option (torch's checks, and whole counts). */
export function resolvePlateauOptions(options: Partial<PlateauOptions>): PlateauOptions {
  const resolved: PlateauOptions = { ...PLATEAU_DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  if (!PLATEAU_MODES.includes(resolved.mode)) {
    throw new EngineError(`mode must be "min" or "max", got ${formatValue(resolved.mode)}`);
  }
  if (!THRESHOLD_MODES.includes(resolved.threshold_mode)) {
    throw new EngineError(
      `threshold_mode must be "rel" or "abs", got ${formatValue(resolved.threshold_mode)}`,
    );
  }
  requirePositive("factor", resolved.factor);
  if (!(resolved.factor < 1))
    throw new EngineError(`factor must be < 1, got ${formatValue(resolved.factor)}`);
  requireInteger("patience", resolved.patience, 0);
  requireNonNegative("threshold", resolved.threshold);
  requireInteger("cooldown", resolved.cooldown, 0);
  requireNonNegative("min_lr", resolved.min_lr);
  requireNonNegative("eps", resolved.eps);
  return resolved;
}

function isBetter(loss: number, best: number, o: PlateauOptions): boolean {
  if (o.mode === "min")
    return o.threshold_mode === "rel" ? loss < best * (1 - o.threshold) : loss < best - o.threshold;
  return o.threshold_mode === "rel" ? loss > best * (o.threshold + 1) : loss > best + o.threshold;
}

/**
 * One scheduler step with this epoch's loss. `previous` undefined = the first row, at rate lr0 (torch's
 * best = ±∞ makes any finite first loss the best).
 */
export function plateauStep(
  lr0: number,
  loss: number,
  previous: PlateauState | undefined,
  options: PlateauOptions,
): PlateauState {
  requirePositive("lr", lr0);
  requireFinite("loss", loss);
  const state: PlateauState = previous
    ? { ...previous }
    : { lr: lr0, best: loss, num_bad_epochs: -1, cooldown_counter: 0 };
  if (previous) {
    requirePositive("state lr", state.lr);
    requireFinite("state best", state.best);
    requireInteger("state num_bad_epochs", state.num_bad_epochs, 0);
    requireInteger("state cooldown_counter", state.cooldown_counter, 0);
  }
  if (!previous || isBetter(loss, state.best, options)) {
    state.best = loss;
    state.num_bad_epochs = 0;
  } else state.num_bad_epochs += 1;
  if (state.cooldown_counter > 0) {
    state.cooldown_counter -= 1;
    state.num_bad_epochs = 0;
  }
  if (state.num_bad_epochs > options.patience) {
    const reduced = Math.max(state.lr * options.factor, options.min_lr);
    if (state.lr - reduced > options.eps) state.lr = reduced;
    state.cooldown_counter = options.cooldown;
    state.num_bad_epochs = 0;
  }
  return state;
}
