/**
 * Adamax, NAdam, RAdam, Rprop and ASGD against torch.optim (PyTorch 1.13, float64), 25 steps each: params,
 * every per-parameter buffer, the one-number state (mu_product, eta, mu) and t, to 1e-12 relative.
 * Fixture: scripts/fixtures/optim_more_fixtures.py → test/fixtures/optim_more_fixtures.json.
 */
import { describe, expect, it } from "@jest/globals";
import fixture from "../../fixtures/optim_more_fixtures.json";
import { getOptimizer, type HyperInput, type OptimizerState } from "../../../src/engine/optim";
import { expectCloseArray } from "./closeTo";

interface FixtureStep {
  params: number[];
  slots: Record<string, number[]>;
  scalars: Record<string, number>;
  t: number;
}
interface FixtureCase {
  optimizer: string;
  hyper: Record<string, number | boolean>;
  steps: FixtureStep[];
}

const cases = fixture.cases as unknown as FixtureCase[];
const grads = fixture.grads as number[][];

describe("Adamax, NAdam, RAdam, Rprop, ASGD match torch.optim 1.13 over 25 steps", () => {
  it.each(cases.map((c) => [`${c.optimizer} ${JSON.stringify(c.hyper)}`, c] as const))("%s", (_label, c) => {
    const spec = getOptimizer(c.optimizer);
    const hyper = spec.resolveHyper(c.hyper as HyperInput);
    let params: readonly number[] = fixture.params0;
    // Through the cells' round trip: the blank first row, then each row's spill read back.
    let state: OptimizerState = spec.stateFromCells([], params.length, hyper);
    expect(c.steps).toHaveLength(25);
    c.steps.forEach((expected, k) => {
      const result = spec.step(params, grads[k] as number[], state, hyper);
      expectCloseArray(result.params, expected.params);
      expect(result.state.t).toBe(expected.t);
      expect(Object.keys(result.state.slots).sort()).toEqual(Object.keys(expected.slots).sort());
      for (const [slot, values] of Object.entries(expected.slots)) {
        expectCloseArray(result.state.slots[slot] as number[], values);
      }
      expect(Object.keys(result.state.scalars ?? {}).sort()).toEqual(Object.keys(expected.scalars).sort());
      for (const [name, value] of Object.entries(expected.scalars)) {
        expectCloseArray([result.state.scalars?.[name] as number], [value]);
      }
      params = result.params;
      state = spec.stateFromCells(spec.stateToCells(result.state), params.length, hyper);
    });
  });

  it("covers each of them, with defaults and with every hyper-parameter changed", () => {
    const covered = new Set(cases.map((c) => c.optimizer));
    expect([...covered].sort()).toEqual(["adamax", "asgd", "nadam", "radam", "rprop"]);
    for (const name of covered) {
      const changed = new Set(cases.filter((c) => c.optimizer === name).flatMap((c) => Object.keys(c.hyper)));
      expect([...changed].sort()).toEqual([...getOptimizer(name).hyperNames].sort());
    }
  });

  it("exercises RAdam's switch at rho_t > 5 and ASGD's averaging after t0", () => {
    const radam = cases.find((c) => c.optimizer === "radam" && Object.keys(c.hyper).length === 0);
    // rho_t = rho_inf − 2t·β2ᵗ/(1 − β2ᵗ) with β2 = 0.999 passes 5 between t = 5 and t = 6.
    const rho = (t: number): number => 1999 - (2 * t * 0.999 ** t) / (1 - 0.999 ** t);
    expect(rho(5)).toBeLessThan(5);
    expect(rho(6)).toBeGreaterThan(5);
    expect(radam?.steps).toHaveLength(25);
    const asgd = cases.find((c) => c.optimizer === "asgd" && c.hyper["t0"] === 5);
    expect(asgd?.steps[24]?.scalars["mu"]).toBe(1 / 20);
  });
});
