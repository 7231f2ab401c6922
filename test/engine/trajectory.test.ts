/**
 * y = ax + b fitted by every optimizer, the whole path computed by the formula language (gradient of the
 * loss string) and the optimizers' pure step functions only, the state carried through cells each row as a
 * sheet would.
 *
 * Data: x = 0, 1/9, …, 1 (10 points), y = 2x + 30, start a = b = 1. Loss AVERAGE((a*x+b-y)^2), whose
 * Hessian 2·[[E x², E x], [E x, 1]] = 2·[[19/54, 1/2], [1/2, 1]] has eigenvalues ≈ 2.54 and 0.16 (condition
 * number ≈ 16), so plain GD is stable for lr < 2/2.54 ≈ 0.79 and every method converges in a few hundred
 * steps with the learning rates below. The adaptive methods move each parameter by about lr per step, and
 * b must travel 29, hence their larger lr.
 */
import { describe, expect, it } from "@jest/globals";
import { compileFormula, formulaGradient } from "../../src/engine/formula";
import { getOptimizer, type HyperInput } from "../../src/engine/optim";

const XS = Array.from({ length: 10 }, (_, i) => i / 9);
const YS = XS.map((x) => 2 * x + 30);
const LOSS = compileFormula("AVERAGE((a*x+b-y)^2)");

/** Runs `steps` rows from a = b = 1 and returns the final [a, b]. */
function fit(optimizer: string, hyper: HyperInput, steps: number): number[] {
  const spec = getOptimizer(optimizer);
  let params = [1, 1];
  let cells: number[] = []; // the state cells of the previous row; empty on the first row
  for (let k = 0; k < steps; k++) {
    const [a, b] = params as [number, number];
    const { gradient } = formulaGradient(LOSS, { a, b, x: XS, y: YS }, ["a", "b"]);
    const state = spec.stateFromCells(cells, 2, hyper);
    const result = spec.step(params, gradient, state, hyper);
    params = result.params;
    cells = spec.stateToCells(result.state);
  }
  return params;
}

/**
 * With an L2 term (k/2)(a² + b²), k = λ/n = 0.01, the optimum solves ∇C + k·w = 0:
 *   (2·E x² + k)·a + 2·E x·b = 2·E xy,   2·E x·a + (2 + k)·b = 2·E y,
 * with E x = 1/2, E x² = 19/54, E y = 31, E xy = 2·19/54 + 30/2 = 424/27. By Cramer's rule
 * a ≈ 2.5978675, b ≈ 29.5532998: the penalty pulls b down and a up to compensate.
 */
function shiftedOptimum(k: number): [number, number] {
  const [m11, m12, m22] = [2 * (19 / 54) + k, 1, 2 + k];
  const [r1, r2] = [2 * (424 / 27), 62];
  const det = m11 * m22 - m12 * m12;
  return [(r1 * m22 - m12 * r2) / det, (m11 * r2 - m12 * r1) / det];
}

const UNREGULARISED: [number, number] = [2, 30];

// [label, optimizer, hyper-parameters, steps, expected optimum, tolerance on max(|Δa|, |Δb|)]
const CASES: [string, string, HyperInput, number, [number, number], number][] = [
  ["gradient descent", "sgd", { lr: 0.5 }, 300, UNREGULARISED, 1e-6],
  ["momentum (PyTorch)", "sgd", { lr: 0.1, momentum: 0.9 }, 300, UNREGULARISED, 1e-4],
  ["nesterov", "sgd", { lr: 0.1, momentum: 0.9, nesterov: true }, 300, UNREGULARISED, 1e-4],
  ["momentum (textbook EWA)", "momentum_ewa", { lr: 0.5, beta: 0.9 }, 300, UNREGULARISED, 1e-4],
  ["adagrad", "adagrad", { lr: 20 }, 300, UNREGULARISED, 1e-6],
  // PyTorch's Adadelta defaults (eps 1e-6) start with steps of ~√eps = 1e-3 and need thousands of steps to
  // move b by 29; eps 1e-2 and rho 0.99 (lr stays 1.0) reach the optimum in 1000.
  ["adadelta", "adadelta", { lr: 1, eps: 1e-2, rho: 0.99 }, 1000, UNREGULARISED, 1e-6],
  ["rmsprop", "rmsprop", { lr: 1 }, 300, UNREGULARISED, 1e-5],
  ["rmsprop centered", "rmsprop", { lr: 1, centered: true }, 300, UNREGULARISED, 1e-5],
  ["adam", "adam", { lr: 2 }, 500, UNREGULARISED, 1e-6],
  ["adam amsgrad", "adam", { lr: 2, amsgrad: true }, 500, UNREGULARISED, 1e-3],
  // Decoupled decay shrinks p by lr·λ·p per step outside Adam's normalisation, so the iterates settle
  // where Adam's normalised step balances it: measured 0.036 from (2, 30) after 500 steps with λ = 1e-4.
  ["adamw", "adamw", { lr: 2, weight_decay: 1e-4 }, 500, UNREGULARISED, 0.1],
  ["textbook L2 (λ 0.1, n 10)", "sgd_l2", { lr: 0.5, lambda: 0.1, n: 10 }, 300, shiftedOptimum(0.01), 1e-6],
  ["SGD weight_decay 0.01", "sgd", { lr: 0.5, weight_decay: 0.01 }, 300, shiftedOptimum(0.01), 1e-6],
  ["Adam L2 weight_decay 0.01", "adam", { lr: 2, weight_decay: 0.01 }, 500, shiftedOptimum(0.01), 1e-5],
];

describe("y = ax + b trajectories (a = 2, b = 30, from a = b = 1)", () => {
  it.each(CASES)("%s (%s %j, %i steps) converges", (_label, optimizer, hyper, steps, optimum, tolerance) => {
    const [a, b] = fit(optimizer, hyper, steps) as [number, number];
    const error = Math.max(Math.abs(a - optimum[0]), Math.abs(b - optimum[1]));
    expect(error).toBeLessThan(tolerance);
  });

  it("starts from the hand-derived gradient (−29.70, −59): downhill is larger a and b", () => {
    // At a = b = 1 the residual is x + 1 − 2x − 30 = −x − 29, so ∂/∂b = 2·E(−x − 29) = −59 and
    // ∂/∂a = 2·E(x(−x − 29)) = −2·(19/54 + 29/2) = −29.7037…
    const { gradient } = formulaGradient(LOSS, { a: 1, b: 1, x: XS, y: YS }, ["a", "b"]);
    expect(gradient[0]).toBeCloseTo(-2 * (19 / 54 + 29 / 2), 12);
    expect(gradient[1]).toBeCloseTo(-59, 12);
  });
});
