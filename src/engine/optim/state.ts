import { EngineError, formatValue, requireAllFinite, requireInteger, requireSameLength } from "../errors";
import type { OptimizerState } from "./types";
import type { BaseHyper, UpdateRule } from "./rule";

/** The number of parameters an optimizer is set up for: at least one. */
export function requireParamCount(n: number): number {
  return requireInteger("number of parameters", n, 1);
}

export function initialState<H extends BaseHyper, Slot extends string>(
  rule: UpdateRule<H, Slot>,
  n: number,
  hyper: H,
): OptimizerState {
  const slots: Record<string, number[]> = {};
  for (const slot of rule.activeSlots(hyper)) {
    slots[slot] = new Array<number>(n).fill(rule.initialValue(slot, hyper));
  }
  return { t: 0, slots };
}

/** Checks a state against the parameter count and the slots these hyper-parameters switch on. */
export function checkState<H extends BaseHyper, Slot extends string>(
  rule: UpdateRule<H, Slot>,
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
}

/** Column headers: each active slot once per parameter (slot-major), then `t`. */
export function stateLabels<H extends BaseHyper, Slot extends string>(
  rule: UpdateRule<H, Slot>,
  paramNames: readonly string[],
  hyper: H,
): string[] {
  const labels = rule.activeSlots(hyper).flatMap((slot) => paramNames.map((name) => `${slot}_${name}`));
  labels.push("t");
  return labels;
}

export function stateFromCells<H extends BaseHyper, Slot extends string>(
  rule: UpdateRule<H, Slot>,
  values: readonly number[],
  n: number,
  hyper: H,
): OptimizerState {
  requireParamCount(n);
  if (values.length === 0) return initialState(rule, n, hyper);
  const active = rule.activeSlots(hyper);
  const needed = active.length * n + 1;
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
  const state: OptimizerState = { t: values[needed - 1] ?? 0, slots };
  checkState(rule, state, n, hyper);
  return state;
}

/** The state as one row of cells: slots in the optimizer's fixed order, then `t`. */
export function stateToCells<H extends BaseHyper, Slot extends string>(
  rule: UpdateRule<H, Slot>,
  state: OptimizerState,
): number[] {
  const cells: number[] = [];
  for (const slot of rule.slotNames) {
    const values = state.slots[slot];
    if (values !== undefined) cells.push(...values);
  }
  cells.push(state.t);
  return cells;
}
