/**
 * torch.optim.RMSprop by hand: E[g²] ← αE[g²] + (1 − α)g²; avg = √(E[g²] − ḡ²) (centered) or √E[g²], plus ε;
 * p ← p − lr·g/avg, or with momentum buf ← μ·buf + g/avg, p ← p − lr·buf.
 */
import { describe, expect, it } from "@jest/globals";
import { rmsprop, rmspropStep, RMSPROP_DEFAULTS } from "../../../src/engine/optim";
import { expectNear } from "./closeTo";
import { runSteps } from "./runSteps";

describe("rmsprop (torch.optim.RMSprop)", () => {
  it("first step with exact numbers", () => {
    // α 0.75, ε 0, lr 0.1, p 1, g 2: E[g²] = 0.25·4 = 1, p = 1 − 0.1·2/1 = 0.8
    const result = rmspropStep([1], [2], rmsprop.initialState(1), { lr: 0.1, alpha: 0.75, eps: 0 });
    expectNear(result.state.slots["square_avg"]!, [1], 0);
    expectNear(result.params, [0.8], 1e-15);
  });

  it("second step divides by the updated running mean square", () => {
    // g 1: E[g²] = 0.75·1 + 0.25·1 = 1, p = 0.8 − 0.1·1/1 = 0.7
    const [, second] = runSteps(rmsprop, [1], [[2], [1]], { lr: 0.1, alpha: 0.75, eps: 0 });
    expectNear(second!.params, [0.7], 1e-15);
  });

  it("with the defaults the first step is lr/√(1 − α) = 10·lr, not lr (no bias correction)", () => {
    // α 0.99, ε 1e-8, lr 0.01, g 0.5: E[g²] = 0.0025, avg = 0.05 + 1e-8,
    // p = 1 − 0.01·0.5/(0.05 + 1e-8) = 1 − 0.1/(1 + 2e-7) = 0.9 + 2e-8 − 4e-15 (to 1e-21)
    const result = rmspropStep([1], [0.5], rmsprop.initialState(1), {});
    expectNear(result.params, [0.9 + 2e-8 - 4e-15], 1e-15);
  });

  it("centered subtracts the squared mean gradient", () => {
    // α 0.75, ε 0, lr 0.1, g 2: E[g²] = 1, ḡ = 0.25·2 = 0.5, avg = √(1 − 0.25) = √0.75,
    // p = 1 − 0.1·2/√0.75 = 1 − 0.2309401…
    const hyper = { lr: 0.1, alpha: 0.75, eps: 0, centered: true };
    const result = rmspropStep([1], [2], rmsprop.initialState(1, hyper), hyper);
    expectNear(result.state.slots["grad_avg"]!, [0.5], 0);
    expectNear(result.params, [1 - 0.2 / Math.sqrt(0.75)], 1e-15);
  });

  it("momentum accumulates g/avg in a buffer", () => {
    // μ 0.5, α 0.75, ε 0, lr 0.1. step 1, g 2: avg 1, buf = 2, p = 1 − 0.2 = 0.8
    // step 2, g 1: avg 1, buf = 0.5·2 + 1 = 2, p = 0.8 − 0.2 = 0.6
    const hyper = { lr: 0.1, alpha: 0.75, eps: 0, momentum: 0.5 };
    const [first, second] = runSteps(rmsprop, [1], [[2], [1]], hyper);
    expectNear(first!.state.slots["buf"]!, [2], 0);
    expectNear(second!.state.slots["buf"]!, [2], 0);
    expectNear(second!.params, [0.6], 1e-15);
  });

  it("weight decay adds λ·p to the gradient", () => {
    // λ 0.5, p 2, g 1: d = 2, then as the first case: p = 2 − 0.2 = 1.8
    const hyper = { lr: 0.1, alpha: 0.75, eps: 0, weight_decay: 0.5 };
    const result = rmspropStep([2], [1], rmsprop.initialState(1), hyper);
    expectNear(result.params, [1.8], 1e-15);
  });

  it("has PyTorch's defaults", () => {
    expect(RMSPROP_DEFAULTS).toEqual({
      lr: 0.01,
      alpha: 0.99,
      eps: 1e-8,
      weight_decay: 0,
      momentum: 0,
      centered: false,
    });
  });
});
