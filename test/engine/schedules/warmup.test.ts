/** Linear warm-up composed with any schedule: lr(0)·(f + (1 − f)·step/W) for step < W, then schedule(step − W). */
import { describe, it } from "@jest/globals";
import { expectRates } from "./expectRates";

describe("warm-up", () => {
  it("alone (constant schedule) ramps from 0 to lr0", () => {
    // W 4, f 0: 0, 0.025, 0.05, 0.075, then 0.1
    expectRates("constant", 0.1, { warmup_steps: 4 }, [
      [0, 0],
      [1, 0.025],
      [2, 0.05],
      [3, 0.075],
      [4, 0.1],
      [100, 0.1],
    ]);
  });

  it("starts at warmup_start_factor·lr(0)", () => {
    // W 5, f 0.5: step 0 → 0.05, step 1 → 0.1·(0.5 + 0.5/5) = 0.06
    expectRates("constant", 0.1, { warmup_steps: 5, warmup_start_factor: 0.5 }, [
      [0, 0.05],
      [1, 0.06],
    ]);
  });

  it("then runs the schedule from its own step 0", () => {
    // exponential D 10, rate 0.5 after W 5: step 5 → 0.1, step 15 → schedule(10) = 0.05
    expectRates("exponential", 0.1, { decay_steps: 10, decay_rate: 0.5, warmup_steps: 5 }, [
      [4, 0.08],
      [5, 0.1],
      [15, 0.05],
    ]);
  });

  it("ramps to the schedule's first value, not lr0, where they differ (piecewise constant)", () => {
    // values [1, 0.5], boundary 10, W 2: step 1 → 1·½ = 0.5, step 2 → 1, step 12 → schedule(10) = 1,
    // step 13 → 0.5
    expectRates("piecewise_constant", 0.1, { boundaries: [10], values: [1, 0.5], warmup_steps: 2 }, [
      [1, 0.5],
      [2, 1],
      [12, 1],
      [13, 0.5],
    ]);
  });

  it("composes with cosine decay", () => {
    // W 10 then cosine D 100: step 60 → schedule(50) = 0.1·½ = 0.05
    expectRates("cosine", 0.1, { decay_steps: 100, warmup_steps: 10 }, [
      [5, 0.05],
      [60, 0.05],
    ]);
  });
});
