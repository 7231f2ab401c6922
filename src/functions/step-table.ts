/**
 * Which engine optimizer each step function drives, and which engine hyper-parameter each of its optional
 * arguments (after params, grads, state) sets, in argument order. functions.ts, the HyperFormula plugin's
 * size predictor and docs/functions.md read the same table, so an argument cannot mean two things.
 */
import { EngineError } from "../engine/errors";

/** Argument values by argument name (already coerced; undefined = omitted or blank). */
export type StepArgs = Readonly<Record<string, number | boolean | string | undefined>>;

export interface StepSetup {
  optimizer: string;
  /** Hyper-parameters by the engine's names; absent → the engine's defaults. */
  hyper: Record<string, number | boolean | undefined>;
}

export interface StepFunctionSpec {
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
  const variant = String(args["variant"] ?? "pytorch")
    .trim()
    .toLowerCase();
  const notFor = (names: readonly string[]): void => {
    for (const name of names) {
      if (args[name] !== undefined) throw new EngineError(`${name} is not used by variant "${variant}"`);
    }
  };
  switch (variant) {
    case "":
    case "pytorch":
      return {
        optimizer: "sgd",
        hyper: numeric(args, ["lr", "momentum", "dampening", "weight_decay", "nesterov"]),
      };
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

export const STEP_FUNCTIONS = {
  GD_STEP: {
    args: ["lr", "momentum", "dampening", "weight_decay", "nesterov", "variant"],
    switches: ["nesterov"],
    setup: gdSetup,
  },
  ADAM_STEP: {
    args: ["lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad", "decoupled"],
    switches: ["amsgrad", "decoupled"],
    setup: (args) => ({
      optimizer: args["decoupled"] === true ? "adamw" : "adam",
      hyper: numeric(args, ["lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad"]),
    }),
  },
  ADAGRAD_STEP: {
    args: ["lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"],
    switches: [],
    setup: (args) => ({
      optimizer: "adagrad",
      hyper: numeric(args, ["lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"]),
    }),
  },
  ADADELTA_STEP: {
    args: ["lr", "rho", "eps", "weight_decay"],
    switches: [],
    setup: (args) => ({ optimizer: "adadelta", hyper: numeric(args, ["lr", "rho", "eps", "weight_decay"]) }),
  },
  RMSPROP_STEP: {
    args: ["lr", "alpha", "eps", "weight_decay", "momentum", "centered"],
    switches: ["centered"],
    setup: (args) => ({
      optimizer: "rmsprop",
      hyper: numeric(args, ["lr", "alpha", "eps", "weight_decay", "momentum", "centered"]),
    }),
  },
} as const satisfies Record<string, StepFunctionSpec>;

export type StepFunctionName = keyof typeof STEP_FUNCTIONS;
