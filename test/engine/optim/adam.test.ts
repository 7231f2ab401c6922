/**
 * torch.optim.Adam / AdamW by hand: m ← β1·m + (1 − β1)g, v ← β2·v + (1 − β2)g²,
 * p ← p − lr/(1 − β1ᵗ) · m/(√v/√(1 − β2ᵗ) + ε). AdamW first multiplies p by 1 − lr·λ.
 * Tolerances are a few ulps of the value: 1 − 0.9 is 0.09999999999999998 in float64.
 */
import { describe, expect, it } from "@jest/globals";
import { adam, adamStep, adamw, adamwStep, ADAM_DEFAULTS, ADAMW_DEFAULTS } from "../../../src/engine/optim";
import { expectNear } from "./closeTo";
import { runSteps } from "./runSteps";

describe("adam (torch.optim.Adam)", () => {
  it("uses β1 = 0.9 for m and β2 = 0.999 for v (not swapped)", () => {
    // g 0.5: m = 0.1·0.5 = 0.05, v = 0.001·0.25 = 0.00025
    const result = adamStep([1], [0.5], adam.initialState(1), {});
    expectNear(result.state.slots["m"]!, [0.05], 1e-16);
    expectNear(result.state.slots["v"]!, [0.00025], 1e-18);
  });

  it("first step is lr·g/(|g| + ε) after bias correction", () => {
    // m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25, p = 1 − 0.001·0.5/(0.5 + 1e-8)
    //   = 1 − 0.001/(1 + 2e-8) = 0.999 + 2e-11 (to 1e-18)
    const result = adamStep([1], [0.5], adam.initialState(1), {});
    expectNear(result.params, [0.999 + 2e-11], 1e-15);
  });

  it("second step with the same gradient is lr again: the bias correction undoes the zero start", () => {
    // m = 0.9·0.05 + 0.05 = 0.095, 1 − β1² = 0.19, m̂ = 0.5; v = 0.999·0.00025 + 0.00025 = 0.00049975,
    // 1 − β2² = 0.001999, v̂ = 0.25; p = 0.999 + 2e-11 − (0.001 − 2e-11) = 0.998 + 4e-11
    const [, second] = runSteps(adam, [1], [[0.5], [0.5]], {});
    expectNear(second!.state.slots["m"]!, [0.095], 1e-16);
    expectNear(second!.state.slots["v"]!, [0.00049975], 1e-18);
    expectNear(second!.params, [0.998 + 4e-11], 1e-15);
  });

  it("amsgrad divides by the largest v seen", () => {
    // g 1 then 0: v1 = 0.001, v2 = 0.000999, vmax = 0.001; m2 = 0.9·0.1 = 0.09.
    // step 2: p2 = p1 − 0.001/0.19 · 0.09/(√0.001/√0.001999 + 1e-8)
    // with p1 = 1 − 0.001·1/(1 + 1e-8)
    const [first, second] = runSteps(adam, [1], [[1], [0]], { amsgrad: true });
    expectNear(second!.state.slots["vmax"]!, [0.001], 1e-18);
    expectNear(second!.state.slots["v"]!, [0.000999], 1e-18);
    const p1 = 1 - 0.001 / (1 + 1e-8);
    expectNear(first!.params, [p1], 1e-15);
    expectNear(
      second!.params,
      [p1 - (0.001 / 0.19) * (0.09 / (Math.sqrt(0.001) / Math.sqrt(0.001999) + 1e-8))],
      1e-15,
    );
  });

  it("weight decay is L2: λ·p joins the gradient, and the first step stays about lr", () => {
    // λ 0.1, lr 0.1, p 2, g 0.5: d = 0.7, p = 2 − 0.1·0.7/(0.7 + 1e-8)
    const result = adamStep([2], [0.5], adam.initialState(1), { lr: 0.1, weight_decay: 0.1 });
    expectNear(result.params, [2 - 0.07 / (0.7 + 1e-8)], 1e-15);
  });

  it("has PyTorch's defaults", () => {
    expect(ADAM_DEFAULTS).toEqual({
      lr: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weight_decay: 0,
      amsgrad: false,
    });
  });
});

describe("adamw (torch.optim.AdamW)", () => {
  it("decays the weight by 1 − lr·λ before the Adam step", () => {
    // λ 0.1, lr 0.1, p 2, g 0.5: 2·(1 − 0.01) = 1.98, then − 0.1·0.5/(0.5 + 1e-8): 1.88 + 2e-9 (to 1e-16)
    const result = adamwStep([2], [0.5], adamw.initialState(1), { lr: 0.1, weight_decay: 0.1 });
    expectNear(result.params, [1.88 + 2e-9], 1e-15);
  });

  it("keeps the decay out of m and v", () => {
    const result = adamwStep([2], [0.5], adamw.initialState(1), { lr: 0.1, weight_decay: 0.1 });
    expectNear(result.state.slots["m"]!, [0.05], 1e-16);
  });

  it("defaults to weight_decay 1e-2, otherwise Adam's defaults", () => {
    expect(ADAMW_DEFAULTS).toEqual({ ...ADAM_DEFAULTS, weight_decay: 1e-2 });
    // default lr 1e-3, p 1, g 0.5: 1·(1 − 1e-5) − 0.001/(1 + 2e-8) = 0.99899 + 2e-11
    const result = adamwStep([1], [0.5], adamw.initialState(1), {});
    expectNear(result.params, [0.99899 + 2e-11], 1e-15);
  });
});
