/**
 * The formula-string language: what a cell passes in, e.g. "AVERAGE((a*x+b-y)^2)". Parsed with Excel's
 * syntax and precedence (docs/formula-language.md), compiled once per string (a bounded LRU cache), and
 * evaluated by typed-array kernels (kernel.ts) whose values and gradients equal the autograd tape's; the
 * exact Hessian runs on the tape (tape-path.ts), which differentiates its own backward pass.
 */
import { DomainError, EngineError } from "../errors";
import { Bindings, ResolvedValues, resolveValues } from "./bindings";
import { requireFiniteDerivatives } from "./domain";
import { BoundKernel, bindKernel, kernelGradient, kernelInDomain, kernelValue } from "./kernel";
import { LruCache } from "./lru";
import { parseFormula } from "./parser";
import { Program, compileTree } from "./program";
import { diagnoseOnTape, hessianOnTape } from "./tape-path";

export type { Bindings, Column } from "./bindings";
export { evaluateOnTape, gradientOnTape } from "./tape-path";
export { FormulaError } from "./errors";
export { FORMULA_LIMITS } from "./limits";
export { FORMULA_FUNCTIONS } from "./functions";
export type { FormulaNode, BinaryOperator } from "./ast";
export { parseFormula } from "./parser";
export { tokenize } from "./lexer";
export type { Token, TokenKind } from "./lexer";

/** A parsed formula; `names` are the variables it reads, lower-cased, in first-appearance order. */
export interface CompiledFormula {
  readonly source: string;
  readonly names: readonly string[];
}

const programs = new WeakMap<CompiledFormula, Program>();
/** Cells recompute often with the same strings: recent compilations are kept, the least recently used dropped. */
const cache = new LruCache<string, CompiledFormula>(512);

export function compileFormula(source: string): CompiledFormula {
  if (typeof source !== "string") throw new EngineError("formula must be a string");
  const cached = cache.get(source);
  if (cached) return cached;
  const program = compileTree(parseFormula(source), (position) => nameAt(source, position));
  const compiled: CompiledFormula = Object.freeze({
    source,
    names: Object.freeze(program.names.map((use) => use.name)),
  });
  programs.set(compiled, program);
  cache.set(source, compiled);
  return compiled;
}

/** The name as typed starting at a 1-based position. */
function nameAt(source: string, position: number): string {
  const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(position - 1));
  return match ? match[0] : "";
}

export function programOf(formula: CompiledFormula | string): Program {
  const compiled = typeof formula === "string" ? compileFormula(formula) : formula;
  return programs.get(compiled) ?? (programs.get(compileFormula(compiled.source)) as Program);
}

/**
 * After a kernel sweep: a value outside an operation's domain is a DomainError naming it (the tape replays
 * the formula to find which); the kernel's own scan is one pass over its buffers.
 */
function requireInDomain(kernel: BoundKernel, program: Program, resolved: ResolvedValues): void {
  if (kernelInDomain(kernel)) return;
  diagnoseOnTape(program, Object.fromEntries(resolved.values));
  throw new DomainError("the formula has no finite value at this point");
}

/** The formula's value: a number, or one number per row when it reads data columns without reducing them. */
export function evaluateFormula(formula: CompiledFormula | string, bindings: Bindings): number | number[] {
  const program = programOf(formula);
  const resolved = resolveValues(program.names, bindings, []);
  const kernel = bindKernel(program, resolved);
  const value = kernelValue(kernel);
  requireInDomain(kernel, program, resolved);
  return value;
}

/** Value and gradient from a bound kernel, both checked for their domain. */
function checkedGradient(
  program: Program,
  resolved: ResolvedValues,
  label?: string,
): { value: number; gradient: number[] } {
  const kernel = bindKernel(program, resolved);
  const result = kernelGradient(kernel, resolved.wrt, label);
  requireInDomain(kernel, program, resolved);
  requireFiniteDerivatives("the derivative", resolved.wrt, result.gradient);
  return result;
}

/** Value and d(value)/d(name) for each `wrt` name (each bound to one number); the value must be one number. */
export function formulaGradient(
  formula: CompiledFormula | string,
  bindings: Bindings,
  wrt: readonly string[],
): { value: number; gradient: number[] } {
  const program = programOf(formula);
  return checkedGradient(program, resolveValues(program.names, bindings, wrt));
}

/**
 * The one-value formula as a function of the `wrt` names' values, the data bound once: what a gradient
 * check evaluates many times.
 */
export function boundFormula(
  formula: CompiledFormula | string,
  bindings: Bindings,
  wrt: readonly string[],
): (x: readonly number[]) => number | number[] {
  const program = programOf(formula);
  const resolved = resolveValues(program.names, bindings, wrt);
  return (x) => {
    resolved.wrt.forEach((name, i) => resolved.values.set(name, x[i] as number));
    return kernelValue(bindKernel(program, resolved));
  };
}

/** Values of several one-value formulas and their Jacobian (row i: formula i; column j: wrt[j]). */
export function formulaJacobian(
  formulas: readonly (CompiledFormula | string)[],
  bindings: Bindings,
  wrt: readonly string[],
): { values: number[]; jacobian: number[][] } {
  const compiled = formulas.map(programOf);
  const resolved = resolveValues(
    compiled.flatMap((p) => p.names),
    bindings,
    wrt,
  );
  const values: number[] = [];
  const rows = compiled.map((program, i) => {
    const { value, gradient } = checkedGradient(program, resolved, `formula ${i + 1}`);
    values.push(value);
    return gradient;
  });
  return { values, jacobian: rows };
}

/** Value, gradient and exact Hessian (reverse-over-reverse on the tape; see autograd/derivatives.ts). */
export function formulaHessian(
  formula: CompiledFormula | string,
  bindings: Bindings,
  wrt: readonly string[],
): { value: number; gradient: number[]; hessian: number[][] } {
  return hessianOnTape(programOf(formula), bindings, wrt);
}
