import type { CellValue } from "hyperformula";
import { cellText, formatNumber } from "./cell-format";

/** What the status bar says of the active cell: the value as drawn, and in words its full value or error. */
export interface CellStatus {
  shown: string;
  /** The full-precision number, the text, or for an error its message (the function's words). */
  detail: string;
  error: boolean;
}

export function cellStatus(value: CellValue): CellStatus {
  const text = cellText(value);
  if (text.kind === "error") {
    const message = text.title && text.title !== text.text ? text.title : "";
    return { shown: text.text, detail: message, error: true };
  }
  if (text.kind === "number") return { shown: text.text, detail: String(value), error: false };
  return { shown: text.text, detail: text.text, error: false };
}

/** Excel's status-bar summary of a selection's numbers: Average, Count, Sum ("" for fewer than two cells). */
export function selectionSummary(values: readonly CellValue[]): string {
  if (values.length < 2) return "";
  let count = 0;
  let numbers = 0;
  let sum = 0;
  for (const value of values) {
    if (value === null || value === undefined || value === "") continue;
    count++;
    if (typeof value === "number") {
      numbers++;
      sum += value;
    }
  }
  if (count === 0) return "";
  if (numbers === 0) return `Count: ${count}`;
  return `Average: ${formatNumber(sum / numbers)}  Count: ${count}  Sum: ${formatNumber(sum)}`;
}
