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
    ]);
  });

  it("finds a name case-insensitively", () => {
    expect(getOptimizer("Adam").name).toBe("adam");
  });

  it("rejects an unknown name with the list of known ones", () => {
    expect(() => getOptimizer("foo")).toThrow(
      new EngineError(
        'Unknown optimizer "foo"; expected one of sgd, adagrad, adadelta, rmsprop, adam, adamw, momentum_ewa, sgd_l2',
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
      "nesterov",
      "weight_decay",
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

  it("rejects zero parameters", () => {
    expect(() => adam.stateFromCells([], 0)).toThrow(
      new EngineError("number of parameters must be an integer >= 1, got 0"),
    );
  });
});
