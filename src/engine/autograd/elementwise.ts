/**
 * Elementwise ops, micrograd-style: each op computes its output and, beside it, the backward closure with its
 * local derivative. Primitives: add, mul, div, pow, maximum, minimum and the unary functions; neg and sub are
 * composites. div is a primitive (not a * b^-1) so that a/b rounds exactly as Excel and IEEE division do.
 * Backward closures use only tensor ops, so they can be recorded and differentiated again.
 */
import { Operand, Tensor, asTensor, constant, makeResult } from "./tensor";
import { Shape, broadcastOffsets, broadcastShapes, sameShape, shapeSize } from "./shape";
import { sumToShape } from "./reduce";

type Binary = (x: number, y: number) => number;

/** Applies `fn` with NumPy broadcasting; returns the data and the broadcast shape. */
function mapBinary(a: Tensor, b: Tensor, fn: Binary): { data: Float64Array; shape: Shape } {
  const shape = broadcastShapes(a.shape, b.shape);
  const size = shapeSize(shape);
  const out = new Float64Array(size);
  const x = a.data;
  const y = b.data;
  if (sameShape(a.shape, b.shape)) {
    for (let i = 0; i < size; i++) out[i] = fn(x[i] as number, y[i] as number);
  } else if (a.size === 1 && sameShape(b.shape, shape)) {
    const x0 = x[0] as number;
    for (let i = 0; i < size; i++) out[i] = fn(x0, y[i] as number);
  } else if (b.size === 1 && sameShape(a.shape, shape)) {
    const y0 = y[0] as number;
    for (let i = 0; i < size; i++) out[i] = fn(x[i] as number, y0);
  } else {
    const ax = broadcastOffsets(a.shape, shape);
    const by = broadcastOffsets(b.shape, shape);
    for (let i = 0; i < size; i++) out[i] = fn(x[ax[i] as number] as number, y[by[i] as number] as number);
  }
  return { data: out, shape };
}

function mapUnary(a: Tensor, fn: (x: number) => number): Float64Array {
  const out = new Float64Array(a.size);
  const x = a.data;
  for (let i = 0; i < out.length; i++) out[i] = fn(x[i] as number);
  return out;
}

/** A constant of the broadcast shape computed from the two operands' values (masks, tie weights). */
function constantFrom(a: Tensor, b: Tensor, fn: Binary): Tensor {
  const { data, shape } = mapBinary(a, b, fn);
  return constant(data, shape);
}

/** Zeroes `t` where `mask` (same size) is nonzero; unlike multiplying by 0 it also clears Infinity/NaN. */
export function zeroWhere(t: Tensor, mask: Float64Array): Tensor {
  const data = new Float64Array(t.size);
  for (let i = 0; i < data.length; i++) data[i] = mask[i] ? 0 : (t.data[i] as number);
  return makeResult(data, t.shape, "zeroWhere", [t], (g) => [zeroWhere(g, mask)]);
}

/** The parent's share of an elementwise gradient: broadcast dimensions summed away. */
function reduceFor(parent: Tensor, grad: Tensor): Tensor | null {
  return parent.requiresGrad ? sumToShape(grad, parent.shape) : null;
}

export function add(x: Operand, y: Operand): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  const { data, shape } = mapBinary(a, b, (p, q) => p + q);
  return makeResult(data, shape, "add", [a, b], (g) => [reduceFor(a, g), reduceFor(b, g)]);
}

export function mul(x: Operand, y: Operand): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  const { data, shape } = mapBinary(a, b, (p, q) => p * q);
  return makeResult(data, shape, "mul", [a, b], (g) => [
    a.requiresGrad ? reduceFor(a, mul(g, b)) : null,
    b.requiresGrad ? reduceFor(b, mul(g, a)) : null,
  ]);
}

/** d(a/b)/da = 1/b; d(a/b)/db = −(a/b)/b. */
export function div(x: Operand, y: Operand): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  const { data, shape } = mapBinary(a, b, (p, q) => p / q);
  const out = makeResult(data, shape, "div", [a, b], (g) => [
    a.requiresGrad ? reduceFor(a, div(g, b)) : null,
    b.requiresGrad ? reduceFor(b, neg(div(mul(g, out), b))) : null,
  ]);
  return out;
}

/**
 * a^b. d/da = b·a^(b−1), taken as 0 where a = b = 0 (where the formula reads 0·∞); d/db = a^b·ln a, taken
 * as 0 where a = 0 and b >= 0 (PyTorch's convention; for a negative base ln a is NaN, as the real power is
 * undefined there).
 * The mask is only where the formula itself breaks down. PyTorch 1.13 masks d/da wherever b = 0, which also
 * cuts the second derivative there: for (1.5 + sin a)^sin(sin(a/2)) at a = 0 torch's Hessian is 0.374,
 * the true one (and this engine's) 0.708. A random-formula test found this.
 */
export function pow(x: Operand, y: Operand): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  const { data, shape } = mapBinary(a, b, Math.pow);
  const out = makeResult(data, shape, "pow", [a, b], (g) => {
    let gradA: Tensor | null = null;
    let gradB: Tensor | null = null;
    if (a.requiresGrad) {
      const slope = mul(b, pow(a, sub(b, 1)));
      const zeroToTheZero = mapBinary(a, b, (p, q) => (p === 0 && q === 0 ? 1 : 0)).data;
      gradA = reduceFor(a, mul(g, zeroWhere(slope, zeroToTheZero)));
    }
    if (b.requiresGrad) {
      const baseZero = mapBinary(a, b, (p, q) => (p === 0 && q >= 0 ? 1 : 0)).data;
      gradB = reduceFor(b, mul(g, zeroWhere(mul(out, log(a)), baseZero)));
    }
    return [gradA, gradB];
  });
  return out;
}

/**
 * Elementwise larger of two (PyTorch's `maximum`): the gradient goes to the larger operand, split in half
 * on ties, as torch.maximum does.
 */
export function maximum(x: Operand, y: Operand): Tensor {
  return extremum(x, y, "maximum", 1);
}

/** Elementwise smaller of two (PyTorch's `minimum`), ties split in half. */
export function minimum(x: Operand, y: Operand): Tensor {
  return extremum(x, y, "minimum", -1);
}

function extremum(x: Operand, y: Operand, op: string, sign: 1 | -1): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  const { data, shape } = mapBinary(a, b, sign === 1 ? Math.max : Math.min);
  return makeResult(data, shape, op, [a, b], (g) => [
    a.requiresGrad
      ? reduceFor(
          a,
          mul(
            g,
            constantFrom(a, b, (p, q) => shareOfFirst(p, q, sign)),
          ),
        )
      : null,
    b.requiresGrad
      ? reduceFor(
          b,
          mul(
            g,
            constantFrom(a, b, (p, q) => shareOfFirst(q, p, sign)),
          ),
        )
      : null,
  ]);
}

function shareOfFirst(p: number, q: number, sign: 1 | -1): number {
  if (p === q) return 0.5;
  return sign * (p - q) > 0 ? 1 : 0;
}

// ---- composites (built from the primitives above, as in micrograd) ----

export function neg(x: Operand): Tensor {
  return mul(x, -1);
}

export function sub(x: Operand, y: Operand): Tensor {
  return add(x, neg(y));
}

export function square(x: Operand): Tensor {
  const a = asTensor(x);
  return mul(a, a);
}

// ---- unary primitives ----

function unary(
  x: Operand,
  op: string,
  forward: (v: number) => number,
  local: (a: Tensor, out: Tensor, g: Tensor) => Tensor,
): Tensor {
  const a = asTensor(x);
  const out: Tensor = makeResult(mapUnary(a, forward), a.shape, op, [a], (g) => [local(a, out, g)]);
  return out;
}

export function exp(x: Operand): Tensor {
  return unary(x, "exp", Math.exp, (_a, out, g) => mul(g, out));
}

/** Natural logarithm. */
export function log(x: Operand): Tensor {
  return unary(x, "log", Math.log, (a, _out, g) => div(g, a));
}

/** Base-10 logarithm with Math.log10's exact results at powers of ten (LOG(1000) is 3, not 2.9999…). */
export function log10(x: Operand): Tensor {
  return unary(x, "log10", Math.log10, (a, _out, g) => div(g, mul(a, Math.LN10)));
}

/** Base-2 logarithm, exact at powers of two. */
export function log2(x: Operand): Tensor {
  return unary(x, "log2", Math.log2, (a, _out, g) => div(g, mul(a, Math.LN2)));
}

export function sqrt(x: Operand): Tensor {
  return unary(x, "sqrt", Math.sqrt, (_a, out, g) => div(g, mul(out, 2)));
}

/** |x|; slope sign(x), 0 at 0 (PyTorch's subgradient choice). */
export function abs(x: Operand): Tensor {
  return unary(x, "abs", Math.abs, (a, _out, g) => mul(g, constant(mapUnary(a, Math.sign), a.shape)));
}

export function sin(x: Operand): Tensor {
  return unary(x, "sin", Math.sin, (a, _out, g) => mul(g, cos(a)));
}

export function cos(x: Operand): Tensor {
  return unary(x, "cos", Math.cos, (a, _out, g) => neg(mul(g, sin(a))));
}

/** tan' = 1 + tan². */
export function tan(x: Operand): Tensor {
  return unary(x, "tan", Math.tan, (_a, out, g) => mul(g, add(1, square(out))));
}

/** tanh' = 1 − tanh². */
export function tanh(x: Operand): Tensor {
  return unary(x, "tanh", Math.tanh, (_a, out, g) => mul(g, sub(1, square(out))));
}

export function sinh(x: Operand): Tensor {
  return unary(x, "sinh", Math.sinh, (a, _out, g) => mul(g, cosh(a)));
}

export function cosh(x: Operand): Tensor {
  return unary(x, "cosh", Math.cosh, (a, _out, g) => mul(g, sinh(a)));
}

/** atan' = 1 / (1 + x²). */
export function atan(x: Operand): Tensor {
  return unary(x, "atan", Math.atan, (a, _out, g) => div(g, add(1, square(a))));
}

/** 1 / (1 + e^−x), evaluated without overflow for large |x|. */
export function sigmoidValue(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** σ' = σ(1 − σ). */
export function sigmoid(x: Operand): Tensor {
  return unary(x, "sigmoid", sigmoidValue, (_a, out, g) => mul(g, mul(out, sub(1, out))));
}

/** max(x, 0); slope 1 for x > 0 and 0 otherwise (PyTorch's threshold_backward: 0 at x = 0). */
export function relu(x: Operand): Tensor {
  return unary(
    x,
    "relu",
    (v) => (v > 0 ? v : 0),
    (a, _out, g) =>
      zeroWhere(
        g,
        mapUnary(a, (v) => (v > 0 ? 0 : 1)),
      ),
  );
}

/** ln(1 + e^x) = max(x, 0) + ln(1 + e^−|x|), which neither overflows nor loses small values. */
export function softplusValue(v: number): number {
  return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
}

/** softplus' = σ(x). */
export function softplus(x: Operand): Tensor {
  return unary(x, "softplus", softplusValue, (a, _out, g) => mul(g, sigmoid(a)));
}
