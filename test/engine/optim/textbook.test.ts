/**
 * The seed's textbook variants, by hand: momentum as an exponentially weighted average (momentum_ewa) and
 * L2 as w ← (1 − ηλ/n)w − η∂C/∂w (sgd_l2). Tolerance 1e-15 absolute (short decimals).
 */
import { describe, expect, it } from "@jest/globals";
import {
  momentumEwa,
  momentumEwaStep,
  MOMENTUM_EWA_DEFAULTS,
  sgd,
  sgdL2,
  sgdL2Step,
  SGD_L2_DEFAULTS,
} from "../../../src/engine/optim";
import { expectNear } from "./closeTo";
import { runSteps } from "./runSteps";

const TOL = 1e-15;

describe("momentum_ewa (v ← βv + (1 − β)g, w ← w − lr·v)", () => {
  it("starts from v = 0, so the first step is (1 − β) times plain GD", () => {
    // β 0.9, lr 0.1, p 1, g 0.5: v = 0.1·0.5 = 0.05, p = 1 − 0.1·0.05 = 0.995
    const result = momentumEwaStep([1], [0.5], momentumEwa.initialState(1), { lr: 0.1, beta: 0.9 });
    expectNear(result.state.slots["v"]!, [0.05], TOL);
    expectNear(result.params, [0.995], TOL);
  });

  it("averages the second gradient into v", () => {
    // step 2, g 0.2: v = 0.9·0.05 + 0.1·0.2 = 0.065, p = 0.995 − 0.0065 = 0.9885
    const [, second] = runSteps(momentumEwa, [1], [[0.5], [0.2]], { lr: 0.1, beta: 0.9 });
    expectNear(second!.state.slots["v"]!, [0.065], TOL);
    expectNear(second!.params, [0.9885], TOL);
  });

  it("differs from PyTorch's momentum, whose buffer starts at g and is not scaled by 1 − β", () => {
    // Same β = μ = 0.9, lr 0.1, g 0.5: PyTorch p = 0.95, EWA p = 0.995.
    const ewa = momentumEwaStep([1], [0.5], momentumEwa.initialState(1), { lr: 0.1, beta: 0.9 });
    const torch = sgd.step([1], [0.5], sgd.initialState(1, { momentum: 0.9 }), { lr: 0.1, momentum: 0.9 });
    expectNear([ewa.params[0]!, torch.params[0]!], [0.995, 0.95], TOL);
  });

  it("has defaults lr 0.01, beta 0.9", () => {
    expect(MOMENTUM_EWA_DEFAULTS).toEqual({ lr: 0.01, beta: 0.9 });
  });

  it("labels its state v_<param> then t", () => {
    expect(momentumEwa.stateLabels(["a", "b"])).toEqual(["v_a", "v_b", "t"]);
  });
});

describe("sgd_l2 (w ← (1 − ηλ/n)w − η∂C/∂w)", () => {
  it("shrinks the weight by 1 − ηλ/n before the gradient step", () => {
    // η 0.1, λ 5, n 50: 1 − 0.1·5/50 = 0.99; w 2, g 0.5: 0.99·2 − 0.05 = 1.93
    const result = sgdL2Step([2], [0.5], sgdL2.initialState(1), { lr: 0.1, lambda: 5, n: 50 });
    expectNear(result.params, [1.93], TOL);
  });

  it("takes a second step from the shrunk weight", () => {
    // w 1.93, g 0.3: 0.99·1.93 − 0.03 = 1.9107 − 0.03 = 1.8807
    const [, second] = runSteps(sgdL2, [2], [[0.5], [0.3]], { lr: 0.1, lambda: 5, n: 50 });
    expectNear(second!.params, [1.8807], TOL);
  });

  it("equals PyTorch SGD with weight_decay = λ/n", () => {
    // λ/n = 0.1: sgd gives 2 − 0.1·(0.5 + 0.2) = 1.93, as above
    const torch = sgd.step([2], [0.5], sgd.initialState(1), { lr: 0.1, weight_decay: 0.1 });
    const textbook = sgdL2Step([2], [0.5], sgdL2.initialState(1), { lr: 0.1, lambda: 5, n: 50 });
    expectNear(textbook.params, torch.params, TOL);
  });

  it("has defaults lr 0.01, lambda 0, n 1 and no state but t", () => {
    expect(SGD_L2_DEFAULTS).toEqual({ lr: 0.01, lambda: 0, n: 1 });
    expect(sgdL2.stateLabels(["a"])).toEqual(["t"]);
  });
});
