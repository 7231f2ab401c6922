/**
 * The forward and reverse sweeps of a kernel plan over preallocated Float64Array buffers: no allocation per
 * call. Every rule is the autograd op's rule (autograd/elementwise.ts, reduce.ts) written as a loop, with
 * the same operations in the same order, so the numbers equal the tape's:
 * - a column broadcast against a scalar reads the scalar at every row; a scalar operand of a column node
 *   receives the sum of the row contributions, summed from 0 in row order (sumToShape);
 * - a differentiated name used several times gets its contributions added in the tape's order (the plan is
 *   numbered so that the reverse sweep meets them as the tape's backward pass does).
 */
import { sigmoidValue, softplusValue } from "../autograd";
import type { BoundValue } from "./bindings";
import { KernelPlan, Op as OpCodes } from "./kernel-plan";

/** A local binding: some module loaders turn every read of an imported name into a getter call. */
const Op = OpCodes;

export interface Workspace {
  /** Rows of data (the length of every column). */
  readonly n: number;
  /** Each node's value: n entries for a column node, one otherwise; a column LOAD points at the data. */
  readonly values: Float64Array[];
  /** d(output)/d(node), same layout (written by the node's one consumer before it is read). */
  readonly adjoints: Float64Array[];
  /** Row contributions on their way to a scalar operand. */
  readonly scratch: Float64Array;
  /** d(output)/d(name) per name, valid where `touched`. */
  readonly nameGradient: Float64Array;
  readonly touched: Uint8Array;
  /** LOG_BASE nodes: 10 or 2 where the base was that scalar (log10/log2), else 0 (ln x / ln base). */
  readonly logMode: Uint8Array;
  /**
   * 1 where a column node's adjoint is the same for every row, held in entry 0 only (what SUM and AVERAGE
   * hand down): the rules then read g[0] for every row instead of a filled buffer.
   */
  readonly uniform: Uint8Array;
  /**
   * ADD/SUB nodes whose adjoint IS their column operand's (1: operand a, 2: operand b): the gradient passes
   * through unchanged, so the operand reads the node's buffer and nothing is copied.
   */
  readonly passThrough: Uint8Array;
}

const NO_DATA = new Float64Array(0);

export function createWorkspace(plan: KernelPlan, n: number): Workspace {
  const lengths = Array.from(plan.vector, (v) => (v ? n : 1));
  let total = 0;
  for (const length of lengths) total += length;
  const valueBuffer = new Float64Array(total);
  const adjointBuffer = new Float64Array(total);
  const values: Float64Array[] = [];
  const adjoints: Float64Array[] = [];
  let offset = 0;
  lengths.forEach((length) => {
    values.push(valueBuffer.subarray(offset, offset + length));
    adjoints.push(adjointBuffer.subarray(offset, offset + length));
    offset += length;
  });
  // Share buffers along pass-through chains, from the output down (a node's own buffer is settled first).
  // Safe because a node's operand subtrees are swept one after the other: operand b's subtree, swept
  // between the node and operand a, never writes into a buffer on a's chain.
  const passThrough = new Uint8Array(plan.size);
  for (let k = plan.size - 1; k >= 0; k--) {
    if (!plan.vector[k] || !plan.active[k] || (plan.op[k] !== Op.ADD && plan.op[k] !== Op.SUB)) continue;
    const ia = plan.a[k] as number;
    const ib = plan.b[k] as number;
    if (plan.vector[ia] && plan.active[ia]) {
      passThrough[k] = 1;
      adjoints[ia] = adjoints[k] as Float64Array;
    } else if (plan.op[k] === Op.ADD && plan.vector[ib] && plan.active[ib]) {
      passThrough[k] = 2;
      adjoints[ib] = adjoints[k] as Float64Array;
    }
  }
  return {
    n,
    values,
    adjoints,
    passThrough,
    uniform: new Uint8Array(plan.size),
    scratch: new Float64Array(Math.max(n, 1)),
    nameGradient: new Float64Array(plan.names.length),
    touched: new Uint8Array(plan.names.length),
    logMode: new Uint8Array(plan.size),
  };
}

/** Points the LOAD nodes at their values: a column is read in place, a number copied into its slot. */
export function bindInputs(plan: KernelPlan, ws: Workspace, values: ReadonlyMap<string, BoundValue>): void {
  for (let k = 0; k < plan.size; k++) {
    if (plan.op[k] !== Op.LOAD) continue;
    const value = values.get(plan.names[plan.k[k] as number] as string) as BoundValue;
    if (typeof value === "number") (ws.values[k] as Float64Array)[0] = value;
    else ws.values[k] = value;
  }
}

type Unary = (x: number) => number;
const relu: Unary = (v) => (v > 0 ? v : 0);

/** Forward rules of the elementwise unary ops (autograd/elementwise.ts). */
const UNARY_VALUE: readonly (Unary | undefined)[] = (() => {
  const table: (Unary | undefined)[] = [];
  table[Op.EXP] = Math.exp;
  table[Op.LN] = Math.log;
  table[Op.LOG10] = Math.log10;
  table[Op.LOG2] = Math.log2;
  table[Op.SQRT] = Math.sqrt;
  table[Op.ABS] = Math.abs;
  table[Op.SIN] = Math.sin;
  table[Op.COS] = Math.cos;
  table[Op.TAN] = Math.tan;
  table[Op.TANH] = Math.tanh;
  table[Op.SINH] = Math.sinh;
  table[Op.COSH] = Math.cosh;
  table[Op.ATAN] = Math.atan;
  table[Op.SIGMOID] = sigmoidValue;
  table[Op.RELU] = relu;
  table[Op.SOFTPLUS] = softplusValue;
  return table;
})();

/** d(output)/d(x) of each unary op from the incoming g, the operand x and the op's value y, as the tape forms it. */
type Local = (g: number, x: number, y: number) => number;
const UNARY_LOCAL: readonly (Local | undefined)[] = (() => {
  const table: (Local | undefined)[] = [];
  table[Op.EXP] = (g, _x, y) => g * y;
  table[Op.LN] = (g, x) => g / x;
  table[Op.LOG10] = (g, x) => g / (x * Math.LN10);
  table[Op.LOG2] = (g, x) => g / (x * Math.LN2);
  table[Op.SQRT] = (g, _x, y) => g / (y * 2);
  table[Op.ABS] = (g, x) => g * Math.sign(x);
  table[Op.SIN] = (g, x) => g * Math.cos(x);
  table[Op.COS] = (g, x) => g * Math.sin(x) * -1;
  table[Op.TAN] = (g, _x, y) => g * (1 + y * y);
  table[Op.TANH] = (g, _x, y) => g * (1 - y * y);
  table[Op.SINH] = (g, x) => g * Math.cosh(x);
  table[Op.COSH] = (g, x) => g * Math.sinh(x);
  table[Op.ATAN] = (g, x) => g / (1 + x * x);
  table[Op.SIGMOID] = (g, _x, y) => g * (y * (1 - y));
  table[Op.RELU] = (g, x) => (x > 0 ? g : 0);
  table[Op.SOFTPLUS] = (g, x) => g * sigmoidValue(x);
  return table;
})();

/** torch.maximum's gradient share of the first operand: 1 if it is the extreme, 0.5 on a tie. */
function shareOfFirst(p: number, q: number, sign: number): number {
  if (p === q) return 0.5;
  return sign * (p - q) > 0 ? 1 : 0;
}

/** Runs every node; returns the output node's value (n entries or one). */
export function forward(plan: KernelPlan, ws: Workspace): Float64Array {
  const { op, a, b, vector, k: constants, k2 } = plan;
  const V = ws.values;
  const n = ws.n;
  for (let k = 0; k < plan.size; k++) {
    const code = op[k] as number;
    if (code === Op.LOAD) continue;
    const out = V[k] as Float64Array;
    const len = vector[k] ? n : 1;
    const ia = a[k] as number;
    const ib = b[k] as number;
    const A = ia >= 0 ? (V[ia] as Float64Array) : NO_DATA;
    const B = ib >= 0 ? (V[ib] as Float64Array) : NO_DATA;
    const sa = ia >= 0 && vector[ia] ? 1 : 0;
    const sb = ib >= 0 && vector[ib] ? 1 : 0;
    switch (code) {
      case Op.CONST:
        out[0] = constants[k] as number;
        break;
      case Op.COUNT:
        out[0] = (constants[k] as number) + (k2[k] as number) * n;
        break;
      case Op.NEG:
        for (let i = 0; i < len; i++) out[i] = (A[i] as number) * -1;
        break;
      case Op.PERCENT:
        for (let i = 0; i < len; i++) out[i] = (A[i] as number) / 100;
        break;
      case Op.ADD:
        for (let i = 0; i < len; i++) out[i] = (A[i * sa] as number) + (B[i * sb] as number);
        break;
      case Op.SUB:
        for (let i = 0; i < len; i++) out[i] = (A[i * sa] as number) - (B[i * sb] as number);
        break;
      case Op.MUL:
        for (let i = 0; i < len; i++) out[i] = (A[i * sa] as number) * (B[i * sb] as number);
        break;
      case Op.DIV:
        for (let i = 0; i < len; i++) out[i] = (A[i * sa] as number) / (B[i * sb] as number);
        break;
      case Op.POW:
        // Math.pow(x, 2) is x·x exactly (fdlibm's rule, checked in the tests): the square of a column is
        // the commonest power in a loss, and a multiplication is much cheaper than a call.
        if (sb === 0 && B[0] === 2)
          for (let i = 0; i < len; i++) out[i] = (A[i * sa] as number) * (A[i * sa] as number);
        else for (let i = 0; i < len; i++) out[i] = Math.pow(A[i * sa] as number, B[i * sb] as number);
        break;
      case Op.MAXIMUM:
        for (let i = 0; i < len; i++) out[i] = Math.max(A[i * sa] as number, B[i * sb] as number);
        break;
      case Op.MINIMUM:
        for (let i = 0; i < len; i++) out[i] = Math.min(A[i * sa] as number, B[i * sb] as number);
        break;
      case Op.SUM: {
        const count = sa ? n : 1;
        let total = 0;
        for (let i = 0; i < count; i++) total += A[i] as number;
        out[0] = total;
        break;
      }
      case Op.SUM_SQUARE: {
        let total = 0;
        for (let i = 0; i < n; i++) {
          const v = A[i] as number;
          total += v * v;
        }
        out[0] = total;
        break;
      }
      case Op.MAX_ALL:
      case Op.MIN_ALL:
        out[0] = extreme(A, sa ? n : 1, code === Op.MAX_ALL ? 1 : -1);
        break;
      case Op.LOG_BASE:
        logBase(ws, k, out, len, A, sa, B, sb);
        break;
      default: {
        const fn = UNARY_VALUE[code] as Unary;
        for (let i = 0; i < len; i++) out[i] = fn(A[i] as number);
      }
    }
  }
  return V[plan.output] as Float64Array;
}

/** reduce.ts extremeAll: the first NaN wins, otherwise the extreme. */
function extreme(A: Float64Array, count: number, sign: number): number {
  let best = A[0] as number;
  for (let i = 1; i < count; i++) {
    const v = A[i] as number;
    if (Number.isNaN(v) || sign * (v - best) > 0) best = v;
    if (Number.isNaN(best)) break;
  }
  return best;
}

function logBase(
  ws: Workspace,
  k: number,
  out: Float64Array,
  len: number,
  A: Float64Array,
  sa: number,
  B: Float64Array,
  sb: number,
): void {
  const base = sb ? 0 : (B[0] as number);
  const mode = base === 10 ? 10 : base === 2 ? 2 : 0;
  ws.logMode[k] = mode;
  if (mode === 10) for (let i = 0; i < len; i++) out[i] = Math.log10(A[i] as number);
  else if (mode === 2) for (let i = 0; i < len; i++) out[i] = Math.log2(A[i] as number);
  else for (let i = 0; i < len; i++) out[i] = Math.log(A[i * sa] as number) / Math.log(B[i * sb] as number);
}

/**
 * Hands operand p its contributions (already in its adjoint if it is a column, else in scratch): a scalar
 * operand of a column node gets their sum; a differentiated name accumulates over its uses.
 */
function deliver(plan: KernelPlan, ws: Workspace, p: number, len: number, uniform = false): void {
  if (plan.vector[p]) {
    ws.uniform[p] = uniform ? 1 : 0;
    return;
  }
  const S = ws.scratch;
  let s: number;
  if (len === 1) s = S[0] as number;
  else {
    s = 0;
    for (let i = 0; i < len; i++) s += S[i] as number;
  }
  if (plan.op[p] !== Op.LOAD) {
    (ws.adjoints[p] as Float64Array)[0] = s;
    return;
  }
  const name = plan.k[p] as number;
  if (ws.touched[name]) ws.nameGradient[name] = (ws.nameGradient[name] as number) + s;
  else {
    ws.nameGradient[name] = s;
    ws.touched[name] = 1;
  }
}

/** An unchanged gradient to operand p (ADD's operands, SUB's first): copied, or kept uniform. */
function passOn(plan: KernelPlan, ws: Workspace, p: number, len: number, g: Float64Array, gs: number): void {
  if (gs === 0 && plan.vector[p]) {
    (ws.adjoints[p] as Float64Array)[0] = g[0] as number;
    deliver(plan, ws, p, len, true);
    return;
  }
  const T = target(plan, ws, p);
  for (let i = 0; i < len; i++) T[i] = g[i * gs] as number;
  deliver(plan, ws, p, len);
}

/** Where operand p's row contributions go: its own adjoint if it is a column, else scratch (then summed). */
function target(plan: KernelPlan, ws: Workspace, p: number): Float64Array {
  return plan.vector[p] ? (ws.adjoints[p] as Float64Array) : ws.scratch;
}

/**
 * The reverse sweep from a one-value output (after `forward`): fills nameGradient/touched with
 * d(output)/d(name) for every differentiated name the output depends on.
 */
export function reverse(plan: KernelPlan, ws: Workspace): void {
  const { op, a, b, vector, active } = plan;
  const V = ws.values;
  const G = ws.adjoints;
  const n = ws.n;
  ws.touched.fill(0);
  const out = plan.output;
  if (!active[out]) return;
  ws.scratch[0] = 1;
  if (op[out] === Op.LOAD) {
    deliver(plan, ws, out, 1);
    return;
  }
  (G[out] as Float64Array)[0] = 1;
  for (let k = out; k >= 0; k--) {
    const code = op[k] as number;
    if (!active[k] || code === Op.LOAD) continue;
    const len = vector[k] ? n : 1;
    const g = G[k] as Float64Array;
    const gs = ws.uniform[k] ? 0 : 1;
    const y = V[k] as Float64Array;
    const ia = a[k] as number;
    const ib = b[k] as number;
    const A = ia >= 0 ? (V[ia] as Float64Array) : NO_DATA;
    const B = ib >= 0 ? (V[ib] as Float64Array) : NO_DATA;
    const sa = ia >= 0 && vector[ia] ? 1 : 0;
    const sb = ib >= 0 && vector[ib] ? 1 : 0;
    const toA = ia >= 0 && active[ia] === 1;
    const toB = ib >= 0 && active[ib] === 1;
    switch (code) {
      case Op.NEG:
        if (toA) {
          const T = target(plan, ws, ia);
          for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) * -1;
          deliver(plan, ws, ia, len);
        }
        break;
      case Op.PERCENT:
        if (toA) {
          const T = target(plan, ws, ia);
          for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) / 100;
          deliver(plan, ws, ia, len);
        }
        break;
      case Op.ADD:
      case Op.SUB:
        if (toA && ws.passThrough[k] === 1) ws.uniform[ia] = ws.uniform[k] as number;
        else if (toA) passOn(plan, ws, ia, len, g, gs);
        if (toB && code === Op.SUB && len > 1 && !vector[ib]) {
          // The tape's a − b is a + (−1·b): the rows are summed first, then negated (which keeps −0 apart).
          let total = 0;
          for (let i = 0; i < len; i++) total += g[i * gs] as number;
          ws.scratch[0] = total * -1;
          deliver(plan, ws, ib, 1);
        } else if (toB && ws.passThrough[k] === 2) {
          ws.uniform[ib] = ws.uniform[k] as number;
        } else if (toB && code === Op.ADD) {
          passOn(plan, ws, ib, len, g, gs);
        } else if (toB) {
          const T = target(plan, ws, ib);
          for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) * -1;
          deliver(plan, ws, ib, len);
        }
        break;
      case Op.MUL:
        if (toA) {
          const T = target(plan, ws, ia);
          for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) * (B[i * sb] as number);
          deliver(plan, ws, ia, len);
        }
        if (toB) {
          const T = target(plan, ws, ib);
          for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) * (A[i * sa] as number);
          deliver(plan, ws, ib, len);
        }
        break;
      case Op.DIV:
        if (toA) {
          const T = target(plan, ws, ia);
          for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) / (B[i * sb] as number);
          deliver(plan, ws, ia, len);
        }
        if (toB) {
          const T = target(plan, ws, ib);
          for (let i = 0; i < len; i++)
            T[i] = (((g[i * gs] as number) * (y[i] as number)) / (B[i * sb] as number)) * -1;
          deliver(plan, ws, ib, len);
        }
        break;
      case Op.POW:
        // elementwise.ts pow: d/da = b·a^(b−1) (0 where a = b = 0); d/db = a^b·ln a (0 where a = 0, b >= 0).
        if (toA && sb === 0 && B[0] === 2) {
          // b·a^(b−1) with b = 2 is 2·a^1 = 2·a exactly (Math.pow(a, 1) is a).
          const T = target(plan, ws, ia);
          for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) * (2 * (A[i * sa] as number));
          deliver(plan, ws, ia, len);
        } else if (toA) {
          const T = target(plan, ws, ia);
          for (let i = 0; i < len; i++) {
            const p = A[i * sa] as number;
            const q = B[i * sb] as number;
            T[i] = (g[i * gs] as number) * (p === 0 && q === 0 ? 0 : q * Math.pow(p, q - 1));
          }
          deliver(plan, ws, ia, len);
        }
        if (toB) {
          const T = target(plan, ws, ib);
          for (let i = 0; i < len; i++) {
            const p = A[i * sa] as number;
            const q = B[i * sb] as number;
            T[i] = (g[i * gs] as number) * (p === 0 && q >= 0 ? 0 : (y[i] as number) * Math.log(p));
          }
          deliver(plan, ws, ib, len);
        }
        break;
      case Op.MAXIMUM:
      case Op.MINIMUM: {
        const sign = code === Op.MAXIMUM ? 1 : -1;
        if (toA) {
          const T = target(plan, ws, ia);
          for (let i = 0; i < len; i++)
            T[i] = (g[i * gs] as number) * shareOfFirst(A[i * sa] as number, B[i * sb] as number, sign);
          deliver(plan, ws, ia, len);
        }
        if (toB) {
          const T = target(plan, ws, ib);
          for (let i = 0; i < len; i++)
            T[i] = (g[i * gs] as number) * shareOfFirst(B[i * sb] as number, A[i * sa] as number, sign);
          deliver(plan, ws, ib, len);
        }
        break;
      }
      case Op.SUM:
        // broadcastTo: every element gets the one gradient, kept once (uniform) for a column.
        if (toA) {
          target(plan, ws, ia)[0] = g[0] as number;
          deliver(plan, ws, ia, 1, true);
        }
        break;
      case Op.SUM_SQUARE:
        // pow's rule with b = 2 (g·2a), g being the sum's one gradient for every row.
        if (toA) {
          const T = target(plan, ws, ia);
          const g0 = g[0] as number;
          for (let i = 0; i < n; i++) T[i] = g0 * (2 * (A[i] as number));
          deliver(plan, ws, ia, n);
        }
        break;
      case Op.MAX_ALL:
      case Op.MIN_ALL:
        if (toA) {
          // reduce.ts extremeAll: the gradient shared evenly among the elements equal to the extreme.
          const T = target(plan, ws, ia);
          const count = sa ? n : 1;
          const best = y[0] as number;
          let ties = 0;
          for (let i = 0; i < count; i++) if (A[i] === best) ties++;
          const g0 = g[0] as number;
          for (let i = 0; i < count; i++) T[i] = g0 * (A[i] === best ? 1 / ties : 0);
          deliver(plan, ws, ia, 1);
        }
        break;
      case Op.LOG_BASE:
        if (toA) logBaseBackward(plan, ws, k, ia, len, g, gs, A, sa, B, sb);
        break;
      default:
        if (toA) {
          const local = UNARY_LOCAL[code] as Local;
          const T = target(plan, ws, ia);
          for (let i = 0; i < len; i++) T[i] = local(g[i * gs] as number, A[i] as number, y[i] as number);
          deliver(plan, ws, ia, len);
        }
    }
  }
}

/** LOG(x, base) backward: log10/log2's rule, or ln(x)/ln(base)'s: g / ln(base) reaches ln x, then / x. */
function logBaseBackward(
  plan: KernelPlan,
  ws: Workspace,
  k: number,
  ia: number,
  len: number,
  g: Float64Array,
  gs: number,
  A: Float64Array,
  sa: number,
  B: Float64Array,
  sb: number,
): void {
  const mode = ws.logMode[k];
  if (mode === 0 && len > 1 && sa === 0) {
    // A scalar x over a column of bases: the rows meet at ln x (summed), then ln's rule divides by x once.
    let total = 0;
    for (let i = 0; i < len; i++) total += (g[i * gs] as number) / Math.log(B[i * sb] as number);
    ws.scratch[0] = total / (A[0] as number);
    deliver(plan, ws, ia, 1);
    return;
  }
  const T = target(plan, ws, ia);
  if (mode === 10)
    for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) / ((A[i] as number) * Math.LN10);
  else if (mode === 2)
    for (let i = 0; i < len; i++) T[i] = (g[i * gs] as number) / ((A[i] as number) * Math.LN2);
  else
    for (let i = 0; i < len; i++)
      T[i] = (g[i * gs] as number) / Math.log(B[i * sb] as number) / (A[i * sa] as number);
  deliver(plan, ws, ia, len);
}
