/**
 * Engine messages that no other test asserted (found by scripts/audit-error-messages.ts), each triggered
 * through the public API and checked word for word, plus the messages added by the robustness work
 * (schedules that overflow or are asked for a step past 2^53, optimizer steps that overflow).
 */
import { describe, expect, test } from "@jest/globals";
import { EngineError, requireFinite } from "../../src/engine/errors";
import {
  createWasmArena,
  examplesFromRows,
  lossAndGradient,
  predict,
  sliceExamples,
  type MlpSpec,
} from "../../src/engine/mlp";
import { compileFormula, evaluateFormula } from "../../src/engine/formula";
import { getOptimizer } from "../../src/engine/optim";
import { learningRate } from "../../src/engine/schedules";
import { trainSync } from "../../src/engine/train";

/** Asserts that `body` throws an EngineError with exactly `message`. */
function expectEngineError(body: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    body();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EngineError);
  expect((thrown as Error).message).toBe(message);
}

const XOR: MlpSpec = { layers: [2, 2, 1], activation: "sigmoid", output: "sigmoid", loss: "quadratic" };
const X = [
  [0, 1],
  [1, 0],
];
const Y = [[1], [1]];

describe("MLP in cells", () => {
  test("params must match the layers: 2·2 + 2 + 2·1 + 1 = 9 parameters for 2,2,1", () => {
    expectEngineError(
      () => lossAndGradient(XOR, [1, 2, 3], X, Y),
      "params has 3 values but layers 2,2,1 has 9",
    );
    expectEngineError(() => predict(XOR, [], X), "params has 0 values but layers 2,2,1 has 9");
  });

  test("rows with no columns", () => {
    expectEngineError(() => examplesFromRows([[]], [[1]]), "X has no columns");
    expectEngineError(() => examplesFromRows([[1]], [[]]), "Y has no columns");
  });

  test("a slice of rows past the end", () => {
    const examples = examplesFromRows(X, Y);
    expectEngineError(() => sliceExamples(examples, 1, 2), "rows 1..3 are outside 0..2");
    expectEngineError(() => sliceExamples(examples, -1, 1), "rows -1..0 are outside 0..2");
  });
});

describe("training loop", () => {
  test("training data with no rows", () => {
    const empty = sliceExamples(examplesFromRows(X, Y), 0, 0);
    expectEngineError(
      () => trainSync({ layers: [2, 2, 1], epochs: 1, batch: 1 }, { train: empty }),
      "the training data has no rows",
    );
  });
});

describe("schedules: a finite rate or a clear error", () => {
  test("a rate that overflows is an error, not NaN or Infinity", () => {
    // exponential: 0.1 · 2^(step/1) = 0.1 · 2^2000 overflows (2^1024 is already beyond the doubles).
    expectEngineError(
      () => learningRate("exponential", 0.1, 2000, { decay_steps: 1, decay_rate: 2 }),
      "exponential has no finite learning rate at step 2000 (got Infinity)",
    );
    // cyclic_exp_range: at an even step the triangle is at its base (scale 0) while gamma^step is
    // Infinity, and 0 · Infinity is NaN in floating point.
    expectEngineError(
      () => learningRate("cyclic_exp_range", 0.1, 2000, { max_lr: 1, step_size_up: 1, gamma: 2 }),
      "cyclic_exp_range has no finite learning rate at step 2000 (got NaN)",
    );
  });

  test("steps past 2^53 are refused (consecutive steps would be the same number)", () => {
    expectEngineError(
      () => learningRate("constant", 0.1, 2 ** 53, {}),
      "step must be at most 9007199254740991, got 9007199254740992",
    );
    expect(learningRate("constant", 0.1, 2 ** 53 - 1, {})).toBe(0.1);
  });

  test("cosine_restarts with t_mul = 1 far out returns instead of looping (it used to hang)", () => {
    // x = step / first_decay_steps = 2^52 / 0.5 = 2^53 periods of length 1. The loop that corrects the
    // closed-form period index used to test i + 1, but 2^53 + 1 rounds to 2^53 (ties to even), so i never
    // moved. x is a whole number of periods, so the period has just restarted: the peak lr0 · m_mul^i = 0.1.
    expect(learningRate("cosine_restarts", 0.1, 2 ** 52, { first_decay_steps: 0.5, t_mul: 1 })).toBe(0.1);
    // Just below, every step is still exact: 2^53 − 1 periods, again a restart.
    expect(learningRate("cosine_restarts", 0.1, 2 ** 53 - 1, { first_decay_steps: 1, t_mul: 1 })).toBe(0.1);
  });
});

describe("optimizer steps that overflow", () => {
  test("the message names the optimizer, the cell and what it became", () => {
    const sgd = getOptimizer("sgd");
    // 1e308 − 10 · 1e308 = −9e308 < −1.8e308: −Infinity.
    expectEngineError(
      () => sgd.step([1e308], [1e308], sgd.initialState(1), { lr: 10 }),
      "sgd step overflows: params[1] becomes -Infinity; use a smaller lr or smaller values",
    );
    // AdaGrad's sum of squares: (1e200)² = 1e400 → Infinity in the state slot.
    const adagrad = getOptimizer("adagrad");
    expectEngineError(
      () => adagrad.step([0], [1e200], adagrad.initialState(1), {}),
      "adagrad step overflows: sum[1] becomes Infinity; use a smaller lr or smaller values",
    );
  });
});

describe("hyper-parameter names that are Object.prototype members", () => {
  test('"constructor" is an unknown hyper-parameter (it used to be accepted and ignored)', () => {
    expectEngineError(
      () => getOptimizer("sgd").resolveHyper({ constructor: 5 } as never),
      'Unknown hyper-parameter "constructor" for sgd; expected one of lr, momentum, dampening, weight_decay, nesterov',
    );
  });
});

describe("WASM arena (internal invariants, raw Error: the training loop sizes and places everything)", () => {
  test("an arena too small for what is taken from it", () => {
    // 0 bytes asked → 1 page of 65,536 bytes; 20,000 floats need 80,032.
    const arena = createWasmArena(0);
    if (!arena) return; // no WebAssembly SIMD here: nothing to check
    expect(() => arena.floats(20_000)).toThrow("WASM arena too small: need more than 65536 bytes");
  });

  test("inputs that are not bytes with 16-bit column indices", () => {
    const arena = createWasmArena(1 << 16);
    if (!arena) return;
    const floatRows = examplesFromRows([[0.5, 1]], [[1]]).inputs;
    expect(() => arena.sparse(floatRows)).toThrow(
      "WASM arena: inputs must be bytes with 16-bit column indices",
    );
  });

  test("kernels called with arrays outside the arena", () => {
    const arena = createWasmArena(1 << 16);
    if (!arena) return;
    const outside = new Float32Array(4);
    expect(() => arena.dense().forward(outside, 0, 2, 1, 2, outside, 1, outside)).toThrow(
      "WASM kernel called with arrays outside its arena",
    );
    const rows = { ...examplesFromRows([[1, 0]], [[1]]).inputs };
    expect(() => arena.kernel().forward(outside, 0, 2, 1, rows, new Int32Array(1), 0, 1, outside)).toThrow(
      "WASM kernel called with arrays outside its arena",
    );
  });
});

describe("how a message quotes a value", () => {
  test("lists and objects are described, not printed as text or [object Object]", () => {
    expectEngineError(
      () => requireFinite("lr", [1, 2] as never),
      "lr must be a finite number, got a list of 2 values",
    );
    expectEngineError(() => requireFinite("lr", {} as never), "lr must be a finite number, got an object");
    expectEngineError(() => requireFinite("lr", "0.1" as never), 'lr must be a finite number, got "0.1"');
    expectEngineError(() => requireFinite("lr", null as never), "lr must be a finite number, got null");
  });
});

describe("formula constants", () => {
  test("a constant beyond the largest double is an error, not Infinity", () => {
    // The largest double is about 1.8e308; 1e309 and a 400-digit integer both round to Infinity.
    expectEngineError(() => compileFormula("=2*1e309"), 'Number "1e309" is too large at 4');
    expectEngineError(
      () => compileFormula("1" + "0".repeat(400)),
      `Number "1${"0".repeat(400)}" is too large at 1`,
    );
    expect(evaluateFormula("1.7e308", {})).toBe(1.7e308);
    // Underflow is harmless: 1e-400 is 0 to every double operation anyway.
    expect(evaluateFormula("1e-400", {})).toBe(0);
  });
});
