/** OptimizerSpec.stateWidth: the state's cells for n parameters, counted from the slots the docs list. */
import { expect, test } from "@jest/globals";
import { getOptimizer, OPTIMIZER_NAMES } from "../../../src/engine/optim";

test.each([
  // optimizer, hyper-parameters, n, width: each active buffer n times, then t (docs/functions.md's layouts)
  ["sgd", {}, 2, 1], // plain SGD keeps no buffer
  ["sgd", { momentum: 0.9 }, 2, 3], // buf
  ["adam", {}, 2, 5], // m, v
  ["adam", { amsgrad: true }, 3, 10], // m, v, vmax
  ["adagrad", {}, 4, 5], // sum
  ["adadelta", {}, 2, 5], // square_avg, acc_delta
  ["rmsprop", {}, 2, 3], // square_avg
  ["rmsprop", { momentum: 0.9, centered: true }, 2, 7], // square_avg, momentum_buffer, grad_avg
])("%s %j with %i parameters: %i state cells", (name, hyper, n, width) => {
  expect(getOptimizer(name).stateWidth(n, hyper)).toBe(width);
});

test("every optimizer's width is its state labels' count", () => {
  for (const name of OPTIMIZER_NAMES) {
    const spec = getOptimizer(name);
    expect(spec.stateWidth(3, {})).toBe(spec.stateLabels(["a", "b", "c"], {}).length);
  }
});

test("no parameters is refused", () => {
  expect(() => getOptimizer("adam").stateWidth(0, {})).toThrow(
    "number of parameters must be an integer >= 1, got 0",
  );
});
