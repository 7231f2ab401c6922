/**
 * The GD.* Excel custom functions, generated from their descriptors (src/functions/*-functions.ts) by
 * `npm run functions:shells`: do not edit by hand (test/functions/shells.test.ts fails when this file is not
 * what the descriptors give). The JSDoc of each top-level function IS its metadata: the webpack build runs
 * custom-functions-metadata-plugin on this file to write functions.json and register the functions with
 * CustomFunctions.associate. Rules that keep the metadata valid (docs/functions.md):
 * - only top-level `function` declarations, types number / string / boolean / any, `T[][]` is a range and
 *   `T[][][]` a repeating range; optional arguments are `x?: T` and arrive as null, never default values;
 * - every body runs through atExcelEdge (runCell), so bad input becomes #VALUE! with the engine's message.
 * The functions touch no Office object, so they load in Node (tests, the HyperFormula workbench).
 *
 * The row contract: a step function returns ONE row — new parameters, then every piece of optimizer state
 * the next step needs (ending with the step count t). The next row passes the previous row's spill back.
 */
/* global CustomFunctions */
import { runCell } from "./cell-functions";

/**
 * One SGD step (plain, momentum, Nesterov, dampening, weight decay): new params, momentum buffer, t.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#gd_step
 * @param params Current parameters: one row or column (the previous row's spill, or the initial values).
 * @param grads Gradient of the loss at params, same length as params (hand-derived cells or GD.GRAD).
 * @param [state] Optimizer state from the previous row's spill: buffers then t. Blank on the first row.
 * @param [lr] Learning rate η (default: the engine's SGD default).
 * @param [momentum] Momentum μ (default 0: plain gradient descent).
 * @param [dampening] Dampening of the momentum buffer (default 0).
 * @param [weight_decay] L2 penalty λ added to the gradient (default 0).
 * @param [nesterov] TRUE for Nesterov momentum (default FALSE).
 * @param [variant] "pytorch" (default), "ewa" (momentum as a weighted average: v ← βv + (1−β)g), or "l2" (textbook L2: w ← (1−ηλ)w − ηg).
 * @returns One row: new params, then the state for the next row.
 */
export function GD_STEP(
  params: number[][],
  grads: number[][],
  state?: any[][],
  lr?: number,
  momentum?: number,
  dampening?: number,
  weight_decay?: number,
  nesterov?: boolean,
  variant?: string,
): number[][] {
  return runCell("GD_STEP", {
    params,
    grads,
    state,
    lr,
    momentum,
    dampening,
    weight_decay,
    nesterov,
    variant,
  }) as number[][];
}

/**
 * One Adam step (also AMSGrad and AdamW): new params, first moments m, second moments v, [vmax], t.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#adam_step
 * @param params Current parameters: one row or column.
 * @param grads Gradient of the loss at params, same length as params.
 * @param [state] Previous row's state (m, v, [vmax], t). Blank on the first row.
 * @param [lr] Learning rate (default 0.001).
 * @param [beta1] Decay of the first moment (default 0.9).
 * @param [beta2] Decay of the second moment (default 0.999).
 * @param [eps] Added to the denominator (default 1e-8).
 * @param [weight_decay] Weight decay (default 0; with decoupled TRUE this is AdamW's decoupled decay, default 0.01).
 * @param [amsgrad] TRUE for AMSGrad: keeps the running maximum of v (default FALSE).
 * @param [decoupled] TRUE for AdamW (decoupled weight decay).
 * @returns One row: new params, then m, v, [vmax], t.
 */
export function ADAM_STEP(
  params: number[][],
  grads: number[][],
  state?: any[][],
  lr?: number,
  beta1?: number,
  beta2?: number,
  eps?: number,
  weight_decay?: number,
  amsgrad?: boolean,
  decoupled?: boolean,
): number[][] {
  return runCell("ADAM_STEP", {
    params,
    grads,
    state,
    lr,
    beta1,
    beta2,
    eps,
    weight_decay,
    amsgrad,
    decoupled,
  }) as number[][];
}

/**
 * One AdaGrad step: new params, the sum of squared gradients, t.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#adagrad_step
 * @param params Current parameters: one row or column.
 * @param grads Gradient of the loss at params, same length as params.
 * @param [state] Previous row's state (sums of squares, t). Blank on the first row.
 * @param [lr] Learning rate (default 0.01).
 * @param [lr_decay] Learning-rate decay: η / (1 + (t−1)·lr_decay) (default 0).
 * @param [weight_decay] L2 penalty added to the gradient (default 0).
 * @param [initial_accumulator_value] Starting value of the sums (default 0).
 * @param [eps] Added to the denominator (default 1e-10).
 * @returns One row: new params, then the state for the next row.
 */
export function ADAGRAD_STEP(
  params: number[][],
  grads: number[][],
  state?: any[][],
  lr?: number,
  lr_decay?: number,
  weight_decay?: number,
  initial_accumulator_value?: number,
  eps?: number,
): number[][] {
  return runCell("ADAGRAD_STEP", {
    params,
    grads,
    state,
    lr,
    lr_decay,
    weight_decay,
    initial_accumulator_value,
    eps,
  }) as number[][];
}

/**
 * One AdaDelta step: new params, the averages of squared gradients and squared updates, t.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#adadelta_step
 * @param params Current parameters: one row or column.
 * @param grads Gradient of the loss at params, same length as params.
 * @param [state] Previous row's state. Blank on the first row.
 * @param [lr] Scale of the update (default 1).
 * @param [rho] Decay of the running averages (default 0.9).
 * @param [eps] Added inside the square roots (default 1e-6).
 * @param [weight_decay] L2 penalty added to the gradient (default 0).
 * @returns One row: new params, then the state for the next row.
 */
export function ADADELTA_STEP(
  params: number[][],
  grads: number[][],
  state?: any[][],
  lr?: number,
  rho?: number,
  eps?: number,
  weight_decay?: number,
): number[][] {
  return runCell("ADADELTA_STEP", { params, grads, state, lr, rho, eps, weight_decay }) as number[][];
}

/**
 * One RMSProp step (optionally centred, with momentum): new params, the state, t.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#rmsprop_step
 * @param params Current parameters: one row or column.
 * @param grads Gradient of the loss at params, same length as params.
 * @param [state] Previous row's state. Blank on the first row.
 * @param [lr] Learning rate (default 0.01).
 * @param [alpha] Smoothing constant of the squared-gradient average (default 0.99).
 * @param [eps] Added to the denominator (default 1e-8).
 * @param [weight_decay] L2 penalty added to the gradient (default 0).
 * @param [momentum] Momentum (default 0).
 * @param [centered] TRUE to divide by the estimated variance instead of the second moment (default FALSE).
 * @returns One row: new params, then the state for the next row.
 */
export function RMSPROP_STEP(
  params: number[][],
  grads: number[][],
  state?: any[][],
  lr?: number,
  alpha?: number,
  eps?: number,
  weight_decay?: number,
  momentum?: number,
  centered?: boolean,
): number[][] {
  return runCell("RMSPROP_STEP", {
    params,
    grads,
    state,
    lr,
    alpha,
    eps,
    weight_decay,
    momentum,
    centered,
  }) as number[][];
}

/**
 * One step of any optimizer in the engine's registry, by name, with hyper-parameters as "name=value" text.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#optim_step
 * @param optimizer Optimizer name: "sgd", "adagrad", "adadelta", "rmsprop", "adam", "adamw", "momentum_ewa", "sgd_l2", "adamax", "nadam", "radam", "rprop", "asgd", "lion", "eve".
 * @param params Current parameters: one row or column.
 * @param grads Gradient of the loss at params, same length as params.
 * @param [state] Previous row's state. Blank on the first row.
 * @param [lr] Learning rate (default: the optimizer's).
 * @param [options] Other hyper-parameters as text, e.g. "momentum=0.9, nesterov=true".
 * @param [loss] The loss at params: Eve's step needs it (it compares successive losses); others ignore it.
 * @returns One row: new params, then the state for the next row.
 */
export function OPTIM_STEP(
  optimizer: string,
  params: number[][],
  grads: number[][],
  state?: any[][],
  lr?: number,
  options?: string,
  loss?: number,
): number[][] {
  return runCell("OPTIM_STEP", { optimizer, params, grads, state, lr, options, loss }) as number[][];
}

/**
 * Column labels for a step function's spill, e.g. ("adam", "a,b") → a, b, m_a, m_b, v_a, v_b, t.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#step_headers
 * @param optimizer Optimizer name, e.g. "sgd", "adam", "nadam", "rprop", "asgd", "lion", "eve".
 * @param names Parameter names: "a,b" or a range of name cells.
 * @param [options] Hyper-parameters that change the state, as text, e.g. "momentum=0.9" or "amsgrad=true".
 * @returns One row of labels.
 */
export function STEP_HEADERS(optimizer: string, names: any[][], options?: string): string[][] {
  return runCell("STEP_HEADERS", { optimizer, names, options }) as string[][];
}

/**
 * The gradient of a formula string with respect to the named variables.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#grad
 * @param formula A formula in the engine's language, e.g. "AVERAGE((a*x+b-y)^2)".
 * @param names Variables to differentiate by: "a,b" or a range of names.
 * @param values Their values, in the same order.
 * @param [data_names] Names of the data ranges that follow, e.g. "x,y".
 * @param [data] One range (or value) per data name.
 * @returns One row: ∂f/∂name for each name.
 */
export function GRAD(
  formula: string,
  names: any[][],
  values: number[][],
  data_names?: any[][],
  data?: number[][][],
): number[][] {
  return runCell("GRAD", { formula, names, values, data_names, data }) as number[][];
}

/**
 * The value of a formula string at the given point and data (e.g. the loss on a batch).
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#loss
 * @param formula A formula in the engine's language, e.g. "AVERAGE((a*x+b-y)^2)".
 * @param names Variable names: "a,b" or a range of names.
 * @param values Their values, in the same order.
 * @param [data_names] Names of the data ranges that follow.
 * @param [data] One range (or value) per data name.
 * @returns The formula's value.
 */
export function LOSS(
  formula: string,
  names: any[][],
  values: number[][],
  data_names?: any[][],
  data?: number[][][],
): number {
  return runCell("LOSS", { formula, names, values, data_names, data }) as number;
}

/**
 * The Jacobian of several formulas: row i is the gradient of formula i.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#jacobian
 * @param formulas A range of formula cells, or formulas in one cell separated by ";".
 * @param names Variables: "a,b" or a range of names.
 * @param values Their values, in the same order.
 * @param [data_names] Names of the data ranges that follow.
 * @param [data] One range (or value) per data name.
 * @returns A matrix: one row per formula, one column per variable.
 */
export function JACOBIAN(
  formulas: any[][],
  names: any[][],
  values: number[][],
  data_names?: any[][],
  data?: number[][][],
): number[][] {
  return runCell("JACOBIAN", { formulas, names, values, data_names, data }) as number[][];
}

/**
 * The Hessian (matrix of second derivatives) of a formula string.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#hessian
 * @param formula A formula in the engine's language.
 * @param names Variables: "a,b" or a range of names.
 * @param values Their values, in the same order.
 * @param [data_names] Names of the data ranges that follow.
 * @param [data] One range (or value) per data name.
 * @returns An n×n matrix.
 */
export function HESSIAN(
  formula: string,
  names: any[][],
  values: number[][],
  data_names?: any[][],
  data?: number[][][],
): number[][] {
  return runCell("HESSIAN", { formula, names, values, data_names, data }) as number[][];
}

/**
 * Checks gradient cells (e.g. your hand-derived derivative columns) against centred finite differences of the formula.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#gradcheck
 * @param formula The loss as a formula string.
 * @param names Variables: "a,b" or a range of names.
 * @param values Their values, in the same order.
 * @param grads The gradient to check, one value per name.
 * @param [tolerance] Largest relative error that passes (default: the engine's gradient-check tolerance).
 * @param [data_names] Names of the data ranges that follow.
 * @param [data] One range (or value) per data name.
 * @returns One row: TRUE/FALSE, the largest relative error, then each entry's relative error.
 */
export function GRADCHECK(
  formula: string,
  names: any[][],
  values: number[][],
  grads: number[][],
  tolerance?: number,
  data_names?: any[][],
  data?: number[][][],
): any[][] {
  return runCell("GRADCHECK", { formula, names, values, grads, tolerance, data_names, data }) as any[][];
}

/**
 * The learning rate of a schedule at a step; the schedule's parameters follow in the engine's order.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#lr_decay
 * @param lr Initial learning rate η0.
 * @param step Step (or epoch) number, from 0.
 * @param schedule Schedule name: constant, exponential, piecewise_constant, polynomial, cosine, cosine_restarts, inverse_time, natural_exp, step, multi_step, cyclic_triangular, cyclic_triangular2, cyclic_exp_range, one_cycle_cos, one_cycle_linear, cosine_annealing_lr, cosine_annealing_warm_restarts, linear_lr, constant_lr, exponential_lr, polynomial_lr.
 * @param [params] The schedule's parameters in the engine's order (docs/functions.md#lr_decay); a list such as milestones is text "20,35,50"; blank takes the default.
 * @returns The learning rate at that step.
 */
export function LR_DECAY(lr: number, step: number, schedule: string, params?: any[]): number {
  return runCell("LR_DECAY", { lr, step, schedule, params }) as number;
}

/**
 * One Newton step: params − (H + damping·I)⁻¹·grads, by Cholesky; a Hessian that is not positive definite gets a message with the damping that fixes it.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#newton_step
 * @param params Current parameters: one row or column.
 * @param grads Gradient of the loss at params, same length.
 * @param hessian The n×n Hessian at params (e.g. GD.HESSIAN's spill).
 * @param [damping] Levenberg–Marquardt damping λ ≥ 0 added to the diagonal (default 0).
 * @returns One row: the new params.
 */
export function NEWTON_STEP(
  params: number[][],
  grads: number[][],
  hessian: number[][],
  damping?: number,
): number[][] {
  return runCell("NEWTON_STEP", { params, grads, hessian, damping }) as number[][];
}

/**
 * PyTorch's ReduceLROnPlateau as a row: this epoch's loss and the previous row's state in; the rate for the next epoch, the best loss, the bad-epoch and cooldown counters out.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#lr_plateau
 * @param lr Initial learning rate (used while state is blank).
 * @param loss This epoch's loss (or metric, with mode "max").
 * @param [state] The previous row's spill (lr, best, num_bad_epochs, cooldown_counter); blank on the first row.
 * @param [mode] "min" (default: the loss should fall) or "max".
 * @param [factor] Factor applied to the rate on a plateau (default 0.1).
 * @param [patience] Epochs without improvement tolerated before reducing (default 10).
 * @param [threshold] What counts as an improvement (default 1e-4).
 * @param [threshold_mode] "rel" (default: best·(1 ∓ threshold)) or "abs" (best ∓ threshold).
 * @param [cooldown] Epochs after a reduction before counting again (default 0).
 * @param [min_lr] The rate never falls below this (default 0).
 * @param [eps] A reduction smaller than this is skipped (default 1e-8).
 * @returns One row: lr, best, num_bad_epochs, cooldown_counter.
 */
export function LR_PLATEAU(
  lr: number,
  loss: number,
  state?: any[][],
  mode?: string,
  factor?: number,
  patience?: number,
  threshold?: number,
  threshold_mode?: string,
  cooldown?: number,
  min_lr?: number,
  eps?: number,
): number[][] {
  return runCell("LR_PLATEAU", {
    lr,
    loss,
    state,
    mode,
    factor,
    patience,
    threshold,
    threshold_mode,
    cooldown,
    min_lr,
    eps,
  }) as number[][];
}

/**
 * Trains a small network. Without epochs: ONE iteration per row (previous row's spill in → params, state, loss out). With epochs: a whole run in one cell, returning the loss per epoch (a column) or the trained params (a row).
 * @customfunction
 * @cancelable
 * @helpurl https://localhost:3000/help/functions.html#train_mlp
 * @param layers Layer sizes, inputs first, e.g. "2,4,1".
 * @param X Inputs: one row per example.
 * @param Y Targets: one row per example.
 * @param [previous] Row mode: the previous row's whole spill (blank on the first row: seeded initial params). Run mode: initial params (blank: seeded).
 * @param [optimizer] Optimizer name (default "sgd").
 * @param [lr] Learning rate (default 0.5).
 * @param [epochs] Blank or 0: one iteration (row mode). 1 or more: a whole run.
 * @param [batch] Run mode: mini-batch size (default: all rows).
 * @param [seed] Seed of the initial parameters (default 1).
 * @param [activation] Hidden units: "sigmoid" (default), "tanh", "relu".
 * @param [output] Output units: "sigmoid" (default), "softmax", "linear".
 * @param [loss] "quadratic" (default) or "cross-entropy".
 * @param [result] Run mode: "loss" (default, one row per epoch) or "params".
 * @param [options] Optimizer hyper-parameters as text, e.g. "momentum=0.9".
 * @param [schedule] Learning-rate schedule name (default: constant); row mode uses the rate after the previous row's t steps.
 * @param [schedule_options] The schedule's parameters as text, e.g. "step_size=100, gamma=0.5".
 * @param invocation Lets Excel cancel a long run.
 * @returns Row mode: params, optimizer state, loss. Run mode: losses (column) or params (row).
 */
export async function TRAIN_MLP(
  layers: any[][],
  X: number[][],
  Y: number[][],
  previous?: any[][],
  optimizer?: string,
  lr?: number,
  epochs?: number,
  batch?: number,
  seed?: number,
  activation?: string,
  output?: string,
  loss?: string,
  result?: string,
  options?: string,
  schedule?: string,
  schedule_options?: string,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<number[][]> {
  return runCell(
    "TRAIN_MLP",
    {
      layers,
      X,
      Y,
      previous,
      optimizer,
      lr,
      epochs,
      batch,
      seed,
      activation,
      output,
      loss,
      result,
      options,
      schedule,
      schedule_options,
    },
    invocation,
  ) as Promise<number[][]>;
}

/**
 * A whole training run that shows its progress: the loss column fills in epoch by epoch (blank until reached).
 * @customfunction
 * @streaming
 * @helpurl https://localhost:3000/help/functions.html#train_mlp_live
 * @param layers Layer sizes, inputs first, e.g. "2,4,1".
 * @param X Inputs: one row per example.
 * @param Y Targets: one row per example.
 * @param epochs Number of epochs (rows of the result).
 * @param [optimizer] Optimizer name (default "sgd").
 * @param [lr] Learning rate (default 0.5).
 * @param [batch] Mini-batch size (default: all rows).
 * @param [seed] Seed of the initial parameters (default 1).
 * @param [activation] Hidden units: "sigmoid" (default), "tanh", "relu".
 * @param [output] Output units: "sigmoid" (default), "softmax", "linear".
 * @param [loss] "quadratic" (default) or "cross-entropy".
 * @param [options] Optimizer hyper-parameters as text, e.g. "momentum=0.9".
 * @param [schedule] Learning-rate schedule name (default: constant), stepped once per batch.
 * @param [schedule_options] The schedule's parameters as text, e.g. "step_size=100, gamma=0.5".
 * @param invocation Receives the losses so far; cancels the run when Excel cancels the cell.
 */
export function TRAIN_MLP_LIVE(
  layers: any[][],
  X: number[][],
  Y: number[][],
  epochs: number,
  optimizer?: string,
  lr?: number,
  batch?: number,
  seed?: number,
  activation?: string,
  output?: string,
  loss?: string,
  options?: string,
  schedule?: string,
  schedule_options?: string,
  invocation?: CustomFunctions.StreamingInvocation<any[][]>,
): void {
  runCell(
    "TRAIN_MLP_LIVE",
    {
      layers,
      X,
      Y,
      epochs,
      optimizer,
      lr,
      batch,
      seed,
      activation,
      output,
      loss,
      options,
      schedule,
      schedule_options,
    },
    invocation,
  );
}

/**
 * Column labels for TRAIN_MLP's row mode: p1..pn, the optimizer state, loss.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#train_headers
 * @param layers Layer sizes, inputs first, e.g. "2,4,1".
 * @param [optimizer] Optimizer name (default "sgd").
 * @param [options] Optimizer hyper-parameters as text, e.g. "momentum=0.9".
 * @returns One row of labels.
 */
export function TRAIN_HEADERS(layers: any[][], optimizer?: string, options?: string): string[][] {
  return runCell("TRAIN_HEADERS", { layers, optimizer, options }) as string[][];
}

/**
 * A trained network's outputs for each row of inputs.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#mlp_predict
 * @param layers Layer sizes, inputs first, e.g. "2,4,1".
 * @param params The network's parameters: one row or column (a TRAIN_MLP row's first values, its run-mode params), or one row per unit (its weights, then its bias) as a run sheet holds them.
 * @param X Inputs: one row per example, or one example as a grid (a 28×28 block of pixels for 784 inputs).
 * @param [activation] Hidden units: "sigmoid" (default), "tanh", "relu".
 * @param [output] Output units: "sigmoid" (default), "softmax", "linear".
 * @returns One row of outputs per row of X (one row for a grid).
 */
export function MLP_PREDICT(
  layers: any[][],
  params: number[][],
  X: number[][],
  activation?: string,
  output?: string,
): number[][] {
  return runCell("MLP_PREDICT", { layers, params, X, activation, output }) as number[][];
}
