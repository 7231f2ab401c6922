/**
 * Formulas evaluated on the autograd tape: the reference the kernels are tested against, and the path of
 * the exact Hessian, which records the backward pass and differentiates it again.
 */
import { EngineError } from "../errors";
import { Tensor, gradientAndHessian, gradients } from "../autograd";
import { Bindings, resolveBindings } from "./bindings";
import { checkInstruction, requireFiniteDerivatives } from "./domain";
import { Program, runProgram } from "./program";

/** Runs the program on the tape, every operation checked for its domain (domain.ts). */
function run(program: Program, tensors: Map<string, Tensor>): Tensor {
  return runProgram(program, (name) => tensors.get(name) as Tensor, checkInstruction);
}

/** Replays the formula on the tape to name the operation out of domain (the kernels found one). */
export function diagnoseOnTape(program: Program, bindings: Bindings): void {
  const { tensors } = resolveBindings(program.names, bindings, []);
  run(program, tensors);
}

function requireOneValue(output: Tensor, label: string): void {
  if (output.size !== 1) {
    throw new EngineError(`${label} gives ${output.size} values; wrap it in SUM or AVERAGE to get one loss`);
  }
}

export function evaluateOnTape(program: Program, bindings: Bindings): number | number[] {
  const { tensors } = resolveBindings(program.names, bindings, []);
  const output = run(program, tensors);
  return output.shape.length === 0 ? output.item() : output.toArray();
}

export function gradientOnTape(
  program: Program,
  bindings: Bindings,
  wrt: readonly string[],
): { value: number; gradient: number[] } {
  const { tensors, leaves } = resolveBindings(program.names, bindings, wrt);
  const output = run(program, tensors);
  requireOneValue(output, "formula");
  const gradient = gradients(output, leaves).map((g) => g.item());
  requireFiniteDerivatives("the derivative", wrt, gradient);
  return { value: output.item(), gradient };
}

export function hessianOnTape(
  program: Program,
  bindings: Bindings,
  wrt: readonly string[],
): { value: number; gradient: number[]; hessian: number[][] } {
  const { tensors, leaves } = resolveBindings(program.names, bindings, wrt);
  const output = run(program, tensors);
  requireOneValue(output, "formula");
  const result = gradientAndHessian(output, leaves);
  requireFiniteDerivatives("the derivative", wrt, result.gradient);
  result.hessian.forEach((row, i) =>
    requireFiniteDerivatives(`the second derivative by ${wrt[i] ?? ""} and`, wrt, row),
  );
  return result;
}
