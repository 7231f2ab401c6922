/**
 * NEWTON_STEP (a second-order step from the Hessian, e.g. GD.HESSIAN's spill) and LR_PLATEAU (PyTorch's
 * ReduceLROnPlateau as a row: the previous row's state and this epoch's loss in, the next rate and state
 * out).
 */
import { EngineError } from "../engine/errors";
import { newtonStep } from "../engine/newton";
import {
  PLATEAU_MODES,
  PLATEAU_STATE_LABELS,
  THRESHOLD_MODES,
  plateauStep,
  resolvePlateauOptions,
  type PlateauOptions,
  type PlateauState,
} from "../engine/schedules/plateau";
import { optional, param, row, type CellArgs, type CellFunction } from "./cell-function";
import {
  numberTable,
  numberVector,
  optionalNumber,
  optionalText,
  requiredNumber,
  stateVector,
} from "./coercion";
import { spillRow } from "./spill-layout";

export const NEWTON_STEP: CellFunction = {
  name: "NEWTON_STEP",
  description:
    "One Newton step: params − (H + damping·I)⁻¹·grads, by Cholesky; a Hessian that is not positive definite gets a message with the damping that fixes it.",
  params: [
    param("params", "number", "Current parameters: one row or column.", { shape: "range" }),
    param("grads", "number", "Gradient of the loss at params, same length.", { shape: "range" }),
    param("hessian", "number", "The n×n Hessian at params (e.g. GD.HESSIAN's spill).", { shape: "range" }),
    optional("damping", "number", "Levenberg–Marquardt damping λ ≥ 0 added to the diagonal (default 0)."),
  ],
  resultType: "number[][]",
  returns: "One row: the new params.",
  run: (a) =>
    spillRow(
      newtonStep(
        numberVector("params", a["params"]),
        numberVector("grads", a["grads"]),
        numberTable("hessian", a["hessian"]),
        optionalNumber("damping", a["damping"]) ?? 0,
      ).params,
    ),
  shape: (a) => row(a.cells("params")),
};

/** A word option of LR_PLATEAU (mode, threshold_mode): omitted or blank → the default. */
function word<T extends string>(name: string, input: unknown, choices: readonly T[]): T | undefined {
  const text = optionalText(name, input)?.toLowerCase();
  if (text === undefined || text === "") return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new EngineError(`${name} must be ${choices.map((c) => `"${c}"`).join(" or ")}, got "${text}"`);
  }
  return text as T;
}

function plateauOptions(a: CellArgs): PlateauOptions {
  const options: Partial<PlateauOptions> = {};
  const mode = word("mode", a["mode"], PLATEAU_MODES);
  if (mode) options.mode = mode;
  const thresholdMode = word("threshold_mode", a["threshold_mode"], THRESHOLD_MODES);
  if (thresholdMode) options.threshold_mode = thresholdMode;
  for (const name of ["factor", "patience", "threshold", "cooldown", "min_lr", "eps"] as const) {
    const value = optionalNumber(name, a[name]);
    if (value !== undefined) options[name] = value;
  }
  return resolvePlateauOptions(options);
}

function plateauState(input: unknown): PlateauState | undefined {
  const cells = stateVector(input);
  if (cells.length === 0) return undefined;
  if (cells.length !== PLATEAU_STATE_LABELS.length) {
    throw new EngineError(
      `state has ${cells.length} values but LR_PLATEAU's state is ${PLATEAU_STATE_LABELS.length} (${PLATEAU_STATE_LABELS.join(", ")})`,
    );
  }
  const [lr, best, bad, cooldown] = cells as [number, number, number, number];
  return { lr, best, num_bad_epochs: bad, cooldown_counter: cooldown };
}

export const LR_PLATEAU: CellFunction = {
  name: "LR_PLATEAU",
  description:
    "PyTorch's ReduceLROnPlateau as a row: this epoch's loss and the previous row's state in; the rate for the next epoch, the best loss, the bad-epoch and cooldown counters out.",
  params: [
    param("lr", "number", "Initial learning rate (used while state is blank)."),
    param("loss", "number", 'This epoch\'s loss (or metric, with mode "max").'),
    optional(
      "state",
      "any",
      "The previous row's spill (lr, best, num_bad_epochs, cooldown_counter); blank on the first row.",
      {
        shape: "range",
      },
    ),
    optional("mode", "string", '"min" (default: the loss should fall) or "max".'),
    optional("factor", "number", "Factor applied to the rate on a plateau (default 0.1)."),
    optional("patience", "number", "Epochs without improvement tolerated before reducing (default 10)."),
    optional("threshold", "number", "What counts as an improvement (default 1e-4)."),
    optional(
      "threshold_mode",
      "string",
      '"rel" (default: best·(1 ∓ threshold)) or "abs" (best ∓ threshold).',
    ),
    optional("cooldown", "number", "Epochs after a reduction before counting again (default 0)."),
    optional("min_lr", "number", "The rate never falls below this (default 0)."),
    optional("eps", "number", "A reduction smaller than this is skipped (default 1e-8)."),
  ],
  resultType: "number[][]",
  returns: "One row: lr, best, num_bad_epochs, cooldown_counter.",
  run(a) {
    const options = plateauOptions(a);
    const state = plateauStep(
      requiredNumber("lr", a["lr"]),
      requiredNumber("loss", a["loss"]),
      plateauState(a["state"]),
      options,
    );
    return spillRow([state.lr, state.best, state.num_bad_epochs, state.cooldown_counter]);
  },
  shape: () => row(PLATEAU_STATE_LABELS.length),
};

export const SECOND_ORDER_AND_PLATEAU_FUNCTIONS: readonly CellFunction[] = [NEWTON_STEP, LR_PLATEAU];
