/**
 * PyTorch-only schedules: hand-computed values at boundaries, then torch.optim.lr_scheduler (1.13) over
 * 20–30 steps (scripts/fixtures/schedule_fixtures.py → test/fixtures/schedule_fixtures.json) to 1e-12
 * relative (PyTorch multiplies step by step, the engine uses the closed form: rounding differs).
 */
import { describe, it } from "@jest/globals";
import fixture from "../../fixtures/schedule_fixtures.json";
import { getSchedule, type ScheduleOptions } from "../../../src/engine/schedules";
import { expectCloseArray } from "../optim/closeTo";
import { expectRates } from "./expectRates";

describe("step: lr0·gamma^floor(step/step_size)", () => {
  it("drops by gamma every step_size steps", () => {
    expectRates("step", 0.1, { step_size: 3 }, [
      [0, 0.1],
      [2, 0.1],
      [3, 0.1 * 0.1],
      [6, 0.1 * 0.1 * 0.1],
    ]);
  });
});

describe("multi_step: lr0·gamma^(milestones <= step)", () => {
  it("drops by gamma at each milestone", () => {
    expectRates("multi_step", 0.1, { milestones: [2, 5] }, [
      [1, 0.1],
      [2, 0.1 * 0.1],
      [4, 0.1 * 0.1],
      [5, 0.1 * 0.1 * 0.1],
    ]);
  });
});

describe("cyclic", () => {
  it("triangular climbs from lr0 to max_lr and back", () => {
    // base 0.1, max 0.5, up 4 = down 4: step 2 → 0.3, 4 → 0.5, 6 → 0.3, 8 → 0.1, 10 → 0.3
    expectRates(
      "cyclic_triangular",
      0.1,
      { max_lr: 0.5, step_size_up: 4 },
      [
        [0, 0.1],
        [2, 0.3],
        [4, 0.5],
        [6, 0.3],
        [8, 0.1],
        [10, 0.3],
      ],
      1e-15,
    );
  });

  it("triangular with a longer way down", () => {
    // up 2, down 6: step 2 → 0.5, step 5 → 0.5 − 0.4·3/6 = 0.3, step 8 → 0.1
    expectRates("cyclic_triangular", 0.1, { max_lr: 0.5, step_size_up: 2, step_size_down: 6 }, [
      [2, 0.5],
      [5, 0.3],
      [8, 0.1],
    ]);
  });

  it("triangular2 halves the height each cycle", () => {
    // up 2 = down 2: peaks at steps 2, 6, 10: 0.5, 0.1 + 0.4/2 = 0.3, 0.1 + 0.4/4 = 0.2
    expectRates("cyclic_triangular2", 0.1, { max_lr: 0.5, step_size_up: 2 }, [
      [2, 0.5],
      [6, 0.3],
      [10, 0.2],
    ]);
  });

  it("exp_range scales the height by gamma^step", () => {
    // γ 0.9, up 2 = down 2: step 2 → 0.1 + 0.4·0.81 = 0.424; step 6 → 0.1 + 0.4·0.531441 = 0.3125764
    expectRates("cyclic_exp_range", 0.1, { max_lr: 0.5, step_size_up: 2, gamma: 0.9 }, [
      [2, 0.424],
      [6, 0.3125764],
    ]);
  });
});

describe("one_cycle", () => {
  it("cos: starts at lr0/div_factor, peaks at lr0 at pct_start·total − 1, ends at start/final_div_factor", () => {
    // lr0 (max) 1, total 10, pct 0.3, div 25, final 1e4: start 0.04, min 4e-6; phase ends at steps 2 and 9.
    // step 1 → pct ½: 1 + (0.04 − 1)/2·(cos(π/2) + 1) = 0.52; step 4 → pct 2/7 of the fall:
    // 4e-6 + (1 − 4e-6)/2·(cos(2π/7) + 1)
    expectRates(
      "one_cycle_cos",
      1,
      { total_steps: 10 },
      [
        [0, 0.04],
        [1, 0.52],
        [2, 1],
        [4, 4e-6 + ((1 - 4e-6) / 2) * (Math.cos((2 * Math.PI) / 7) + 1)],
        [9, 4e-6],
      ],
      1e-15,
    );
  });

  it("linear: straight lines between the same points", () => {
    // pct 0.4, total 10: rise ends at step 3; step 1 → 0.04 + 0.96/3 = 0.36 (cos would give 0.28)
    expectRates("one_cycle_linear", 1, { total_steps: 10, pct_start: 0.4 }, [
      [1, 0.36],
      [3, 1],
    ]);
  });

  it("three_phase falls back to the start rate before the final anneal", () => {
    // total 10, pct 0.3: phases end at 2, 4, 9; step 3 → halfway down: 0.52; step 4 → 0.04; step 9 → 4e-6
    expectRates("one_cycle_cos", 1, { total_steps: 10, three_phase: true }, [
      [3, 0.52],
      [4, 0.04],
      [9, 4e-6],
    ]);
  });
});

interface FixtureCase {
  schedule: string;
  lr0: number;
  options: ScheduleOptions;
  lrs: number[];
}

describe("torch.optim.lr_scheduler reference", () => {
  it.each(
    (fixture.cases as FixtureCase[]).map((c) => [`${c.schedule} ${JSON.stringify(c.options)}`, c] as const),
  )("%s", (_label, c) => {
    const schedule = getSchedule(c.schedule).make(c.lr0, c.options);
    expectCloseArray(
      c.lrs.map((_, step) => schedule(step)),
      c.lrs,
      1e-12,
      1e-18,
    );
  });
});
