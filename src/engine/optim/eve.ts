import { EngineError, formatValue, requireInHalfOpen, requireNonNegative, requirePositive } from "../errors";
import { defineOptimizer } from "./define";
import type { UpdateRule } from "./rule";

/**
 * Eve (Koushik & Hayashi 2016, Improving Stochastic Gradient Descent with Feedback): Adam whose step is
 * divided by d, a running average of the relative change of the (clipped, smoothed) loss. The paper's
 * k and K are lower_threshold and upper_threshold here.
 */
export type EveHyper = {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly beta3: number;
  readonly lower_threshold: number;
  readonly upper_threshold: number;
  readonly eps: number;
};

/** The paper's defaults: α = 1e-3, β1 = 0.9, β2 = 0.999, β3 = 0.999, k = 0.1, K = 10, ε = 1e-8. */
export const EVE_DEFAULTS: EveHyper = Object.freeze({
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  beta3: 0.999,
  lower_threshold: 0.1,
  upper_threshold: 10,
  eps: 1e-8,
});

/** The new smoothed loss and the relative change r that feeds d, from the loss f and the last smoothed f̂. */
export function eveFeedback(
  loss: number,
  lossHat: number,
  k: number,
  bigK: number,
): { lossHat: number; r: number } {
  const [low, high] = loss >= lossHat ? [k + 1, bigK + 1] : [1 / (bigK + 1), 1 / (k + 1)];
  const c = Math.min(Math.max(low, loss / lossHat), high);
  const next = c * lossHat;
  return { lossHat: next, r: Math.abs(next - lossHat) / Math.min(next, lossHat) };
}

/**
 * The paper's Algorithm 1, with f = the loss at params (the row's loss cell):
 * m, v and their bias corrections as in Adam; on the first step f̂ ← f and d ← 1; after it,
 * [δ, Δ] = [k + 1, K + 1] if f >= f̂ else [1/(K + 1), 1/(k + 1)], c = min(max(δ, f/f̂), Δ), f̂' = c·f̂,
 * r = |f̂' − f̂| / min(f̂', f̂), d ← β3·d + (1 − β3)·r, f̂ ← f̂'; then p ← p − lr·m̂/(d·√v̂ + ε).
 */
export const eveRule: UpdateRule<EveHyper, "m" | "v", "d" | "loss_hat"> = {
  name: "eve",
  defaults: EVE_DEFAULTS,
  slotNames: ["m", "v"],
  nonNegativeSlots: ["v"],
  scalarNames: ["d", "loss_hat"],
  initialScalar: (scalar) => (scalar === "d" ? 1 : 0),
  positiveScalars: ["d"],
  needsLoss: true,
  validate(h) {
    requirePositive("lr", h.lr);
    requireInHalfOpen("beta1", h.beta1, 0, 1);
    requireInHalfOpen("beta2", h.beta2, 0, 1);
    requireInHalfOpen("beta3", h.beta3, 0, 1);
    requirePositive("lower_threshold", h.lower_threshold);
    if (!(h.upper_threshold >= h.lower_threshold)) {
      throw new EngineError(
        `upper_threshold must be >= lower_threshold, got ${formatValue(h.upper_threshold)} < ${formatValue(h.lower_threshold)}`,
      );
    }
    requireNonNegative("eps", h.eps);
  },
  activeSlots: () => ["m", "v"],
  initialValue: () => 0,
  apply(params, grads, { m, v }, t, lr, h, scalars, loss) {
    const { beta1, beta2, beta3, lower_threshold, upper_threshold, eps } = h;
    if (t === 1) {
      scalars.loss_hat = loss;
      scalars.d = 1;
    } else {
      if (!(scalars.loss_hat > 0)) {
        throw new EngineError(
          `loss_hat must be > 0 after the first step, got ${formatValue(scalars.loss_hat)}`,
        );
      }
      const feedback = eveFeedback(loss, scalars.loss_hat, lower_threshold, upper_threshold);
      scalars.d = beta3 * scalars.d + (1 - beta3) * feedback.r;
      scalars.loss_hat = feedback.lossHat;
    }
    const d = scalars.d;
    const biasCorrection1 = 1 - beta1 ** t;
    const biasCorrection2 = 1 - beta2 ** t;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i] as number;
      const mi = (m[i] as number) * beta1 + (1 - beta1) * g;
      const vi = (v[i] as number) * beta2 + (1 - beta2) * (g * g);
      m[i] = mi;
      v[i] = vi;
      params[i] =
        (params[i] as number) - (lr * (mi / biasCorrection1)) / (d * Math.sqrt(vi / biasCorrection2) + eps);
    }
  },
};

export const eve = defineOptimizer(eveRule);
