/** Matrix product and transpose for 2-D tensors (row-major). */
import { EngineError } from "../errors";
import { Tensor, makeResult } from "./tensor";
import { formatShape } from "./shape";

function requireMatrix(op: string, t: Tensor): [number, number] {
  if (t.shape.length !== 2) {
    throw new EngineError(`${op} needs 2-D tensors, got shape ${formatShape(t.shape)}`);
  }
  return [t.shape[0] as number, t.shape[1] as number];
}

export function transpose(t: Tensor): Tensor {
  const [rows, cols] = requireMatrix("transpose", t);
  const data = new Float64Array(t.size);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) data[c * rows + r] = t.data[r * cols + c] as number;
  }
  return makeResult(data, [cols, rows], "transpose", [t], (g) => [transpose(g)]);
}

/** (m×k)·(k×n) → m×n; dA = G·Bᵀ, dB = Aᵀ·G. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const [m, k] = requireMatrix("matmul", a);
  const [k2, n] = requireMatrix("matmul", b);
  if (k !== k2) {
    throw new EngineError(
      `matmul shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} do not line up: ${k} != ${k2}`,
    );
  }
  const data = new Float64Array(m * n);
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = x[i * k + p] as number;
      const rowB = p * n;
      const rowOut = i * n;
      for (let j = 0; j < n; j++)
        data[rowOut + j] = (data[rowOut + j] as number) + aip * (y[rowB + j] as number);
    }
  }
  return makeResult(data, [m, n], "matmul", [a, b], (g) => [
    a.requiresGrad ? matmul(g, transpose(b)) : null,
    b.requiresGrad ? matmul(transpose(a), g) : null,
  ]);
}
