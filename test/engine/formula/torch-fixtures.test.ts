/**
 * The engine against PyTorch (float64): values, gradients and Hessians of formulas that
 * scripts/fixtures/autograd_fixtures.py wrote independently in torch (torch.autograd.grad and
 * torch.autograd.functional.hessian). Tolerance: 1e-12 relative (+1e-12 absolute), float64 rounding only.
 */
import { expect, test } from "@jest/globals";
import fixtures from "../../fixtures/autograd_fixtures.json";
import { formulaHessian, type Bindings } from "../../../src/engine/formula";

interface FixtureCase {
  formula: string;
  bindings: Record<string, number | number[]>;
  wrt: string[];
  value: number;
  gradient: number[];
  hessian: number[][];
}

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 + 1e-12 * Math.abs(expected));
}

const cases = (fixtures as unknown as { cases: FixtureCase[] }).cases;

test("the fixture file holds every case the generator lists", () => {
  expect(cases.length).toBeGreaterThanOrEqual(18);
});

test.each(cases.map((c) => [c.formula, c] as const))("%s matches PyTorch", (_formula, c) => {
  const result = formulaHessian(c.formula, c.bindings as Bindings, c.wrt);
  expectClose(result.value, c.value);
  c.gradient.forEach((g, i) => expectClose(result.gradient[i] as number, g));
  c.hessian.forEach((row, i) => row.forEach((h, j) => expectClose(result.hessian[i]?.[j] as number, h)));
});
