/**
 * PyTorch's schedulers under their own names and defaults against torch.optim.lr_scheduler 1.13
 * (scripts/fixtures/schedule_torch_fixtures.py → test/fixtures/schedule_torch_fixtures.json), to 1e-12
 * relative (torch steps recursively, the engine uses the closed form), and the aliases: every alias gives
 * its schedule's rates. Coverage is read from the registry: every PyTorch-named schedule (…_lr) has a case.
 */
import { describe, expect, it, test } from "@jest/globals";
import fixture from "../../fixtures/schedule_torch_fixtures.json";
import {
  getSchedule,
  learningRate,
  SCHEDULE_ALIASES,
  SCHEDULE_NAMES,
  type ScheduleOptions,
} from "../../../src/engine/schedules";
import { expectCloseArray } from "../optim/closeTo";

const torchNamed = [...SCHEDULE_NAMES, ...Object.keys(SCHEDULE_ALIASES)].filter(
  (name) => name.endsWith("_lr") || name === "cosine_annealing_warm_restarts",
);

test("the fixture comes from PyTorch 1.13 and covers every PyTorch-named schedule in the registry", () => {
  expect(fixture.torch_version).toMatch(/^1\.13/);
  expect(torchNamed.length).toBeGreaterThanOrEqual(10);
  for (const name of torchNamed) expect(fixture.schedules.map((c) => c.schedule)).toContain(name);
});

describe.each(fixture.schedules.map((c) => [c.schedule, JSON.stringify(c.options), c] as const))(
  "%s %s",
  (name, _options, c) => {
    it(`matches torch over ${c.lrs.length} steps`, () => {
      const lr = getSchedule(name).make(c.lr0, c.options as ScheduleOptions);
      expectCloseArray(
        c.lrs.map((_, step) => lr(step)),
        c.lrs,
      );
    });
  },
);

describe("closed forms by hand", () => {
  it("CosineAnnealingLR climbs back past T_max (TensorFlow's cosine stays at its floor)", () => {
    // step 39 of T_max 20: ½(1 + cos(39π/20))·0.1 = 0.05·(1 + cos(0.05π)) = 0.0993844170297569
    expect(learningRate("cosine_annealing_lr", 0.1, 39, { t_max: 20 })).toBeCloseTo(
      0.05 * (1 + Math.cos(Math.PI / 20)),
      15,
    );
    expect(learningRate("cosine", 0.1, 39, { decay_steps: 20 })).toBe(0);
  });

  it("warm restarts with T_mult 2: periods of 3, 6, 12 steps", () => {
    const lr = getSchedule("cosine_annealing_warm_restarts").make(0.2, { t_0: 3, t_mult: 2 });
    expect([0, 3, 9, 21].map(lr)).toEqual([0.2, 0.2, 0.2, 0.2]); // each restart
    expect(lr(6)).toBeCloseTo(0.1 * (1 + Math.cos(Math.PI / 2)), 15); // 3 of 6 into period 2
  });

  it("torch's defaults: LinearLR 1/3 → 1 over 5 steps, PolynomialLR to 0 over 5, ConstantLR 1/3 for 5", () => {
    expect(learningRate("linear_lr", 0.3, 0)).toBeCloseTo(0.1, 15);
    expect(learningRate("linear_lr", 0.3, 5)).toBeCloseTo(0.3, 15);
    expect(learningRate("polynomial_lr", 0.1, 5)).toBe(0);
    expect(learningRate("constant_lr", 0.3, 4)).toBeCloseTo(0.1, 15);
    expect(learningRate("constant_lr", 0.3, 5)).toBeCloseTo(0.3, 15);
  });

  it("PyTorch's class name as typed finds the schedule", () => {
    expect(getSchedule("CosineAnnealingLR").name).toBe("cosine_annealing_lr");
    expect(getSchedule("MultiStepLR").name).toBe("multi_step_lr");
    expect(getSchedule("CosineDecay").name).toBe("cosine_decay");
  });

  it("bad options are refused with the parameter's name", () => {
    expect(() => learningRate("linear_lr", 0.1, 0, { start_factor: 0 })).toThrow(
      "start_factor must be > 0, got 0",
    );
    expect(() => learningRate("cosine_annealing_warm_restarts", 0.1, 0, { t_0: 2, t_mult: 1.5 })).toThrow(
      "t_mult must be an integer >= 1, got 1.5",
    );
    expect(() => learningRate("exponential_lr", 0.1, 0)).toThrow("exponential_lr needs gamma");
  });
});

describe("aliases give their schedule's rates", () => {
  test.each(Object.entries(SCHEDULE_ALIASES))("%s = %s", (aliasName, target) => {
    const options: Record<string, ScheduleOptions> = {
      step: { step_size: 3 },
      multi_step: { milestones: [2, 5] },
      cyclic_triangular: { max_lr: 0.5, step_size_up: 3 },
      one_cycle_cos: { total_steps: 12 },
      cosine: { decay_steps: 7 },
      cosine_restarts: { first_decay_steps: 3 },
      exponential: { decay_steps: 4, decay_rate: 0.5 },
      polynomial: { decay_steps: 6 },
      inverse_time: { decay_steps: 4, decay_rate: 0.5 },
      piecewise_constant: { boundaries: [3, 6], values: [0.1, 0.05, 0.01] },
      natural_exp: { decay_steps: 4, decay_rate: 0.5 },
    };
    const o = options[target];
    if (o === undefined) throw new Error(`no example options for ${target}`);
    const steps = Array.from({ length: 12 }, (_, i) => i);
    expect(steps.map((s) => learningRate(aliasName, 0.1, s, o))).toEqual(
      steps.map((s) => learningRate(target, 0.1, s, o)),
    );
  });
});
