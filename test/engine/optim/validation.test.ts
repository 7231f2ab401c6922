/** Every message the optimizers throw, one case per check. */
import { describe, expect, it } from "@jest/globals";
import { EngineError } from "../../../src/engine/errors";
import { getOptimizer, type HyperInput } from "../../../src/engine/optim";

describe("resolveHyper", () => {
  it.each([
    ["sgd", { lr: -1 }, "lr must be > 0, got -1"],
    ["sgd", { lr: 0 }, "lr must be > 0, got 0"],
    ["sgd", { momentum: -0.5 }, "momentum must be >= 0, got -0.5"],
    ["sgd", { dampening: 2 }, "dampening must be in [0, 1], got 2"],
    ["sgd", { weight_decay: -1 }, "weight_decay must be >= 0, got -1"],
    ["sgd", { nesterov: true }, "nesterov requires momentum > 0 and dampening = 0"],
    [
      "sgd",
      { nesterov: true, momentum: 0.9, dampening: 0.1 },
      "nesterov requires momentum > 0 and dampening = 0",
    ],
    ["sgd", { nesterov: 2 }, "nesterov must be TRUE or FALSE, got 2"],
    ["adagrad", { lr_decay: -1 }, "lr_decay must be >= 0, got -1"],
    ["adagrad", { weight_decay: -1 }, "weight_decay must be >= 0, got -1"],
    ["adagrad", { initial_accumulator_value: -1 }, "initial_accumulator_value must be >= 0, got -1"],
    ["adagrad", { eps: -1 }, "eps must be >= 0, got -1"],
    ["adadelta", { rho: 1.5 }, "rho must be in [0, 1], got 1.5"],
    ["adadelta", { eps: -1 }, "eps must be >= 0, got -1"],
    ["adadelta", { weight_decay: -1 }, "weight_decay must be >= 0, got -1"],
    ["rmsprop", { alpha: 1.5 }, "alpha must be in [0, 1], got 1.5"],
    ["rmsprop", { eps: -1 }, "eps must be >= 0, got -1"],
    ["rmsprop", { weight_decay: -1 }, "weight_decay must be >= 0, got -1"],
    ["rmsprop", { momentum: -1 }, "momentum must be >= 0, got -1"],
    ["adam", { beta1: -0.1 }, "beta1 must be in [0, 1), got -0.1"],
    ["adam", { beta2: 1 }, "beta2 must be in [0, 1), got 1"],
    ["adam", { eps: -1 }, "eps must be >= 0, got -1"],
    ["adam", { weight_decay: -1 }, "weight_decay must be >= 0, got -1"],
    ["adam", { lr: true }, "lr must be a finite number, got true"],
    ["adam", { lr: Infinity }, "lr must be a finite number, got Infinity"],
    ["adam", { amsgrad: 0.5 }, "amsgrad must be TRUE or FALSE, got 0.5"],
    [
      "adam",
      { betas: 0.9 },
      'Unknown hyper-parameter "betas" for adam; expected one of lr, beta1, beta2, eps, weight_decay, amsgrad',
    ],
    ["adamw", { beta2: 1 }, "beta2 must be in [0, 1), got 1"],
    ["momentum_ewa", { beta: 1 }, "beta must be in [0, 1), got 1"],
    ["sgd_l2", { lambda: -1 }, "lambda must be >= 0, got -1"],
    ["sgd_l2", { n: 0 }, "n must be > 0, got 0"],
  ])("%s %j → %s", (name, hyper, message) => {
    expect(() => getOptimizer(name).resolveHyper(hyper as HyperInput)).toThrow(new EngineError(message));
  });

  it("accepts 1 and 0 for TRUE and FALSE, as cells may store them", () => {
    expect(getOptimizer("adam").resolveHyper({ amsgrad: 1 }).amsgrad).toBe(true);
  });

  it("skips undefined entries (blank optional arguments)", () => {
    expect(getOptimizer("adam").resolveHyper({ lr: undefined }).lr).toBe(1e-3);
  });
});

describe("step input checks", () => {
  const adam = getOptimizer("adam");
  const state = adam.initialState(2);

  it("rejects grads of another length", () => {
    expect(() => adam.step([1, 2], [1, 2, 3], state)).toThrow(
      new EngineError("grads has 3 values but params has 2"),
    );
  });

  it("rejects a non-finite parameter", () => {
    expect(() => adam.step([1, NaN], [1, 2], state)).toThrow(
      new EngineError("params[2] must be a finite number, got NaN"),
    );
  });

  it("rejects a non-finite gradient", () => {
    expect(() => adam.step([1, 2], [Infinity, 2], state)).toThrow(
      new EngineError("grads[1] must be a finite number, got Infinity"),
    );
  });

  it("rejects empty params", () => {
    expect(() => adam.step([], [], state)).toThrow(
      new EngineError("number of parameters must be an integer >= 1, got 0"),
    );
  });

  it("rejects a state slot of the wrong length", () => {
    const bad = { t: 0, slots: { m: [0, 0, 0], v: [0, 0] } };
    expect(() => adam.step([1, 2], [1, 2], bad)).toThrow(new EngineError("m has 3 values but params has 2"));
  });

  it("rejects a state missing a slot", () => {
    const bad = { t: 0, slots: { m: [0, 0] } };
    expect(() => adam.step([1, 2], [1, 2], bad)).toThrow(
      new EngineError("state for adam needs slots m, v; missing v"),
    );
  });

  it("rejects a state slot these hyper-parameters do not use", () => {
    const bad = { t: 0, slots: { m: [0, 0], v: [0, 0], vmax: [0, 0] } };
    expect(() => adam.step([1, 2], [1, 2], bad)).toThrow(
      new EngineError('state slot "vmax" is not used by adam with these hyper-parameters'),
    );
  });

  it("rejects a negative step count", () => {
    expect(() => adam.step([1, 2], [1, 2], { ...state, t: -1 })).toThrow(
      new EngineError("t must be an integer >= 0, got -1"),
    );
  });

  it("does not modify its inputs", () => {
    const params = Object.freeze([1, 2]);
    const grads = Object.freeze([0.5, 0.5]);
    const frozen = { t: 0, slots: Object.freeze({ m: Object.freeze([0, 0]), v: Object.freeze([0, 0]) }) };
    adam.step(params, grads, frozen);
    expect([params, grads, frozen]).toEqual([[1, 2], [0.5, 0.5], { t: 0, slots: { m: [0, 0], v: [0, 0] } }]);
  });
});
