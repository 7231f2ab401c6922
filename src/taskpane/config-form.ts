import {
  EngineError,
  formatValue,
  requireInteger,
  requireNonNegative,
  requirePositive,
} from "../engine/errors";
import type { Activation, InitName, LossName, OutputActivation, TrainConfig } from "../engine/train/protocol";

/**
 * The pane's form as plain strings <-> a validated TrainConfig. Pure (no DOM) so Jest tests every message.
 * Field keys are TrainConfig's names; labels show the CLI's kebab-case names (`--train-limit`).
 */
export const FIELD_NAMES = [
  "layers",
  "activation",
  "output",
  "loss",
  "init",
  "optimizer",
  "lr",
  "optimizerOptions",
  "schedule",
  "scheduleOptions",
  "lambda",
  "epochs",
  "batch",
  "seed",
  "trainLimit",
  "progressEvery",
] as const satisfies readonly (keyof TrainConfig)[];

export type FieldName = (typeof FIELD_NAMES)[number];
export type FormValues = Record<FieldName, string>;

export interface FieldError {
  field: FieldName;
  message: string;
}

export type FormResult = { ok: true; config: TrainConfig } | { ok: false; errors: FieldError[] };

export const ACTIVATIONS: readonly Activation[] = ["sigmoid", "tanh", "relu"];
export const OUTPUTS: readonly OutputActivation[] = ["sigmoid", "softmax", "linear"];
export const LOSSES: readonly LossName[] = ["quadratic", "cross-entropy"];
export const INITS: readonly InitName[] = ["normal", "scaled-normal", "xavier", "he"];

/** MNIST: 28×28 inputs, 10 digits; Nielsen's split keeps 50,000 images for training. */
export const MNIST_INPUTS = 784;
export const MNIST_CLASSES = 10;
export const MNIST_TRAIN_IMAGES = 50000;

/** The CLI's option names where they are not simply kebab-cased (src/cli/args.ts: --opt, --schedule-opt). */
const CLI_NAMES: Partial<Record<FieldName, string>> = {
  optimizerOptions: "opt",
  scheduleOptions: "schedule-opt",
};

/** `train-limit` for trainLimit: the CLI's spelling, used in every label and message so pane and CLI agree. */
export function cliName(field: FieldName): string {
  return CLI_NAMES[field] ?? field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function configToForm(config: TrainConfig): FormValues {
  return {
    layers: config.layers.join(","),
    activation: config.activation,
    output: config.output,
    loss: config.loss,
    init: config.init,
    optimizer: config.optimizer,
    lr: String(config.lr),
    optimizerOptions: formatOptions(config.optimizerOptions),
    schedule: config.schedule,
    scheduleOptions: formatOptions(config.scheduleOptions),
    lambda: String(config.lambda),
    epochs: String(config.epochs),
    batch: String(config.batch),
    seed: String(config.seed),
    trainLimit: String(config.trainLimit),
    progressEvery: String(config.progressEvery),
  };
}

export function formatOptions(options: Readonly<Record<string, number | boolean>>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

/** `momentum=0.9, nesterov=true` -> { momentum: 0.9, nesterov: true }; blank -> {}. */
export function parseOptions(name: string, text: string): Record<string, number | boolean> {
  const options: Record<string, number | boolean> = {};
  for (const part of text.split(",")) {
    const pair = part.trim();
    if (pair === "") continue;
    const match = /^([A-Za-z_][\w]*)\s*=\s*(\S+)$/.exec(pair);
    if (!match || match[1] === undefined || match[2] === undefined) {
      throw new EngineError(`${name} must be name=value pairs separated by commas, got ${formatValue(pair)}`);
    }
    const [, key, raw] = match;
    if (Object.hasOwn(options, key)) throw new EngineError(`${name} sets ${key} twice`);
    if (raw === "true" || raw === "false") {
      options[key] = raw === "true";
    } else {
      const value = Number(raw);
      if (!Number.isFinite(value)) {
        throw new EngineError(`${name}: ${key} must be a number, true or false, got ${formatValue(raw)}`);
      }
      options[key] = value;
    }
  }
  return options;
}

function parseNumber(name: string, text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") throw new EngineError(`${name} is required`);
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new EngineError(`${name} must be a number, got ${formatValue(trimmed)}`);
  return value;
}

function parseChoice<T extends string>(name: string, text: string, choices: readonly T[]): T {
  const value = text.trim();
  const found = choices.find((c) => c === value);
  if (found === undefined) {
    throw new EngineError(`${name} must be one of ${choices.join(", ")}, got ${formatValue(value)}`);
  }
  return found;
}

export function parseLayers(text: string): number[] {
  const parts = text.split(",").map((p) => p.trim());
  const layers = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || layers.some((n) => n < 1)) {
    throw new EngineError(
      `layers must be whole numbers >= 1 separated by commas, got ${formatValue(text.trim())}`,
    );
  }
  if (layers.length < 2)
    throw new EngineError(`layers needs at least 2 sizes (input, output), got ${layers.length}`);
  if (layers[0] !== MNIST_INPUTS) {
    throw new EngineError(`layers must start with ${MNIST_INPUTS} (MNIST pixels), got ${layers[0]}`);
  }
  const last = layers[layers.length - 1];
  if (last !== MNIST_CLASSES)
    throw new EngineError(`layers must end with ${MNIST_CLASSES} (digits), got ${last}`);
  return layers;
}

/**
 * A whole-config check from the engine (names and options of optimizer and schedule, e.g. the engine's
 * checkOptimizerAndSchedule); throws EngineError. Its message goes next to the schedule field when it
 * names the schedule, else next to the optimizer.
 */
export type ConfigCheck = (config: TrainConfig) => void;

/** Validates every field and collects every problem (the pane shows them all at once, next to each field). */
export function parseTrainForm(values: FormValues, checkConfig?: ConfigCheck): FormResult {
  const errors: FieldError[] = [];
  const field = <T>(name: FieldName, parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      errors.push({ field: name, message: error.message });
      return undefined;
    }
  };
  const label = cliName;
  const layers = field("layers", () => parseLayers(values.layers));
  const activation = field("activation", () => parseChoice("activation", values.activation, ACTIVATIONS));
  const output = field("output", () => parseChoice("output", values.output, OUTPUTS));
  const loss = field("loss", () => parseChoice("loss", values.loss, LOSSES));
  const init = field("init", () => parseChoice("init", values.init, INITS));
  const lr = field("lr", () => requirePositive("lr", parseNumber("lr", values.lr)));
  const optimizerOptions = field("optimizerOptions", () =>
    parseOptions(label("optimizerOptions"), values.optimizerOptions),
  );
  const optimizer = field("optimizer", () => {
    const name = values.optimizer.trim().toLowerCase();
    if (name === "") throw new EngineError("optimizer is required");
    return name;
  });
  const scheduleOptions = field("scheduleOptions", () =>
    parseOptions(label("scheduleOptions"), values.scheduleOptions),
  );
  const schedule = field("schedule", () => {
    return values.schedule.trim().toLowerCase() || "constant";
  });
  const lambda = field("lambda", () => requireNonNegative("lambda", parseNumber("lambda", values.lambda)));
  const epochs = field("epochs", () => requireInteger("epochs", parseNumber("epochs", values.epochs), 1));
  const batch = field("batch", () => requireInteger("batch", parseNumber("batch", values.batch), 1));
  const seed = field("seed", () => requireInteger("seed", parseNumber("seed", values.seed), 0));
  const trainLimit = field("trainLimit", () => {
    const name = label("trainLimit");
    const limit = requireInteger(name, parseNumber(name, values.trainLimit), 0);
    if (limit > MNIST_TRAIN_IMAGES) {
      throw new EngineError(`${name} must be at most ${MNIST_TRAIN_IMAGES} (0 = all), got ${limit}`);
    }
    if (limit > 0 && batch !== undefined && limit < batch) {
      throw new EngineError(`${name} must be 0 (all) or at least batch (${batch}), got ${limit}`);
    }
    return limit;
  });
  const progressEvery = field("progressEvery", () => {
    const name = label("progressEvery");
    return requireInteger(name, parseNumber(name, values.progressEvery), 1);
  });
  if (
    errors.length > 0 ||
    layers === undefined ||
    activation === undefined ||
    output === undefined ||
    loss === undefined ||
    init === undefined ||
    optimizer === undefined ||
    lr === undefined ||
    optimizerOptions === undefined ||
    schedule === undefined ||
    scheduleOptions === undefined ||
    lambda === undefined ||
    epochs === undefined ||
    batch === undefined ||
    seed === undefined ||
    trainLimit === undefined ||
    progressEvery === undefined
  ) {
    return { ok: false, errors };
  }
  const config: TrainConfig = {
    layers,
    activation,
    output,
    loss,
    init,
    optimizer,
    lr,
    optimizerOptions,
    schedule,
    scheduleOptions,
    lambda,
    epochs,
    batch,
    seed,
    trainLimit,
    progressEvery,
  };
  if (checkConfig) {
    try {
      checkConfig(config);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const field: FieldName = /schedule/i.test(error.message) ? "schedule" : "optimizer";
      return { ok: false, errors: [{ field, message: error.message }] };
    }
  }
  return { ok: true, config };
}
