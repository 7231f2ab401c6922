import type { CellValue } from "hyperformula";

/** What a grid cell shows, and the tooltip (an error's message, as Excel shows it on #VALUE!). */
export interface CellText {
  text: string;
  title: string;
  kind: "number" | "text" | "boolean" | "error" | "empty";
}

/** Numbers with up to 8 significant digits, like a default-width Excel column. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return String(value);
  const precise = Number(value.toPrecision(8));
  const abs = Math.abs(precise);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e12)) return precise.toExponential(4);
  return String(precise);
}

export function cellText(value: CellValue): CellText {
  if (value === null || value === undefined || value === "") return { text: "", title: "", kind: "empty" };
  if (typeof value === "number") return { text: formatNumber(value), title: String(value), kind: "number" };
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
