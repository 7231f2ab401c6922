import type { FloatArray, Hyper } from "./types";

/** The hyper-parameters every optimizer has: the learning rate. */
export type BaseHyper = Hyper & { readonly lr: number };

/**
 * The one description of an optimizer. Its `apply` is the only update rule: the pure step (a spreadsheet
 * row) and the in-place training kernel both call it, so the two cannot drift apart.
 */
export interface UpdateRule<H extends BaseHyper, Slot extends string, Scalar extends string = never> {
  readonly name: string;
  /** Defaults, with keys in the order cell functions take the hyper-parameters as arguments. */
  readonly defaults: Readonly<H>;
  /** Every per-parameter buffer the update can use, in the order they appear in cells. */
  readonly slotNames: readonly Slot[];
  /** Buffers that are sums of squares and so can never be negative (a negative cell is a typo). */
  readonly nonNegativeSlots: readonly Slot[];
  /** Range checks on resolved hyper-parameters; throws EngineError with an exact message. */
  validate(hyper: H): void;
  /** The buffers these hyper-parameters switch on (e.g. Adam's `vmax` only with amsgrad). */
  activeSlots(hyper: H): readonly Slot[];
  /** The value a buffer starts from (0, except Adagrad's `initial_accumulator_value`). */
  initialValue(slot: Slot, hyper: H): number;
  /**
   * State that is one number for all parameters, not one per parameter (NAdam's mu_product, ASGD's eta
   * and mu, Eve's feedback): in cells after the per-parameter slots, labelled by name alone.
   */
  readonly scalarNames?: readonly Scalar[];
  /** The value a scalar starts from. */
  initialScalar?(scalar: Scalar, hyper: H): number;
  /** Scalars that are step sizes or products of factors in (0, 1] and so must be > 0. */
  readonly positiveScalars?: readonly Scalar[];
  /** true when each step needs the loss at params (Eve's feedback); the kernel and the row pass it. */
  readonly needsLoss?: boolean;
  /**
   * One step in place. `t` is the number of the step being taken (1 on the first step); `lr` is the
   * learning rate for this step (hyper.lr for a sheet row, the schedule's value in training).
   * `scalars` are updated in place; `loss` is the loss at params (NaN unless `needsLoss`).
   * Must not allocate: the training loop calls it once per mini-batch.
   */
  apply(
    params: FloatArray,
    grads: ArrayLike<number>,
    slots: Readonly<Record<Slot, FloatArray>>,
    t: number,
    lr: number,
    hyper: H,
    scalars: Record<Scalar, number>,
    loss: number,
  ): void;
}
