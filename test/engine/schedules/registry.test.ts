/** The schedule registry: names, positional parameter order, and every validation message. */
import { describe, expect, it } from "@jest/globals";
import { EngineError } from "../../../src/engine/errors";
import {
  getSchedule,
  learningRate,
  SCHEDULE_NAMES,
  type ScheduleOptions,
} from "../../../src/engine/schedules";

const WARMUP = ["warmup_steps", "warmup_start_factor"];

describe("getSchedule", () => {
  it("lists every schedule", () => {
    expect(SCHEDULE_NAMES).toEqual([
      "constant",
      "exponential",
      "piecewise_constant",
      "polynomial",
      "cosine",
      "cosine_restarts",
      "inverse_time",
      "natural_exp",
      "step",
      "multi_step",
      "cyclic_triangular",
      "cyclic_triangular2",
      "cyclic_exp_range",
      "one_cycle_cos",
      "one_cycle_linear",
      "cosine_annealing_lr",
      "cosine_annealing_warm_restarts",
      "linear_lr",
      "constant_lr",
      "exponential_lr",
      "polynomial_lr",
    ]);
  });

  it("finds aliases and class names, lists only the schedules' own names when a name is unknown", () => {
    expect(getSchedule("step_lr").params.map((p) => p.name)).toEqual(["step_size", "gamma", ...WARMUP]);
    expect(getSchedule("PolynomialDecay").name).toBe("polynomial_decay");
    expect(SCHEDULE_NAMES).not.toContain("step_lr");
  });

  it.each([
    ["constant", []],
    ["exponential", ["decay_steps", "decay_rate", "staircase"]],
    ["piecewise_constant", ["boundaries", "values"]],
    ["polynomial", ["decay_steps", "end_lr", "power", "cycle"]],
    ["cosine", ["decay_steps", "alpha"]],
    ["cosine_restarts", ["first_decay_steps", "t_mul", "m_mul", "alpha"]],
    ["inverse_time", ["decay_steps", "decay_rate", "staircase"]],
    ["natural_exp", ["decay_steps", "decay_rate", "staircase"]],
    ["step", ["step_size", "gamma"]],
    ["multi_step", ["milestones", "gamma"]],
    ["cyclic_triangular", ["max_lr", "step_size_up", "step_size_down"]],
    ["cyclic_triangular2", ["max_lr", "step_size_up", "step_size_down"]],
    ["cyclic_exp_range", ["max_lr", "step_size_up", "step_size_down", "gamma"]],
    ["one_cycle_cos", ["total_steps", "pct_start", "div_factor", "final_div_factor", "three_phase"]],
    ["one_cycle_linear", ["total_steps", "pct_start", "div_factor", "final_div_factor", "three_phase"]],
  ])("%s takes %j then the warm-up options", (name, params) => {
    expect(getSchedule(name).params.map((p) => p.name)).toEqual([...params, ...WARMUP]);
  });

  it("marks required parameters as having no default", () => {
    const exponential = getSchedule("exponential").params;
    expect(exponential.map((p) => [p.name, p.required, p.default])).toEqual([
      ["decay_steps", true, undefined],
      ["decay_rate", true, undefined],
      ["staircase", false, false],
      ["warmup_steps", false, 0],
      ["warmup_start_factor", false, 0],
    ]);
  });

  it("finds a name case-insensitively", () => {
    expect(getSchedule("Cosine").name).toBe("cosine");
  });

  it("rejects an unknown name with the list of known ones", () => {
    expect(() => getSchedule("linear")).toThrow(
      new EngineError(`Unknown schedule "linear"; expected one of ${SCHEDULE_NAMES.join(", ")}`),
    );
  });

  it("learningRate evaluates one step: step decay at step 30 with step_size 30 is lr0·gamma", () => {
    expect(learningRate("step", 0.1, 30, { step_size: 30, gamma: 0.5 })).toBe(0.05);
  });
});

describe("validation messages", () => {
  it.each([
    ["constant", 0.1, {}, -1, "step must be an integer >= 0, got -1"],
    ["constant", 0.1, {}, 1.5, "step must be an integer >= 0, got 1.5"],
    ["constant", 0, {}, 0, "lr0 must be > 0, got 0"],
    [
      "constant",
      0.1,
      { gamma: 1 },
      0,
      'Unknown option "gamma" for constant; expected one of warmup_steps, warmup_start_factor',
    ],
    ["constant", 0.1, { warmup_steps: -1 }, 0, "warmup_steps must be an integer >= 0, got -1"],
    ["constant", 0.1, { warmup_start_factor: 2 }, 0, "warmup_start_factor must be in [0, 1], got 2"],
    ["exponential", 0.1, { decay_rate: 0.5 }, 0, "exponential needs decay_steps"],
    ["exponential", 0.1, { decay_steps: 0, decay_rate: 0.5 }, 0, "decay_steps must be > 0, got 0"],
    ["exponential", 0.1, { decay_steps: 10, decay_rate: 0 }, 0, "decay_rate must be > 0, got 0"],
    [
      "exponential",
      0.1,
      { decay_steps: [1, 2], decay_rate: 0.5 },
      0,
      "decay_steps must be a number, got a list of 2",
    ],
    [
      "exponential",
      0.1,
      { decay_steps: 10, decay_rate: 0.5, staircase: 3 },
      0,
      "staircase must be TRUE or FALSE, got 3",
    ],
    ["inverse_time", 0.1, { decay_steps: 10, decay_rate: -1 }, 0, "decay_rate must be >= 0, got -1"],
    ["natural_exp", 0.1, { decay_steps: 10, decay_rate: -1 }, 0, "decay_rate must be >= 0, got -1"],
    [
      "piecewise_constant",
      0.1,
      { boundaries: [10, 5], values: [1, 2, 3] },
      0,
      "boundaries must be strictly increasing, got 10, 5",
    ],
    [
      "piecewise_constant",
      0.1,
      { boundaries: [10], values: [1, 2, 3] },
      0,
      "values has 3 values but 1 boundaries need 2",
    ],
    [
      "piecewise_constant",
      0.1,
      { boundaries: true, values: [1] },
      0,
      "boundaries must be a list of numbers, got true",
    ],
    [
      "piecewise_constant",
      0.1,
      { boundaries: [1, NaN], values: [1, 2, 3] },
      0,
      "boundaries[2] must be a finite number, got NaN",
    ],
    ["polynomial", 0.1, { decay_steps: 10, end_lr: -1 }, 0, "end_lr must be >= 0, got -1"],
    ["polynomial", 0.1, { decay_steps: 10, power: 0 }, 0, "power must be > 0, got 0"],
    ["cosine", 0.1, { decay_steps: 10, alpha: 1.5 }, 0, "alpha must be in [0, 1], got 1.5"],
    ["cosine_restarts", 0.1, { first_decay_steps: 0 }, 0, "first_decay_steps must be > 0, got 0"],
    ["cosine_restarts", 0.1, { first_decay_steps: 10, t_mul: 0.5 }, 0, "t_mul must be >= 1, got 0.5"],
    ["cosine_restarts", 0.1, { first_decay_steps: 10, m_mul: -1 }, 0, "m_mul must be >= 0, got -1"],
    ["step", 0.1, { step_size: 2.5 }, 0, "step_size must be an integer >= 1, got 2.5"],
    ["step", 0.1, { step_size: 3, gamma: 0 }, 0, "gamma must be > 0, got 0"],
    ["multi_step", 0.1, { milestones: [5, 5] }, 0, "milestones must be strictly increasing, got 5, 5"],
    ["multi_step", 0.1, { milestones: [2, 3.5] }, 0, "milestones[2] must be an integer >= 0, got 3.5"],
    ["cyclic_triangular", 0.1, {}, 0, "cyclic_triangular needs max_lr"],
    ["cyclic_triangular", 0.1, { max_lr: -1 }, 0, "max_lr must be > 0, got -1"],
    ["cyclic_triangular", 0.1, { max_lr: 1, step_size_up: 0 }, 0, "step_size_up must be > 0, got 0"],
    ["cyclic_triangular", 0.1, { max_lr: 1, step_size_down: 0 }, 0, "step_size_down must be > 0, got 0"],
    ["cyclic_exp_range", 0.1, { max_lr: 1, gamma: 0 }, 0, "gamma must be > 0, got 0"],
    ["one_cycle_cos", 0.1, { total_steps: 0 }, 0, "total_steps must be an integer >= 1, got 0"],
    ["one_cycle_cos", 0.1, { total_steps: 10, pct_start: 1.5 }, 0, "pct_start must be in [0, 1], got 1.5"],
    ["one_cycle_cos", 0.1, { total_steps: 10, div_factor: 0 }, 0, "div_factor must be > 0, got 0"],
    [
      "one_cycle_cos",
      0.1,
      { total_steps: 10, final_div_factor: 0 },
      0,
      "final_div_factor must be > 0, got 0",
    ],
    [
      "one_cycle_cos",
      0.1,
      { total_steps: 3 },
      0,
      "pct_start 0.3 with total_steps 3 leaves a phase with no steps",
    ],
    ["one_cycle_cos", 0.1, { total_steps: 10 }, 11, "step must be < total_steps (10), got 11"],
    ["one_cycle_linear", 0.1, { total_steps: 10 }, 10, "step must be < total_steps (10), got 10"],
  ] as [string, number, ScheduleOptions, number, string][])(
    "%s lr0 %d %j step %d → %s",
    (name, lr0, options, step, message) => {
      expect(() => learningRate(name, lr0, step, options)).toThrow(new EngineError(message));
    },
  );
});
