import {
  EngineError,
  formatValue,
  requireAllFinite,
  requireFinite,
  requireInteger,
  requireSameLength,
} from "../errors";
import type { OptimizerState } from "./types";
import type { BaseHyper, UpdateRule } from "./rule";

/** The number of parameters an optimizer is set up for: at least one. */
export function requireParamCount(n: number): number {
  return requireInteger("number of parameters", n, 1);
}

export function initialState<H extends BaseHyper, Slot extends string, Scalar extends string>(
  rule: UpdateRule<H, Slot, Scalar>,
  n: number,
  hyper: H,
): OptimizerState {
  const slots: Record<string, number[]> = {};
  for (const slot of rule.activeSlots(hyper)) {
    slots[slot] = new Array<number>(n).fill(rule.initialValue(slot, hyper));
  }
  const names = rule.scalarNames ?? [];
  if (names.length === 0) return { t: 0, slots };
  const scalars: Record<string, number> = {};
  for (const name of names) scalars[name] = rule.initialScalar?.(name, hyper) ?? 0;
  return { t: 0, slots, scalars };
}

/** Checks a state against the parameter count and the slots these hyper-parameters switch on. */
export function checkState<H extends BaseHyper, Slot extends string, Scalar extends string>(
  rule: UpdateRule<H, Slot, Scalar>,
  state: OptimizerState,
  n: number,
  hyper: H,
): void {
  requireInteger("t", state.t, 0);
  const active: readonly string[] = rule.activeSlots(hyper);
  for (const slot of Object.keys(state.slots)) {
    if (!active.includes(slot)) {
      throw new EngineError(`state slot "${slot}" is not used by ${rule.name} with these hyper-parameters`);
    }
  }
  for (const slot of rule.activeSlots(hyper)) {
    const values = state.slots[slot];
    if (values === undefined) {
      throw new EngineError(`state for ${rule.name} needs slots ${active.join(", ")}; missing ${slot}`);
    }
    requireSameLength(slot, values, "params", { length: n });
    requireAllFinite(slot, values);
    if (rule.nonNegativeSlots.includes(slot)) {
      values.forEach((v, i) => {
        if (v < 0) throw new EngineError(`${slot}[${i + 1}] must be >= 0, got ${formatValue(v)}`);
      });
    }
  }
  checkScalars(rule, state);
}

/** The scalars of a state: exactly the rule's, each finite, the positive ones > 0. */
function checkScalars<H extends BaseHyper, Slot extends string, Scalar extends string>(
  rule: UpdateRule<H, Slot, Scalar>,
  state: OptimizerState,
): void {
  const names: readonly string[] = rule.scalarNames ?? [];
  const scalars = state.scalars ?? {};
  for (const name of Object.keys(scalars)) {
    if (!names.includes(name)) throw new EngineError(`state value "${name}" is not used by ${rule.name}`);
  }
  for (const name of rule.scalarNames ?? []) {
    const value = scalars[name];
    if (value === undefined) {
      throw new EngineError(`state for ${rule.name} needs ${names.join(", ")}; missing ${name}`);
    }
    requireFinite(name, value);
    if (rule.positiveScalars?.includes(name) && !(value > 0)) {
      throw new EngineError(`${name} must be > 0, got ${formatValue(value)}`);
    }
  }
}

/** Column headers: each active slot once per parameter (slot-major), then the scalars, then `t`. */
export function stateLabels<H extends BaseHyper, Slot extends string, Scalar extends string>(
  rule: UpdateRule<H, Slot, Scalar>,
  paramNames: readonly string[],
  hyper: H,
): string[] {
  const labels = rule.activeSlots(hyper).flatMap((slot) => paramNames.map((name) => `${slot}_${name}`));
  labels.push(...(rule.scalarNames ?? []), "t");
  return labels;
}

export function stateFromCells<H extends BaseHyper, Slot extends string, Scalar extends string>(
  rule: UpdateRule<H, Slot, Scalar>,
  values: readonly number[],
  n: number,
  hyper: H,
): OptimizerState {
  requireParamCount(n);
  if (values.length === 0) return initialState(rule, n, hyper);
  const active = rule.activeSlots(hyper);
  const scalarNames = rule.scalarNames ?? [];
  const needed = active.length * n + scalarNames.length + 1;
  if (values.length !== needed) {
    throw new EngineError(
      `state has ${values.length} values but ${rule.name} with ${n} parameters needs ${needed}`,
    );
  }
  requireAllFinite("state", values);
  const slots: Record<string, number[]> = {};
  active.forEach((slot, k) => {
    slots[slot] = values.slice(k * n, (k + 1) * n);
  });
  const t = values[needed - 1] ?? 0;
  let state: OptimizerState = { t, slots };
  if (scalarNames.length > 0) {
    const scalars: Record<string, number> = {};
    scalarNames.forEach((name, k) => {
      scalars[name] = values[active.length * n + k] as number;
    });
    state = { t, slots, scalars };
  }
  checkState(rule, state, n, hyper);
  return state;
}

/** The state as one row of cells: slots in the optimizer's fixed order, then the scalars, then `t`. */
export function stateToCells<H extends BaseHyper, Slot extends string, Scalar extends string>(
  rule: UpdateRule<H, Slot, Scalar>,
  state: OptimizerState,
): number[] {
  const cells: number[] = [];
  for (const slot of rule.slotNames) {
    const values = state.slots[slot];
    // A loop, not push(...values): spreading 130,000+ arguments overflows the call stack.
    if (values !== undefined) for (const value of values) cells.push(value);
  }
  for (const name of rule.scalarNames ?? []) cells.push(state.scalars?.[name] ?? 0);
  cells.push(state.t);
  return cells;
}
