/**
 * TensorFlow's schedules (tf.keras.optimizers.schedules, tf.compat.v1.train) at chosen steps including the
 * boundaries, each value computed by hand from the published formula. Tolerance 1e-15 absolute unless stated.
 */
import { describe, it } from "@jest/globals";
import { expectRates } from "./expectRates";

describe("exponential: lr0·rate^(step/decay_steps)", () => {
  it("decays continuously", () => {
    // lr0 0.1, decay_steps 10, rate 0.5: step 5 → 0.1·√0.5 = 0.070710678118654752…, step 10 → 0.05, 20 → 0.025
    expectRates("exponential", 0.1, { decay_steps: 10, decay_rate: 0.5 }, [
      [0, 0.1],
      [5, 0.1 * Math.SQRT1_2],
      [10, 0.05],
      [20, 0.025],
    ]);
  });

  it("with staircase jumps only at multiples of decay_steps", () => {
    expectRates("exponential", 0.1, { decay_steps: 10, decay_rate: 0.5, staircase: true }, [
      [9, 0.1],
      [10, 0.05],
      [19, 0.05],
      [20, 0.025],
    ]);
  });
});

describe("inverse_time: lr0/(1 + rate·step/decay_steps)", () => {
  it("decays as 1/t", () => {
    // lr0 0.1, decay_steps 10, rate 0.5: step 10 → 0.1/1.5, step 20 → 0.1/2 = 0.05, step 5 → 0.1/1.25 = 0.08
    expectRates("inverse_time", 0.1, { decay_steps: 10, decay_rate: 0.5 }, [
      [0, 0.1],
      [5, 0.08],
      [10, 0.1 / 1.5],
      [20, 0.05],
    ]);
  });

  it("with staircase floors step/decay_steps", () => {
    // step 15 → p = 1 → 0.1/1.5
    expectRates("inverse_time", 0.1, { decay_steps: 10, decay_rate: 0.5, staircase: true }, [
      [9, 0.1],
      [15, 0.1 / 1.5],
    ]);
  });
});

describe("natural_exp: lr0·exp(−rate·step/decay_steps)", () => {
  it("decays exponentially in e", () => {
    // lr0 0.1, decay_steps 10, rate 0.5: step 10 → 0.1·e^−0.5 = 0.06065306597126334
    expectRates("natural_exp", 0.1, { decay_steps: 10, decay_rate: 0.5 }, [
      [0, 0.1],
      [10, 0.06065306597126334],
      [20, 0.1 * Math.exp(-1)],
    ]);
  });

  it("with staircase holds until the next multiple", () => {
    expectRates("natural_exp", 0.1, { decay_steps: 10, decay_rate: 0.5, staircase: true }, [
      [9, 0.1],
      [19, 0.06065306597126334],
    ]);
  });
});

describe("piecewise_constant", () => {
  it("uses values[i] up to and including boundaries[i]", () => {
    // boundaries [10, 20], values [1, 0.5, 0.1]: step <= 10 → 1, 10 < step <= 20 → 0.5, step > 20 → 0.1
    expectRates("piecewise_constant", 1, { boundaries: [10, 20], values: [1, 0.5, 0.1] }, [
      [0, 1],
      [10, 1],
      [11, 0.5],
      [20, 0.5],
      [21, 0.1],
      [1000, 0.1],
    ]);
  });

  it("takes a single boundary as a number", () => {
    expectRates("piecewise_constant", 1, { boundaries: 5, values: [0.3, 0.2] }, [
      [5, 0.3],
      [6, 0.2],
    ]);
  });
});

describe("polynomial: (lr0 − end)·(1 − step/decay_steps)^power + end", () => {
  it("linear by default and clamped after decay_steps", () => {
    // lr0 0.1, decay_steps 10, end 0.01: step 5 → 0.09·0.5 + 0.01 = 0.055; 10 and 15 → 0.01
    expectRates("polynomial", 0.1, { decay_steps: 10, end_lr: 0.01 }, [
      [0, 0.1],
      [5, 0.055],
      [10, 0.01],
      [15, 0.01],
    ]);
  });

  it("squares the fraction with power 2", () => {
    // step 5 → 0.09·0.25 + 0.01 = 0.0325
    expectRates("polynomial", 0.1, { decay_steps: 10, end_lr: 0.01, power: 2 }, [[5, 0.0325]]);
  });

  it("ends at TensorFlow's default end_lr 1e-4", () => {
    expectRates("polynomial", 0.1, { decay_steps: 10 }, [[10, 1e-4]]);
  });

  it("with cycle stretches the decay to the next multiple of decay_steps", () => {
    // step 0 → multiplier 1 → 0.1; step 10 → ceil(1) = 1 → end 0.01;
    // step 15 → ceil(1.5) = 2, length 20: 0.09·(1 − 15/20) + 0.01 = 0.0325
    expectRates("polynomial", 0.1, { decay_steps: 10, end_lr: 0.01, cycle: true }, [
      [0, 0.1],
      [10, 0.01],
      [15, 0.0325],
    ]);
  });
});

describe("cosine: lr0·((1 − α)·½(1 + cos(π·min(step, D)/D)) + α)", () => {
  it("falls from lr0 to 0 and stays there", () => {
    // D 10: step 5 → 0.1·½ = 0.05; step 10 → 0.1·½(1 + cos π) = 0 (to rounding); step 20 → clamped → 0
    expectRates("cosine", 0.1, { decay_steps: 10 }, [
      [0, 0.1],
      [5, 0.05],
      [10, 0],
      [20, 0],
    ]);
  });

  it("with alpha floors at alpha·lr0", () => {
    // α 0.1: step 5 → 0.1·(0.9·0.5 + 0.1) = 0.055; step 10 → 0.01
    expectRates("cosine", 0.1, { decay_steps: 10, alpha: 0.1 }, [
      [5, 0.055],
      [10, 0.01],
    ]);
  });
});

describe("cosine_restarts (SGDR)", () => {
  it("restarts with period ×t_mul and peak ×m_mul", () => {
    // first 10, t_mul 2, m_mul 0.5, α 0: periods [0, 10), [10, 30), [30, 70).
    // step 5 → 0.1·½(1 + cos(π/2)) = 0.05; step 10 → restart at 0.1·0.5 = 0.05;
    // step 20 → fraction 10/20: 0.05·½ = 0.025; step 29 → 0.05·½(1 + cos(0.95π));
    // step 30 → restart at 0.1·0.25 = 0.025
    expectRates("cosine_restarts", 0.1, { first_decay_steps: 10, t_mul: 2, m_mul: 0.5 }, [
      [0, 0.1],
      [5, 0.05],
      [10, 0.05],
      [20, 0.025],
      [29, 0.05 * 0.5 * (1 + Math.cos(0.95 * Math.PI))],
      [30, 0.025],
    ]);
  });

  it("with t_mul 1 repeats the same period", () => {
    // first 10, t_mul 1, m_mul 1: step 10 → 0.1 again, step 15 → 0.05
    expectRates("cosine_restarts", 0.1, { first_decay_steps: 10, t_mul: 1 }, [
      [9, 0.1 * 0.5 * (1 + Math.cos(0.9 * Math.PI))],
      [10, 0.1],
      [15, 0.05],
    ]);
  });

  it("starts a new period exactly on a boundary where the logarithm rounds up or down", () => {
    // t_mul 3, first 10: restarts at 10, 40, 130 (10·(1 + 3 + 9)); m_mul 0.5: peaks 0.05, 0.025, 0.0125.
    // log(1 + 13·2)/log 3 evaluates to 3.0000000000000004 in float64; the exact sums decide.
    expectRates("cosine_restarts", 0.1, { first_decay_steps: 10, t_mul: 3, m_mul: 0.5 }, [
      [40, 0.025],
      [130, 0.0125],
      [129, 0.025 * 0.5 * (1 + Math.cos((89 / 90) * Math.PI))],
    ]);
  });

  it("starts a new period where TensorFlow's logarithm rounds down (t_mul 10, step 111)", () => {
    // first 1, t_mul 10: restarts at 1, 11, 111 (1 + 10 + 100). At step 111, x = 111 and
    // log(1 + 111·9)/log 10 = log 1000/log 10 evaluates to 2.9999999999999996, so TF's floor gives period 2
    // at fraction 1 (the bottom, 0); the exact sums give period 3 at its peak: 0.1·0.5³ = 0.0125.
    // Step 110 is the last of period 2: fraction 99/100 → 0.1·0.25·½(1 + cos(0.99π)).
    expectRates("cosine_restarts", 0.1, { first_decay_steps: 1, t_mul: 10, m_mul: 0.5 }, [
      [111, 0.0125],
      [110, 0.1 * 0.25 * 0.5 * (1 + Math.cos(0.99 * Math.PI))],
    ]);
  });

  it("keeps alpha outside the m_mul scaling", () => {
    // α 0.2, t_mul 1: step 5 → 0.1·(0.8·0.5 + 0.2) = 0.06; step 10 → 0.1
    expectRates("cosine_restarts", 0.1, { first_decay_steps: 10, t_mul: 1, alpha: 0.2 }, [
      [5, 0.06],
      [10, 0.1],
    ]);
  });
});
