import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@jest/globals";
import {
  FIELD_NAMES,
  cliName,
  configToForm,
  parseOptions,
  parseTrainForm,
  type FormValues,
} from "../../src/taskpane/config-form";
import { PRESETS, PRESET_NAMES } from "../../src/taskpane/presets";
import { checkTrainConfig } from "../../src/taskpane/engine-choices";

const networkPy = (): FormValues => configToForm(PRESETS["network.py"]);

function errorsOf(values: Partial<FormValues>): string[] {
  const result = parseTrainForm({ ...networkPy(), ...values });
  if (result.ok) return [];
  return result.errors.map((e) => `${e.field}: ${e.message}`);
}

test("every preset survives form → config unchanged", () => {
  for (const name of PRESET_NAMES) {
    const result = parseTrainForm(configToForm(PRESETS[name]));
    expect(result).toEqual({ ok: true, config: PRESETS[name] });
  }
});

test("the presets are the published recipes", () => {
  // network.py: [784,30,10], sigmoid, quadratic, SGD η = 3, batch 10, 30 epochs, N(0,1) init.
  expect(PRESETS["network.py"]).toMatchObject({
    layers: [784, 30, 10],
    loss: "quadratic",
    init: "normal",
    optimizer: "sgd",
    lr: 3,
    batch: 10,
    epochs: 30,
    lambda: 0,
  });
  // network2.py: cross-entropy, η = 0.5, λ = 5.0, N(0, 1/n_in).
  expect(PRESETS["network2.py"]).toMatchObject({
    loss: "cross-entropy",
    lr: 0.5,
    lambda: 5,
    init: "scaled-normal",
  });
  expect(PRESETS["modern (ReLU+Adam)"]).toMatchObject({
    activation: "relu",
    output: "softmax",
    optimizer: "adam",
  });
});

test("the modern preset is README's modern command, option by option (epochs 20)", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  const command = /npm run train -- (--layers 784,100,10[^#]*)# modern/.exec(readme)?.[1] ?? "";
  const options = Object.fromEntries(
    [...command.replace(/\\\n/g, " ").matchAll(/--([a-z-]+) (\S+)/g)].map((m) => [m[1], m[2]]),
  );
  expect(Object.keys(options)).toHaveLength(9);
  const preset = configToForm(PRESETS["modern (ReLU+Adam)"]);
  for (const [option, value] of Object.entries(options)) {
    const field = FIELD_NAMES.find((f) => cliName(f) === option);
    expect([option, field && preset[field]]).toEqual([option, value]);
  }
  expect(options["epochs"]).toBe("20");
});

test("field labels are the CLI's option names", () => {
  expect(FIELD_NAMES.map(cliName)).toEqual([
    "layers",
    "activation",
    "output",
    "loss",
    "init",
    "optimizer",
    "lr",
    "opt",
    "schedule",
    "schedule-opt",
    "lambda",
    "epochs",
    "batch",
    "seed",
    "train-limit",
    "progress-every",
  ]);
});

test.each([
  [
    { layers: "784,x,10" },
    'layers: layers must be sizes separated by commas, such as "2,4,1", got "784,x,10"',
  ],
  [{ layers: "784" }, "layers: layers needs at least 2 sizes (input, output), got 1"],
  [{ layers: "100,30,10" }, "layers: layers must start with 784 (MNIST pixels), got 100"],
  [{ layers: "784,30,9" }, "layers: layers must end with 10 (digits), got 9"],
  [{ activation: "gelu" }, 'activation: activation must be one of sigmoid, tanh, relu, got "gelu"'],
  [{ loss: "hinge" }, 'loss: loss must be one of quadratic, cross-entropy, got "hinge"'],
  [{ lr: "-1" }, "lr: lr must be > 0, got -1"],
  [{ lr: "" }, "lr: lr is required"],
  [{ lr: "fast" }, 'lr: lr must be a number, got "fast"'],
  [{ lambda: "-0.5" }, "lambda: lambda must be >= 0, got -0.5"],
  [{ epochs: "1.5" }, "epochs: epochs must be an integer >= 1, got 1.5"],
  [{ batch: "0" }, "batch: batch must be an integer >= 1, got 0"],
  [{ seed: "-3" }, "seed: seed must be an integer >= 0, got -3"],
  [{ trainLimit: "60000" }, "trainLimit: train-limit must be at most 50000 (0 = all), got 60000"],
  [{ trainLimit: "5" }, "trainLimit: train-limit must be 0 (all) or at least batch (10), got 5"],
  [{ progressEvery: "0" }, "progressEvery: progress-every must be an integer >= 1, got 0"],
  [{ optimizerOptions: "momentum" }, 'optimizerOptions: opt: "momentum" is not name=value'],
])("%j is rejected with a clear message", (values, message) => {
  expect(errorsOf(values)).toEqual([message]);
});

test("every bad field is reported at once", () => {
  expect(errorsOf({ lr: "0", epochs: "0" })).toEqual([
    "lr: lr must be > 0, got 0",
    "epochs: epochs must be an integer >= 1, got 0",
  ]);
});

test("options parse numbers and booleans, blanks mean none", () => {
  expect(parseOptions("optimizer-options", "momentum=0.9, nesterov=true")).toEqual({
    momentum: 0.9,
    nesterov: true,
  });
  expect(parseOptions("optimizer-options", " ")).toEqual({});
  expect(() => parseOptions("optimizer-options", "eps=1e-8, eps=1")).toThrow(
    "optimizer-options sets eps twice",
  );
  expect(() => parseOptions("schedule-options", "gamma=fast")).toThrow(
    'schedule-options: gamma must be a number, got "fast"',
  );
});

test("the engine's check of optimizer and schedule lands next to the right field", () => {
  const unknownOptimizer = parseTrainForm({ ...networkPy(), optimizer: "lamb" }, checkTrainConfig);
  expect(unknownOptimizer.ok).toBe(false);
  if (!unknownOptimizer.ok) expect(unknownOptimizer.errors[0]?.field).toBe("optimizer");
  const unknownSchedule = parseTrainForm({ ...networkPy(), schedule: "sawtooth" }, checkTrainConfig);
  expect(unknownSchedule.ok).toBe(false);
  if (!unknownSchedule.ok) expect(unknownSchedule.errors[0]?.field).toBe("schedule");
  expect(parseTrainForm(networkPy(), checkTrainConfig).ok).toBe(true);
});
