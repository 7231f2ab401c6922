import {
  EngineError,
  requireAllFinite,
  requireNonNegative,
  requirePositive,
  requireSameLength,
} from "../errors";
import { resolveHyper } from "./hyper";
import type { BaseHyper, UpdateRule } from "./rule";
import {
  checkState,
  initialState,
  requireParamCount,
  stateFromCells,
  stateLabels,
  stateToCells,
} from "./state";
import type { FloatArray, FloatArrayConstructor, HyperInput, OptimizerKernel, OptimizerSpec } from "./types";

function makeSlots<Slot extends string>(
  names: readonly Slot[],
  fill: (slot: Slot) => FloatArray,
): Record<Slot, FloatArray> {
  const slots = {} as Record<Slot, FloatArray>;
  for (const name of names) slots[name] = fill(name);
  return slots;
}

/**
 * Finite inputs can still overflow (lr·g beyond 1.8e308, g² in a second moment): a row of Infinity/NaN
 * would look like a result, so the step says where it broke instead.
 */
function requireNoOverflow(optimizer: string, name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new EngineError(
        `${optimizer} step overflows: ${name}[${i + 1}] becomes ${v}; use a smaller lr or smaller values`,
      );
    }
  }
}

/**
 * The loss an optimizer with feedback (Eve) needs at params: present, finite and > 0, since the feedback
 * is a ratio of successive losses. Optimizers without feedback ignore it (NaN is passed to their rule).
 */
function lossFor(name: string, needsLoss: boolean, loss: number | undefined): number {
  if (!needsLoss) return NaN;
  if (loss === undefined) {
    throw new EngineError(`${name} needs the loss at params: its step compares successive losses`);
  }
  return requirePositive("loss", loss);
}

/** Scalars copied into a mutable record the rule updates in place. */
function makeScalars<Scalar extends string>(
  names: readonly Scalar[],
  value: (name: Scalar) => number,
): Record<Scalar, number> {
  const scalars = {} as Record<Scalar, number>;
  for (const name of names) scalars[name] = value(name);
  return scalars;
}

/** Builds the registry entry (cells, pure step, kernel) around an optimizer's single update rule. */
export function defineOptimizer<H extends BaseHyper, Slot extends string, Scalar extends string = never>(
  rule: UpdateRule<H, Slot, Scalar>,
): OptimizerSpec<H> {
  const scalarNames: readonly Scalar[] = rule.scalarNames ?? [];
  const needsLoss = rule.needsLoss === true;
  const resolve = (partial?: HyperInput<H>): H => resolveHyper(rule, partial);
  return {
    name: rule.name,
    hyperNames: Object.keys(rule.defaults),
    defaults: rule.defaults,
    needsLoss,
    resolveHyper: resolve,
    stateWidth: (n, hyper) =>
      rule.activeSlots(resolve(hyper)).length * requireParamCount(n) + scalarNames.length + 1,
    stateLabels: (paramNames, hyper) => stateLabels(rule, paramNames, resolve(hyper)),
    initialState: (n, hyper) => initialState(rule, requireParamCount(n), resolve(hyper)),
    stateFromCells: (values, n, hyper) => stateFromCells(rule, values, n, resolve(hyper)),
    stateToCells: (state) => stateToCells(rule, state),

    step(params, grads, state, hyperInput, lossInput) {
      const hyper = resolve(hyperInput);
      const n = requireParamCount(params.length);
      requireAllFinite("params", params);
      requireSameLength("grads", grads, "params", params);
      requireAllFinite("grads", grads);
      const loss = lossFor(rule.name, needsLoss, lossInput);
      checkState(rule, state, n, hyper);
      // Inactive slots are scratch zeros the rule never reads (e.g. SGD's buffer without momentum).
      const slots = makeSlots(rule.slotNames, (slot) => {
        const values = state.slots[slot];
        return values === undefined ? new Float64Array(n) : Float64Array.from(values);
      });
      const scalars = makeScalars(scalarNames, (name) => state.scalars?.[name] ?? 0);
      const next = Float64Array.from(params);
      rule.apply(next, grads, slots, state.t + 1, hyper.lr, hyper, scalars, loss);
      const nextSlots: Record<string, number[]> = {};
      for (const slot of rule.activeSlots(hyper)) nextSlots[slot] = Array.from(slots[slot]);
      requireNoOverflow(rule.name, "params", next);
      for (const [slot, values] of Object.entries(nextSlots)) requireNoOverflow(rule.name, slot, values);
      for (const name of scalarNames) requireNoOverflow(rule.name, name, [scalars[name]]);
      const t = state.t + 1;
      return {
        params: Array.from(next),
        state: scalarNames.length > 0 ? { t, slots: nextSlots, scalars } : { t, slots: nextSlots },
      };
    },

    createKernel(n, hyperInput, floatArray: FloatArrayConstructor): OptimizerKernel {
      const hyper = resolve(hyperInput);
      requireParamCount(n);
      const slots = makeSlots(rule.slotNames, (slot) =>
        new floatArray(n).fill(rule.initialValue(slot, hyper)),
      );
      const scalars = makeScalars(scalarNames, (name) => rule.initialScalar?.(name, hyper) ?? 0);
      let t = 0;
      return {
        step(params, grads, lr, lossInput) {
          if (params.length !== n) {
            throw new EngineError(`params has ${params.length} values but the kernel was made for ${n}`);
          }
          requireSameLength("grads", grads, "params", params);
          requireNonNegative("lr", lr);
          const loss = lossFor(rule.name, needsLoss, lossInput);
          t += 1;
          rule.apply(params, grads, slots, t, lr, hyper, scalars, loss);
        },
        get t() {
          return t;
        },
      };
    },
  };
}
