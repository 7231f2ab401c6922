/** Training configurations: network.py's defaults, and validation with exact messages. */
import { EngineError, formatValue, requireInteger, requireNonNegative, requirePositive } from "../errors";
import { INITS, requireChoice } from "../options/choices";
import { validateMlpSpec, type MlpSpec } from "../mlp/spec";
import type { TrainConfig } from "./protocol";

/** network.py: [784, 30, 10], sigmoid, quadratic cost, SGD η = 3.0, mini-batches of 10, 30 epochs. */
export const NETWORK_PY_CONFIG: Readonly<TrainConfig> = Object.freeze({
  layers: [784, 30, 10],
  activation: "sigmoid",
  output: "sigmoid",
  loss: "quadratic",
  init: "normal",
  optimizer: "sgd",
  lr: 3,
  optimizerOptions: {},
  schedule: "constant",
  scheduleOptions: {},
  lambda: 0,
  epochs: 30,
  batch: 10,
  seed: 1,
  trainLimit: 0,
  progressEvery: 500,
});

export function mlpSpecOf(config: TrainConfig): MlpSpec {
  return { layers: config.layers, activation: config.activation, output: config.output, loss: config.loss };
}

/**
 * Fills absent fields from network.py's configuration and checks every field. Optimizer and schedule
 * names and options are checked by their registries when the run starts.
 */
export function resolveTrainConfig(partial: Partial<TrainConfig>): TrainConfig {
  const config: TrainConfig = {
    ...NETWORK_PY_CONFIG,
    layers: [...NETWORK_PY_CONFIG.layers],
    optimizerOptions: {},
    scheduleOptions: {},
    ...partial,
  };
  validateMlpSpec(mlpSpecOf(config));
  requireChoice("init", config.init, INITS);
  if (typeof config.optimizer !== "string" || config.optimizer === "") {
    throw new EngineError(`optimizer must be a name, got ${formatValue(config.optimizer)}`);
  }
  if (typeof config.schedule !== "string" || config.schedule === "") {
    throw new EngineError(`schedule must be a name, got ${formatValue(config.schedule)}`);
  }
  requirePositive("lr", config.lr);
  requireNonNegative("lambda", config.lambda);
  requireInteger("epochs", config.epochs, 1);
  requireInteger("batch", config.batch, 1);
  requireInteger("seed", config.seed, 0);
  requireInteger("trainLimit", config.trainLimit, 0);
  requireInteger("progressEvery", config.progressEvery, 1);
  return config;
}
