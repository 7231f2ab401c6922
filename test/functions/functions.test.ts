/**
 * The GD.* functions called as Excel calls them (2-D ranges, null for omitted arguments), against values
 * derived by hand in the comments. Spill layouts: one row, new params then state (ending with t).
 */
import { describe, expect, test } from "@jest/globals";
import {
  ADADELTA_STEP,
  ADAGRAD_STEP,
  ADAM_STEP,
  GD_STEP,
  GRAD,
  GRADCHECK,
  HESSIAN,
  JACOBIAN,
  LOSS,
  LR_DECAY,
  MLP_PREDICT,
  OPTIM_STEP,
  RMSPROP_STEP,
  STEP_HEADERS,
  TRAIN_HEADERS,
  TRAIN_MLP,
  TRAIN_MLP_LIVE,
} from "../../src/functions/functions";
import { CellValueError } from "../../src/functions/excel-errors";
import { XOR_X, XOR_Y } from "../fixtures/xor";

/* global CustomFunctions */
const NONE = null as any;

function expectRow(got: unknown[][], want: number[], digits = 12): void {
  expect(got).toHaveLength(1);
  expect(got[0]).toHaveLength(want.length);
  want.forEach((w, i) => expect(got[0]?.[i]).toBeCloseTo(w, digits));
}

function messageOf(body: () => unknown): string {
  try {
    body();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a #VALUE! error");
}

const P = [[1, 2]];
const G = [[0.5, -1]];

describe("GD_STEP", () => {
  test("plain GD: w − ηg; the spill is a, b, t", () => {
    // 1 − 0.1·0.5 = 0.95; 2 − 0.1·(−1) = 2.1; one step taken
    expectRow(GD_STEP(P, G, NONE, 0.1), [0.95, 2.1, 1]);
    expect(STEP_HEADERS("sgd", [["a,b"]])).toEqual([["a", "b", "t"]]);
  });

  test("a column of params gives the same row as a row of params", () => {
    expect(GD_STEP([[1], [2]], [[0.5], [-1]], NONE, 0.1)).toEqual(GD_STEP(P, G, NONE, 0.1));
  });

  test("PyTorch momentum over two rows, the second fed the first row's spill", () => {
    // step 1: buf = g = (0.5, −1); w = (1 − 0.05, 2 + 0.1) = (0.95, 2.1)
    const row1 = GD_STEP(P, G, [[null, null, null]], 0.1, 0.9);
    expectRow(row1, [0.95, 2.1, 0.5, -1, 1]);
    expect(STEP_HEADERS("sgd", [["a,b"]], "momentum=0.9")).toEqual([["a", "b", "buf_a", "buf_b", "t"]]);
    // step 2 with g = (1, 1): buf = 0.9·(0.5, −1) + (1, 1) = (1.45, 0.1); w = (0.95 − 0.145, 2.1 − 0.01)
    const row2 = GD_STEP([row1[0]!.slice(0, 2)], [[1, 1]], [row1[0]!.slice(2)], 0.1, 0.9);
    expectRow(row2, [0.805, 2.09, 1.45, 0.1, 2]);
  });

  test("Nesterov: first step uses g + μ·buf = 1.9g", () => {
    // buf = g; step = g + 0.9g = 1.9g → w = (1 − 0.095, 2 + 0.19)
    expectRow(GD_STEP(P, G, NONE, 0.1, 0.9, 0, 0, true), [0.905, 2.19, 0.5, -1, 1]);
  });

  test("weight decay adds λw to the gradient", () => {
    // g' = g + 0.1·w = (0.6, −0.8) → w = (1 − 0.06, 2 + 0.08)
    expectRow(GD_STEP(P, G, NONE, 0.1, 0, 0, 0.1), [0.94, 2.08, 1]);
  });

  test('variant "ewa": v ← βv + (1 − β)g, w ← w − ηv', () => {
    // v = 0.1·g = (0.05, −0.1); w = (1 − 0.005, 2 + 0.01)
    expectRow(GD_STEP(P, G, NONE, 0.1, 0.9, NONE, NONE, NONE, "ewa"), [0.995, 2.01, 0.05, -0.1, 1]);
  });

  test('variant "l2": w ← (1 − ηλ)w − ηg', () => {
    // (1 − 0.1·0.5)·(1, 2) − 0.1·(0.5, −1) = (0.95 − 0.05, 1.9 + 0.1)
    expectRow(GD_STEP(P, G, NONE, 0.1, NONE, NONE, 0.5, NONE, "l2"), [0.9, 2.0, 1]);
  });

  test("bad input: #VALUE! with the exact message", () => {
    expect(messageOf(() => GD_STEP(P, [[0.5, -1, 3]]))).toBe("grads has 3 values but params has 2");
    expect(messageOf(() => GD_STEP(P, G, NONE, -1))).toBe("lr must be > 0, got -1");
    expect(messageOf(() => GD_STEP(P, G, [[1, 2, 3, 4]], 0.1, 0.9))).toBe(
      "state has 4 values but sgd with 2 parameters needs 3",
    );
    expect(messageOf(() => GD_STEP(P, G, NONE, 0.1, 0, 0, 0, true))).toBe(
      "nesterov requires momentum > 0 and dampening = 0",
    );
    expect(messageOf(() => GD_STEP(P, G, NONE, 0.1, 0.9, NONE, NONE, NONE, "ewa2"))).toBe(
      'variant must be one of pytorch, ewa, l2, got "ewa2"',
    );
    expect(messageOf(() => GD_STEP(P, G, NONE, 0.1, 0.9, 0.1, NONE, NONE, "ewa"))).toBe(
      'dampening is not used by variant "ewa"',
    );
    expect(messageOf(() => GD_STEP([[1, "x"]] as any, G))).toBe('params[2] must be a number, got "x"');
  });
});

describe("ADAM_STEP", () => {
  test("first step: m = 0.1g, v = 0.001g², bias-corrected step η·g/(|g| + ε)", () => {
    const eps = 1e-8;
    expectRow(
      ADAM_STEP(P, G, NONE, 0.1),
      [1 - (0.1 * 0.5) / (0.5 + eps), 2 + (0.1 * 1) / (1 + eps), 0.05, -0.1, 0.00025, 0.001, 1],
      14,
    );
    expect(STEP_HEADERS("adam", [["a"], ["b"]])).toEqual([["a", "b", "m_a", "m_b", "v_a", "v_b", "t"]]);
  });

  test("amsgrad adds vmax; AdamW (decoupled) shrinks w by (1 − η·λ) first, λ = 0.01 by default", () => {
    expect(ADAM_STEP(P, G, NONE, 0.1, NONE, NONE, NONE, NONE, true)[0]).toHaveLength(2 + 2 + 2 + 2 + 1);
    const eps = 1e-8;
    // w·(1 − 0.1·0.01) − 0.1·g/(|g| + ε)
    expectRow(
      ADAM_STEP(P, G, NONE, 0.1, NONE, NONE, NONE, NONE, NONE, true),
      [
        1 * 0.999 - (0.1 * 0.5) / (0.5 + eps),
        2 * 0.999 + (0.1 * 1) / (1 + eps),
        0.05,
        -0.1,
        0.00025,
        0.001,
        1,
      ],
      14,
    );
  });

  test("OPTIM_STEP reaches the same optimizer by name with options text", () => {
    expect(OPTIM_STEP("adam", P, G, NONE, 0.1, "beta1=0.8")).toEqual(ADAM_STEP(P, G, NONE, 0.1, 0.8));
    expect(messageOf(() => ADAM_STEP(P, G, NONE, 0.1, 1))).toBe("beta1 must be in [0, 1), got 1");
    expect(messageOf(() => OPTIM_STEP("adamx", P, G))).toMatch(
      /^Unknown optimizer "adamx"; expected one of sgd, /,
    );
  });
});

describe("AdaGrad, AdaDelta, RMSProp first steps", () => {
  test("AdaGrad: sum = g², w − η·g/(√sum + ε)", () => {
    const eps = 1e-10;
    expectRow(
      ADAGRAD_STEP(P, G, NONE, 0.1),
      [1 - (0.1 * 0.5) / (0.5 + eps), 2 + 0.1 / (1 + eps), 0.25, 1, 1],
      14,
    );
  });

  test("RMSProp: s = (1 − α)g² = 0.01g², w − η·g/(√s + ε) ≈ w − 10η·sign(g)", () => {
    const eps = 1e-8;
    expectRow(
      RMSPROP_STEP(P, G, NONE, 0.01),
      [1 - (0.01 * 0.5) / (0.05 + eps), 2 + (0.01 * 1) / (0.1 + eps), 0.0025, 0.01, 1],
      14,
    );
  });

  test("AdaDelta: s = (1 − ρ)g², Δ = √(0 + ε)/√(s + ε)·g, u = (1 − ρ)Δ²", () => {
    const rho = 0.9;
    const eps = 1e-6;
    const delta = [0.5, -1].map((g) => (Math.sqrt(eps) / Math.sqrt((1 - rho) * g * g + eps)) * g);
    const [d1, d2] = delta as [number, number];
    expectRow(
      ADADELTA_STEP(P, G, NONE, 1),
      [1 - d1, 2 - d2, 0.025, 0.1, (1 - rho) * d1 * d1, (1 - rho) * d2 * d2, 1],
      14,
    );
  });
});

describe("formula tools", () => {
  test("GRAD of (a·x + b − y)² at a = 1, b = 2, x = 3, y = 4: e = 1 → (2ex, 2e) = (6, 2)", () => {
    expect(GRAD("(a*x+b-y)^2", [["a,b"]], P, [["x,y"]], [[[3]], [[4]]])[0]).toEqual([6, 2]);
  });

  test("GRAD over data ranges: AVERAGE((a·x + b − y)²) with x = (1, 2), y = (32, 34)", () => {
    // e = (1 + 2 − 32, 2 + 2 − 34) = (−29, −30); mean(2ex) = (−58 − 120)/2 = −89; mean(2e) = −59
    const g = GRAD(
      "AVERAGE((a*x+b-y)^2)",
      [["a,b"]],
      P,
      [["x,y"]],
      [
        [[1], [2]],
        [[32], [34]],
      ],
    );
    expectRow(g, [-89, -59], 12);
  });

  test("LOSS, HESSIAN and JACOBIAN", () => {
    expect(LOSS("a*b", [["a,b"]], [[3, 4]])).toBe(12);
    // ∂²(a²b): [[2b, 2a], [2a, 0]] at (1, 2)
    expect(HESSIAN("a^2*b", [["a,b"]], P)).toEqual([
      [4, 2],
      [2, 0],
    ]);
    const expected = [
      [2, 1],
      [1, 1],
    ];
    expect(JACOBIAN([["a*b"], ["a+b"]], [["a,b"]], P)).toEqual(expected);
    expect(JACOBIAN([["a*b; a+b"]], [["a,b"]], P)).toEqual(expected);
  });

  test("GRADCHECK: right gradient passes, a wrong one fails with its relative errors", () => {
    const right = GRADCHECK("(a*x+b-y)^2", [["a,b"]], P, [[6, 2]], NONE, [["x,y"]], [[[3]], [[4]]]);
    expect(right[0]?.[0]).toBe(true);
    expect(right[0]?.[1] as number).toBeLessThan(1e-8);
    // dL/da given as 2 instead of 6: relative error |2 − 6| / 6 = 2/3
    const wrong = GRADCHECK("(a*x+b-y)^2", [["a,b"]], P, [[2, 2]], NONE, [["x,y"]], [[[3]], [[4]]]);
    expect(wrong[0]?.[0]).toBe(false);
    expect(wrong[0]?.[2] as number).toBeCloseTo(2 / 3, 6);
    expect(wrong[0]?.[3] as number).toBeLessThan(1e-8);
  });

  test("an omitted repeating data argument may arrive as [] or as one blank entry: both mean no data", () => {
    expect(LOSS("a*b", [["a,b"]], [[3, 4]], NONE, [])).toBe(12);
    expect(LOSS("a*b", [["a,b"]], [[3, 4]], NONE, [[[null]]] as any)).toBe(12);
    expect(LR_DECAY(0.1, 7, "constant", [null])).toBe(0.1);
    expect(LR_DECAY(0.1, 25, "step", [20, null])).toBeCloseTo(0.01, 15); // gamma omitted → 0.1
    expect(messageOf(() => LR_DECAY(0.1, 7, "step", [null]))).toBe("step needs step_size");
  });

  test("formula errors name what is wrong", () => {
    expect(messageOf(() => GRAD("a*b", [["a,b"]], [[1, 2, 3]]))).toBe("values has 3 values but names has 2");
    expect(messageOf(() => GRAD("a*x", [["a"]], [[1]], [["x,y"]], [[[1]]]))).toBe(
      "data names lists 2 names but 1 data ranges follow",
    );
    expect(messageOf(() => LOSS("x", [["a"]], [[1]], [["x"]], [[[1], [2]]]))).toBe(
      "the formula gives 2 values; wrap it in SUM or AVERAGE to get one number",
    );
    expect(messageOf(() => GRADCHECK("a*b", [["a,b"]], P, [[1]]))).toBe("grads has 1 values but names has 2");
  });
});

describe("LR_DECAY", () => {
  test("closed forms: exponential 0.1·0.5^(s/20), step 0.1·0.1^⌊s/20⌋, multi_step milestones as text", () => {
    expect(LR_DECAY(0.1, 30, "exponential", [20, 0.5])).toBeCloseTo(0.1 * 0.5 ** 1.5, 15);
    expect(LR_DECAY(0.1, 45, "step", [20])).toBeCloseTo(0.1 * 0.01, 15);
    expect(LR_DECAY(0.1, 36, "multi_step", ["20,35,50"])).toBeCloseTo(0.1 * 0.01, 15);
    expect(LR_DECAY(0.1, 7, "constant")).toBe(0.1);
  });

  test("too many parameters and unknown schedules are #VALUE!", () => {
    expect(messageOf(() => LR_DECAY(0.1, 1, "constant", [1, 2, 3]))).toBe(
      "schedule constant takes 2 parameters (warmup_steps, warmup_start_factor), got 3",
    );
    expect(messageOf(() => LR_DECAY(0.1, 1, "nope"))).toMatch(/^Unknown schedule "nope"/);
  });
});

describe("TRAIN_MLP, MLP_PREDICT", () => {
  const X = XOR_X;
  const Y = XOR_Y;

  test("row mode: one iteration per row; the second row fed the first row's spill continues it", async () => {
    const row1 = await TRAIN_MLP([["2,3,1"]], X, Y, NONE, "sgd", 0.5);
    // 13 params, SGD without momentum keeps only t, then the loss
    expect(row1[0]).toHaveLength(13 + 1 + 1);
    expect(row1[0]?.[13]).toBe(1);
    expect(TRAIN_HEADERS([["2,3,1"]], "sgd")[0]).toEqual([
      ...Array.from({ length: 13 }, (_, i) => `p${i + 1}`),
      "t",
      "loss",
    ]);
    const row2 = await TRAIN_MLP([["2,3,1"]], X, Y, row1, "sgd", 0.5);
    expect(row2[0]?.[13]).toBe(2);
    // a full-batch gradient step with a small rate lowers the loss
    expect(row2[0]?.[14] as number).toBeLessThan(row1[0]?.[14] as number);
  });

  test("row mode with a schedule: the row after t steps uses the schedule's rate (step: 0.5·0.5^t)", async () => {
    const row1 = await TRAIN_MLP([["2,3,1"]], X, Y, NONE, "sgd", 0.5);
    const scheduled = await TRAIN_MLP(
      [["2,3,1"]],
      X,
      Y,
      row1,
      "sgd",
      0.5,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      "step",
      "step_size=1, gamma=0.5",
    );
    // t = 1 step taken before this row → rate 0.5 · 0.5¹ = 0.25
    expect(scheduled).toEqual(await TRAIN_MLP([["2,3,1"]], X, Y, row1, "sgd", 0.25));
  });

  test("run mode: a column of losses per epoch, or the trained params; MLP_PREDICT spills one row per input", async () => {
    // The same run (Adam, 200 epochs, batch 4, seed 1): result omitted (the losses), then "params".
    const run = (result?: "params") =>
      TRAIN_MLP([["2,3,1"]], X, Y, NONE, "adam", 0.1, 200, 4, 1, "tanh", "sigmoid", "cross-entropy", result);
    const losses = await run();
    expect(losses).toHaveLength(200);
    expect(losses[199]?.[0] as number).toBeLessThan(0.05);
    const params = await run("params");
    expect(params[0]).toHaveLength(13);
    const predictions = MLP_PREDICT([["2,3,1"]], params, X, "tanh", "sigmoid");
    expect(predictions.map((r) => Math.round(r[0] as number))).toEqual([0, 1, 1, 0]);
  });

  test("MLP_PREDICT takes one example laid out as a grid (a 28×28 pixel block), read row by row", () => {
    // layers 4,2 with linear outputs: W = [[1, 2, 3, 4], [0, 0, 0, 1]] (row-major), b = [0.5, -1], in one column.
    const params = [[1], [2], [3], [4], [0], [0], [0], [1], [0.5], [-1]];
    const grid = [
      [1, 0],
      [2, 3],
    ];
    // Row by row the grid is x = (1, 0, 2, 3): y0 = 1·1 + 3·2 + 4·3 + 0.5 = 19.5, y1 = 3 − 1 = 2.
    expect(MLP_PREDICT([["4,2"]], params, grid, NONE, "linear")).toEqual([[19.5, 2]]);
    expect(MLP_PREDICT([["4,2"]], params, [[1, 0, 2, 3]], NONE, "linear")).toEqual([[19.5, 2]]);
  });

  test("MLP_PREDICT takes the parameters as one row per unit (weights, then bias), as a run sheet holds them", () => {
    // layers 2,2,1: layer 1 rows [w00 w01 b0], [w10 w11 b1]; layer 2 row [v0 v1 c]; linear outputs, ReLU hidden.
    const block = [
      [1, -1, 0.5],
      [2, 0, -1],
      [3, 4, 0.25],
    ];
    // x = (2, 1): hidden relu(2 − 1 + 0.5) = 1.5, relu(4 − 1) = 3; output 3·1.5 + 4·3 + 0.25 = 16.75.
    expect(MLP_PREDICT([["2,2,1"]], block, [[2, 1]], "relu", "linear")).toEqual([[16.75]]);
    // The same parameters in the documented layout (W row-major then b, per layer).
    const column = [[1], [-1], [2], [0], [0.5], [-1], [3], [4], [0.25]];
    expect(MLP_PREDICT([["2,2,1"]], column, [[2, 1]], "relu", "linear")).toEqual([[16.75]]);
    expect(messageOf(() => MLP_PREDICT([["2,2,1"]], block.slice(0, 2), [[2, 1]], "relu", "linear"))).toBe(
      "params as unit rows for layers 2,2,1 needs 3 rows of at least 3 cells (weights then bias), got 2×3",
    );
  });

  test("a cancelled run (@cancelable) stops early", async () => {
    const invocation: CustomFunctions.CancelableInvocation = {};
    const pending = TRAIN_MLP(
      [["2,3,1"]],
      X,
      Y,
      NONE,
      "sgd",
      0.5,
      1000,
      1,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      invocation,
    );
    invocation.onCanceled?.();
    const losses = await pending;
    expect(losses.length).toBeLessThan(1000);
  });

  test("TRAIN_MLP_LIVE (@streaming) sends the losses so far, then the full column", async () => {
    const results: unknown[] = [];
    let resolve: () => void = () => undefined;
    const finished = new Promise<void>((r) => (resolve = r));
    const invocation = {
      setResult: (value: unknown) => {
        results.push(value);
        const rows = value as unknown[][];
        if (Array.isArray(rows) && rows.every((row) => typeof row[0] === "number")) resolve();
      },
    } as unknown as CustomFunctions.StreamingInvocation<any[][]>;
    TRAIN_MLP_LIVE(
      [["2,3,1"]],
      X,
      Y,
      5,
      "sgd",
      0.5,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
      invocation,
    );
    await finished;
    const first = results[0] as unknown[][];
    expect(first).toHaveLength(5);
    expect(typeof first[0]?.[0]).toBe("number");
    expect(first[4]?.[0]).toBe(""); // not reached yet: blank, so the spill keeps its size
  });

  test("TRAIN_MLP_LIVE streams a failed run's #VALUE! error with the engine's message", async () => {
    const error = await new Promise<unknown>((resolve) => {
      const invocation = { setResult: resolve } as unknown as CustomFunctions.StreamingInvocation<any[][]>;
      TRAIN_MLP_LIVE(
        [["3,1"]],
        X,
        Y,
        5,
        "sgd",
        0.5,
        NONE,
        NONE,
        NONE,
        NONE,
        NONE,
        NONE,
        NONE,
        NONE,
        invocation,
      );
    });
    expect(error).toBeInstanceOf(CellValueError);
    expect((error as CellValueError).message).toBe("layers[0] is 3 but the training data has 2 inputs");
  });

  test("bad networks are #VALUE! with the engine's message", async () => {
    await expect(TRAIN_MLP([["2,x,1"]], X, Y)).rejects.toThrow(
      'layers must be sizes separated by commas, such as "2,4,1", got "2,x,1"',
    );
    await expect(TRAIN_MLP([["3,1"]], X, Y)).rejects.toThrow("X has 2 columns but layers[0] is 3");
    // run mode (epochs ≥ 1) fails inside the async run, with the training loop's message
    const run = TRAIN_MLP([["3,1"]], X, Y, NONE, "sgd", 0.5, 5);
    await expect(run).rejects.toBeInstanceOf(CellValueError);
    await expect(run).rejects.toThrow("layers[0] is 3 but the training data has 2 inputs");
    expect(messageOf(() => MLP_PREDICT([["2,1"]], [[1, 2]], X))).toBe(
      "params has 2 values but layers 2,1 has 3",
    );
  });
});
