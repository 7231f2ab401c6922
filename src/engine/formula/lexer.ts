/** Splits a formula string into tokens, each with its 1-based position. */
import { FormulaError } from "./errors";

export type TokenKind = "number" | "name" | "operator" | "(" | ")" | "," | "end";

export interface Token {
  kind: TokenKind;
  /** The characters as typed. */
  text: string;
  /** 1-based position of the first character. */
  position: number;
  /** For numbers: the value. */
  value: number;
}

const OPERATORS = new Set(["+", "-", "*", "/", "^", "%"]);
const PUNCTUATION: Record<string, TokenKind> = { "(": "(", ")": ")", ",": "," };

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_");
}

function isNamePart(c: string | undefined): boolean {
  return isNameStart(c) || isDigit(c) || c === ".";
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/** Reads a number: digits with an optional fraction and exponent (`12`, `1.5`, `.5`, `1.`, `1e-3`, `2E+4`). */
function scanNumber(source: string, start: number): number {
  let i = start;
  while (isDigit(source[i])) i++;
  if (source[i] === ".") {
    i++;
    while (isDigit(source[i])) i++;
  }
  if (source[i] === "e" || source[i] === "E") {
    let j = i + 1;
    if (source[j] === "+" || source[j] === "-") j++;
    if (!isDigit(source[j])) {
      throw new FormulaError(`Malformed number "${source.slice(start, j)}"`, start + 1);
    }
    while (isDigit(source[j])) j++;
    i = j;
  }
  return i;
}

/** Tokens of `source` from index `from` (0-based), ending with an "end" token one past the last character. */
export function tokenize(source: string, from = 0): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < source.length) {
    const c = source[i] as string;
    if (isSpace(c)) {
      i++;
    } else if (isDigit(c) || (c === "." && isDigit(source[i + 1]))) {
      const end = scanNumber(source, i);
      const text = source.slice(i, end);
      const value = Number(text);
      // 1e400 would silently become Infinity (Excel refuses such a constant too).
      if (!Number.isFinite(value)) throw new FormulaError(`Number "${text}" is too large`, i + 1);
      tokens.push({ kind: "number", text, position: i + 1, value });
      i = end;
    } else if (isNameStart(c)) {
      let end = i + 1;
      while (isNamePart(source[end])) end++;
      tokens.push({ kind: "name", text: source.slice(i, end), position: i + 1, value: NaN });
      i = end;
    } else if (OPERATORS.has(c)) {
      tokens.push({ kind: "operator", text: c, position: i + 1, value: NaN });
      i++;
    } else if (c in PUNCTUATION) {
      tokens.push({ kind: PUNCTUATION[c] as TokenKind, text: c, position: i + 1, value: NaN });
      i++;
    } else {
      throw new FormulaError(`Unexpected "${c}"`, i + 1);
    }
  }
  tokens.push({ kind: "end", text: "", position: source.length + 1, value: NaN });
  return tokens;
}
