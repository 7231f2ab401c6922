/**
 * The step functions' descriptors: GD_STEP … RMSPROP_STEP (one optimizer each, arguments in the registry's
 * hyper-parameter order, from step-table.ts), OPTIM_STEP (any optimizer by name) and STEP_HEADERS.
 */
import { optional, param, row, type CellFunction, type CellParam, type ShapeArgs } from "./cell-function";
import { OPTIMIZER_NAMES } from "../engine/optim";
import { nameList, requiredText } from "./coercion";
import {
  hyperFromOptions,
  optimizerHeaders,
  optimizerRowWidth,
  optimizerStepCells,
  stepFunctionCells,
  stepFunctionSetup,
} from "./optimizer-cells";
import { spillRow } from "./spill-layout";
import { STEP_FUNCTIONS, type StepFunctionName } from "./step-table";

const PARAMS = param("params", "number", "Current parameters: one row or column.", { shape: "range" });
const GRADS = param("grads", "number", "Gradient of the loss at params, same length as params.", {
  shape: "range",
});
const STATE = (description: string) => optional("state", "any", description, { shape: "range" });
const STEP_RETURNS = "One row: new params, then the state for the next row.";

interface StepFunctionText {
  description: string;
  /** params, grads, state as this function describes them. */
  leading: readonly CellParam[];
  /** One description per argument of the step table (the optimizer's hyper-parameters, then extras). */
  args: Readonly<Record<string, string>>;
  /** The arguments that change the row's layout (switch a state buffer on or off). */
  layout: readonly string[];
  returns?: string;
}

/** A step function's descriptor: its arguments are the step table's, in order, each described once here. */
function stepFunction(name: StepFunctionName, text: StepFunctionText): CellFunction {
  const table = STEP_FUNCTIONS[name];
  const optionalArgs = table.args.map((arg) => {
    const description = text.args[arg];
    if (description === undefined) throw new Error(`${name}: no description for argument ${arg}`);
    const type = (table.switches as readonly string[]).includes(arg)
      ? "boolean"
      : arg === "variant"
        ? "string"
        : "number";
    return optional(arg, type, description, { layout: text.layout.includes(arg) });
  });
  return {
    name,
    description: text.description,
    params: [...text.leading, ...optionalArgs],
    resultType: "number[][]",
    returns: text.returns ?? STEP_RETURNS,
    run: (a) =>
      stepFunctionCells(
        name,
        a["params"],
        a["grads"],
        a["state"],
        table.args.map((arg) => a[arg]),
      ),
    shape: (a: ShapeArgs) => {
      const { optimizer, hyper } = stepFunctionSetup(
        name,
        table.args.map((arg) => a.literal(arg)),
      );
      return row(optimizerRowWidth(optimizer, a.cells("params"), hyper));
    },
  };
}

export const GD_STEP = stepFunction("GD_STEP", {
  description:
    "One SGD step (plain, momentum, Nesterov, dampening, weight decay): new params, momentum buffer, t.",
  leading: [
    param(
      "params",
      "number",
      "Current parameters: one row or column (the previous row's spill, or the initial values).",
      { shape: "range" },
    ),
    param(
      "grads",
      "number",
      "Gradient of the loss at params, same length as params (hand-derived cells or GD.GRAD).",
      {
        shape: "range",
      },
    ),
    STATE("Optimizer state from the previous row's spill: buffers then t. Blank on the first row."),
  ],
  args: {
    lr: "Learning rate η (default: the engine's SGD default).",
    momentum: "Momentum μ (default 0: plain gradient descent).",
    dampening: "Dampening of the momentum buffer (default 0).",
    weight_decay: "L2 penalty λ added to the gradient (default 0).",
    nesterov: "TRUE for Nesterov momentum (default FALSE).",
    variant:
      '"pytorch" (default), "ewa" (momentum as a weighted average: v ← βv + (1−β)g), or "l2" (textbook L2: w ← (1−ηλ)w − ηg).',
  },
  layout: ["momentum", "variant"],
});

export const ADAM_STEP = stepFunction("ADAM_STEP", {
  description:
    "One Adam step (also AMSGrad and AdamW): new params, first moments m, second moments v, [vmax], t.",
  leading: [PARAMS, GRADS, STATE("Previous row's state (m, v, [vmax], t). Blank on the first row.")],
  args: {
    lr: "Learning rate (default 0.001).",
    beta1: "Decay of the first moment (default 0.9).",
    beta2: "Decay of the second moment (default 0.999).",
    eps: "Added to the denominator (default 1e-8).",
    weight_decay:
      "Weight decay (default 0; with decoupled TRUE this is AdamW's decoupled decay, default 0.01).",
    amsgrad: "TRUE for AMSGrad: keeps the running maximum of v (default FALSE).",
    decoupled: "TRUE for AdamW (decoupled weight decay).",
  },
  layout: ["amsgrad"],
  returns: "One row: new params, then m, v, [vmax], t.",
});

export const ADAGRAD_STEP = stepFunction("ADAGRAD_STEP", {
  description: "One AdaGrad step: new params, the sum of squared gradients, t.",
  leading: [PARAMS, GRADS, STATE("Previous row's state (sums of squares, t). Blank on the first row.")],
  args: {
    lr: "Learning rate (default 0.01).",
    lr_decay: "Learning-rate decay: η / (1 + (t−1)·lr_decay) (default 0).",
    weight_decay: "L2 penalty added to the gradient (default 0).",
    initial_accumulator_value: "Starting value of the sums (default 0).",
    eps: "Added to the denominator (default 1e-10).",
  },
  layout: [],
});

export const ADADELTA_STEP = stepFunction("ADADELTA_STEP", {
  description: "One AdaDelta step: new params, the averages of squared gradients and squared updates, t.",
  leading: [PARAMS, GRADS, STATE("Previous row's state. Blank on the first row.")],
  args: {
    lr: "Scale of the update (default 1).",
    rho: "Decay of the running averages (default 0.9).",
    eps: "Added inside the square roots (default 1e-6).",
    weight_decay: "L2 penalty added to the gradient (default 0).",
  },
  layout: [],
});

export const RMSPROP_STEP = stepFunction("RMSPROP_STEP", {
  description: "One RMSProp step (optionally centred, with momentum): new params, the state, t.",
  leading: [PARAMS, GRADS, STATE("Previous row's state. Blank on the first row.")],
  args: {
    lr: "Learning rate (default 0.01).",
    alpha: "Smoothing constant of the squared-gradient average (default 0.99).",
    eps: "Added to the denominator (default 1e-8).",
    weight_decay: "L2 penalty added to the gradient (default 0).",
    momentum: "Momentum (default 0).",
    centered: "TRUE to divide by the estimated variance instead of the second moment (default FALSE).",
  },
  layout: ["momentum", "centered"],
});

const OPTIMIZER = (description: string) => param("optimizer", "string", description, { layout: true });

export const OPTIM_STEP: CellFunction = {
  name: "OPTIM_STEP",
  description:
    'One step of any optimizer in the engine\'s registry, by name, with hyper-parameters as "name=value" text.',
  params: [
    OPTIMIZER(`Optimizer name: ${OPTIMIZER_NAMES.map((name) => `"${name}"`).join(", ")}.`),
    PARAMS,
    GRADS,
    STATE("Previous row's state. Blank on the first row."),
    optional("lr", "number", "Learning rate (default: the optimizer's)."),
    optional("options", "string", 'Other hyper-parameters as text, e.g. "momentum=0.9, nesterov=true".', {
      layout: true,
    }),
    optional(
      "loss",
      "number",
      "The loss at params: Eve's step needs it (it compares successive losses); others ignore it.",
    ),
  ],
  resultType: "number[][]",
  returns: STEP_RETURNS,
  run: (a) =>
    optimizerStepCells(
      requiredText("optimizer", a["optimizer"]),
      a["params"],
      a["grads"],
      a["state"],
      hyperFromOptions(a["lr"], a["options"]),
      a["loss"],
    ),
  shape: (a) =>
    row(
      optimizerRowWidth(
        requiredText("optimizer", a.literal("optimizer")),
        a.cells("params"),
        hyperFromOptions(a.literal("lr"), a.literal("options")),
      ),
    ),
};

/** The names a STEP_HEADERS call labels: typed names are counted as the function reads them. */
function namesCount(a: ShapeArgs): number {
  const literal = a.literal("names");
  return typeof literal === "string" ? nameList("names", literal).length : a.cells("names");
}

export const STEP_HEADERS: CellFunction = {
  name: "STEP_HEADERS",
  description:
    'Column labels for a step function\'s spill, e.g. ("adam", "a,b") → a, b, m_a, m_b, v_a, v_b, t.',
  params: [
    OPTIMIZER('Optimizer name, e.g. "sgd", "adam", "nadam", "rprop", "asgd", "lion", "eve".'),
    param("names", "any", 'Parameter names: "a,b" or a range of name cells.', { shape: "range" }),
    optional(
      "options",
      "string",
      'Hyper-parameters that change the state, as text, e.g. "momentum=0.9" or "amsgrad=true".',
      { layout: true },
    ),
  ],
  resultType: "string[][]",
  returns: "One row of labels.",
  run: (a) =>
    spillRow(
      optimizerHeaders(
        requiredText("optimizer", a["optimizer"]),
        nameList("names", a["names"]),
        hyperFromOptions(null, a["options"]),
      ),
    ),
  shape: (a) =>
    row(
      optimizerRowWidth(
        requiredText("optimizer", a.literal("optimizer")),
        namesCount(a),
        hyperFromOptions(null, a.literal("options")),
      ),
    ),
};

export const STEP_CELL_FUNCTIONS: readonly CellFunction[] = [
  GD_STEP,
  ADAM_STEP,
  ADAGRAD_STEP,
  ADADELTA_STEP,
  RMSPROP_STEP,
  OPTIM_STEP,
  STEP_HEADERS,
];
