/** Shapes shared by every optimizer: hyper-parameters, state that fits in cells, and the training kernel. */

import type { FloatArray, FloatArrayConstructor } from "../float-array";

export type { FloatArray, FloatArrayConstructor };

/** A hyper-parameter as a cell holds it: a number, or TRUE/FALSE for switches such as `nesterov`. */
export type HyperValue = number | boolean;
export type Hyper = Readonly<Record<string, HyperValue>>;
/** What a caller passes: any subset of the hyper-parameters; the rest come from the optimizer's defaults. */
export type HyperInput<H extends Hyper = Hyper> = Readonly<{ [K in keyof H]?: H[K] | undefined }>;

/**
 * Everything an optimizer remembers between steps, as plain numbers so it can live in a spreadsheet row.
 * `slots` holds one vector per per-parameter buffer the hyper-parameters switch on (e.g. Adam's `m` and
 * `v`, plus `vmax` with amsgrad); `t` counts the steps already taken (0 before the first step).
 */
export interface OptimizerState {
  readonly t: number;
  readonly slots: Readonly<Record<string, readonly number[]>>;
  /** One number each for all parameters (NAdam's mu_product, ASGD's eta, mu); absent if none. */
  readonly scalars?: Readonly<Record<string, number>>;
}

/** One spreadsheet row: the parameters after the step and the state to carry to the next row. */
export interface StepResult {
  readonly params: number[];
  readonly state: OptimizerState;
}

/** The in-place, allocation-free update used by the training loop; it keeps its own state. */
export interface OptimizerKernel {
  /**
   * Updates `params` in place; `lr` is passed each step so a schedule can drive it, `loss` (the loss at
   * params) is needed only by optimizers with `needsLoss`.
   */
  step(params: FloatArray, grads: FloatArray, lr: number, loss?: number): void;
  /** Steps taken so far. */
  readonly t: number;
}

export interface OptimizerSpec<H extends Hyper = Hyper> {
  readonly name: string;
  /** Hyper-parameter names in the order cell functions take them as arguments. */
  readonly hyperNames: readonly string[];
  readonly defaults: Readonly<H>;
  /** true when each step needs the loss at params (Eve): pass it to `step` and the kernel. */
  readonly needsLoss: boolean;
  /** Fills in defaults and validates; throws EngineError with an exact message on bad input. */
  resolveHyper(partial?: HyperInput<H>): H;
  /** How many cells the state takes for n parameters: each active slot n times, the scalars, t (stateLabels' length). */
  stateWidth(n: number, hyper?: HyperInput<H>): number;
  /** Column headers for the state cells, e.g. adam with params a, b: m_a, m_b, v_a, v_b, t. */
  stateLabels(paramNames: readonly string[], hyper?: HyperInput<H>): string[];
  initialState(n: number, hyper?: HyperInput<H>): OptimizerState;
  /** Reads state back from a row of cells; an empty row is the initial state. */
  stateFromCells(values: readonly number[], n: number, hyper?: HyperInput<H>): OptimizerState;
  /** The state as one row of cells, in the order of `stateLabels`. */
  stateToCells(state: OptimizerState): number[];
  step(
    params: readonly number[],
    grads: readonly number[],
    state: OptimizerState,
    hyper?: HyperInput<H>,
    loss?: number,
  ): StepResult;
  createKernel(
    n: number,
    hyper: HyperInput<H> | undefined,
    floatArray: FloatArrayConstructor,
  ): OptimizerKernel;
}
