/**
 * Which engine optimizer each step function drives, and which engine hyper-parameter each of its optional
 * arguments (after params, grads, state) sets, in argument order: the optimizer registry's hyperNames, then
 * the function's own extra arguments. The step functions' descriptors (step-functions.ts), the HyperFormula
 * plugin's size predictor and docs/functions.md read the same table, so an argument cannot mean two things.
 */
import { EngineError } from "../engine/errors";
import { getOptimizer } from "../engine/optim";
import { optionalText } from "./coercion";

/** Argument values by argument name (already coerced; undefined = omitted or blank). */
export type StepArgs = Readonly<Record<string, number | boolean | string | undefined>>;

export interface StepSetup {
  optimizer: string;
  /** Hyper-parameters by the engine's names; absent → the engine's defaults. */
  hyper: Record<string, number | boolean | undefined>;
}

export interface StepFunctionSpec {
  /** The engine optimizer whose hyper-parameters the arguments are (the registry gives their order). */
  readonly optimizer: string;
  /** The optional arguments after params, grads, state, in order. */
  readonly args: readonly string[];
  /** The arguments that are switches (TRUE/FALSE or 1/0), read as such before setup sees them. */
  readonly switches: readonly string[];
  /** The engine optimizer and its hyper-parameters for these argument values. */
  setup(args: StepArgs): StepSetup;
}

function numeric(args: StepArgs, names: readonly string[]): Record<string, number | boolean | undefined> {
  const hyper: Record<string, number | boolean | undefined> = {};
  for (const name of names) {
    const value = args[name];
    if (typeof value === "string") throw new EngineError(`${name} must be a number, got "${value}"`);
    hyper[name] = value;
  }
  return hyper;
}

/**
 * GD_STEP's `variant`: "pytorch" (default) is torch.optim.SGD (v ← μv + (1 − dampening)g, weight decay added
 * to the gradient); "ewa" is textbook momentum as an exponentially weighted average (engine momentum_ewa:
 * v ← βv + (1 − β)g with β = the momentum argument); "l2" is Nielsen's textbook L2 (engine sgd_l2:
 * w ← (1 − ηλ)w − ηg with λ = the weight_decay argument and n = 1).
 */
export const SGD_VARIANTS = ["pytorch", "ewa", "l2"] as const;

function gdSetup(args: StepArgs): StepSetup {
  const variant = (optionalText("variant", args["variant"]) ?? "pytorch").trim().toLowerCase();
  const notFor = (names: readonly string[]): void => {
    for (const name of names) {
      if (args[name] !== undefined) throw new EngineError(`${name} is not used by variant "${variant}"`);
    }
  };
  switch (variant) {
    case "":
    case "pytorch":
      return { optimizer: "sgd", hyper: numeric(args, getOptimizer("sgd").hyperNames) };
    case "ewa":
      notFor(["dampening", "weight_decay", "nesterov"]);
      return {
        optimizer: "momentum_ewa",
        hyper: { ...numeric(args, ["lr"]), beta: numeric(args, ["momentum"])["momentum"] },
      };
    case "l2":
      notFor(["momentum", "dampening", "nesterov"]);
      return {
        optimizer: "sgd_l2",
        hyper: { ...numeric(args, ["lr"]), lambda: numeric(args, ["weight_decay"])["weight_decay"], n: 1 },
      };
    default:
      throw new EngineError(`variant must be one of ${SGD_VARIANTS.join(", ")}, got "${variant}"`);
  }
}

/** A step function's table: the optimizer's hyper-parameters in the registry's order, then `extra` arguments. */
function stepTable(
  optimizer: string,
  extra: readonly { name: string; isSwitch: boolean }[],
  setup: (args: StepArgs, hyperNames: readonly string[]) => StepSetup,
): StepFunctionSpec {
  const spec = getOptimizer(optimizer);
  const switches = spec.hyperNames.filter((name) => typeof spec.defaults[name] === "boolean");
  return {
    optimizer,
    args: [...spec.hyperNames, ...extra.map((e) => e.name)],
    switches: [...switches, ...extra.filter((e) => e.isSwitch).map((e) => e.name)],
    setup: (args) => setup(args, spec.hyperNames),
  };
}

const plain = (optimizer: string) => (args: StepArgs, names: readonly string[]) => ({
  optimizer,
  hyper: numeric(args, names),
});

export const STEP_FUNCTIONS = {
  GD_STEP: stepTable("sgd", [{ name: "variant", isSwitch: false }], gdSetup),
  ADAM_STEP: stepTable("adam", [{ name: "decoupled", isSwitch: true }], (args, names) => ({
    optimizer: args["decoupled"] === true ? "adamw" : "adam",
    hyper: numeric(args, names),
  })),
  ADAGRAD_STEP: stepTable("adagrad", [], plain("adagrad")),
  ADADELTA_STEP: stepTable("adadelta", [], plain("adadelta")),
  RMSPROP_STEP: stepTable("rmsprop", [], plain("rmsprop")),
} as const satisfies Record<string, StepFunctionSpec>;

export type StepFunctionName = keyof typeof STEP_FUNCTIONS;
