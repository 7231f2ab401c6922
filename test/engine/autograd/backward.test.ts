/** The reverse sweep: shared nodes, accumulation, seeds, deep chains, and the tensor-level Jacobian. */
import { describe, expect, test } from "@jest/globals";
import {
  Tensor,
  add,
  backward,
  gradientAndHessian,
  gradients,
  jacobian,
  mul,
  scalar,
  sin,
  sum,
  tensor,
  topologicalOrder,
} from "../../../src/engine/autograd";

describe("accumulation", () => {
  test("a node used twice gets both contributions: d(x·x)/dx = 2x", () => {
    const x = scalar(3, true);
    expect(gradients(mul(x, x), [x])[0]?.item()).toBe(6);
  });

  test("micrograd's example: a diamond graph", () => {
    // a = 2, b = −3: c = a·b = −6, d = c + a = −4, e = d·d = 16.
    // de/dd = 2d = −8; dd/da = b + 1 = −2 → de/da = 16; dd/db = a = 2 → de/db = −16.
    const a = scalar(2, true);
    const b = scalar(-3, true);
    const d = add(mul(a, b), a);
    const e = mul(d, d);
    backward(e);
    expect(e.item()).toBe(16);
    expect(a.grad?.item()).toBe(16);
    expect(b.grad?.item()).toBe(-16);
  });

  test("backward() adds into .grad like PyTorch; gradients() leaves .grad alone", () => {
    const x = scalar(1.5, true);
    backward(mul(x, 2));
    backward(mul(x, 3));
    expect(x.grad?.item()).toBe(5);
    gradients(mul(x, 7), [x]);
    expect(x.grad?.item()).toBe(5);
  });

  test("a seed weights a vector output (vector-Jacobian product)", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = mul(x, x); // dy_i/dx_i = 2x_i
    const [g] = gradients(y, [x], { seed: tensor([1, 10, 100]) });
    expect(g?.toArray()).toEqual([2, 40, 600]);
    expect(() => gradients(y, [x], { seed: tensor([1, 2]) })).toThrow(
      "seed has shape [2] but output has [3]",
    );
  });

  test("an input the output does not depend on gets zeros of its shape", () => {
    const x = scalar(1, true);
    const unused = tensor([1, 2], { requiresGrad: true });
    const [gx, gu] = gradients(sin(x), [x, unused]);
    expect(gx?.item()).toBeCloseTo(Math.cos(1), 15);
    expect(gu?.toArray()).toEqual([0, 0]);
  });

  test("without createGraph the gradient is a constant; with it, a recorded expression", () => {
    const x = scalar(2, true);
    const y = mul(mul(x, x), x);
    expect(gradients(y, [x])[0]?.requiresGrad).toBe(false);
    const [g] = gradients(y, [x], { createGraph: true });
    expect(g?.item()).toBe(12); // 3x²
    expect(gradients(g as Tensor, [x])[0]?.item()).toBe(12); // 6x
  });
});

describe("deep chains", () => {
  test("a 100,000-op chain runs backward without overflowing the stack", () => {
    // 50,000 steps of y ← 0.99999·y + 0.5 (two ops each): dy/dx = 0.99999^50000.
    const x = scalar(1, true);
    let y: Tensor = x;
    for (let i = 0; i < 50_000; i++) y = add(mul(y, 0.99999), 0.5);
    expect(topologicalOrder(y).length).toBe(100_001);
    const [g] = gradients(y, [x]);
    expect(g?.item()).toBeCloseTo(0.99999 ** 50_000, 12);
  });

  test("second order through a 20,000-op chain: x^N has d²/dx² = N(N−1)x^(N−2)", () => {
    const x = scalar(1, true);
    let y: Tensor = x;
    const n = 20_000;
    for (let i = 1; i < n; i++) y = mul(y, x);
    const r = gradientAndHessian(y, [x]);
    expect(r.gradient[0]).toBe(n);
    expect(r.hessian[0]?.[0]).toBe(n * (n - 1));
  });
});

describe("jacobian", () => {
  test("the seed example at (x, y) = (2, 0.5): [[2xy, x²], [5, cos y]]", () => {
    const x = scalar(2, true);
    const y = scalar(0.5, true);
    const f1 = mul(mul(x, x), y);
    const f2 = add(mul(5, x), sin(y));
    const j = jacobian([f1, f2], [x, y]);
    expect(j[0]).toEqual([2, 4]);
    expect(j[1]?.[0]).toBe(5);
    expect(j[1]?.[1]).toBeCloseTo(Math.cos(0.5), 15);
    expect(() => jacobian([sum(tensor([1, 2])), tensor([1, 2])], [x])).toThrow(
      "outputs[2] must hold one value, got 2",
    );
  });
});
