import { EngineError, requireAllFinite, requireFinite, requireRowWidth } from "../errors";
import { Shape, formatShape, shapeSize } from "./shape";

/**
 * Given the gradient flowing into an op's output, the gradient for each parent (same shape as that parent),
 * or null for a parent that needs none. Closures are written with tensor ops, so when the backward pass
 * records (createGraph) the gradient is itself a graph and can be differentiated again (exact Hessians).
 */
export type BackwardFn = (outputGrad: Tensor) => readonly (Tensor | null)[];

/** A float64 array with a shape and, if it depends on something that wants a gradient, its tape entry. */
export class Tensor {
  /** Filled by `backward(root)` on leaves that require a gradient (micrograd's `.grad`). */
  grad: Tensor | null = null;

  constructor(
    readonly data: Float64Array,
    readonly shape: Shape,
    readonly requiresGrad: boolean,
    readonly parents: readonly Tensor[],
    readonly backwardFn: BackwardFn | null,
    readonly op: string,
  ) {
    if (data.length !== shapeSize(shape)) {
      throw new EngineError(
        `tensor data has ${data.length} values but shape ${formatShape(shape)} needs ${shapeSize(shape)}`,
      );
    }
  }

  get size(): number {
    return this.data.length;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) {
      throw new EngineError(
        `item() needs one value, tensor has ${this.data.length} (shape ${formatShape(this.shape)})`,
      );
    }
    return this.data[0] as number;
  }

  toArray(): number[] {
    return Array.from(this.data);
  }
}

// Whether ops record parents and backward closures. Off while a plain (first-order) backward pass runs, so
// gradient arithmetic builds no tape; on during a createGraph pass.
let recording = true;

export function isRecording(): boolean {
  return recording;
}

/** Runs `body` with recording switched to `on`, restoring the previous mode even if it throws. */
export function withRecording<T>(on: boolean, body: () => T): T {
  const previous = recording;
  recording = on;
  try {
    return body();
  } finally {
    recording = previous;
  }
}

/** Builds an op's output; it keeps parents and backward closure only if some parent needs a gradient. */
export function makeResult(
  data: Float64Array,
  shape: Shape,
  op: string,
  parents: readonly Tensor[],
  backwardFn: BackwardFn,
): Tensor {
  const tracked = recording && parents.some((p) => p.requiresGrad);
  return tracked
    ? new Tensor(data, shape, true, parents, backwardFn, op)
    : new Tensor(data, shape, false, [], null, op);
}

export type TensorInput = number | readonly number[] | readonly (readonly number[])[];

/** A leaf tensor from a number, a vector or a rectangular matrix (rows). Values must be finite. */
export function tensor(values: TensorInput, options: { requiresGrad?: boolean } = {}): Tensor {
  const requiresGrad = options.requiresGrad ?? false;
  if (typeof values === "number") {
    requireFinite("tensor", values);
    return new Tensor(Float64Array.of(values), [], requiresGrad, [], null, "leaf");
  }
  if (values.length > 0 && Array.isArray(values[0])) {
    const rows = values as readonly (readonly number[])[];
    const columns = rows[0]?.length ?? 0;
    const data = new Float64Array(rows.length * columns);
    rows.forEach((row, r) => {
      requireRowWidth("matrix", r, row, columns);
      requireAllFinite(`tensor row ${r + 1}`, row);
      data.set(row, r * columns);
    });
    return new Tensor(data, [rows.length, columns], requiresGrad, [], null, "leaf");
  }
  const vector = values as readonly number[];
  requireAllFinite("tensor", vector);
  return new Tensor(Float64Array.from(vector), [vector.length], requiresGrad, [], null, "leaf");
}

/** A value that takes no part in differentiation (data, masks, literals). */
export function constant(data: Float64Array, shape: Shape): Tensor {
  return new Tensor(data, shape, false, [], null, "constant");
}

export function scalar(value: number, requiresGrad = false): Tensor {
  return new Tensor(Float64Array.of(value), [], requiresGrad, [], null, requiresGrad ? "leaf" : "constant");
}

export function zerosLike(shape: Shape): Tensor {
  return constant(new Float64Array(shapeSize(shape)), shape);
}

/** Ops accept plain numbers where a constant scalar is meant. */
export type Operand = Tensor | number;

export function asTensor(x: Operand): Tensor {
  return typeof x === "number" ? scalar(x) : x;
}
