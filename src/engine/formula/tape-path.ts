/**
 * Formulas evaluated on the autograd tape: the reference the kernels are tested against, and the path of
 * the exact Hessian, which records the backward pass and differentiates it again.
 */
import { EngineError } from "../errors";
import { Tensor, gradientAndHessian, gradients } from "../autograd";
import { Bindings, resolveBindings } from "./bindings";
import { Program, runProgram } from "./program";

function run(program: Program, tensors: Map<string, Tensor>): Tensor {
  return runProgram(program, (name) => tensors.get(name) as Tensor);
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
  return { value: output.item(), gradient: gradients(output, leaves).map((g) => g.item()) };
}

export function hessianOnTape(
  program: Program,
  bindings: Bindings,
  wrt: readonly string[],
): { value: number; gradient: number[]; hessian: number[][] } {
  const { tensors, leaves } = resolveBindings(program.names, bindings, wrt);
  const output = run(program, tensors);
  requireOneValue(output, "formula");
  return gradientAndHessian(output, leaves);
}
