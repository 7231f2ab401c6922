import { EngineError, requireInteger, requireNonNegative, requirePositive } from "../engine/errors";
import {
  ACTIVATIONS,
  INITS,
  LOSSES,
  OUTPUT_ACTIVATIONS,
  formatOptions,
  parseChoice,
  parseDecimal,
  parseLayers as parseLayerSizes,
  parseOptions,
} from "../engine/options";
import type { TrainConfig } from "../engine/train/protocol";

export { ACTIVATIONS, INITS, LOSSES, formatOptions, parseOptions };
export const OUTPUTS = OUTPUT_ACTIVATIONS;

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

/** The engine's layer grammar, then what an MNIST network needs. */
export function parseLayers(text: string): number[] {
  const layers = parseLayerSizes("layers", text.trim());
  layers.forEach((units, i) => requireInteger(`layers[${i}]`, units, 1));
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
 * checkOptimizerAndSchedule); throws EngineError. Its message goes next to the schedule field when the
 * error's field is "schedule", else next to the optimizer.
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
  const output = field("output", () => parseChoice("output", values.output, OUTPUT_ACTIVATIONS));
  const loss = field("loss", () => parseChoice("loss", values.loss, LOSSES));
  const init = field("init", () => parseChoice("init", values.init, INITS));
  const lr = field("lr", () => requirePositive("lr", parseDecimal("lr", values.lr)));
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
  const lambda = field("lambda", () => requireNonNegative("lambda", parseDecimal("lambda", values.lambda)));
  const epochs = field("epochs", () => requireInteger("epochs", parseDecimal("epochs", values.epochs), 1));
  const batch = field("batch", () => requireInteger("batch", parseDecimal("batch", values.batch), 1));
  const seed = field("seed", () => requireInteger("seed", parseDecimal("seed", values.seed), 0));
  const trainLimit = field("trainLimit", () => {
    const name = label("trainLimit");
    const limit = requireInteger(name, parseDecimal(name, values.trainLimit), 0);
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
    return requireInteger(name, parseDecimal(name, values.progressEvery), 1);
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
      const field: FieldName =
        error instanceof EngineError && error.field === "schedule" ? "schedule" : "optimizer";
      return { ok: false, errors: [{ field, message: error.message }] };
    }
  }
  return { ok: true, config };
}
