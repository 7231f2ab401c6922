/** What typing `text` into a cell stores, as Excel reads an entry: `=…` a formula, numbers as numbers. */
export type CellEntry = string | number | boolean | null;

export function parseEntry(text: string): CellEntry {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (trimmed.startsWith("=")) return trimmed;
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return upper === "TRUE";
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : text;
}
