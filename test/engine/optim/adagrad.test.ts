/** torch.optim.Adagrad by hand: sum ← sum + g², p ← p − clr·g/(√sum + eps), clr = lr/(1 + (t − 1)·lr_decay). */
import { describe, expect, it } from "@jest/globals";
import { adagrad, adagradStep, ADAGRAD_DEFAULTS } from "../../../src/engine/optim";
import { expectNear } from "./closeTo";
import { runSteps } from "./runSteps";

describe("adagrad (torch.optim.Adagrad)", () => {
  it("first step with defaults moves by about lr, whatever the gradient's size", () => {
    // lr 0.01, eps 1e-10, p 1, g 0.5: sum = 0.25, √sum + eps = 0.5 + 1e-10,
    // p = 1 − 0.01·0.5/(0.5 + 1e-10) = 1 − 0.01/(1 + 2e-10) = 0.99 + 2e-12 (to 1e-20)
    const result = adagradStep([1], [0.5], adagrad.initialState(1), {});
    expectNear(result.state.slots["sum"]!, [0.25], 1e-16);
    expectNear(result.params, [0.99 + 2e-12], 1e-15);
  });

  it("second step divides by the root of the summed squares", () => {
    // eps 0 for exact numbers, lr 0.1, p 1. step 1, g 3: sum 9, p = 1 − 0.1·3/3 = 0.9
    // step 2, g 4: sum 25, p = 0.9 − 0.1·4/5 = 0.82
    const [first, second] = runSteps(adagrad, [1], [[3], [4]], { lr: 0.1, eps: 0 });
    expectNear(first!.params, [0.9], 1e-15);
    expectNear(second!.state.slots["sum"]!, [25], 0);
    expectNear(second!.params, [0.82], 1e-15);
  });

  it("lr_decay shrinks the rate from the second step: lr/(1 + (t − 1)·lr_decay)", () => {
    // lr 0.1, lr_decay 0.5, eps 0. step 1, g 3: clr = 0.1, p = 0.9
    // step 2, g 4: clr = 0.1/1.5 = 1/15, p = 0.9 − (1/15)·(4/5) = 0.9 − 4/75 = 0.846666…
    const [, second] = runSteps(adagrad, [1], [[3], [4]], { lr: 0.1, lr_decay: 0.5, eps: 0 });
    expectNear(second!.params, [0.9 - 4 / 75], 1e-15);
  });

  it("initial_accumulator_value starts the sum", () => {
    // initial 16, lr 0.01, eps 0, g 3: sum = 25, p = 1 − 0.01·3/5 = 0.994
    const state = adagrad.initialState(1, { initial_accumulator_value: 16 });
    const result = adagradStep([1], [3], state, { lr: 0.01, eps: 0, initial_accumulator_value: 16 });
    expectNear(state.slots["sum"]!, [16], 0);
    expectNear(result.params, [0.994], 1e-15);
  });

  it("weight decay adds λ·p to the gradient before it is squared", () => {
    // λ 0.5, lr 0.1, eps 0, p 2, g 1: d = 1 + 0.5·2 = 2, sum = 4, p = 2 − 0.1·2/2 = 1.9
    const result = adagradStep([2], [1], adagrad.initialState(1), { lr: 0.1, eps: 0, weight_decay: 0.5 });
    expectNear(result.state.slots["sum"]!, [4], 0);
    expectNear(result.params, [1.9], 1e-15);
  });

  it("has PyTorch's defaults", () => {
    expect(ADAGRAD_DEFAULTS).toEqual({
      lr: 0.01,
      lr_decay: 0,
      weight_decay: 0,
      initial_accumulator_value: 0,
      eps: 1e-10,
    });
  });
});
