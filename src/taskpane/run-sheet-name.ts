/**
 * Names of the sheets a run writes: `Run 3 adam 0.001` for the run, `Runs` for the list of runs. Excel's rules:
 * at most 31 characters, none of \ / ? * [ ] :, not starting or ending with an apostrophe, unique regardless of
 * case. Pure, so both Excel and the workbench name sheets the same way.
 */
import type { TrainConfig } from "../engine/train/protocol";

export const MAX_SHEET_NAME_LENGTH = 31;
export const RUNS_SHEET = "Runs";

/** A valid Excel sheet name made from any text: forbidden characters become spaces, then it is cut to 31. */
export function validSheetName(text: string): string {
  const cleaned = text
    .replace(/[\\/?*[\]:]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim();
  return cleaned.slice(0, MAX_SHEET_NAME_LENGTH).trim() || "Run";
}

const RUN_NUMBER = /^Run (\d+)(?: |$)/i;

/** The next run number: one more than the highest `Run k …` sheet already in the workbook. */
export function nextRunNumber(existing: readonly string[]): number {
  let highest = 0;
  for (const name of existing) {
    const k = Number(RUN_NUMBER.exec(name)?.[1] ?? 0);
    if (k > highest) highest = k;
  }
  return highest + 1;
}

function taken(existing: readonly string[], name: string): boolean {
  const lower = name.toLowerCase();
  return existing.some((n) => n.toLowerCase() === lower);
}

/**
 * The run's sheet name, `Run <k> <optimizer> <lr>`, with k the next free run number; a name that is
 * still taken (case-insensitively, or after shortening to 31 characters) moves on to the next number.
 */
export function runSheetName(
  config: Pick<TrainConfig, "optimizer" | "lr">,
  existing: readonly string[],
): string {
  for (let k = nextRunNumber(existing); ; k++) {
    const name = validSheetName(`Run ${k} ${config.optimizer} ${config.lr}`);
    if (!taken(existing, name)) return name;
  }
}

/** `Runs`, or `Runs 2`, `Runs 3`, … when a sheet of that name exists that is not a run list. */
export function freeSheetName(base: string, existing: readonly string[]): string {
  if (!taken(existing, base)) return base;
  for (let k = 2; ; k++) {
    const name = validSheetName(`${base} ${k}`);
    if (!taken(existing, name)) return name;
  }
}
