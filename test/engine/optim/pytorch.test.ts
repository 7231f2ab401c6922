/**
 * The engine's optimizers against torch.optim (PyTorch 1.13, float64), five steps each, params and every
 * state buffer, to 1e-12 relative. Fixture: scripts/fixtures/optim_fixtures.py → test/fixtures/optim_fixtures.json.
 * Both sides run the same float64 formulas; differences are only FMA/operation-order rounding (~1e-16).
 */
import { describe, expect, it } from "@jest/globals";
import fixture from "../../fixtures/optim_fixtures.json";
import { getOptimizer, type HyperInput, type OptimizerState } from "../../../src/engine/optim";
import { expectCloseArray } from "./closeTo";

interface FixtureStep {
  params: number[];
  slots: Record<string, number[]>;
}
interface FixtureCase {
  optimizer: string;
  hyper: Record<string, number | boolean>;
  steps: FixtureStep[];
}

// JSON imports type each case separately; the fixture script guarantees this shape.
const cases = fixture.cases as unknown as FixtureCase[];

describe("optimizers match torch.optim", () => {
  it.each(cases.map((c) => [`${c.optimizer} ${JSON.stringify(c.hyper)}`, c] as const))("%s", (_label, c) => {
    const spec = getOptimizer(c.optimizer);
    const hyper = spec.resolveHyper(c.hyper as HyperInput);
    let params: readonly number[] = fixture.params0;
    let state: OptimizerState = spec.initialState(params.length, hyper);
    c.steps.forEach((expected, k) => {
      const result = spec.step(params, fixture.grads[k] as number[], state, hyper);
      expectCloseArray(result.params, expected.params);
      expect(result.state.t).toBe(k + 1);
      expect(Object.keys(result.state.slots).sort()).toEqual(Object.keys(expected.slots).sort());
      for (const [slot, values] of Object.entries(expected.slots)) {
        expectCloseArray(result.state.slots[slot] as number[], values);
      }
      params = result.params;
      state = result.state;
    });
  });
});
