/**
 * One grammar for options text and layer sizes: the same text gives the same configuration — or the same
 * message, naming the input as each front end spells it — in a cell (OPTIM_STEP / TRAIN_MLP's `options`),
 * the task pane's form (its `opt` field) and the command line (`--opt`).
 */
import { describe, expect, test } from "@jest/globals";
import { parseTrainArgs } from "../src/cli/args";
import { optionsText } from "../src/functions/coercion";
import { CellValueError } from "../src/functions/excel-errors";
import { OPTIM_STEP, TRAIN_HEADERS } from "../src/functions/functions";
import { layerSizes } from "../src/functions/mlp-cells";
import { configToForm, parseLayers, parseTrainForm, type FormValues } from "../src/taskpane/config-form";
import { PRESETS } from "../src/taskpane/presets";

const form = (values: Partial<FormValues>): FormValues => ({
  ...configToForm(PRESETS["network.py"]),
  ...values,
});

/** Each front end's result for options text: the options, or the message with its own name for the input. */
const FRONT_ENDS: Record<string, (text: string) => unknown> = {
  cell: (text) => optionsText("options", [[text]]),
  pane: (text) => {
    const result = parseTrainForm(form({ optimizerOptions: text }));
    if (result.ok) return result.config.optimizerOptions;
    const error = result.errors.find((e) => e.field === "optimizerOptions");
    throw new Error(error?.message ?? JSON.stringify(result.errors));
  },
  cli: (text) => parseTrainArgs(["--opt", text]).config.optimizerOptions ?? {},
};
const LABEL: Record<string, string> = { cell: "options", pane: "opt", cli: "--opt" };

const ACCEPTED: [string, Record<string, number | boolean>][] = [
  ["Momentum=0.9; nesterov=TRUE", { momentum: 0.9, nesterov: true }],
  ["momentum=0.9, nesterov=true", { momentum: 0.9, nesterov: true }],
  [" beta1 = .8 ;amsgrad=False ", { beta1: 0.8, amsgrad: false }],
  ["eps=1e-8", { eps: 1e-8 }],
  ["weight_decay=-0", { weight_decay: -0 }],
];

const REFUSED: [string, string][] = [
  ["momentum", `LABEL: "momentum" is not name=value`],
  ["momentum=lots", `LABEL: momentum must be a number, got "lots"`],
  ["momentum=0x1", `LABEL: momentum must be a decimal number, got "0x1"`],
  ["__proto__=1", "LABEL: __proto__ cannot be an option name"],
  ["eps=1, EPS=2", "LABEL sets eps twice"],
];

function outcome(body: () => unknown): { value?: unknown; message?: string } {
  try {
    return { value: body() };
  } catch (error) {
    return { message: (error as Error).message };
  }
}

describe.each(Object.keys(FRONT_ENDS))("options text in the %s", (end) => {
  const parse = FRONT_ENDS[end] as (text: string) => unknown;
  test.each(ACCEPTED)("%j", (text, expected) => {
    expect(outcome(() => parse(text))).toEqual({ value: expected });
  });
  test.each(REFUSED)("%j is refused", (text, message) => {
    expect(outcome(() => parse(text))).toEqual({ message: message.replace("LABEL", LABEL[end] as string) });
  });
});

test("a cell step with options text moves as the options say (hand-derived SGD with Nesterov momentum)", () => {
  // SGD, first step, lr 0.1, momentum 0.9, nesterov: buf = g; g' = g + 0.9·buf = 1.9g; p ← p − 0.1·1.9g.
  const row = OPTIM_STEP("sgd", [[1, 2]], [[0.5, -1]], null as never, 0.1, "Momentum=0.9; nesterov=TRUE");
  expect(row[0]?.[0]).toBeCloseTo(1 - 0.1 * 1.9 * 0.5, 12);
  expect(row[0]?.[1]).toBeCloseTo(2 + 0.1 * 1.9, 12);
});

describe("layer sizes", () => {
  test("the same text gives the same sizes", () => {
    expect(layerSizes([["784, 30,10"]])).toEqual([784, 30, 10]);
    expect(parseLayers("784, 30,10")).toEqual([784, 30, 10]);
    expect(parseTrainArgs(["--layers", "784, 30,10"]).config.layers).toEqual([784, 30, 10]);
  });

  test.each(["0x2,3,1", "2,,1"])("%j is refused by all three with one message", (text) => {
    const message = `must be sizes separated by commas, such as "2,4,1", got ${JSON.stringify(text)}`;
    expect(outcome(() => TRAIN_HEADERS([[text]]))).toEqual({ message: `layers ${message}` });
    try {
      TRAIN_HEADERS([[text]]);
    } catch (error) {
      expect(error).toBeInstanceOf(CellValueError);
    }
    expect(outcome(() => parseLayers(text))).toEqual({ message: `layers ${message}` });
    expect(outcome(() => parseTrainArgs(["--layers", text]))).toEqual({ message: `--layers ${message}` });
  });
});
