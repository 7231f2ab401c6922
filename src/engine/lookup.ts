import { EngineError } from "./errors";

/**
 * Finds an entry of a named registry (optimizers, schedules) case-insensitively, since a cell may hold
 * "Adam"; an unknown name lists the valid ones so the message says how to fix it.
 */
export function lookupByName<T extends { readonly name: string }>(
  kind: string,
  entries: readonly T[],
  name: string,
  /** The names an unknown name's message lists (default: every entry's). */
  listed: readonly string[] = entries.map((candidate) => candidate.name),
): T {
  // Underscores are optional: "CosineAnnealingLR" (PyTorch's class name) finds cosine_annealing_lr.
  const squash = (text: string): string => text.replace(/_/g, "");
  const key = typeof name === "string" ? name.trim().toLowerCase() : "";
  const entry =
    entries.find((candidate) => candidate.name === key) ??
    entries.find((candidate) => squash(candidate.name) === squash(key));
  if (entry === undefined) {
    throw new EngineError(`Unknown ${kind} ${JSON.stringify(name)}; expected one of ${listed.join(", ")}`);
  }
  return entry;
}
