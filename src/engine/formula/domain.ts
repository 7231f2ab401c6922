/**
 * Domain errors of formulas, as Excel has them: no formula value, gradient or Hessian is ever a non-finite
 * number. LN or LOG of a number <= 0, SQRT of a negative number, 0^0, a negative number to a fractional
 * power, a LOG base <= 0, an overflow (EXP(1000)) give #NUM!; a division by zero (x/0, 0^−1, LOG base 1)
 * gives #DIV/0!. The message says which operation, which operand was out of domain, and in which data row.
 *
 * The tape checks every operation as it runs (`checkInstruction`, the hook of runProgram); the kernels
 * check their buffers after the sweep (kernel.ts) and, on a failure, replay the formula on the tape to name
 * it, so both paths give the same message.
 */
import { DomainError, type DomainErrorCode } from "../errors";
import type { Tensor } from "../autograd";
import type { Instruction } from "./program";

/** How a number is quoted in a domain message: as typed, with float noise trimmed. */
function quote(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** " in data row 3" for a column operation, nothing for a scalar one. */
function rowText(row: number, length: number): string {
  return length > 1 ? ` in data row ${row + 1}` : "";
}

/** Operand `t` at row i (a scalar broadcasts). */
function at(t: Tensor, i: number): number {
  return (t.size === 1 ? t.data[0] : t.data[i]) as number;
}

function fail(message: string, code: DomainErrorCode = "#NUM!"): never {
  throw new DomainError(message, code);
}

function logArgument(name: string, x: number, where: string): void {
  if (x === 0) fail(`${name} of 0${where} is -infinite: ${name}'s argument must be > 0`);
  if (x < 0) fail(`${name} of ${quote(x)}${where} is undefined: ${name}'s argument must be > 0`);
}

/** Why x^y at one row is out of domain (called when the power is 0^0 or not finite). */
function powerFailure(x: number, y: number, where: string): never {
  if (x === 0 && y === 0) fail(`0^0${where} is undefined (Excel's POWER(0, 0) is #NUM!)`);
  if (x === 0 && y < 0) fail(`0^${quote(y)}${where} divides by zero`, "#DIV/0!");
  if (x < 0 && !Number.isInteger(y)) {
    fail(`(${quote(x)})^${quote(y)}${where} is undefined: a negative base needs a whole exponent`);
  }
  fail(`${quote(x)}^${quote(y)}${where} overflows (beyond ±1.8e308)`);
}

/** The name an instruction has in a message: the function's name, or the operator. */
function operationName(ins: Instruction): string {
  switch (ins.kind) {
    case "binary":
      return ins.operator;
    case "call":
      return ins.name;
    case "negate":
      return "negation";
    default:
      return ins.kind;
  }
}

/**
 * Throws DomainError when `ins`, applied to `operands` (all finite), gave a non-finite `result` or hit a
 * point where it is undefined although its value is finite (0^0, a LOG base <= 0).
 */
export function checkInstruction(ins: Instruction, operands: readonly Tensor[], result: Tensor): void {
  const x = operands[0];
  const y = operands[1];
  const length = Math.max(result.size, ...operands.map((t) => t.size));
  const isPower =
    (ins.kind === "binary" && ins.operator === "^") || (ins.kind === "call" && ins.name === "POWER");
  if (isPower && x && y) {
    for (let i = 0; i < length; i++) {
      const p = at(x, i);
      const q = at(y, i);
      if ((p === 0 && q === 0) || !Number.isFinite(p ** q)) powerFailure(p, q, rowText(i, length));
    }
  }
  if (ins.kind === "call" && ins.name === "LOG" && y) {
    for (let i = 0; i < length; i++) {
      const base = at(y, i);
      const where = rowText(i, length);
      if (base === 1) fail(`LOG with base 1${where} divides by zero (ln 1 = 0)`, "#DIV/0!");
      if (!(base > 0)) fail(`LOG's base is ${quote(base)}${where}: a base must be > 0 and not 1`);
    }
  }
  const data = result.data;
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i] as number)) continue;
    const where = rowText(i, length);
    const p = x ? at(x, i) : NaN;
    if (ins.kind === "binary" && ins.operator === "/" && y && at(y, i) === 0) {
      fail(`division by zero: ${quote(p)}/0${where}`, "#DIV/0!");
    }
    if (ins.kind === "percent" && y === undefined) fail(`${quote(p)}% overflows${where}`);
    if (ins.kind === "call") {
      if (ins.name === "LN" || ins.name === "LOG" || ins.name === "LOG10") logArgument(ins.name, p, where);
      if (ins.name === "SQRT" && p < 0) {
        fail(`SQRT of ${quote(p)}${where} is undefined: SQRT's argument must be >= 0`);
      }
      if (ins.name === "TAN") fail(`TAN of ${quote(p)}${where} is infinite`);
      if (ins.name === "AVERAGE" || ins.name === "SUM" || ins.name === "MAX" || ins.name === "MIN") {
        fail(`${ins.name} overflows (beyond ±1.8e308)`);
      }
      if (x && operands.length === 1) fail(`${ins.name} of ${quote(p)}${where} overflows (beyond ±1.8e308)`);
    }
    const args = operands.map((t) => quote(at(t, i))).join(" and ");
    fail(`${operationName(ins)} of ${args}${where} overflows (beyond ±1.8e308)`);
  }
}

/** Derivatives (gradient entries, Hessian entries) must be finite too: infinite slopes are #NUM!. */
export function requireFiniteDerivatives(
  what: string,
  names: readonly string[],
  values: readonly number[],
): void {
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) {
      fail(
        `${what} by ${names[i] ?? `#${i + 1}`} is ${value} at this point: the formula has no finite slope there (e.g. SQRT at 0, or an overflow)`,
      );
    }
  });
}
