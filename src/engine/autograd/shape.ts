import { EngineError } from "../errors";

/** Dimensions, outermost first: [] is a scalar, [n] a vector, [m, n] a matrix (row-major). */
export type Shape = readonly number[];

export function shapeSize(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(",")}]`;
}

/** NumPy's rule: align trailing dimensions; each pair must be equal or contain a 1. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new EngineError(`cannot broadcast shapes ${formatShape(a)} and ${formatShape(b)}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For every flat index of `target`, the flat index of the element of `source` that broadcasting reads
 * (`source` must broadcast to `target`). One table serves the forward broadcast and its reverse (the sum).
 */
export function broadcastOffsets(source: Shape, target: Shape): Int32Array {
  const rank = target.length;
  const size = shapeSize(target);
  const offsets = new Int32Array(size);
  // Stride of each target axis inside source; 0 where source is broadcast along it.
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const sourceAxis = source.length - rank + i;
    const d = source[sourceAxis] ?? 1;
    strides[i] = d === 1 ? 0 : stride;
    stride *= d;
  }
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let flat = 0; flat < size; flat++) {
    offsets[flat] = offset;
    // Odometer increment, innermost axis first.
    for (let axis = rank - 1; axis >= 0; axis--) {
      const count = (counter[axis] ?? 0) + 1;
      const axisStride = strides[axis] ?? 0;
      if (count < (target[axis] ?? 1)) {
        counter[axis] = count;
        offset += axisStride;
        break;
      }
      counter[axis] = 0;
      offset -= axisStride * (count - 1);
    }
  }
  return offsets;
}
