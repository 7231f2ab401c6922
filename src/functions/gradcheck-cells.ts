/**
 * GRADCHECK's row: the verdict (TRUE, FALSE, or "kink at a, b" when an entry has a kink within ±h and so
 * no verdict), the largest relative error among the other entries, then one cell per name: its relative
 * error, or "kink: slopes L | R" (the one-sided slopes, which a correct subgradient lies between).
 */
import type { GradCheckResult } from "../engine/gradcheck";

function short(value: number): string {
  return String(Number(value.toPrecision(6)));
}

export function gradCheckCells(
  result: GradCheckResult,
  names: readonly string[],
): (number | boolean | string)[][] {
  const kinks = result.entries.filter((e) => e.kink).map((e) => names[e.index] ?? `x[${e.index + 1}]`);
  const verdict = result.verdict === "kink" ? `kink at ${kinks.join(", ")}` : result.pass;
  const cells = result.entries.map((e) =>
    e.kink ? `kink: slopes ${short(e.slopes[0])} | ${short(e.slopes[1])}` : e.relativeError,
  );
  return [[verdict, result.maxRelativeError, ...cells]];
}
