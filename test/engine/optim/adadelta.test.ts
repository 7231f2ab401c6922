/**
 * torch.optim.Adadelta by hand:
 *   E[g²] ← ρE[g²] + (1 − ρ)g²,  Δ = √(E[Δ²] + ε)/√(E[g²] + ε)·g,  E[Δ²] ← ρE[Δ²] + (1 − ρ)Δ²,  p ← p − lr·Δ
 */
import { describe, expect, it } from "@jest/globals";
import { adadelta, adadeltaStep, ADADELTA_DEFAULTS } from "../../../src/engine/optim";
import { expectNear } from "./closeTo";
import { runSteps } from "./runSteps";

describe("adadelta (torch.optim.Adadelta)", () => {
  it("first step with exact numbers", () => {
    // ρ 0.5, ε 0.25, lr 1, p 1, g 2: E[g²] = 0.5·4 = 2, √(2 + 0.25) = 1.5, √(0 + 0.25) = 0.5,
    // Δ = 0.5/1.5·2 = 2/3, E[Δ²] = 0.5·4/9 = 2/9, p = 1 − 2/3 = 1/3
    const result = adadeltaStep([1], [2], adadelta.initialState(1), { lr: 1, rho: 0.5, eps: 0.25 });
    expectNear(result.state.slots["square_avg"]!, [2], 0);
    expectNear(result.state.slots["acc_delta"]!, [2 / 9], 1e-16);
    expectNear(result.params, [1 / 3], 1e-15);
  });

  it("second step uses the accumulated update size", () => {
    // continuing, g 1: E[g²] = 0.5·2 + 0.5·1 = 1.5, Δ = √(2/9 + 1/4)/√(1.5 + 0.25)·1
    //   = √(17/36)/√(7/4) = (√17/6)/(√7/2) = √17/(3√7) = 0.5195221…,  p = 1/3 − 0.5195221… = −0.1861888…
    const [, second] = runSteps(adadelta, [1], [[2], [1]], { lr: 1, rho: 0.5, eps: 0.25 });
    expectNear(second!.state.slots["square_avg"]!, [1.5], 0);
    expectNear(second!.params, [1 / 3 - Math.sqrt(17) / (3 * Math.sqrt(7))], 1e-15);
  });

  it("with the defaults the first step is tiny: about lr·√ε/√(1 − ρ)", () => {
    // ρ 0.9, ε 1e-6, lr 1, g 0.5: E[g²] = 0.025, Δ = √1e-6/√0.025001·0.5 = 0.0005/0.15811704…
    //   = 0.00316221…; p = 1 − Δ
    const result = adadeltaStep([1], [0.5], adadelta.initialState(1), {});
    expectNear(result.params, [1 - 0.0005 / Math.sqrt(0.025001)], 1e-15);
    expect(1 - result.params[0]!).toBeCloseTo(0.0031622, 7);
  });

  it("weight decay adds λ·p to the gradient", () => {
    // λ 1.5, p 1, g 0.5: d = 2, then exactly the first case: p = 1/3
    const hyper = { lr: 1, rho: 0.5, eps: 0.25, weight_decay: 1.5 };
    const result = adadeltaStep([1], [0.5], adadelta.initialState(1), hyper);
    expectNear(result.params, [1 / 3], 1e-15);
  });

  it("has PyTorch's defaults (lr 1.0)", () => {
    expect(ADADELTA_DEFAULTS).toEqual({ lr: 1.0, rho: 0.9, eps: 1e-6, weight_decay: 0 });
  });
});
