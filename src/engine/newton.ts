/**
 * Newton's step from the Hessian: solve (H + λI)·d = g by Cholesky and step p − d. On a quadratic with a
 * positive-definite Hessian (least squares of y = ax + b) one step lands on the minimum. When H + λI is
 * not positive definite (a saddle, a maximum, a singular H), the Newton direction does not go downhill or
 * does not exist: the message says so and gives the Levenberg–Marquardt damping λ that fixes it (the
 * smallest power of ten that makes H + λI positive definite with room to spare).
 */
import { EngineError, formatValue, requireAllFinite, requireNonNegative, requireSameLength } from "./errors";

/** Lower-triangular L with L·Lᵀ = A, or the index and value of the first pivot that is not > 0. */
export function cholesky(
  a: readonly (readonly number[])[],
): { L: number[][] } | { pivot: number; value: number } {
  const n = a.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  // A pivot this small relative to the diagonal is a singular matrix in floating point.
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i] as number)), Number.MIN_VALUE);
  for (let j = 0; j < n; j++) {
    let d = (a[j] as number[])[j] as number;
    for (let k = 0; k < j; k++) d -= ((L[j] as number[])[k] as number) ** 2;
    if (!(d > 1e-12 * scale)) return { pivot: j, value: d };
    const ljj = Math.sqrt(d);
    (L[j] as number[])[j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = (a[i] as number[])[j] as number;
      for (let k = 0; k < j; k++) s -= (L[i] as number[])[k]! * (L[j] as number[])[k]!;
      (L[i] as number[])[j] = s / ljj;
    }
  }
  return { L };
}

/** Solves L·Lᵀ·x = b. */
function choleskySolve(L: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * y[k]!;
    y[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

function damped(h: readonly (readonly number[])[], lambda: number): number[][] {
  return h.map((row, i) => row.map((v, j) => (i === j ? v + lambda : v)));
}

/** The smallest 10^k (k ≥ −8) with H + 10^k·I positive definite. */
function dampingThatWorks(h: readonly (readonly number[])[]): number {
  const norm = Math.max(...h.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)), 1);
  for (let k = -8; 10 ** k <= 10 * norm * 10; k++) {
    if ("L" in cholesky(damped(h, 10 ** k))) return 10 ** k;
  }
  return 10 * norm; // a damping beyond every eigenvalue's magnitude (Gershgorin) always works
}

export interface NewtonStep {
  params: number[];
  /** The step d taken (p − d). */
  step: number[];
}

/** p − (H + λI)⁻¹·g, H symmetric (the upper and lower triangles must agree). */
export function newtonStep(
  params: readonly number[],
  grads: readonly number[],
  hessian: readonly (readonly number[])[],
  damping = 0,
): NewtonStep {
  const n = params.length;
  requireAllFinite("params", params);
  requireSameLength("grads", grads, "params", params);
  requireAllFinite("grads", grads);
  requireNonNegative("damping", damping);
  if (hessian.length !== n || hessian.some((row) => row.length !== n)) {
    const shape = `${hessian.length}×${hessian[0]?.length ?? 0}`;
    throw new EngineError(`hessian must be ${n}×${n} (one row and column per param), got ${shape}`);
  }
  hessian.forEach((row, i) => requireAllFinite(`hessian row ${i + 1}`, row));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const a = hessian[i]![j]!;
      const b = hessian[j]![i]!;
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) {
        throw new EngineError(
          `hessian must be symmetric: entry (${i + 1},${j + 1}) is ${formatValue(a)} but (${j + 1},${i + 1}) is ${formatValue(b)}`,
        );
      }
    }
  }
  const factor = cholesky(damped(hessian, damping));
  if (!("L" in factor)) {
    const suggestion = dampingThatWorks(hessian);
    const kind =
      Math.abs(factor.value) <= 1e-12 * Math.max(1, ...hessian.map((r, i) => Math.abs(r[i]!)))
        ? "singular (a direction with zero curvature)"
        : "not positive definite (a saddle or a maximum: the Newton step would not go downhill)";
    throw new EngineError(
      `hessian${damping > 0 ? ` + damping ${formatValue(damping)}·I` : ""} is ${kind}; damping ${formatValue(suggestion)} or more makes it positive definite (Levenberg–Marquardt)`,
    );
  }
  const step = choleskySolve(factor.L, grads);
  return { params: params.map((p, i) => p - step[i]!), step };
}
