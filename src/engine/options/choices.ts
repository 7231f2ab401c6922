/**
 * The fixed choices of a network and its training run, each list written once; the types are derived from
 * the lists, so a new choice is one edit here (and its implementation).
 */
import { EngineError, formatValue } from "../errors";

export const ACTIVATIONS = ["sigmoid", "tanh", "relu"] as const;
export const OUTPUT_ACTIVATIONS = ["sigmoid", "softmax", "linear"] as const;
export const LOSSES = ["quadratic", "cross-entropy"] as const;
/** normal: N(0,1) as network.py; scaled-normal: N(0, 1/n_in) as network2.py; xavier/he: Glorot/He normal. */
export const INITS = ["normal", "scaled-normal", "xavier", "he"] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];
export type LossName = (typeof LOSSES)[number];
export type InitName = (typeof INITS)[number];

/** The message every front end shows for a value outside `choices`. */
export function choiceError(field: string, value: unknown, choices: readonly string[]): EngineError {
  return new EngineError(`${field} must be one of ${choices.join(", ")}, got ${formatValue(value)}`, field);
}

/** `value` if it is one of `choices`. */
export function requireChoice<T extends string>(field: string, value: unknown, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) throw choiceError(field, value, choices);
  return found;
}

/** A choice as typed: surrounding spaces and case do not matter ("  ReLU" is relu). */
export function parseChoice<T extends string>(field: string, text: string, choices: readonly T[]): T {
  return requireChoice(field, text.trim().toLowerCase(), choices);
}
