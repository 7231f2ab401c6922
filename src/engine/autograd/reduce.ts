/** Reductions and the broadcast/sum pair that moves gradients between shapes. */
import { EngineError } from "../errors";
import { Tensor, constant, makeResult } from "./tensor";
import { Shape, broadcastOffsets, broadcastShapes, formatShape, sameShape, shapeSize } from "./shape";
import { div, mul } from "./elementwise";

/** Repeats `t` along broadcast dimensions to `shape`; its gradient is the sum back to t's shape. */
export function broadcastTo(t: Tensor, shape: Shape): Tensor {
  if (sameShape(t.shape, shape)) return t;
  if (!sameShape(broadcastShapes(t.shape, shape), shape)) {
    throw new EngineError(`cannot broadcast shape ${formatShape(t.shape)} to ${formatShape(shape)}`);
  }
  const offsets = broadcastOffsets(t.shape, shape);
  const data = new Float64Array(offsets.length);
  for (let i = 0; i < data.length; i++) data[i] = t.data[offsets[i] as number] as number;
  return makeResult(data, shape, "broadcastTo", [t], (g) => [sumToShape(g, t.shape)]);
}

/** Sums `t` over the dimensions along which `shape` was broadcast to t's shape (reverse of broadcastTo). */
export function sumToShape(t: Tensor, shape: Shape): Tensor {
  if (sameShape(t.shape, shape)) return t;
  const data = new Float64Array(shapeSize(shape));
  const offsets = broadcastOffsets(shape, t.shape);
  for (let i = 0; i < t.size; i++) {
    const o = offsets[i] as number;
    data[o] = (data[o] as number) + (t.data[i] as number);
  }
  return makeResult(data, shape, "sumToShape", [t], (g) => [broadcastTo(g, t.shape)]);
}

/** Sum of every element, as a scalar. */
export function sum(t: Tensor): Tensor {
  let total = 0;
  for (let i = 0; i < t.size; i++) total += t.data[i] as number;
  return makeResult(Float64Array.of(total), [], "sum", [t], (g) => [broadcastTo(g, t.shape)]);
}

/** Mean of every element (composite: sum / count). */
export function mean(t: Tensor): Tensor {
  if (t.size === 0) throw new EngineError("mean of an empty tensor");
  return div(sum(t), t.size);
}

/** Largest element, as a scalar; the gradient is shared evenly among tied maxima (PyTorch's max()). */
export function maxAll(t: Tensor): Tensor {
  return extremeAll(t, "maxAll", 1);
}

/** Smallest element, as a scalar; ties share the gradient evenly. */
export function minAll(t: Tensor): Tensor {
  return extremeAll(t, "minAll", -1);
}

function extremeAll(t: Tensor, op: string, sign: 1 | -1): Tensor {
  if (t.size === 0) throw new EngineError(`${op} of an empty tensor`);
  let best = t.data[0] as number;
  for (let i = 1; i < t.size; i++) {
    const v = t.data[i] as number;
    if (Number.isNaN(v) || sign * (v - best) > 0) best = v;
    if (Number.isNaN(best)) break;
  }
  return makeResult(Float64Array.of(best), [], op, [t], (g) => {
    const weights = new Float64Array(t.size);
    let ties = 0;
    for (let i = 0; i < t.size; i++) if (t.data[i] === best) ties++;
    for (let i = 0; i < t.size; i++) if (t.data[i] === best) weights[i] = 1 / ties;
    return [mul(broadcastTo(g, t.shape), constant(weights, t.shape))];
  });
}
