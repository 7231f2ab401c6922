/*
 * Text-level help for editing a formula as in Excel: whether the caret is where a reference may be pointed at
 * (Point mode), inserting or replacing that reference, and F4's cycle of `$` signs. Pure string functions.
 */

/** After these (ignoring spaces) a formula expects an operand, so clicking or arrowing inserts a reference. */
const EXPECTS_OPERAND = new Set(["=", "(", ",", ";", "+", "-", "*", "/", "^", "&", "<", ">", ":"]);

/** True when `text` is a formula and the caret follows `=`, `(`, `,` or an operator. */
export function expectsReference(text: string, caret: number): boolean {
  if (!text.startsWith("=")) return false;
  const before = text.slice(0, caret).trimEnd();
  const last = before[before.length - 1];
  return last !== undefined && EXPECTS_OPERAND.has(last);
}

/** A reference inserted by pointing: where it sits in the text, so the next arrow or click replaces it. */
export interface PointedReference {
  start: number;
  end: number;
}

export interface TextEdit {
  text: string;
  caret: number;
  pointed: PointedReference;
}

/** Puts `reference` at the caret, or in place of the reference pointed at before. */
export function insertReference(
  text: string,
  caret: number,
  reference: string,
  previous: PointedReference | undefined,
): TextEdit {
  const start = previous ? previous.start : caret;
  const end = previous ? previous.end : caret;
  const next = text.slice(0, start) + reference + text.slice(end);
  return { text: next, caret: start + reference.length, pointed: { start, end: start + reference.length } };
}

const REFERENCE = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)/g;

/**
 * F4: the cell reference at or just before the caret cycles A1 → $A$1 → A$1 → $A1 → A1 (each part of a range
 * A1:B2 on its own, as Excel does for the part the caret is in). Unchanged when the caret is on no reference.
 */
export function cycleReference(text: string, caret: number): { text: string; caret: number } {
  for (const match of text.matchAll(REFERENCE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (caret < start || caret > end) continue;
    // not part of a name such as GD_STEP or a function such as LOG10(: nothing name-like before or after it
    const before = text[start - 1];
    const after = text[end];
    if (before !== undefined && /[\w.]/.test(before)) continue;
    if (after !== undefined && /[\w.(]/.test(after)) continue;
    const [, colAbs, column, rowAbs, row] = match as unknown as [string, string, string, string, string];
    const state = `${colAbs ? "$" : ""}${rowAbs ? "$" : ""}`;
    const next: Record<string, string> = {
      "": `$${column}$${row}`,
      $$: `${column}$${row}`,
    };
    let replacement = next[state];
    if (replacement === undefined) replacement = rowAbs ? `$${column}${row}` : `${column}${row}`;
    return {
      text: text.slice(0, start) + replacement + text.slice(end),
      caret: start + replacement.length,
    };
  }
  return { text, caret };
}
