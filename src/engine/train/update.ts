/**
 * The parameter update and the learning rate of a training run, from the engine's registries.
 * TEMPORARY: until src/engine/optim and src/engine/schedules land, plain SGD and a constant rate are
 * implemented here behind the same kernel interface.
 */
import { EngineError, formatValue } from "../errors";
import type { FloatArray, FloatArrayConstructor } from "../mlp/examples";
import type { TrainConfig } from "./protocol";

export interface UpdateKernel {
  /** Updates params in place from grads, allocation-free. */
  step(params: FloatArray, grads: FloatArray, lr: number): void;
}

export function createUpdateKernel(
  name: string,
  n: number,
  options: Readonly<Record<string, number | boolean>>,
  _ctor: FloatArrayConstructor,
): UpdateKernel {
  if (name !== "sgd") throw new EngineError(`unknown optimizer ${formatValue(name)}`);
  if (Object.keys(options).length > 0) {
    throw new EngineError(`unknown optimizer option ${formatValue(Object.keys(options)[0])}`);
  }
  return {
    step(params, grads, lr) {
      for (let i = 0; i < n; i++) params[i] = (params[i] as number) - lr * (grads[i] as number);
    },
  };
}

/** Learning rate for batch step 0, 1, 2, ... */
export function createLearningRate(
  name: string,
  lr0: number,
  _options: Readonly<Record<string, number | boolean>>,
): (step: number) => number {
  if (name !== "constant") throw new EngineError(`unknown schedule ${formatValue(name)}`);
  return () => lr0;
}

/** Checks the optimizer and schedule names and options up front (the CLI does so before starting a worker). */
export function checkOptimizerAndSchedule(config: TrainConfig): void {
  createUpdateKernel(config.optimizer, 1, config.optimizerOptions, Float32Array);
  createLearningRate(config.schedule, config.lr, config.scheduleOptions)(0);
}
