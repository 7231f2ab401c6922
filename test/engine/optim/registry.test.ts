/** The optimizer registry: names, cell labels, state to and from cells. */
import { describe, expect, it } from "@jest/globals";
import { EngineError } from "../../../src/engine/errors";
import { getOptimizer, OPTIMIZER_NAMES, type HyperInput } from "../../../src/engine/optim";

describe("getOptimizer", () => {
  it("lists every optimizer and variant", () => {
    expect(OPTIMIZER_NAMES).toEqual([
      "sgd",
      "adagrad",
      "adadelta",
      "rmsprop",
      "adam",
      "adamw",
      "momentum_ewa",
      "sgd_l2",
      "adamax",
      "nadam",
      "radam",
      "rprop",
      "asgd",
      "lion",
      "eve",
    ]);
  });

  it("finds a name case-insensitively", () => {
    expect(getOptimizer("Adam").name).toBe("adam");
  });

  it("rejects an unknown name with the list of known ones", () => {
    expect(() => getOptimizer("foo")).toThrow(
      new EngineError(
        'Unknown optimizer "foo"; expected one of sgd, adagrad, adadelta, rmsprop, adam, adamw, momentum_ewa, sgd_l2, adamax, nadam, radam, rprop, asgd, lion, eve',
      ),
    );
  });

  it("orders hyper-parameters as cell arguments", () => {
    expect(getOptimizer("adam").hyperNames).toEqual([
      "lr",
      "beta1",
      "beta2",
      "eps",
      "weight_decay",
      "amsgrad",
    ]);
    expect(getOptimizer("sgd").hyperNames).toEqual([
      "lr",
      "momentum",
      "dampening",
      "weight_decay",
      "nesterov",
    ]);
  });
});

describe("stateLabels", () => {
  const cases: [string, HyperInput, string[]][] = [
    ["adam", {}, ["m_a", "m_b", "v_a", "v_b", "t"]],
    ["adam", { amsgrad: true }, ["m_a", "m_b", "v_a", "v_b", "vmax_a", "vmax_b", "t"]],
    ["adamw", {}, ["m_a", "m_b", "v_a", "v_b", "t"]],
    ["sgd", {}, ["t"]],
    ["sgd", { momentum: 0.9 }, ["buf_a", "buf_b", "t"]],
    ["adagrad", {}, ["sum_a", "sum_b", "t"]],
    ["adadelta", {}, ["square_avg_a", "square_avg_b", "acc_delta_a", "acc_delta_b", "t"]],
    ["rmsprop", {}, ["square_avg_a", "square_avg_b", "t"]],
    [
      "rmsprop",
      { centered: true, momentum: 0.9 },
      ["square_avg_a", "square_avg_b", "grad_avg_a", "grad_avg_b", "buf_a", "buf_b", "t"],
    ],
    ["momentum_ewa", {}, ["v_a", "v_b", "t"]],
    ["sgd_l2", {}, ["t"]],
    ["adamax", {}, ["m_a", "m_b", "u_a", "u_b", "t"]],
    ["nadam", {}, ["m_a", "m_b", "v_a", "v_b", "mu_product", "t"]],
    ["radam", {}, ["m_a", "m_b", "v_a", "v_b", "t"]],
    ["rprop", {}, ["prev_a", "prev_b", "step_size_a", "step_size_b", "t"]],
    ["asgd", {}, ["ax_a", "ax_b", "eta", "mu", "t"]],
    ["lion", {}, ["m_a", "m_b", "t"]],
    ["eve", {}, ["m_a", "m_b", "v_a", "v_b", "d", "loss_hat", "t"]],
  ];
  it.each(cases)("%s %j → %j", (name, hyper, labels) => {
    expect(getOptimizer(name).stateLabels(["a", "b"], hyper)).toEqual(labels);
  });
});

describe("state in cells", () => {
  const adam = getOptimizer("adam");

  it("reads an empty row as the initial state", () => {
    expect(adam.stateFromCells([], 2)).toEqual({ t: 0, slots: { m: [0, 0], v: [0, 0] } });
  });

  it("starts Adagrad's sum at initial_accumulator_value", () => {
    const adagrad = getOptimizer("adagrad");
    expect(adagrad.stateFromCells([], 2, { initial_accumulator_value: 0.1 })).toEqual({
      t: 0,
      slots: { sum: [0.1, 0.1] },
    });
  });

  it("splits a row slot by slot, t last", () => {
    expect(adam.stateFromCells([1, 2, 3, 4, 7], 2)).toEqual({ t: 7, slots: { m: [1, 2], v: [3, 4] } });
  });

  it("writes the state back in label order", () => {
    expect(adam.stateToCells({ t: 7, slots: { v: [3, 4], m: [1, 2] } })).toEqual([1, 2, 3, 4, 7]);
  });

  it("rejects a row of the wrong length", () => {
    expect(() => adam.stateFromCells([1, 2, 3], 2)).toThrow(
      new EngineError("state has 3 values but adam with 2 parameters needs 5"),
    );
  });

  it("rejects a non-finite cell", () => {
    expect(() => adam.stateFromCells([1, NaN, 3, 4, 1], 2)).toThrow(
      new EngineError("state[2] must be a finite number, got NaN"),
    );
  });

  it("rejects a fractional step count", () => {
    expect(() => adam.stateFromCells([1, 2, 3, 4, 1.5], 2)).toThrow(
      new EngineError("t must be an integer >= 0, got 1.5"),
    );
  });

  it("rejects a negative second moment", () => {
    expect(() => adam.stateFromCells([1, 2, -3, 4, 1], 2)).toThrow(
      new EngineError("v[1] must be >= 0, got -3"),
    );
  });

  it("keeps one-number state after the per-parameter slots: NAdam's mu_product, ASGD's eta and mu", () => {
    const nadam = getOptimizer("nadam");
    expect(nadam.stateFromCells([], 2)).toEqual({
      t: 0,
      slots: { m: [0, 0], v: [0, 0] },
      scalars: { mu_product: 1 },
    });
    expect(nadam.stateFromCells([1, 2, 3, 4, 0.5, 7], 2)).toEqual({
      t: 7,
      slots: { m: [1, 2], v: [3, 4] },
      scalars: { mu_product: 0.5 },
    });
    expect(
      nadam.stateToCells({ t: 7, slots: { m: [1, 2], v: [3, 4] }, scalars: { mu_product: 0.5 } }),
    ).toEqual([1, 2, 3, 4, 0.5, 7]);
    // ASGD's eta starts at lr, mu at 1; Rprop's step sizes start at lr.
    expect(getOptimizer("asgd").stateFromCells([], 2, { lr: 0.3 })).toEqual({
      t: 0,
      slots: { ax: [0, 0] },
      scalars: { eta: 0.3, mu: 1 },
    });
    expect(getOptimizer("rprop").stateFromCells([], 2, { lr: 0.3 })).toEqual({
      t: 0,
      slots: { prev: [0, 0], step_size: [0.3, 0.3] },
    });
  });

  it("rejects a one-number state that cannot be: mu_product 0, an unknown or a missing one", () => {
    const nadam = getOptimizer("nadam");
    expect(() => nadam.stateFromCells([1, 2, 3, 4, 0, 7], 2)).toThrow(
      new EngineError("mu_product must be > 0, got 0"),
    );
    expect(() => getOptimizer("asgd").stateFromCells([0, 0, 0.1, -1, 3], 2)).toThrow(
      new EngineError("mu must be > 0, got -1"),
    );
    const slots = { m: [0, 0], v: [0, 0] };
    expect(() => nadam.step([0, 0], [1, 1], { t: 0, slots })).toThrow(
      new EngineError("state for nadam needs mu_product; missing mu_product"),
    );
    expect(() => nadam.step([0, 0], [1, 1], { t: 0, slots, scalars: { mu_product: 1, eta: 1 } })).toThrow(
      new EngineError('state value "eta" is not used by nadam'),
    );
  });

  it.each<[string, HyperInput, string]>([
    ["asgd", { lambd: -1 }, "lambd must be >= 0, got -1"],
    ["asgd", { alpha: -0.5 }, "alpha must be >= 0, got -0.5"],
    ["asgd", { t0: -1 }, "t0 must be >= 0, got -1"],
    ["eve", { beta3: 1 }, "beta3 must be in [0, 1), got 1"],
    ["eve", { lower_threshold: 0 }, "lower_threshold must be > 0, got 0"],
    ["nadam", { momentum_decay: -0.004 }, "momentum_decay must be >= 0, got -0.004"],
    ["rprop", { step_size_min: -1 }, "step_size_min must be >= 0, got -1"],
    ["lion", { beta2: 1 }, "beta2 must be in [0, 1), got 1"],
    ["adamax", { eps: -1 }, "eps must be >= 0, got -1"],
    ["radam", { beta1: -0.1 }, "beta1 must be in [0, 1), got -0.1"],
  ])("%s %j → %s", (name, hyper, message) => {
    expect(() => getOptimizer(name).resolveHyper(hyper)).toThrow(new EngineError(message));
  });

  it("rejects Rprop's etas and step sizes out of order", () => {
    const rprop = getOptimizer("rprop");
    expect(() => rprop.resolveHyper({ eta_minus: 1.2, eta_plus: 0.5 })).toThrow(
      new EngineError("etas must satisfy 0 < eta_minus < 1 < eta_plus, got eta_minus 1.2, eta_plus 0.5"),
    );
    expect(() => rprop.resolveHyper({ step_size_min: 1, step_size_max: 0.5 })).toThrow(
      new EngineError("step_size_max must be >= step_size_min, got 0.5 < 1"),
    );
  });

  it("rejects zero parameters", () => {
    expect(() => adam.stateFromCells([], 0)).toThrow(
      new EngineError("number of parameters must be an integer >= 1, got 0"),
    );
  });
});
