/**
 * Properties every optimizer must have, whatever the numbers (fast-check): from the initial state and
 * without weight decay, the first step moves each parameter against the sign of its gradient, and a zero
 * gradient leaves it where it is. These follow from each update rule on paper (every first-step update is
 * a positive multiple of g), independently of the reference values.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { getOptimizer, OPTIMIZER_NAMES } from "../../../src/engine/optim";

const nonZeroGradient = fc.double({ min: -1e3, max: 1e3, noNaN: true }).filter((g) => Math.abs(g) > 1e-6);
const parameter = fc.double({ min: -1e3, max: 1e3, noNaN: true });
const learningRate = fc.double({ min: 1e-4, max: 1, noNaN: true });

describe.each(OPTIMIZER_NAMES.map((name) => [name]))("%s", (name) => {
  const spec = getOptimizer(name);
  // AdamW and ASGD (its lambd) decay by default; the property is about the gradient step alone.
  const base = name === "adamw" ? { weight_decay: 0 } : name === "asgd" ? { lambd: 0 } : {};
  // Eve's first step takes the loss only to remember it.
  const loss = spec.needsLoss ? 1 : undefined;

  it("first step moves each parameter against its gradient", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(parameter, nonZeroGradient), { minLength: 1, maxLength: 4 }),
        learningRate,
        (pairs, lr) => {
          const params = pairs.map(([p]) => p);
          const grads = pairs.map(([, g]) => g);
          const hyper = { ...base, lr };
          const next = spec.step(params, grads, spec.initialState(params.length, hyper), hyper, loss).params;
          next.forEach((p, i) => {
            const moved = p - (params[i] as number);
            expect(Math.sign(moved)).toBe(-Math.sign(grads[i] as number));
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a zero gradient from the initial state leaves the parameters unchanged", () => {
    fc.assert(
      fc.property(fc.array(parameter, { minLength: 1, maxLength: 4 }), learningRate, (params, lr) => {
        const hyper = { ...base, lr };
        const zeros = params.map(() => 0);
        const next = spec.step(params, zeros, spec.initialState(params.length, hyper), hyper, loss).params;
        expect(next).toEqual(params);
      }),
      { numRuns: 50 },
    );
  });
});
