/** matmul and transpose against hand-computed products and gradients (dA = G·Bᵀ, dB = Aᵀ·G). */
import { expect, test } from "@jest/globals";
import {
  add,
  gradientAndHessian,
  gradients,
  matmul,
  mul,
  scalar,
  sum,
  tensor,
  transpose,
} from "../../../src/engine/autograd";

test("product and gradients of L = Σ W ⊙ (A·B)", () => {
  const a = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { requiresGrad: true },
  );
  const b = tensor(
    [
      [5, 6, 7],
      [8, 9, 10],
    ],
    { requiresGrad: true },
  );
  const w = tensor([
    [1, 0, -1],
    [2, 1, 0],
  ]);
  const product = matmul(a, b);
  // Row 1: [1·5+2·8, 1·6+2·9, 1·7+2·10] = [21, 24, 27]; row 2: [3·5+4·8, 3·6+4·9, 3·7+4·10] = [47, 54, 61].
  expect(product.shape).toEqual([2, 3]);
  expect(product.toArray()).toEqual([21, 24, 27, 47, 54, 61]);
  const [ga, gb] = gradients(sum(mul(w, product)), [a, b]);
  // dA = W·Bᵀ: [[1·5+0·6−1·7, 1·8+0·9−1·10], [2·5+1·6+0, 2·8+1·9+0]] = [[−2, −2], [16, 25]].
  expect(ga?.toArray()).toEqual([-2, -2, 16, 25]);
  // dB = Aᵀ·W: [[1·1+3·2, 1·0+3·1, 1·(−1)+3·0], [2·1+4·2, 2·0+4·1, 2·(−1)+4·0]] = [[7, 3, −1], [10, 4, −2]].
  expect(gb?.toArray()).toEqual([7, 3, -1, 10, 4, -2]);
});

test("transpose moves values and gradients", () => {
  const m = tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { requiresGrad: true },
  );
  const t = transpose(m);
  expect(t.shape).toEqual([3, 2]);
  expect(t.toArray()).toEqual([1, 4, 2, 5, 3, 6]);
  const weights = tensor([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  expect(gradients(sum(mul(t, weights)), [m])[0]?.toArray()).toEqual([1, 3, 5, 2, 4, 6]);
});

test("a quadratic form xᵀ·A·x through matmul has Hessian A + Aᵀ", () => {
  const x1 = scalar(0.5, true);
  const x2 = scalar(-1.5, true);
  // The column x = x1·e1 + x2·e2 (broadcasting scalars against 2×1 constants).
  const x = add(mul(x1, tensor([[1], [0]])), mul(x2, tensor([[0], [1]])));
  const a = tensor([
    [2, 1],
    [3, 5],
  ]);
  const q = sum(matmul(transpose(x), matmul(a, x)));
  // q = 2x1² + (1 + 3)x1x2 + 5x2², so the gradient is [4x1 + 4x2, 4x1 + 10x2] and the Hessian [[4, 4], [4, 10]].
  const r = gradientAndHessian(q, [x1, x2]);
  expect(r.value).toBeCloseTo(2 * 0.25 + 4 * 0.5 * -1.5 + 5 * 2.25, 14);
  expect(r.gradient).toEqual([4 * 0.5 + 4 * -1.5, 4 * 0.5 + 10 * -1.5]);
  expect(r.hessian).toEqual([
    [4, 4],
    [4, 10],
  ]);
});

test("matmul shape errors", () => {
  expect(() => matmul(tensor([1, 2]), tensor([[1]]))).toThrow("matmul needs 2-D tensors, got shape [2]");
  expect(() => transpose(tensor(3))).toThrow("transpose needs 2-D tensors, got shape []");
  expect(() => matmul(tensor([[1, 2, 3]]), tensor([[1], [2]]))).toThrow(
    "matmul shapes [1,3] and [2,1] do not line up: 3 != 2",
  );
});
