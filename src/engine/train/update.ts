/**
 * The parameter update and the learning rate of a training run, taken from the engine's registries so the
 * worker, the CLI and the cells share one update rule per optimizer and one formula per schedule.
 */
import { attributeTo } from "../errors";
import type { FloatArray, FloatArrayConstructor } from "../mlp/examples";
import { getOptimizer } from "../optim";
import { getSchedule } from "../schedules";
import type { TrainConfig } from "./protocol";

export interface UpdateKernel {
  /** Updates params in place from grads, allocation-free; `loss` (at params) feeds Eve's feedback. */
  step(params: FloatArray, grads: FloatArray, lr: number, loss?: number): void;
}

/** The optimizer's in-place kernel; lr is validated with the other hyper-parameters, then passed per step. */
export function createUpdateKernel(
  name: string,
  n: number,
  lr: number,
  options: Readonly<Record<string, number | boolean>>,
  ctor: FloatArrayConstructor,
): UpdateKernel {
  return getOptimizer(name).createKernel(n, { ...options, lr }, ctor);
}

/** Learning rate for optimizer step 0, 1, 2, ... */
export function createLearningRate(
  name: string,
  lr0: number,
  options: Readonly<Record<string, number | boolean>>,
): (step: number) => number {
  return getSchedule(name).make(lr0, options);
}

/** Checks the optimizer and schedule names and options up front (the CLI does so before starting a worker). */
export function checkOptimizerAndSchedule(config: TrainConfig): void {
  attributeTo("optimizer", () =>
    createUpdateKernel(config.optimizer, 1, config.lr, config.optimizerOptions, Float32Array),
  );
  attributeTo("schedule", () => createLearningRate(config.schedule, config.lr, config.scheduleOptions)(0));
}

/** SGD without momentum or weight decay: the update network.py makes, p ← p − lr·g. */
export function isPlainSgd(config: TrainConfig): boolean {
  const spec = getOptimizer(config.optimizer);
  if (spec.name !== "sgd") return false;
  const hyper = spec.resolveHyper({ ...config.optimizerOptions, lr: config.lr });
  return hyper.momentum === 0 && hyper.weight_decay === 0;
}
