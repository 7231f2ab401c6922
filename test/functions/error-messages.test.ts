/**
 * Every message the cell layer builds, asserted word for word through the custom functions (the Node path:
 * no CustomFunctions global, so failures are CellValueError with code "#VALUE!"). The messages come from
 * shared helpers (coercion.ts) with the argument's name filled in, so the table lists the argument of each
 * function that produces them: a reader searching for the text of a #VALUE! cell finds the case here.
 * Found untested by scripts/audit-error-messages.ts, or untested for that argument.
 */
import { describe, expect, test } from "@jest/globals";
import {
  ADAM_STEP,
  GD_STEP,
  GRAD,
  GRADCHECK,
  JACOBIAN,
  LOSS,
  LR_DECAY,
  MLP_PREDICT,
  OPTIM_STEP,
  RMSPROP_STEP,
  STEP_HEADERS,
  TRAIN_HEADERS,
  TRAIN_MLP,
} from "../../src/functions/functions";
import { CellValueError } from "../../src/functions/excel-errors";
import { stepFunctionCells } from "../../src/functions/optimizer-cells";

const NONE = null as any;

function cellMessage(body: () => unknown): string {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(CellValueError);
    expect((error as CellValueError).code).toBe("#VALUE!");
    return (error as Error).message;
  }
  throw new Error("expected a #VALUE! error");
}

async function asyncCellMessage(body: () => Promise<unknown>): Promise<string> {
  try {
    await body();
  } catch (error) {
    expect(error).toBeInstanceOf(CellValueError);
    return (error as Error).message;
  }
  throw new Error("expected a #VALUE! error");
}

const P = [[1, 2]];
const G = [[0.5, -1]];
const X = [
  [0, 1],
  [1, 0],
];
const Y = [[1], [1]];

describe("required and single-value arguments, by function", () => {
  test.each<[string, () => unknown, string]>([
    ["OPTIM_STEP optimizer omitted", () => OPTIM_STEP(NONE, P, G), "optimizer is required"],
    ["STEP_HEADERS optimizer blank", () => STEP_HEADERS("", [["a"]]), "optimizer is required"],
    ["OPTIM_STEP optimizer a number", () => OPTIM_STEP(5 as any, P, G), "optimizer must be text, got 5"],
    ["GRAD formula omitted", () => GRAD(NONE, [["a"]], [[1]]), "formula is required"],
    ["LOSS formula a number", () => LOSS(3 as any, [["a"]], [[1]]), "formula must be text, got 3"],
    ["LR_DECAY lr omitted", () => LR_DECAY(NONE, 1, "step"), "lr is required"],
    ["LR_DECAY step omitted", () => LR_DECAY(0.1, NONE, "step"), "step is required"],
    ["LR_DECAY schedule omitted", () => LR_DECAY(0.1, 1, NONE), "schedule is required"],
    ["LR_DECAY step as text", () => LR_DECAY(0.1, "two" as any, "step"), 'step must be a number, got "two"'],
    [
      "GD_STEP lr a range",
      () => GD_STEP(P, G, NONE, [[0.1, 0.2]] as any),
      "lr must be a single value, got 2 cells",
    ],
    [
      "GRADCHECK tolerance a range",
      () => GRADCHECK("a^2", [["a"]], [[1]], [[2]], [[1, 2, 3]] as any),
      "tolerance must be a single value, got 3 cells",
    ],
    [
      "ADAM_STEP amsgrad not a flag",
      () => ADAM_STEP(P, G, NONE, NONE, NONE, NONE, NONE, NONE, 5 as any),
      "amsgrad must be TRUE or FALSE, got 5",
    ],
    [
      "RMSPROP_STEP centered as text",
      () => RMSPROP_STEP(P, G, NONE, NONE, NONE, NONE, NONE, NONE, "yes" as any),
      'centered must be TRUE or FALSE, got "yes"',
    ],
    [
      "GD_STEP params a 2×2 block",
      () =>
        GD_STEP(
          [
            [1, 2],
            [3, 4],
          ],
          G,
        ),
      "params must be a single row or column, got 2×2 cells",
    ],
  ])("%s", (_case, body, message) => {
    expect(cellMessage(body)).toBe(message);
  });
});

describe("vectors: the 1-based position of the bad cell", () => {
  test.each<[string, () => unknown, string]>([
    ["params text", () => GD_STEP([[1, "x"]] as any, G), 'params[2] must be a number, got "x"'],
    [
      "grads an error cell",
      () => GD_STEP(P, [[{ code: "#N/A" }, 1]] as any, NONE),
      "grads[1] is the error #N/A",
    ],
    ["grads NaN", () => GD_STEP(P, [[NaN, 1]], NONE), "grads[1] must be a finite number, got NaN"],
    ["state TRUE", () => GD_STEP(P, G, [[true, 1]]), "state[1] must be a number, got TRUE"],
    [
      "values Infinity",
      () => GRAD("a+b", [["a,b"]], [[1, Infinity]]),
      "values[2] must be a finite number, got Infinity",
    ],
    [
      "a data range with a HyperFormula error",
      () => LOSS("SUM(x)", [["a"]], [[1]], [["x"]], [[[1], [{ type: "DIV_BY_ZERO" }]]] as any),
      "x[2] is the error #DIV_BY_ZERO!",
    ],
    ["params empty", () => GD_STEP([] as any, [] as any), "params has no values"],
    // Not something Excel sends, but a caller of the functions might: described, not printed as "2,3".
    [
      "a cell holding a list",
      () => GD_STEP([[1, [2, 3]]] as any, G),
      "params[2] must be a number, got a list of 2 values",
    ],
    [
      "a cell holding an object",
      () => GD_STEP(P, [[{}, 1]] as any),
      "grads[1] must be a number, got an object",
    ],
    ["values empty", () => GRAD("a", [["a"]], [] as any), "values has no values"],
  ])("%s", (_case, body, message) => {
    expect(cellMessage(body)).toBe(message);
  });
});

describe("names and formulas", () => {
  test.each<[string, () => unknown, string]>([
    [
      "a name cell holding a number",
      () => GRAD("a", [["a", 5]], [[1, 2]]),
      "names[2] must be a name (text), got 5",
    ],
    [
      "a data name cell holding TRUE",
      () => GRAD("a*x", [["a"]], [[1]], [[true]], [[[1]]]),
      "data names[1] must be a name (text), got TRUE",
    ],
    ["a name twice (case-insensitive)", () => GRAD("a", [["a, A"]], [[1, 2]]), 'names lists "A" twice'],
    [
      "a variable that is also a data name",
      () => GRAD("a*x", [["a,x"]], [[1, 2]], [["x"]], [[[3]]]),
      '"x" is both a variable and a data name',
    ],
    [
      "JACOBIAN with a number among the formulas",
      () => JACOBIAN([["a", 5]], [["a"]], [[1]]),
      "formulas[2] must be a formula (text), got 5",
    ],
    [
      "JACOBIAN with only blank formula cells",
      () => JACOBIAN([[null, ""]], [["a"]], [[1]]),
      "formulas has no formulas",
    ],
    [
      "JACOBIAN with only separators",
      () => JACOBIAN(" ; ;" as any, [["a"]], [[1]]),
      "formulas has no formulas",
    ],
  ])("%s", (_case, body, message) => {
    expect(cellMessage(body)).toBe(message);
  });
});

describe("step functions called with more arguments than they take", () => {
  test("GD_STEP takes params, grads, state and 6 options: 9 arguments", () => {
    // Excel cannot pass a 10th argument (the metadata fixes the count); a direct caller can.
    expect(() => stepFunctionCells("GD_STEP", P, G, NONE, [0.1, 0, 0, 0, false, "pytorch", 1])).toThrow(
      "GD_STEP takes at most 9 arguments",
    );
  });
});

describe("TRAIN_MLP, TRAIN_HEADERS, MLP_PREDICT", () => {
  test("row mode: previous must be params and state, optionally with the loss", async () => {
    // 2,2,1 has 2·2 + 2 + 2·1 + 1 = 9 params; plain SGD keeps only t: 10 cells, or 11 with the loss.
    expect(await asyncCellMessage(() => TRAIN_MLP([["2,2,1"]], X, Y, [[1, 2, 3]], "sgd"))).toBe(
      "previous has 3 values but layers 2,2,1 with sgd need 10 (params and state) or 11 (with the loss)",
    );
  });

  test("run mode: previous (initial params) must hold at least the 9 params", async () => {
    expect(await asyncCellMessage(() => TRAIN_MLP([["2,2,1"]], X, Y, [[1, 2, 3]], "sgd", 0.5, 2))).toBe(
      "previous has 3 values but layers 2,2,1 need 9",
    );
  });

  test('run mode: result is "loss" or "params"', async () => {
    const run = () =>
      TRAIN_MLP([["2,2,1"]], X, Y, NONE, "sgd", 0.5, 1, NONE, NONE, NONE, NONE, NONE, "Weights");
    expect(await asyncCellMessage(run)).toBe('result must be "loss" or "params", got "weights"');
  });

  test.each<[string, () => unknown, string]>([
    [
      "activation a number",
      () => MLP_PREDICT([["2,1"]], [[1, 2, 3]], [[1, 1]], 1 as any),
      "activation must be text, got 1",
    ],
    [
      "output TRUE",
      () => MLP_PREDICT([["2,1"]], [[1, 2, 3]], [[1, 1]], NONE, true as any),
      "output must be text, got TRUE",
    ],
    [
      "layers with a gap",
      () => TRAIN_HEADERS([["2,,1"]]),
      'layers must be sizes separated by commas, such as "2,4,1", got "2,,1"',
    ],
    [
      "options that are not name=value",
      () => TRAIN_HEADERS([["2,1"]], "sgd", "momentum"),
      'options: "momentum" is not name=value',
    ],
    [
      "an option value that is not a number",
      () => TRAIN_HEADERS([["2,1"]], "sgd", "momentum=lots"),
      'options: momentum must be a number, got "lots"',
    ],
  ])("%s", (_case, body, message) => {
    expect(cellMessage(body)).toBe(message);
  });

  test("X row cells name their row and column", async () => {
    expect(
      await asyncCellMessage(() =>
        TRAIN_MLP(
          [["2,1"]],
          [
            [0, 1],
            [1, NaN],
          ],
          Y,
          NONE,
          "sgd",
        ),
      ),
    ).toBe("X row 2[2] must be a finite number, got NaN");
  });

  test("schedule_options are checked like options", async () => {
    const row = () =>
      TRAIN_MLP(
        [["2,1"]],
        X,
        Y,
        NONE,
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
        "gamma",
      );
    expect(await asyncCellMessage(row)).toBe('schedule_options: "gamma" is not name=value');
  });
});

describe("TRAIN_MLP's optional arguments, one message per argument", () => {
  // TRAIN_MLP(layers, X, Y, previous, optimizer, lr, epochs, batch, seed, activation, output, loss, result,
  //           options, schedule, schedule_options): put `value` in argument `index` (0-based), the rest valid.
  const withArgument = (index: number, value: unknown, runMode = false) => {
    const args: unknown[] = [
      [["2,1"]],
      X,
      Y,
      NONE,
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
      NONE,
      NONE,
    ];
    if (runMode) args[6] = 1; // batch and result are read in run mode (epochs >= 1) only
    if (index === 15) args[14] = "step"; // schedule_options are read when a schedule is named
    args[index] = value;
    return () => (TRAIN_MLP as (...a: unknown[]) => Promise<unknown>)(...args);
  };

  test.each<[string, number, unknown, string]>([
    ["lr as text", 5, "fast", 'lr must be a number, got "fast"'],
    ["epochs a range", 6, [[1, 2]], "epochs must be a single value, got 2 cells"],
    ["epochs as text", 6, "ten", 'epochs must be a number, got "ten"'],
    ["batch TRUE (run mode)", 7, true, "batch must be a number, got TRUE"],
    ["seed an error cell", 8, { code: "#REF!" }, "seed is the error #REF!"],
    ["loss a number", 11, 2, "loss must be text, got 2"],
    ["result a number (run mode)", 12, 1, "result must be text, got 1"],
    ["options a number", 13, 3, "options must be text, got 3"],
    ["schedule a number", 14, 7, "schedule must be text, got 7"],
    ["schedule_options a number", 15, 1, "schedule_options must be text, got 1"],
    [
      "optimizer unknown",
      4,
      "adamx",
      'Unknown optimizer "adamx"; expected one of sgd, adagrad, adadelta, rmsprop, adam, adamw, momentum_ewa, sgd_l2, adamax, nadam, radam, rprop, asgd, lion, eve',
    ],
  ])("%s", async (name, index, value, message) => {
    expect(await asyncCellMessage(withArgument(index, value, name.endsWith("(run mode)")))).toBe(message);
  });

  test("layers from a row of cells: each size is a number", () => {
    expect(cellMessage(() => TRAIN_HEADERS([[2, "four", 1]]))).toBe('layers[2] must be a number, got "four"');
  });

  test("Y cells name their row and column", async () => {
    expect(await asyncCellMessage(() => TRAIN_MLP([["2,1"]], X, [[1], ["no"]] as any, NONE, "sgd"))).toBe(
      'Y row 2[1] must be a number, got "no"',
    );
  });
});
