/** The reverse sweep: an iterative topological sort and gradient accumulation (micrograd's backward()). */
import { EngineError } from "../errors";
import { Tensor, constant, withRecording } from "./tensor";
import { formatShape, sameShape } from "./shape";
import { add } from "./elementwise";

/**
 * Every node `root` depends on that requires a gradient, each after all its parents (post-order). Uses an
 * explicit stack, not recursion: a sheet's chains can be 100,000 ops deep and would overflow the JS stack.
 */
export function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  if (!root.requiresGrad) return order;
  const visited = new Set<Tensor>([root]);
  const nodes: Tensor[] = [root];
  const nextParent: number[] = [0];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top] as Tensor;
    const i = nextParent[top] as number;
    if (i < node.parents.length) {
      nextParent[top] = i + 1;
      const parent = node.parents[i] as Tensor;
      if (parent.requiresGrad && !visited.has(parent)) {
        visited.add(parent);
        nodes.push(parent);
        nextParent.push(0);
      }
    } else {
      nodes.pop();
      nextParent.pop();
      order.push(node);
    }
  }
  return order;
}

export interface GradientOptions {
  /**
   * Record the backward pass as a graph (PyTorch's create_graph), so the returned gradients can be
   * differentiated again. Off by default: gradient arithmetic then builds no tape.
   */
  createGraph?: boolean;
  /** d(loss)/d(output) to start from; defaults to 1, which needs a one-element output. */
  seed?: Tensor;
}

/** Sweeps from `output` to its ancestors; returns the map from node to d(output)/d(node). */
function sweep(output: Tensor, options: GradientOptions): Map<Tensor, Tensor> {
  const seed = options.seed ?? defaultSeed(output);
  if (!sameShape(seed.shape, output.shape)) {
    throw new EngineError(
      `seed has shape ${formatShape(seed.shape)} but output has ${formatShape(output.shape)}`,
    );
  }
  const grads = new Map<Tensor, Tensor>();
  const order = topologicalOrder(output);
  grads.set(output, seed);
  withRecording(options.createGraph ?? false, () => {
    for (let n = order.length - 1; n >= 0; n--) {
      const node = order[n] as Tensor;
      const g = grads.get(node);
      if (g === undefined || node.backwardFn === null) continue;
      const parentGrads = node.backwardFn(g);
      node.parents.forEach((parent, i) => {
        const pg = parentGrads[i];
        if (!pg || !parent.requiresGrad) return;
        const existing = grads.get(parent);
        grads.set(parent, existing ? add(existing, pg) : pg);
      });
      // An interior node's gradient is no longer needed once passed on; leaves keep theirs.
      if (node.parents.length > 0) grads.delete(node);
    }
  });
  return grads;
}

function defaultSeed(output: Tensor): Tensor {
  if (output.size !== 1) {
    throw new EngineError(
      `gradient needs a one-value output or a seed; output has shape ${formatShape(output.shape)}`,
    );
  }
  return constant(Float64Array.of(1), output.shape);
}

/**
 * d(output)/d(input) for each input (PyTorch's torch.autograd.grad); zeros for an input output does not
 * depend on. Inputs should be leaves (tensors built with requiresGrad).
 */
export function gradients(
  output: Tensor,
  inputs: readonly Tensor[],
  options: GradientOptions = {},
): Tensor[] {
  const grads = sweep(output, options);
  return inputs.map((input) => grads.get(input) ?? constant(new Float64Array(input.size), input.shape));
}

/** micrograd's `loss.backward()`: adds d(output)/d(leaf) into `.grad` of every leaf that requires one. */
export function backward(output: Tensor, options: GradientOptions = {}): void {
  const grads = sweep(output, options);
  for (const [node, g] of grads) {
    if (node.parents.length > 0 || node.backwardFn !== null) continue;
    node.grad = node.grad ? add(node.grad, g) : g;
  }
}
