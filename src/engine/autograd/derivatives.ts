/**
 * Jacobians and Hessians of scalar functions of scalar leaves.
 *
 * Hessians are exact, not finite differences: the first backward pass runs with createGraph, so each
 * gradient entry is itself a recorded expression in the inputs; a second reverse sweep from each entry
 * gives one Hessian row (reverse-over-reverse, as torch.autograd.functional.hessian does).
 */
import { EngineError } from "../errors";
import { Tensor } from "./tensor";
import { gradients } from "./backward";

function requireScalars(label: string, tensors: readonly Tensor[]): void {
  tensors.forEach((t, i) => {
    if (t.size !== 1) throw new EngineError(`${label}[${i + 1}] must hold one value, got ${t.size}`);
  });
}

/** Row i, column j: d outputs[i] / d inputs[j]. */
export function jacobian(outputs: readonly Tensor[], inputs: readonly Tensor[]): number[][] {
  requireScalars("outputs", outputs);
  requireScalars("inputs", inputs);
  return outputs.map((output) => gradients(output, inputs).map((g) => g.item()));
}

export interface GradientAndHessian {
  value: number;
  gradient: number[];
  hessian: number[][];
}

/** Value, gradient and exact Hessian of a one-value `output` with respect to one-value leaves `inputs`. */
export function gradientAndHessian(output: Tensor, inputs: readonly Tensor[]): GradientAndHessian {
  requireScalars("inputs", inputs);
  const value = output.item();
  const firstOrder = gradients(output, inputs, { createGraph: true });
  const hessian = firstOrder.map((g) =>
    g.requiresGrad ? gradients(g, inputs).map((h) => h.item()) : inputs.map(() => 0),
  );
  return { value, gradient: firstOrder.map((g) => g.item()), hessian };
}
