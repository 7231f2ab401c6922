/**
 * functions.json as the build makes it: custom-functions-metadata (the generator inside
 * custom-functions-metadata-plugin) run on src/functions/functions.ts. Every exported function must appear,
 * under the same id, with its parameter list in order, the right types and optionality, and no errors.
 */
import { beforeAll, describe, expect, test } from "@jest/globals";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as functions from "../../src/functions/functions";

/* global __dirname */
const SOURCE = join(__dirname, "..", "..", "src", "functions", "functions.ts");

interface Parameter {
  name: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
  description?: string;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Parameter[];
  result: { type?: string; dimensionality?: string };
  options?: { cancelable?: boolean; stream?: boolean };
}

/** The expected parameter lists, written out: name, type ([][] = range, ... = repeating), ? = optional. */
const EXPECTED: Readonly<Record<string, string>> = {
  GD_STEP:
    "params:number[][], grads:number[][], state:any[][]?, lr:number?, momentum:number?, dampening:number?, weight_decay:number?, nesterov:boolean?, variant:string?",
  ADAM_STEP:
    "params:number[][], grads:number[][], state:any[][]?, lr:number?, beta1:number?, beta2:number?, eps:number?, weight_decay:number?, amsgrad:boolean?, decoupled:boolean?",
  ADAGRAD_STEP:
    "params:number[][], grads:number[][], state:any[][]?, lr:number?, lr_decay:number?, weight_decay:number?, initial_accumulator_value:number?, eps:number?",
  ADADELTA_STEP:
    "params:number[][], grads:number[][], state:any[][]?, lr:number?, rho:number?, eps:number?, weight_decay:number?",
  RMSPROP_STEP:
    "params:number[][], grads:number[][], state:any[][]?, lr:number?, alpha:number?, eps:number?, weight_decay:number?, momentum:number?, centered:boolean?",
  OPTIM_STEP:
    "optimizer:string, params:number[][], grads:number[][], state:any[][]?, lr:number?, options:string?, loss:number?",
  STEP_HEADERS: "optimizer:string, names:any[][], options:string?",
  GRAD: "formula:string, names:any[][], values:number[][], data_names:any[][]?, data:number[][]?...",
  LOSS: "formula:string, names:any[][], values:number[][], data_names:any[][]?, data:number[][]?...",
  JACOBIAN: "formulas:any[][], names:any[][], values:number[][], data_names:any[][]?, data:number[][]?...",
  HESSIAN: "formula:string, names:any[][], values:number[][], data_names:any[][]?, data:number[][]?...",
  GRADCHECK:
    "formula:string, names:any[][], values:number[][], grads:number[][], tolerance:number?, data_names:any[][]?, data:number[][]?...",
  LR_DECAY: "lr:number, step:number, schedule:string, params:any?...",
  NEWTON_STEP: "params:number[][], grads:number[][], hessian:number[][], damping:number?",
  LR_PLATEAU:
    "lr:number, loss:number, state:any[][]?, mode:string?, factor:number?, patience:number?, threshold:number?, threshold_mode:string?, cooldown:number?, min_lr:number?, eps:number?",
  TRAIN_MLP:
    "layers:any[][], X:number[][], Y:number[][], previous:any[][]?, optimizer:string?, lr:number?, epochs:number?, batch:number?, seed:number?, activation:string?, output:string?, loss:string?, result:string?, options:string?, schedule:string?, schedule_options:string?",
  TRAIN_MLP_LIVE:
    "layers:any[][], X:number[][], Y:number[][], epochs:number, optimizer:string?, lr:number?, batch:number?, seed:number?, activation:string?, output:string?, loss:string?, options:string?, schedule:string?, schedule_options:string?",
  TRAIN_HEADERS: "layers:any[][], optimizer:string?, options:string?",
  MLP_PREDICT: "layers:any[][], params:number[][], X:number[][], activation:string?, output:string?",
};

function signature(parameters: readonly Parameter[]): string {
  return parameters
    .map(
      (p) =>
        `${p.name}:${p.type ?? "any"}${p.dimensionality === "matrix" ? "[][]" : ""}${p.optional ? "?" : ""}${p.repeating ? "..." : ""}`,
    )
    .join(", ");
}

let metadata: FunctionMetadata[];
let errors: string[];

// Generated once before the tests, so each test stands alone (any one can run by itself, in any order).
beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE, false);
  errors = result.errors;
  metadata = (JSON.parse(result.metadataJson) as { functions: FunctionMetadata[] }).functions;
});

describe("functions.json generated from functions.ts", () => {
  test("generates without errors", () => {
    expect(errors).toEqual([]);
    expect(metadata.length).toBeGreaterThan(0);
  });

  test("lists exactly the exported functions (the required five among them)", () => {
    const exported = Object.keys(functions).sort();
    expect(metadata.map((f) => f.id).sort()).toEqual(exported);
    expect(Object.keys(EXPECTED).sort()).toEqual(exported);
    for (const required of ["GD_STEP", "ADAM_STEP", "GRADCHECK", "LR_DECAY", "TRAIN_MLP"]) {
      expect(exported).toContain(required);
    }
  });

  test("each function has the expected parameter list, a description for it and every argument, and a help URL", () => {
    for (const f of metadata) {
      expect(`${f.id}(${signature(f.parameters)})`).toBe(`${f.id}(${EXPECTED[f.id]})`);
      expect(f.name).toBe(f.id);
      expect((f.description ?? "").length).toBeGreaterThan(10);
      for (const p of f.parameters) expect((p.description ?? "").length).toBeGreaterThan(3);
      expect(f.helpUrl).toBe(`https://localhost:3000/help/functions.html#${f.id.toLowerCase()}`);
    }
  });

  test("spilling functions return matrices; TRAIN_MLP is cancelable, TRAIN_MLP_LIVE streams", () => {
    const byId = new Map(metadata.map((f) => [f.id, f]));
    for (const id of [
      "GD_STEP",
      "ADAM_STEP",
      "GRAD",
      "JACOBIAN",
      "HESSIAN",
      "GRADCHECK",
      "TRAIN_MLP",
      "STEP_HEADERS",
    ]) {
      expect(byId.get(id)?.result.dimensionality).toBe("matrix");
    }
    expect(byId.get("LR_DECAY")?.result.dimensionality ?? "scalar").toBe("scalar");
    expect(byId.get("TRAIN_MLP")?.options?.cancelable).toBe(true);
    expect(byId.get("TRAIN_MLP_LIVE")?.options?.stream).toBe(true);
  });

  test("docs/functions.md has a section for every function (the @helpurl targets)", () => {
    const docs = readFileSync(join(__dirname, "..", "..", "docs", "functions.md"), "utf8");
    for (const f of metadata) expect(docs).toContain(`<a id="${f.id.toLowerCase()}"></a>`);
  });
});
