/** The schedule function's descriptor: LR_DECAY. */
import { SCHEDULE_NAMES } from "../engine/schedules";
import { optional, param, type CellFunction } from "./cell-function";
import { decayedLearningRate } from "./schedule-cells";

export const LR_DECAY: CellFunction = {
  name: "LR_DECAY",
  description:
    "The learning rate of a schedule at a step; the schedule's parameters follow in the engine's order.",
  params: [
    param("lr", "number", "Initial learning rate η0."),
    param("step", "number", "Step (or epoch) number, from 0."),
    param("schedule", "string", `Schedule name: ${SCHEDULE_NAMES.join(", ")}.`),
    optional(
      "params",
      "any",
      "The schedule's parameters in the engine's order (docs/functions.md#lr_decay); a list such as milestones is text \"20,35,50\"; blank takes the default.",
      { shape: "repeating-value" },
    ),
  ],
  resultType: "number",
  returns: "The learning rate at that step.",
  run: (a) => decayedLearningRate(a["lr"], a["step"], a["schedule"], (a["params"] as unknown[] | null) ?? []),
};

export const SCHEDULE_CELL_FUNCTIONS: readonly CellFunction[] = [LR_DECAY];
