/*
 * What the grid puts on the clipboard and makes of text pasted into it, as pure functions of cells and text:
 * a copied range as tab-separated values (what other applications read), and pasted text from elsewhere as
 * entries (numbers as numbers, "=…" as formulas), one value filling a larger selection as Excel does.
 */
import type { Rectangle } from "@glideapps/glide-data-grid";
import { type CellEntry, parseEntry } from "./cell-entry";

/** Rows of cell texts → the clipboard's text: tab between cells, newline between rows. */
export function clipboardText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.join("\t")).join("\n");
}

/** Clipboard text compared without its line-ending style or trailing white space (other applications add them). */
export function sameClipboardText(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\r\n?/g, "\n").replace(/\s+$/, "");
  return normal(a) === normal(b);
}

export interface TextPaste {
  /** The cells written, from the selection's top-left corner. */
  pasted: Rectangle;
  data: CellEntry[][];
}

/**
 * Text from another application pasted at `selection`'s corner: one entry per cell (ragged rows padded with
 * empty cells); a single value pasted onto a larger selection fills all of it.
 */
export function textPaste(values: readonly (readonly string[])[], selection: Rectangle): TextPaste {
  const rows = values.map((row) => row.map((cell) => parseEntry(cell)));
  const width = Math.max(...rows.map((row) => row.length));
  const one = rows.length === 1 && width === 1;
  if (one && (selection.width > 1 || selection.height > 1)) {
    const value = rows[0]?.[0] ?? null;
    return {
      pasted: selection,
      data: Array.from({ length: selection.height }, () =>
        Array.from({ length: selection.width }, () => value),
      ),
    };
  }
  return {
    pasted: { x: selection.x, y: selection.y, width, height: rows.length },
    data: rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null)),
  };
}
