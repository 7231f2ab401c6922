import type { HyperInput, OptimizerSpec, StepResult } from "../../../src/engine/optim";

/** Runs the pure step from the initial state over a gradient sequence; one result per step. */
export function runSteps(
  spec: OptimizerSpec,
  params0: readonly number[],
  gradSequence: readonly (readonly number[])[],
  hyper: HyperInput,
): StepResult[] {
  const results: StepResult[] = [];
  let params = params0;
  let state = spec.initialState(params0.length, hyper);
  for (const grads of gradSequence) {
    const result = spec.step(params, grads, state, hyper);
    results.push(result);
    params = result.params;
    state = result.state;
  }
  return results;
}
