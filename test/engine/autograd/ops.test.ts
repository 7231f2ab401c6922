/**
 * Every op's first derivative (and, for the unary functions, second derivative via the exact Hessian)
 * against its closed form from calculus, at several points. Tolerance: 1e-12 relative, float64 rounding.
 */
import { describe, expect, test } from "@jest/globals";
import {
  Tensor,
  abs,
  add,
  atan,
  broadcastTo,
  cos,
  cosh,
  div,
  exp,
  gradientAndHessian,
  gradients,
  log,
  log10,
  log2,
  maxAll,
  maximum,
  mean,
  minAll,
  minimum,
  mul,
  neg,
  pow,
  relu,
  scalar,
  sigmoid,
  sin,
  sinh,
  softplus,
  sqrt,
  square,
  sub,
  sum,
  tan,
  tanh,
  tensor,
} from "../../../src/engine/autograd";

function close(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(expected)),
  );
}

const sig = (x: number): number => 1 / (1 + Math.exp(-x));

// name, op, points, f, f', f''
const unaryCases: [
  string,
  (t: Tensor) => Tensor,
  number[],
  (x: number) => number,
  (x: number) => number,
  (x: number) => number,
][] = [
  ["exp", exp, [-2, 0, 1.3], Math.exp, Math.exp, Math.exp],
  ["log", log, [0.2, 1, 7], Math.log, (x) => 1 / x, (x) => -1 / (x * x)],
  ["log10", log10, [0.2, 10, 7], Math.log10, (x) => 1 / (x * Math.LN10), (x) => -1 / (x * x * Math.LN10)],
  ["log2", log2, [0.2, 8, 7], Math.log2, (x) => 1 / (x * Math.LN2), (x) => -1 / (x * x * Math.LN2)],
  ["sqrt", sqrt, [0.25, 4, 9], Math.sqrt, (x) => 0.5 / Math.sqrt(x), (x) => -0.25 * x ** -1.5],
  ["abs", abs, [-3, 2], Math.abs, Math.sign, () => 0],
  ["sin", sin, [-1, 0, 2], Math.sin, Math.cos, (x) => -Math.sin(x)],
  ["cos", cos, [-1, 0, 2], Math.cos, (x) => -Math.sin(x), (x) => -Math.cos(x)],
  [
    "tan",
    tan,
    [-1, 0, 0.7],
    Math.tan,
    (x) => 1 / Math.cos(x) ** 2,
    (x) => (2 * Math.tan(x)) / Math.cos(x) ** 2,
  ],
  [
    "tanh",
    tanh,
    [-1, 0, 2],
    Math.tanh,
    (x) => 1 - Math.tanh(x) ** 2,
    (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2),
  ],
  ["sinh", sinh, [-1, 0, 2], Math.sinh, Math.cosh, Math.sinh],
  ["cosh", cosh, [-1, 0, 2], Math.cosh, Math.sinh, Math.cosh],
  ["atan", atan, [-1, 0, 2], Math.atan, (x) => 1 / (1 + x * x), (x) => (-2 * x) / (1 + x * x) ** 2],
  [
    "sigmoid",
    sigmoid,
    [-3, 0, 2],
    sig,
    (x) => sig(x) * (1 - sig(x)),
    (x) => sig(x) * (1 - sig(x)) * (1 - 2 * sig(x)),
  ],
  ["relu", relu, [-2, 3], (x) => Math.max(x, 0), (x) => (x > 0 ? 1 : 0), () => 0],
  ["softplus", softplus, [-3, 0, 2], (x) => Math.log(1 + Math.exp(x)), sig, (x) => sig(x) * (1 - sig(x))],
  ["neg", neg, [-2, 5], (x) => -x, () => -1, () => 0],
  ["square", square, [-2, 5], (x) => x * x, (x) => 2 * x, () => 2],
];

describe.each(unaryCases)("%s", (_name, op, points, f, df, d2f) => {
  test.each(points)("value, slope and curvature at %p", (x) => {
    const leaf = scalar(x, true);
    const r = gradientAndHessian(op(leaf), [leaf]);
    close(r.value, f(x));
    close(r.gradient[0], df(x));
    close(r.hessian[0]?.[0], d2f(x));
  });
});

describe("unary edge cases follow PyTorch's conventions", () => {
  test("relu'(0) = 0 and abs'(0) = 0", () => {
    const x = scalar(0, true);
    expect(gradients(relu(x), [x])[0]?.item()).toBe(0);
    expect(gradients(abs(x), [x])[0]?.item()).toBe(0);
  });

  test("sigmoid and softplus stay finite far from 0", () => {
    expect(sigmoid(-800).item()).toBe(0);
    expect(sigmoid(800).item()).toBe(1);
    expect(softplus(800).item()).toBe(800);
    expect(softplus(-800).item()).toBe(0);
    expect(softplus(-40).item()).toBeCloseTo(Math.exp(-40), 30);
  });
});

function partials(
  op: (a: Tensor, b: Tensor) => Tensor,
  a: number,
  b: number,
): { value: number; da: number; db: number } {
  const x = scalar(a, true);
  const y = scalar(b, true);
  const out = op(x, y);
  const [gx, gy] = gradients(out, [x, y]);
  return { value: out.item(), da: (gx as Tensor).item(), db: (gy as Tensor).item() };
}

describe("binary ops", () => {
  test("add, sub, mul, div", () => {
    expect(partials(add, 2, 5)).toEqual({ value: 7, da: 1, db: 1 });
    expect(partials(sub, 2, 5)).toEqual({ value: -3, da: 1, db: -1 });
    expect(partials(mul, 2, 5)).toEqual({ value: 10, da: 5, db: 2 });
    const d = partials(div, 3, 4); // d/da = 1/b, d/db = −a/b²
    expect(d.value).toBe(0.75);
    close(d.da, 0.25);
    close(d.db, -3 / 16);
  });

  test("pow: b·a^(b−1) and a^b·ln a", () => {
    const p = partials(pow, 1.7, 2.3);
    close(p.value, 1.7 ** 2.3);
    close(p.da, 2.3 * 1.7 ** 1.3);
    close(p.db, 1.7 ** 2.3 * Math.log(1.7));
  });

  test("pow at 0 uses PyTorch's conventions: d(0^b)/db = 0 for b >= 0, d(a^0)/da = 0", () => {
    expect(partials(pow, 0, 2)).toEqual({ value: 0, da: 0, db: 0 });
    expect(partials(pow, 0, 0)).toEqual({ value: 1, da: 0, db: 0 });
    const negativeBase = partials(pow, -2, 3); // ln(−2) is undefined: the exponent's slope is NaN, as in torch
    expect(negativeBase.value).toBe(-8);
    expect(negativeBase.da).toBe(12);
    expect(negativeBase.db).toBeNaN();
  });

  test("pow's second derivatives: d²/da² a^b = b(b−1)a^(b−2), d²/dadb = a^(b−1)(1 + b ln a)", () => {
    const a = scalar(1.7, true);
    const b = scalar(2.3, true);
    const h = gradientAndHessian(pow(a, b), [a, b]).hessian;
    close(h[0]?.[0], 2.3 * 1.3 * 1.7 ** 0.3);
    close(h[0]?.[1], 1.7 ** 1.3 * (1 + 2.3 * Math.log(1.7)));
    close(h[1]?.[1], 1.7 ** 2.3 * Math.log(1.7) ** 2);
  });

  test("pow's Hessian stays exact where the exponent is 0: x^y at (2, 0) is [[0, 1/x], [1/x, ln²x]]", () => {
    // d²/dx² = y(y−1)x^(y−2) = 0; d²/dxdy = x^(y−1)(1 + y·ln x) = 1/2; d²/dy² = x^y·ln²x = ln²2.
    // (PyTorch 1.13 masks d/dx wherever y = 0 and returns the asymmetric [[0, 0], [0.5, ln²2]] here.)
    const x = scalar(2, true);
    const y = scalar(0, true);
    const h = gradientAndHessian(pow(x, y), [x, y]).hessian;
    close(h[0]?.[0], 0);
    expect(h[0]?.[1]).toBe(0.5);
    expect(h[1]?.[0]).toBe(0.5);
    close(h[1]?.[1], Math.LN2 ** 2);
  });

  test("maximum and minimum send the gradient to the chosen operand, half each on ties (torch.maximum)", () => {
    expect(partials(maximum, 3, 1)).toEqual({ value: 3, da: 1, db: 0 });
    expect(partials(maximum, 1, 3)).toEqual({ value: 3, da: 0, db: 1 });
    expect(partials(maximum, 2, 2)).toEqual({ value: 2, da: 0.5, db: 0.5 });
    expect(partials(minimum, 3, 1)).toEqual({ value: 1, da: 0, db: 1 });
    expect(partials(minimum, 2, 2)).toEqual({ value: 2, da: 0.5, db: 0.5 });
  });
});

describe("broadcasting and reductions", () => {
  test("scalar ⊕ vector: the scalar's gradient sums over the vector", () => {
    // L = sum(w·x) = w·Σx → dL/dw = Σx = 6.
    const w = scalar(2, true);
    const x = tensor([1, 2, 3]);
    expect(gradients(sum(mul(w, x)), [w])[0]?.item()).toBe(6);
  });

  test("2-D NumPy rules: [2,3] + [3] and [2,1] · [1,3]", () => {
    const m = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { requiresGrad: true },
    );
    const row = tensor([10, 20, 30], { requiresGrad: true });
    const out = add(m, row);
    expect(out.shape).toEqual([2, 3]);
    expect(out.toArray()).toEqual([11, 22, 33, 14, 25, 36]);
    // L = Σ (m + row)²: dL/drow_j = Σ_i 2(m_ij + row_j) = 2·(11+14, 22+25, 33+36).
    const [gm, gr] = gradients(sum(square(out)), [m, row]);
    expect(gr?.toArray()).toEqual([50, 94, 138]);
    expect(gm?.toArray()).toEqual([22, 44, 66, 28, 50, 72]);

    const column = tensor([[1], [2]], { requiresGrad: true });
    const across = tensor([[3, 4, 5]], { requiresGrad: true });
    const outer = mul(column, across);
    expect(outer.shape).toEqual([2, 3]);
    expect(outer.toArray()).toEqual([3, 4, 5, 6, 8, 10]);
    // L = Σ c_i a_j: dL/dc_i = Σa = 12; dL/da_j = Σc = 3.
    const [gc, ga] = gradients(sum(outer), [column, across]);
    expect(gc?.toArray()).toEqual([12, 12]);
    expect(gc?.shape).toEqual([2, 1]);
    expect(ga?.toArray()).toEqual([3, 3, 3]);
  });

  test("mean divides by the count; max/min of all share ties evenly (torch.max())", () => {
    const x = tensor([1, 4, 4, -2], { requiresGrad: true });
    expect(gradients(mean(x), [x])[0]?.toArray()).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(maxAll(x).item()).toBe(4);
    expect(gradients(maxAll(x), [x])[0]?.toArray()).toEqual([0, 0.5, 0.5, 0]);
    expect(minAll(x).item()).toBe(-2);
    expect(gradients(minAll(x), [x])[0]?.toArray()).toEqual([0, 0, 0, 1]);
  });

  test("shape errors", () => {
    expect(() => add(tensor([1, 2, 3]), tensor([1, 2]))).toThrow("cannot broadcast shapes [3] and [2]");
    expect(() => tensor([1, 2]).item()).toThrow("item() needs one value, tensor has 2 (shape [2])");
    expect(() => gradients(mul(tensor([1, 2]), scalar(1, true)), [])).toThrow(
      "gradient needs a one-value output or a seed; output has shape [2]",
    );
    expect(() => tensor([[1, 2], [3]])).toThrow("matrix row 2 has 1 values but row 1 has 2");
    expect(() => tensor([1, NaN])).toThrow("tensor[2] must be a finite number, got NaN");
    expect(() => mean(tensor([]))).toThrow("mean of an empty tensor");
    expect(() => maxAll(tensor([]))).toThrow("maxAll of an empty tensor");
    expect(() => minAll(tensor([]))).toThrow("minAll of an empty tensor");
    expect(() => tensor(Infinity)).toThrow("tensor must be a finite number, got Infinity");
    expect(() => tensor([[1, NaN]])).toThrow("tensor row 1[2] must be a finite number, got NaN");
    expect(() => broadcastTo(tensor([[1], [2]]), [3])).toThrow("cannot broadcast shape [2,1] to [3]");
    expect(() => new Tensor(new Float64Array(2), [3], false, [], null, "leaf")).toThrow(
      "tensor data has 2 values but shape [3] needs 3",
    );
    expect(() => gradientAndHessian(sum(tensor([1, 2], { requiresGrad: true })), [tensor([1, 2])])).toThrow(
      "inputs[1] must hold one value, got 2",
    );
  });
});
