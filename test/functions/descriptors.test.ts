/**
 * The cell function descriptors are the one description of each function: the committed JSDoc shells are
 * what they generate, Excel's metadata says what they say, the step functions' arguments are the optimizer
 * registry's hyper-parameters in order, and the HyperFormula plugin registers them.
 */
import { describe, expect, test } from "@jest/globals";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SHELLS_FILE, functionShellsSource } from "../../scripts/function-shells";
import { getOptimizer } from "../../src/engine/optim";
import { layoutArguments } from "../../src/functions/cell-function";
import { CELL_FUNCTIONS } from "../../src/functions/cell-functions";
import * as functions from "../../src/functions/functions";
import { STEP_FUNCTIONS } from "../../src/functions/step-table";
import { GD_FUNCTION_NAMES } from "../../src/workbench/hyperformula-plugin";

/* global __dirname */
const ROOT = join(__dirname, "..", "..");

test("functions.ts is what the descriptors generate (run `npm run functions:shells` after changing them)", () => {
  const file = join(ROOT, SHELLS_FILE);
  expect(readFileSync(file, "utf8")).toBe(functionShellsSource(CELL_FUNCTIONS, file));
});

test("every descriptor is an exported shell, in order", () => {
  expect(CELL_FUNCTIONS.map((fn) => fn.name)).toEqual(Object.keys(functions));
});

test("the metadata generator reads each descriptor's parameters: names, types, ranges, optionality", async () => {
  const result = await generateCustomFunctionsMetadata(join(ROOT, SHELLS_FILE), false);
  expect(result.errors).toEqual([]);
  const metadata = JSON.parse(result.metadataJson) as {
    functions: {
      id: string;
      description?: string;
      parameters: {
        name: string;
        type?: string;
        dimensionality?: string;
        optional?: boolean;
        repeating?: boolean;
      }[];
      options?: { cancelable?: boolean; stream?: boolean };
    }[];
  };
  expect(metadata.functions.map((f) => f.id)).toEqual(CELL_FUNCTIONS.map((fn) => fn.name));
  for (const fn of CELL_FUNCTIONS) {
    const entry = metadata.functions.find((f) => f.id === fn.name);
    expect(entry?.description).toBe(fn.description);
    expect(
      entry?.parameters.map((p) => [
        p.name,
        p.type ?? "any",
        p.dimensionality ?? "scalar",
        p.optional ?? false,
        p.repeating ?? false,
      ]),
    ).toEqual(
      fn.params.map((p) => [
        p.name,
        p.type,
        p.shape === "value" || p.shape === "repeating-value" ? "scalar" : "matrix",
        p.optional,
        p.shape.startsWith("repeating"),
      ]),
    );
    expect(entry?.options?.cancelable ?? false).toBe(fn.invocation?.kind === "cancelable");
    expect(entry?.options?.stream ?? false).toBe(fn.invocation?.kind === "streaming");
  }
});

describe("step functions", () => {
  const extras: Record<string, string[]> = {
    GD_STEP: ["variant"],
    ADAM_STEP: ["decoupled"],
    ADAGRAD_STEP: [],
    ADADELTA_STEP: [],
    RMSPROP_STEP: [],
  };
  test.each(Object.entries(STEP_FUNCTIONS))(
    "%s takes its optimizer's hyper-parameters in the registry's order",
    (name, table) => {
      const spec = getOptimizer(table.optimizer);
      expect(table.args).toEqual([...spec.hyperNames, ...(extras[name] ?? [])]);
      const descriptor = CELL_FUNCTIONS.find((fn) => fn.name === name);
      expect(descriptor?.params.map((p) => p.name)).toEqual(["params", "grads", "state", ...table.args]);
      // Switches are the registry's boolean hyper-parameters (and ADAM_STEP's decoupled).
      const booleans = descriptor?.params.filter((p) => p.type === "boolean").map((p) => p.name);
      expect(booleans).toEqual(table.switches);
    },
  );

  test("GD_STEP's arguments are sgd's hyperNames: weight_decay before nesterov", () => {
    expect(getOptimizer("sgd").hyperNames).toEqual([
      "lr",
      "momentum",
      "dampening",
      "weight_decay",
      "nesterov",
    ]);
  });
});

test("layout arguments: what must be typed literally for HyperFormula, per function", () => {
  const layout = Object.fromEntries(
    CELL_FUNCTIONS.map((fn) => [fn.name, layoutArguments(fn)] as const).filter(([, args]) => args.length > 0),
  );
  expect(layout).toEqual({
    GD_STEP: ["momentum", "variant"],
    ADAM_STEP: ["amsgrad"],
    RMSPROP_STEP: ["momentum", "centered"],
    OPTIM_STEP: ["optimizer", "options"],
    STEP_HEADERS: ["optimizer", "options"],
    JACOBIAN: ["formulas"],
    TRAIN_MLP: ["layers", "optimizer", "epochs", "result", "options"],
    TRAIN_MLP_LIVE: ["layers", "optimizer", "options"],
    TRAIN_HEADERS: ["layers", "optimizer", "options"],
    MLP_PREDICT: ["layers"],
  });
});

test("the workbench registers every descriptor HyperFormula can run (all but the streaming one)", () => {
  expect(GD_FUNCTION_NAMES).toEqual(
    CELL_FUNCTIONS.filter((fn) => fn.invocation?.kind !== "streaming").map((fn) => `GD.${fn.name}`),
  );
});
