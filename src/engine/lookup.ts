import { EngineError } from "./errors";

/**
 * Finds an entry of a named registry (optimizers, schedules) case-insensitively, since a cell may hold
 * "Adam"; an unknown name lists the valid ones so the message says how to fix it.
 */
export function lookupByName<T extends { readonly name: string }>(
  kind: string,
  entries: readonly T[],
  name: string,
): T {
  const key = typeof name === "string" ? name.trim().toLowerCase() : "";
  const entry = entries.find((candidate) => candidate.name === key);
  if (entry === undefined) {
    const names = entries.map((candidate) => candidate.name).join(", ");
    throw new EngineError(`Unknown ${kind} ${JSON.stringify(name)}; expected one of ${names}`);
  }
  return entry;
}
