/**
 * The formula-string language: what a cell passes in, e.g. "AVERAGE((a*x+b-y)^2)". Parsed with Excel's
 * syntax and precedence (docs/formula-language.md), compiled once, evaluated on the autograd engine.
 */
import { EngineError } from "../errors";
import { Tensor, gradientAndHessian, gradients, jacobian } from "../autograd";
import { Bindings, resolveBindings } from "./bindings";
import { parseFormula } from "./parser";
import { Program, compileTree, runProgram } from "./program";

export type { Bindings } from "./bindings";
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
// Cells recompute often with the same strings: keep recent compilations (oldest evicted first).
const cache = new Map<string, CompiledFormula>();
const CACHE_SIZE = 512;

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
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled);
  return compiled;
}

/** The name as typed starting at a 1-based position. */
function nameAt(source: string, position: number): string {
  const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(position - 1));
  return match ? match[0] : "";
}

function programOf(formula: CompiledFormula | string): Program {
  const compiled = typeof formula === "string" ? compileFormula(formula) : formula;
  return programs.get(compiled) ?? (programs.get(compileFormula(compiled.source)) as Program);
}

function run(program: Program, tensors: Map<string, Tensor>): Tensor {
  return runProgram(program, (name) => tensors.get(name) as Tensor);
}

function requireOneValue(output: Tensor, label: string): void {
  if (output.size !== 1) {
    throw new EngineError(`${label} gives ${output.size} values; wrap it in SUM or AVERAGE to get one loss`);
  }
}

/** The formula's value: a number, or one number per row when it reads data columns without reducing them. */
export function evaluateFormula(formula: CompiledFormula | string, bindings: Bindings): number | number[] {
  const program = programOf(formula);
  const { tensors } = resolveBindings(program.names, bindings, []);
  const output = run(program, tensors);
  return output.shape.length === 0 ? output.item() : output.toArray();
}

/** Value and d(value)/d(name) for each `wrt` name (each bound to one number); the value must be one number. */
export function formulaGradient(
  formula: CompiledFormula | string,
  bindings: Bindings,
  wrt: readonly string[],
): { value: number; gradient: number[] } {
  const program = programOf(formula);
  const { tensors, leaves } = resolveBindings(program.names, bindings, wrt);
  const output = run(program, tensors);
  requireOneValue(output, "formula");
  return { value: output.item(), gradient: gradients(output, leaves).map((g) => g.item()) };
}

/** Values of several one-value formulas and their Jacobian (row i: formula i; column j: wrt[j]). */
export function formulaJacobian(
  formulas: readonly (CompiledFormula | string)[],
  bindings: Bindings,
  wrt: readonly string[],
): { values: number[]; jacobian: number[][] } {
  const programs = formulas.map(programOf);
  const uses = programs.flatMap((p) => p.names);
  const { tensors, leaves } = resolveBindings(uses, bindings, wrt);
  const outputs = programs.map((program, i) => {
    const output = run(program, tensors);
    requireOneValue(output, `formula ${i + 1}`);
    return output;
  });
  return { values: outputs.map((o) => o.item()), jacobian: jacobian(outputs, leaves) };
}

/** Value, gradient and exact Hessian (reverse-over-reverse; see autograd/derivatives.ts). */
export function formulaHessian(
  formula: CompiledFormula | string,
  bindings: Bindings,
  wrt: readonly string[],
): { value: number; gradient: number[]; hessian: number[][] } {
  const program = programOf(formula);
  const { tensors, leaves } = resolveBindings(program.names, bindings, wrt);
  const output = run(program, tensors);
  requireOneValue(output, "formula");
  return gradientAndHessian(output, leaves);
}
