import { EngineError, requireFinite } from "../errors";
import { requireSwitch } from "../options/values";
import type { HyperInput, HyperValue } from "./types";
import type { BaseHyper, UpdateRule } from "./rule";

/** Merges a partial hyper-parameter set over the defaults, checks types and names, then the ranges. */
export function resolveHyper<H extends BaseHyper, Slot extends string, Scalar extends string>(
  rule: UpdateRule<H, Slot, Scalar>,
  partial?: HyperInput<H>,
): H {
  const resolved: Record<string, HyperValue> = { ...rule.defaults };
  for (const [name, value] of Object.entries(partial ?? {}) as [string, HyperValue | undefined][]) {
    if (value === undefined) continue;
    const fallback = Object.hasOwn(rule.defaults, name) ? rule.defaults[name] : undefined; // not "constructor"
    if (fallback === undefined) {
      const expected = Object.keys(rule.defaults).join(", ");
      throw new EngineError(
        `Unknown hyper-parameter "${name}" for ${rule.name}; expected one of ${expected}`,
      );
    }
    resolved[name] =
      typeof fallback === "boolean" ? requireSwitch(name, value) : requireFinite(name, value as number);
  }
  // Every key is one of the defaults' keys with the defaults' type, so this is an H.
  const hyper = resolved as H;
  rule.validate(hyper);
  return hyper;
}
