/** Bounds that keep hostile or accidental input from exhausting time, memory or the stack. */
export const FORMULA_LIMITS = {
  /** Characters in one formula string (Excel's own cell formula limit is 8,192). */
  maxLength: 8192,
  /** Nested parentheses and function calls (Excel allows 64 levels of function nesting; we allow more). */
  maxDepth: 200,
  /** Arguments in one function call (Excel's limit for MAX, SUM, ...). */
  maxArguments: 255,
} as const;
