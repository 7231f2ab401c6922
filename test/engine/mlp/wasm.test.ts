import { describe, expect, it } from "@jest/globals";
import { Buffer } from "node:buffer";
import { compileSparseWat } from "../../../bench/wat";
import {
  batchCostAndGradient,
  createWorkspace,
  lossAndGradient,
  parameterCount,
  sparseRowsFromBytes,
  workspaceBytes,
  type Examples,
  type MlpSpec,
} from "../../../src/engine/mlp";
import {
  createWasmArena,
  fromKernelLayout,
  sparseBytes,
  toKernelLayout,
} from "../../../src/engine/mlp/wasm/arena";
import { SPARSE_WASM_BASE64 } from "../../../src/engine/mlp/wasm/sparse-wasm";
import { getOptimizer } from "../../../src/engine/optim";
import { createRng } from "../../../src/engine/random";

describe("WebAssembly first-layer kernels", () => {
  it("the embedded module is sparse.wat compiled (regenerate with npx tsx bench/build-wasm.ts)", async () => {
    const binary = await compileSparseWat();
    expect(Buffer.from(binary).toString("base64")).toBe(SPARSE_WASM_BASE64);
  });

  const rows = 6;
  const rng = createRng(4);
  // Byte inputs with about half zeros, as MNIST pixels (scale 1/255).
  const bytes = Uint8Array.from({ length: rows * 12 }, () => (rng.next() < 0.5 ? 0 : 1 + rng.int(255)));
  const labels = Uint8Array.from({ length: rows }, (_, r) => r % 3);
  const examples: Examples = {
    inputs: sparseRowsFromBytes(bytes, rows, 12, 1 / 255),
    targets: { kind: "labels", labels, classes: 3 },
  };

  // 7 hidden units run the general loops (one SIMD block and a 3-unit tail), 30 the 8-register kernels
  // (7 blocks and a 2-unit tail), 32 the 8-register kernels with no tail.
  it.each([7, 30, 32])(
    "give the float64 path's cost and gradient to float32 precision: %i hidden units",
    (hidden) => {
      const spec: MlpSpec = {
        layers: [12, hidden, 3],
        activation: "sigmoid",
        output: "softmax",
        loss: "cross-entropy",
      };
      const params = Array.from({ length: parameterCount(spec.layers) }, () => rng.normal());
      const size = params.length;
      const arena = createWasmArena(
        8 * size + 4 * rows + workspaceBytes(spec, rows) + sparseBytes([examples.inputs]),
      );
      expect(arena).not.toBeNull();
      if (!arena) return;
      const resident = { ...examples, inputs: arena.sparse(examples.inputs) };
      const p = arena.floats(size);
      p.set(params);
      toKernelLayout(p, 0, 12, hidden);
      const g = arena.floats(size);
      const ws = createWorkspace(spec, rows, Float32Array, arena);
      const cost = batchCostAndGradient(ws, p, g, resident, ws.identity, 0, rows);
      const gradient = g.slice();
      fromKernelLayout(gradient, 0, 12, hidden);

      // Reference: the float64 path (checked against centred differences in gradient.test.ts) on the same
      // inputs written densely as bytes / 255, at the float32-rounded parameters.
      const X = Array.from({ length: rows }, (_, r) =>
        Array.from(bytes.subarray(r * 12, r * 12 + 12), (b) => b / 255),
      );
      const Y = Array.from(labels, (label) => [0, 1, 2].map((i) => (i === label ? 1 : 0)));
      const reference = lossAndGradient(spec, Array.from(Float32Array.from(params)), X, Y);
      expect(cost).toBeCloseTo(reference.loss, 5);
      const scale = Math.max(...reference.gradient.map(Math.abs));
      reference.gradient.forEach((expected, i) => {
        // float32 sums of ~12 terms: ~1e-6 relative to the largest entry; 1e-5 leaves a margin.
        expect(Math.abs((gradient[i] as number) - expected)).toBeLessThan(1e-5 * scale);
      });
    },
  );

  it("converts between the documented and the kernel layout", () => {
    // W = [[1, 2, 3], [4, 5, 6]] (2 units × 3 inputs) after one leading value; Wᵀ = [[1, 4], [2, 5], [3, 6]].
    const values = Float32Array.from([9, 1, 2, 3, 4, 5, 6, 7]);
    toKernelLayout(values, 1, 3, 2);
    expect(Array.from(values)).toEqual([9, 1, 4, 2, 5, 3, 6, 7]);
    fromKernelLayout(values, 1, 3, 2);
    expect(Array.from(values)).toEqual([9, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("updates plain SGD bit for bit as the optimizer registry's kernel, and scales in float64", () => {
    const n = 1001;
    const arena = createWasmArena(16 * n + 1024);
    expect(arena).not.toBeNull();
    if (!arena) return;
    const values = Float32Array.from({ length: n }, () => rng.normal());
    const gradient = Float32Array.from({ length: n }, () => rng.normal() * 1e-3);
    const expected = values.slice();
    getOptimizer("sgd").createKernel(n, { lr: 3 }, Float32Array).step(expected, gradient, 3);
    const p = arena.floats(n);
    p.set(values);
    const g = arena.floats(n);
    g.set(gradient);
    const refuse = {
      step: () => {
        throw new Error("fell back to JavaScript");
      },
    };
    arena.sgd(refuse).step(p, g, 3);
    expect(Buffer.from(p.buffer, p.byteOffset, 4 * n).equals(Buffer.from(expected.buffer))).toBe(true);
    // Scaling entries 10..20 by 0.75 in float64 then rounding: fround(v · 0.75), others untouched.
    const before = p.slice();
    arena.scale(p, 10, 20, 0.75);
    p.forEach((v, i) =>
      expect(v).toBe(i >= 10 && i < 20 ? Math.fround((before[i] as number) * 0.75) : before[i]),
    );
  });
});
