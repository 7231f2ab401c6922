/**
 * Optimizer and schedule names offered by the pane's selects (the engine's registry names). The form also
 * accepts any name typed through a preset; the worker's engine validates names and options at start.
 */
export const OPTIMIZER_CHOICES: readonly string[] = [
  "sgd",
  "adagrad",
  "adadelta",
  "rmsprop",
  "adam",
  "adamw",
];

export const SCHEDULE_CHOICES: readonly string[] = [
  "constant",
  "exponential",
  "piecewise-constant",
  "polynomial",
  "cosine",
  "cosine-restarts",
  "inverse-time",
  "natural-exp",
  "step",
  "multi-step",
  "cyclic",
  "one-cycle",
];
