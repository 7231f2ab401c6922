import { describe, expect, it } from "@jest/globals";
import { gradCheck } from "../../../src/engine/gradcheck";
import {
  batchCostAndGradient,
  createWorkspace,
  examplesFromRows,
  lossAndGradient,
  parameterCount,
  predict,
  type MlpSpec,
} from "../../../src/engine/mlp";
import { createRng } from "../../../src/engine/random";

/** A small network's data: X has zeros in it so the sparse first layer skips entries, as with MNIST. */
function smallProblem(spec: MlpSpec, seed: number) {
  const rng = createRng(seed);
  const inputs = spec.layers[0] as number;
  const outputs = spec.layers[spec.layers.length - 1] as number;
  const params = Array.from({ length: parameterCount(spec.layers) }, () => 0.7 * rng.normal());
  const X = Array.from({ length: 4 }, (_, r) =>
    Array.from({ length: inputs }, (_, c) => ((r + c) % 3 === 0 ? 0 : rng.normal())),
  );
  // Targets: one-hot classes for softmax, values in (0, 1) for sigmoid, anything for linear.
  const Y = X.map((_, r) =>
    Array.from({ length: outputs }, (_, i) =>
      spec.output === "softmax"
        ? i === r % outputs
          ? 1
          : 0
        : spec.output === "sigmoid"
          ? rng.next()
          : rng.normal(),
    ),
  );
  return { params, X, Y };
}

const SPECS: MlpSpec[] = [];
for (const activation of ["sigmoid", "tanh", "relu"] as const) {
  SPECS.push({ layers: [5, 4, 3, 3], activation, output: "sigmoid", loss: "quadratic" });
  SPECS.push({ layers: [5, 4, 3, 3], activation, output: "linear", loss: "quadratic" });
  SPECS.push({ layers: [5, 4, 3, 3], activation, output: "softmax", loss: "quadratic" });
  SPECS.push({ layers: [5, 4, 3, 3], activation, output: "sigmoid", loss: "cross-entropy" });
  SPECS.push({ layers: [5, 4, 3, 3], activation, output: "softmax", loss: "cross-entropy" });
}

describe("MLP gradient against centred differences", () => {
  it.each(SPECS.map((spec) => [`${spec.activation} → ${spec.output}, ${spec.loss}`, spec] as const))(
    "float64 path: %s",
    (_name, spec) => {
      const { params, X, Y } = smallProblem(spec, 11);
      const analytic = lossAndGradient(spec, params, X, Y).gradient;
      // ReLU has kinks; CS231n's 1e-4 applies if a unit sits within h of one (unlikely with these values).
      const tolerance = spec.activation === "relu" ? 1e-5 : 1e-6;
      const check = gradCheck((p) => lossAndGradient(spec, p, X, Y).loss, params, analytic, { tolerance });
      expect(check.maxRelativeError).toBeLessThan(tolerance);
      expect(check.pass).toBe(true);
    },
  );

  it.each(
    SPECS.filter((s) => s.activation !== "relu").map(
      (spec) => [`${spec.output}, ${spec.loss}`, spec] as const,
    ),
  )("float32 training kernels agree with float64 centred differences: %s", (_name, spec) => {
    const { params, X, Y } = smallProblem(spec, 12);
    const examples = examplesFromRows(X, Y, Float32Array);
    const ws = createWorkspace(spec, X.length, Float32Array);
    const grads = new Float32Array(params.length);
    // Difference the float64 cost at the float32-rounded parameters the kernel sees.
    const rounded = Array.from(Float32Array.from(params));
    batchCostAndGradient(ws, Float32Array.from(params), grads, examples, ws.identity, 0, X.length);
    const check = gradCheck((p) => lossAndGradient(spec, p, X, Y).loss, rounded, Array.from(grads), {
      // float32 carries ~7 digits; sums of a few products lose about one more. tiny = 1e-4 compares
      // entries near zero absolutely at the level of float32 rounding of O(1) terms.
      tolerance: 1e-3,
      tiny: 1e-4,
    });
    expect(check.maxRelativeError).toBeLessThan(1e-3);
  });

  it("a batch split in two gives the mean of the two half-batch gradients", () => {
    const spec: MlpSpec = { layers: [5, 4, 3], activation: "tanh", output: "sigmoid", loss: "quadratic" };
    const { params, X, Y } = smallProblem(spec, 13);
    const whole = lossAndGradient(spec, params, X, Y);
    const first = lossAndGradient(spec, params, X.slice(0, 2), Y.slice(0, 2));
    const second = lossAndGradient(spec, params, X.slice(2), Y.slice(2));
    whole.gradient.forEach((g, i) =>
      expect(g).toBeCloseTo((first.gradient[i]! + second.gradient[i]!) / 2, 12),
    );
    expect(whole.loss).toBeCloseTo((first.loss + second.loss) / 2, 12);
  });
});

describe("closed forms", () => {
  it("one sigmoid unit with quadratic cost, by hand", () => {
    // w = 0, b = 0, x = 1, y = 1: a = σ(0) = 0.5; C = ½(a − y)² = 0.125;
    // ∂C/∂b = (a − y)·a(1 − a) = −0.5 · 0.25 = −0.125; ∂C/∂w = ∂C/∂b · x = −0.125.
    const spec: MlpSpec = { layers: [1, 1], activation: "sigmoid", output: "sigmoid", loss: "quadratic" };
    const result = lossAndGradient(spec, [0, 0], [[1]], [[1]]);
    expect(result.loss).toBe(0.125);
    expect(result.gradient).toEqual([-0.125, -0.125]);
  });

  it("softmax with log-likelihood: ∂C/∂b = a − y and ∂C/∂W = (a − y)xᵀ", () => {
    // Layer [2, 3], W = [[1, 0], [0, 1], [1, 1]], b = [0, 0.5, −1], x = [2, −1], y = class 1.
    // z = Wx + b = [2, −0.5, 0]; a = softmax(z) = e^z / Σe^z; C = −ln a₁.
    const spec: MlpSpec = { layers: [2, 3], activation: "sigmoid", output: "softmax", loss: "cross-entropy" };
    const params = [1, 0, 0, 1, 1, 1, 0, 0.5, -1];
    const z = [2, -0.5, 0];
    const total = z.reduce((s, v) => s + Math.exp(v), 0);
    const a = z.map((v) => Math.exp(v) / total);
    const y = [0, 1, 0];
    const result = lossAndGradient(spec, params, [[2, -1]], [y]);
    expect(result.loss).toBeCloseTo(-Math.log(a[1]!), 14);
    const dz = a.map((v, i) => v - y[i]!);
    const expected = [dz[0]! * 2, dz[0]! * -1, dz[1]! * 2, dz[1]! * -1, dz[2]! * 2, dz[2]! * -1, ...dz];
    result.gradient.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 14));
  });

  it("sigmoid output with cross-entropy: ∂C/∂z = a − y (network2.py)", () => {
    // [1, 1], w = 2, b = −1, x = 1, y = 0.25: z = 1, a = σ(1); C = −[y ln a + (1 − y) ln(1 − a)].
    const spec: MlpSpec = { layers: [1, 1], activation: "sigmoid", output: "sigmoid", loss: "cross-entropy" };
    const a = 1 / (1 + Math.exp(-1));
    const result = lossAndGradient(spec, [2, -1], [[1]], [[0.25]]);
    expect(result.loss).toBeCloseTo(-(0.25 * Math.log(a) + 0.75 * Math.log(1 - a)), 14);
    expect(result.gradient[0]).toBeCloseTo(a - 0.25, 14);
    expect(result.gradient[1]).toBeCloseTo(a - 0.25, 14);
  });

  it("predict: a linear unit is w·x + b, a hidden ReLU cuts negatives", () => {
    const linear: MlpSpec = { layers: [2, 1], activation: "relu", output: "linear", loss: "quadratic" };
    expect(
      predict(
        linear,
        [2, -1, 0.5],
        [
          [3, 1],
          [0, 0],
        ],
      ),
    ).toEqual([[5.5], [0.5]]);
    // [1, 2, 1]: hidden h = relu([1·x, −1·x]), output = h₁ + h₂ (weights 1, biases 0) = |x|.
    const abs: MlpSpec = { layers: [1, 2, 1], activation: "relu", output: "linear", loss: "quadratic" };
    const params = [1, -1, 0, 0, 1, 1, 0];
    expect(predict(abs, params, [[-3], [2]])).toEqual([[3], [2]]);
  });
});
