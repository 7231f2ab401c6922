import type { CellValue } from "hyperformula";

/** What a grid cell shows, and the tooltip (an error's message, as Excel shows it on #VALUE!). */
export interface CellText {
  text: string;
  title: string;
  kind: "number" | "text" | "boolean" | "error" | "empty";
}

/**
 * Numbers as Excel's General format shows them: up to 8 significant digits, and no more characters than the
 * column holds (`maxChars`): decimals are rounded away first, then very large or small numbers go to
 * scientific notation with fewer digits; what still does not fit shows as #### (the value is unchanged).
 */
export function formatNumber(value: number, maxChars = Infinity): string {
  if (!Number.isFinite(value)) return String(value);
  const fits = (text: string) => text.length <= maxChars;
  if (Number.isInteger(value) && Math.abs(value) < 1e12 && fits(String(value))) return String(value);
  const abs = Math.abs(value);
  const scientific = abs !== 0 && (abs < 1e-4 || abs >= 1e12);
  if (!scientific) {
    for (let digits = 8; digits >= 1; digits--) {
      const text = String(Number(value.toPrecision(digits)));
      if (!text.includes("e") && fits(text)) return text;
    }
  }
  for (let digits = 4; digits >= 0; digits--) {
    const text = value.toExponential(digits);
    if (fits(text)) return text;
  }
  return "#".repeat(Math.max(1, Math.min(maxChars, 12)));
}

/** How many characters of the grid's 13 px font a column of `width` px shows beside its padding. */
export function charsInColumn(width: number): number {
  return Math.max(1, Math.floor((width - 12) / 7.6));
}

export function cellText(value: CellValue, maxChars = Infinity): CellText {
  if (value === null || value === undefined || value === "") return { text: "", title: "", kind: "empty" };
  if (typeof value === "number")
    return { text: formatNumber(value, Math.min(maxChars, 14)), title: String(value), kind: "number" };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", title: "", kind: "boolean" };
  if (typeof value === "string") return { text: value, title: value, kind: "text" };
  // DetailedCellError: `value` is "#VALUE!" etc., `message` says why.
  return { text: value.value, title: value.message || value.value, kind: "error" };
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(column: number): string {
  let name = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

export function cellName(row: number, column: number): string {
  return `${columnName(column)}${row + 1}`;
}
