/**
 * `npx tsx bench/parse-time.ts`: the worst time to parse and compile one formula string, for README's
 * Reliability section. Three families: the random formulas of the property suites (the generator of
 * test/engine/formula/kernel-vs-tape.property.test.ts, depth 4 to 6: every function, operator and
 * percent), formulas at the parser's limits (8,192 characters, 200 levels of nesting, 255 arguments), and
 * one past each limit (the refusal must be immediate). Each string is new to the compile cache, so every
 * time includes tokenizing, parsing and compiling; after a warm-up, the median, 99th percentile and worst
 * single time are reported (the worst includes any garbage-collection pause that fell on it).
 */
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { compileFormula, FORMULA_LIMITS } from "../src/engine/formula";

const leaf = fc.oneof(
  fc.constantFrom("a", "b", "c", "x", "y"),
  fc.constantFrom("0", "1", "2", "10", "0.5", "3", "PI()", "50%"),
);
const UNARY = ["EXP", "LN", "LOG", "LOG10", "SQRT", "ABS", "SIN", "COS", "TAN", "TANH", "SINH", "COSH"];
const MORE_UNARY = ["ATAN", "SIGMOID", "RELU", "SOFTPLUS", "SUM", "AVERAGE", "MAX", "MIN"];
const BINARY_CALLS = ["POWER", "MAXIMUM", "MINIMUM", "LOG", "SUM", "AVERAGE", "MAX", "MIN"];
const formula: fc.Memo<string> = fc.memo((depth) => {
  if (depth <= 1) return leaf;
  const sub = formula(depth - 1);
  return fc.oneof(
    leaf,
    fc.tuple(fc.constantFrom(...UNARY, ...MORE_UNARY), sub).map(([f, e]) => `${f}(${e})`),
    fc.tuple(fc.constantFrom(...BINARY_CALLS), sub, sub).map(([f, l, r]) => `${f}(${l}, ${r})`),
    fc.tuple(fc.constantFrom("+", "-", "*", "/", "^"), sub, sub).map(([op, l, r]) => `(${l})${op}(${r})`),
    fc.tuple(sub, sub, sub).map(([p, q, r]) => `SUM(${p}, ${q}, ${r})`),
    sub.map((e) => `-(${e})`),
    sub.map((e) => `(${e})%`),
  );
});

/** "a1^2+a2^2+…" cut to exactly `length` characters at a term boundary, padded with spaces. */
function sumOfSquares(length: number): string {
  let text = "a1^2";
  for (let i = 2; ; i++) {
    const next = `${text}+a${i}^2`;
    if (next.length > length) break;
    text = next;
  }
  return text.padEnd(length, " ");
}
const nest = (depth: number, open: string, inner: string): string =>
  open.repeat(depth) + inner + ")".repeat(depth);
const { maxLength, maxDepth, maxArguments } = FORMULA_LIMITS;
const terms = (n: number): string => Array.from({ length: n }, (_v, i) => `a${i + 1}`).join(",");

/** Milliseconds to compile `text` once, and the message when it is refused. */
function compileTime(text: string): { ms: number; refused?: string } {
  const t0 = performance.now();
  try {
    compileFormula(text);
    return { ms: performance.now() - t0 };
  } catch (error) {
    return { ms: performance.now() - t0, refused: (error as Error).message };
  }
}

let serial = 0;
/** A variant of `text` the cache has not seen (a trailing "+0*zN", or spaces where the text is full). */
function fresh(text: string): string {
  serial++;
  const tail = `+0*z${serial}`;
  return text.length + tail.length <= maxLength && !text.endsWith(" ") ? text + tail : text;
}

const warmUp = fc.sample(formula(5), { numRuns: 500, seed: 1 });
for (const text of warmUp) compileTime(fresh(text));

for (const depth of [4, 5, 6]) {
  const samples = fc.sample(formula(depth), { numRuns: 2000, seed: depth });
  let worst = { ms: 0, length: 0 };
  let longest = 0;
  const times: number[] = [];
  for (const text of samples) {
    const { ms } = compileTime(fresh(text));
    times.push(ms);
    longest = Math.max(longest, text.length);
    if (ms > worst.ms) worst = { ms, length: text.length };
  }
  times.sort((p, q) => p - q);
  const at = (q: number): string => (times[Math.floor(q * (times.length - 1))] as number).toFixed(2);
  console.log(
    `random formulas of depth ${depth}: ${samples.length} strings up to ${longest} characters; ` +
      `median ${at(0.5)} ms, 99th percentile ${at(0.99)} ms, ` +
      `worst ${worst.ms.toFixed(2)} ms (a string of ${worst.length} characters)`,
  );
}

const edges: [string, () => string][] = [
  [`${maxLength} characters (a1^2+a2^2+…)`, () => sumOfSquares(maxLength)],
  [`${maxDepth} nested parentheses`, () => nest(maxDepth, "(", `a${++serial}`)],
  [`${maxDepth} nested calls SIN(SIN(…))`, () => nest(maxDepth, "SIN(", `a${++serial}`)],
  [`SUM of ${maxArguments} arguments`, () => `SUM(${terms(maxArguments)})+z${++serial}`],
  [`${maxLength + 1} characters`, () => sumOfSquares(maxLength + 1)],
  [`${maxDepth + 1} nested parentheses`, () => nest(maxDepth + 1, "(", `a${++serial}`)],
  [`SUM of ${maxArguments + 1} arguments`, () => `SUM(${terms(maxArguments + 1)})+z${++serial}`],
];
for (const [label, make] of edges) {
  // Five different strings of each family (the long ones differ in their first name's letter).
  let worst = { ms: 0, refused: undefined as string | undefined };
  for (let i = 0; i < 5; i++) {
    const made = make();
    const text = made.startsWith("a1^2") ? String.fromCharCode(98 + i) + made.slice(1) : made;
    const result = compileTime(text);
    if (result.ms >= worst.ms) worst = { ms: result.ms, refused: result.refused };
  }
  console.log(
    `${label}: worst of 5 ${worst.ms.toFixed(2)} ms${worst.refused ? `, refused: ${worst.refused}` : ""}`,
  );
}
