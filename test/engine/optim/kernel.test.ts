/** The in-place training kernels: same rule as the pure step, driven by a per-step lr. */
import { describe, expect, it } from "@jest/globals";
import { EngineError } from "../../../src/engine/errors";
import { getOptimizer, OPTIMIZER_NAMES, type OptimizerState } from "../../../src/engine/optim";
import torch from "../../fixtures/optim_fixtures.json";
import torchMore from "../../fixtures/optim_more_fixtures.json";
import { expectCloseArray, expectNear } from "./closeTo";

const GRADS = [
  [0.5, -2.0, 0.01],
  [-0.3, 1.0, 0.02],
  [0.2, 0.1, -0.5],
];

interface TorchTrajectory {
  params0: number[];
  grads: number[][];
  cases: { optimizer: string; hyper: Record<string, number | boolean>; steps: { params: number[] }[] }[];
}

describe("the float64 kernel against torch.optim 1.13 (an independent reference)", () => {
  const trajectories = [torch, torchMore] as unknown as TorchTrajectory[];
  const cases = trajectories.flatMap((fixture) => fixture.cases.map((c) => ({ fixture, c })));
  it.each(cases.map(({ fixture, c }) => [`${c.optimizer} ${JSON.stringify(c.hyper)}`, fixture, c] as const))(
    "%s: every step's params to 1e-12",
    (_label, fixture, c) => {
      const spec = getOptimizer(c.optimizer);
      const lr = spec.resolveHyper(c.hyper).lr as number;
      const kernel = spec.createKernel(fixture.params0.length, c.hyper, Float64Array);
      const params = Float64Array.from(fixture.params0);
      c.steps.forEach((expected, k) => {
        kernel.step(params, Float64Array.from(fixture.grads[k] as number[]), lr);
        expectCloseArray(Array.from(params), expected.params);
      });
    },
  );
});

describe("createKernel", () => {
  it.each(OPTIMIZER_NAMES.map((name) => [name]))(
    "%s: float64 kernel follows the pure step's trajectory",
    (name) => {
      const spec = getOptimizer(name);
      const hyper = { lr: 0.05 };
      const kernel = spec.createKernel(3, hyper, Float64Array);
      const params = Float64Array.from([0.5, -1.5, 2.0]);
      let pure: readonly number[] = [0.5, -1.5, 2.0];
      let state: OptimizerState = spec.initialState(3, hyper);
      // Eve takes the loss at params each step: a falling, then rising sequence.
      const losses = [3, 2, 2.5];
      GRADS.forEach((g, k) => {
        const loss = spec.needsLoss ? losses[k] : undefined;
        kernel.step(params, Float64Array.from(g), 0.05, loss);
        const result = spec.step(pure, g, state, hyper, loss);
        pure = result.params;
        state = result.state;
      });
      expectCloseArray(Array.from(params), pure, 0, 0);
      expect(kernel.t).toBe(3);
    },
  );

  it("float32 kernel agrees with float64 to single precision", () => {
    const adam = getOptimizer("adam");
    const k32 = adam.createKernel(3, { lr: 0.1 }, Float32Array);
    const k64 = adam.createKernel(3, { lr: 0.1 }, Float64Array);
    const p32 = Float32Array.from([0.5, -1.5, 2.0]);
    const p64 = Float64Array.from([0.5, -1.5, 2.0]);
    for (const g of GRADS) {
      k32.step(p32, Float32Array.from(g), 0.1);
      k64.step(p64, Float64Array.from(g), 0.1);
    }
    expectCloseArray(Array.from(p32), Array.from(p64), 1e-6, 1e-7);
  });

  it("uses the lr passed to each step, not hyper.lr", () => {
    // sgd, p 1, g 0.5, lr 0.2 then 0.4: 1 − 0.1 − 0.2 = 0.7
    const kernel = getOptimizer("sgd").createKernel(1, { lr: 1 }, Float64Array);
    const params = Float64Array.from([1]);
    kernel.step(params, Float64Array.from([0.5]), 0.2);
    kernel.step(params, Float64Array.from([0.5]), 0.4);
    expectNear(Array.from(params), [0.7], 1e-15);
  });

  it("accepts lr 0 (a schedule's warm-up start) and leaves params unchanged", () => {
    const kernel = getOptimizer("adam").createKernel(1, {}, Float64Array);
    const params = Float64Array.from([1]);
    kernel.step(params, Float64Array.from([0.5]), 0);
    expect(Array.from(params)).toEqual([1]);
  });

  it("rejects a negative lr", () => {
    const kernel = getOptimizer("sgd").createKernel(1, {}, Float64Array);
    expect(() => kernel.step(Float64Array.from([1]), Float64Array.from([1]), -1)).toThrow(
      new EngineError("lr must be >= 0, got -1"),
    );
  });

  it("rejects params of another size than it was made for", () => {
    const kernel = getOptimizer("sgd").createKernel(2, {}, Float64Array);
    expect(() => kernel.step(new Float64Array(3), new Float64Array(3), 0.1)).toThrow(
      new EngineError("params has 3 values but the kernel was made for 2"),
    );
  });

  it("rejects grads of another length", () => {
    const kernel = getOptimizer("sgd").createKernel(2, {}, Float64Array);
    expect(() => kernel.step(new Float64Array(2), new Float64Array(3), 0.1)).toThrow(
      new EngineError("grads has 3 values but params has 2"),
    );
  });
});
