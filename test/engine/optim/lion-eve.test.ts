/**
 * Lion and Eve have no torch.optim reference: their first steps are derived here by hand from the papers'
 * algorithms, at the seeds' point of y = ax + b (a = b = 0, x = 0.3, y = 30.6: loss (0·0.3 + 0 − 30.6)² =
 * 936.36, gradient 2(ax + b − y)·(x, 1) = (−18.36, −61.2)).
 */
import { describe, expect, it } from "@jest/globals";
import { EngineError } from "../../../src/engine/errors";
import { eveFeedback, getOptimizer } from "../../../src/engine/optim";
import { expectNear } from "./closeTo";

const G1 = [-18.36, -61.2];
const LOSS1 = 936.36;

describe("Lion (Chen et al. 2023, Algorithm 2)", () => {
  const lion = getOptimizer("lion");

  it("defaults to the paper's betas 0.9 / 0.99, lr 1e-4, no weight decay", () => {
    expect(lion.defaults).toEqual({ lr: 1e-4, beta1: 0.9, beta2: 0.99, weight_decay: 0 });
  });

  it("first step: every coordinate moves by exactly lr against the sign of the interpolated momentum", () => {
    // c = 0.9·0 + 0.1·g = (−1.836, −6.12): sign −1 for both, so p = 0 − 1e-4·(−1) = 1e-4 whatever |g|.
    // m = 0.99·0 + 0.01·g = (−0.1836, −0.612).
    const step = lion.step([0, 0], G1, lion.initialState(2));
    expectNear(step.params, [1e-4, 1e-4], 1e-18);
    expectNear(step.state.slots["m"] as number[], [-0.1836, -0.612], 1e-15);
    expect(step.state.t).toBe(1);
  });

  it("second step: c interpolates with beta1, m with beta2, weight decay is decoupled", () => {
    // lr 0.1, weight_decay 0.5, from p = (0.1, 0.1) (first step at lr 0.1), m = (−0.1836, −0.612), g = (3, −2):
    // c_a = 0.9·(−0.1836) + 0.1·3 = 0.13476 → +1;  p_a = 0.1 − 0.1·(1 + 0.5·0.1) = −0.005
    // c_b = 0.9·(−0.612) + 0.1·(−2) = −0.7508 → −1; p_b = 0.1 − 0.1·(−1 + 0.5·0.1) = 0.195
    // m_a = 0.99·(−0.1836) + 0.01·3 = −0.151764 (still negative: the step followed c, not m)
    // m_b = 0.99·(−0.612) + 0.01·(−2) = −0.62588
    const hyper = { lr: 0.1, weight_decay: 0.5 };
    const first = lion.step([0, 0], G1, lion.initialState(2), { lr: 0.1 });
    expectNear(first.params, [0.1, 0.1], 1e-17);
    const second = lion.step(first.params, [3, -2], first.state, hyper);
    expectNear(second.params, [-0.005, 0.195], 1e-15);
    expectNear(second.state.slots["m"] as number[], [-0.151764, -0.62588], 1e-15);
    expect(second.state.t).toBe(2);
  });

  it("does not move a coordinate whose interpolated momentum is exactly 0 (sign 0), except for decay", () => {
    // m = 0, g = 0: c = 0, sign 0; p ← p − lr·λ·p = 2 − 0.1·0.5·2 = 1.9.
    const step = lion.step([2], [0], lion.initialState(1), { lr: 0.1, weight_decay: 0.5 });
    expectNear(step.params, [1.9], 1e-15);
  });
});

describe("Eve (Koushik & Hayashi 2016, Algorithm 1)", () => {
  const eve = getOptimizer("eve");

  it("needs the loss at params, and a loss > 0", () => {
    expect(eve.needsLoss).toBe(true);
    expect(() => eve.step([0, 0], G1, eve.initialState(2))).toThrow(
      new EngineError("eve needs the loss at params: its step compares successive losses"),
    );
    expect(() => eve.step([0, 0], G1, eve.initialState(2), {}, 0)).toThrow(
      new EngineError("loss must be > 0, got 0"),
    );
    expect(() =>
      eve.createKernel(2, {}, Float64Array).step(new Float64Array(2), new Float64Array(2), 0.1),
    ).toThrow(new EngineError("eve needs the loss at params: its step compares successive losses"));
  });

  it("labels its state: m, v per parameter, then d and loss_hat, then t", () => {
    expect(eve.stateLabels(["a", "b"])).toEqual(["m_a", "m_b", "v_a", "v_b", "d", "loss_hat", "t"]);
    expect(eve.stateFromCells([], 2)).toEqual({
      t: 0,
      slots: { m: [0, 0], v: [0, 0] },
      scalars: { d: 1, loss_hat: 0 },
    });
  });

  it("first step is Adam's (d = 1) and remembers the loss as loss_hat", () => {
    // m = 0.1·g, v = 0.001·g², m̂ = m/0.1 = g, v̂ = v/0.001 = g²: p = 0 − 0.5·g/(|g|·1 + 1e-8) = 0.5·|g|/(|g| + 1e-8).
    const step = eve.step([0, 0], G1, eve.initialState(2), { lr: 0.5 }, LOSS1);
    expectNear(step.params, [0.5 * (18.36 / (18.36 + 1e-8)), 0.5 * (61.2 / (61.2 + 1e-8))], 1e-15);
    expectNear(step.state.slots["m"] as number[], [-1.836, -6.12], 1e-14);
    expectNear(step.state.slots["v"] as number[], [0.3370896, 3.74544], 1e-14);
    expect(step.state.scalars).toEqual({ d: 1, loss_hat: LOSS1 });
  });

  it("second step: a falling loss inside the thresholds feeds its relative change into d", () => {
    // f = 500 < f̂ = 936.36: [δ, Δ] = [1/(10 + 1), 1/(0.1 + 1)] = [0.0909…, 0.9090…]; f/f̂ = 0.53398 inside,
    // so c = f/f̂ and f̂' = c·f̂ = 500; r = |500 − 936.36| / min(500, 936.36) = 436.36/500 = 0.87272;
    // d = 0.999·1 + 0.001·0.87272 = 0.99987272.
    // g = (−10, −30): m = 0.9·(−1.836, −6.12) + 0.1·g = (−2.6524, −8.508);
    // v = 0.999·(0.3370896, 3.74544) + 0.001·(100, 900) = (0.4367525104, 4.64169456);
    // p = p1 − 0.5·(m/(1 − 0.9²)) / (d·√(v/(1 − 0.999²)) + 1e-8).
    const first = eve.step([0, 0], G1, eve.initialState(2), { lr: 0.5 }, LOSS1);
    const second = eve.step(first.params, [-10, -30], first.state, { lr: 0.5 }, 500);
    const d = 0.99987272;
    const m = [-2.6524, -8.508];
    const v = [0.4367525104, 4.64169456];
    const expected = first.params.map(
      (p, i) => p - (0.5 * ((m[i] as number) / 0.19)) / (d * Math.sqrt((v[i] as number) / 0.001999) + 1e-8),
    );
    expectNear([second.state.scalars?.["d"] as number], [d], 1e-15);
    expectNear([second.state.scalars?.["loss_hat"] as number], [500], 1e-12);
    expectNear(second.state.slots["m"] as number[], m, 1e-14);
    expectNear(second.state.slots["v"] as number[], v, 1e-14);
    expectNear(second.params, expected, 1e-14);
    // d < 1 (the loss fell by less than the average change so far is worth): the step is longer than Adam's.
    const adamLike = (0.5 * (-2.6524 / 0.19)) / (Math.sqrt(0.4367525104 / 0.001999) + 1e-8);
    expect(Math.abs((second.params[0] as number) - (first.params[0] as number))).toBeGreaterThan(
      Math.abs(adamLike),
    );
  });

  it("clips the loss ratio: a jump is capped at K + 1, a steady loss counts as a rise by k + 1", () => {
    // f = 50000 ≥ f̂ = 500: ratio 100 capped at 10 + 1 = 11: f̂' = 5500, r = 5000/500 = 10.
    const jump = eveFeedback(50000, 500, 0.1, 10);
    expectNear([jump.lossHat, jump.r], [5500, 10], 1e-12);
    // f = f̂: the paper's test is f ≥ f̂, so [δ, Δ] = [1.1, 11] and c = 1.1: f̂' = 1.1·f̂, r = 0.1.
    const steady = eveFeedback(2, 2, 0.1, 10);
    expectNear([steady.lossHat, steady.r], [2.2, 0.1], 1e-15);
    // f = f̂/1000 < f̂: ratio 0.001 raised to 1/(10 + 1): f̂' = f̂/11, r = (f̂ − f̂/11)/(f̂/11) = 10.
    const drop = eveFeedback(0.002, 2, 0.1, 10);
    expectNear([drop.lossHat, drop.r], [2 / 11, 10], 1e-14);
  });

  it("rejects thresholds in the wrong order and a lost loss_hat", () => {
    expect(() => eve.resolveHyper({ lower_threshold: 2, upper_threshold: 1 })).toThrow(
      new EngineError("upper_threshold must be >= lower_threshold, got 1 < 2"),
    );
    const state = eve.stateFromCells([0, 0, 0, 0, 1, 0, 1], 2);
    expect(() => eve.step([0, 0], G1, state, {}, 1)).toThrow(
      new EngineError("loss_hat must be > 0 after the first step, got 0"),
    );
  });

  it("takes the loss in the training kernel too", () => {
    const kernel = eve.createKernel(2, { lr: 0.5 }, Float64Array);
    const params = new Float64Array([0, 0]);
    kernel.step(params, Float64Array.from(G1), 0.5, LOSS1);
    const row = eve.step([0, 0], G1, eve.initialState(2), { lr: 0.5 }, LOSS1);
    expectNear(Array.from(params), row.params, 0);
  });
});
