/**
 * torch.optim.SGD, first and second steps by hand. Tolerance 1e-15 absolute: every number below is a short
 * decimal, so only the last-bit rounding of the float64 arithmetic separates code and hand result.
 */
import { describe, expect, it } from "@jest/globals";
import { sgd, sgdStep, SGD_DEFAULTS } from "../../../src/engine/optim";
import { expectNear } from "./closeTo";
import { runSteps } from "./runSteps";

const TOL = 1e-15;

describe("sgd (torch.optim.SGD)", () => {
  it("plain gradient descent: p − lr·g", () => {
    // lr 0.1, p = [1, −2], g = [0.5, −1]: [1 − 0.05, −2 + 0.1] = [0.95, −1.9]
    const result = sgdStep([1, -2], [0.5, -1], sgd.initialState(2), { lr: 0.1 });
    expectNear(result.params, [0.95, -1.9], TOL);
  });

  it("plain gradient descent keeps only the step count as state", () => {
    const result = sgdStep([1, -2], [0.5, -1], sgd.initialState(2), { lr: 0.1 });
    expect(result.state).toEqual({ t: 1, slots: {} });
  });

  it("uses PyTorch's defaults: lr 1e-3, no momentum, no dampening, no nesterov, no weight decay", () => {
    expect(SGD_DEFAULTS).toEqual({ lr: 1e-3, momentum: 0, dampening: 0, nesterov: false, weight_decay: 0 });
  });

  it("momentum: the first buffer is the gradient itself, then buf = μ·buf + g", () => {
    // μ 0.9, lr 0.1, p = 1.
    // step 1, g 0.5: buf = 0.5 (PyTorch clones g; not (1 − dampening)·g), p = 1 − 0.1·0.5 = 0.95
    // step 2, g 0.2: buf = 0.9·0.5 + 0.2 = 0.65, p = 0.95 − 0.1·0.65 = 0.885
    const [first, second] = runSteps(sgd, [1], [[0.5], [0.2]], { lr: 0.1, momentum: 0.9 });
    expectNear(first!.params, [0.95], TOL);
    expectNear(first!.state.slots["buf"]!, [0.5], TOL);
    expectNear(second!.params, [0.885], TOL);
    expectNear(second!.state.slots["buf"]!, [0.65], TOL);
  });

  it("dampening scales the gradient only from the second step on", () => {
    // μ 0.9, dampening 0.5, lr 0.1, p = 1.
    // step 1, g 0.5: buf = 0.5 (undamped), p = 0.95
    // step 2, g 0.2: buf = 0.9·0.5 + (1 − 0.5)·0.2 = 0.55, p = 0.95 − 0.055 = 0.895
    const [first, second] = runSteps(sgd, [1], [[0.5], [0.2]], { lr: 0.1, momentum: 0.9, dampening: 0.5 });
    expectNear(first!.state.slots["buf"]!, [0.5], TOL);
    expectNear(second!.params, [0.895], TOL);
  });

  it("nesterov steps along g + μ·buf", () => {
    // μ 0.9, lr 0.1, p = 1.
    // step 1, g 0.5: buf = 0.5, d = 0.5 + 0.9·0.5 = 0.95, p = 1 − 0.095 = 0.905
    // step 2, g 0.2: buf = 0.45 + 0.2 = 0.65, d = 0.2 + 0.9·0.65 = 0.785, p = 0.905 − 0.0785 = 0.8265
    const [first, second] = runSteps(sgd, [1], [[0.5], [0.2]], { lr: 0.1, momentum: 0.9, nesterov: true });
    expectNear(first!.params, [0.905], TOL);
    expectNear(second!.params, [0.8265], TOL);
  });

  it("weight decay adds λ·p to the gradient (L2)", () => {
    // λ 0.1, lr 0.1, p = 2, g = 0.5: d = 0.5 + 0.1·2 = 0.7, p = 2 − 0.07 = 1.93
    const result = sgdStep([2], [0.5], sgd.initialState(1), { lr: 0.1, weight_decay: 0.1 });
    expectNear(result.params, [1.93], TOL);
  });

  it("with momentum, weight decay enters the buffer", () => {
    // λ 0.1, μ 0.5, lr 0.1, p = 2, g = 0.5: buf = d = 0.7, p = 1.93
    // step 2, g 0.5: d = 0.5 + 0.1·1.93 = 0.693, buf = 0.35 + 0.693 = 1.043, p = 1.93 − 0.1043 = 1.8257
    const [, second] = runSteps(sgd, [2], [[0.5], [0.5]], { lr: 0.1, momentum: 0.5, weight_decay: 0.1 });
    expectNear(second!.state.slots["buf"]!, [1.043], TOL);
    expectNear(second!.params, [1.8257], TOL);
  });

  it("counts steps in t", () => {
    const results = runSteps(sgd, [1], [[1], [1], [1]], { lr: 0.1, momentum: 0.9 });
    expect(results.map((r) => r.state.t)).toEqual([1, 2, 3]);
  });
});
