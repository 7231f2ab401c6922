/** PyTorch's StepLR and MultiStepLR in closed form (their `_get_closed_form_lr`). */
import { requireInteger, requirePositive } from "../errors";
import type { ScheduleDefinition } from "./define";
import { requireIncreasing } from "./options";
import type { ScheduleParam } from "./types";

const GAMMA: ScheduleParam = {
  name: "gamma",
  default: 0.1,
  required: false,
  description: "factor applied at each decay",
};

/** StepLR: lr0 · gamma^floor(step / step_size). */
export const stepDecay: ScheduleDefinition = {
  name: "step",
  params: [{ name: "step_size", required: true, description: "steps between decays" }, GAMMA],
  build(lr0, options) {
    const stepSize = requireInteger("step_size", options.number("step_size"), 1);
    const gamma = requirePositive("gamma", options.number("gamma"));
    return (step) => lr0 * gamma ** Math.floor(step / stepSize);
  },
};

/** MultiStepLR: lr0 · gamma^(number of milestones <= step) (bisect_right). */
export const multiStepDecay: ScheduleDefinition = {
  name: "multi_step",
  params: [
    { name: "milestones", required: true, description: "steps at which to decay (strictly increasing)" },
    GAMMA,
  ],
  build(lr0, options) {
    const milestones = options.list("milestones");
    milestones.forEach((m, i) => requireInteger(`milestones[${i + 1}]`, m, 0));
    requireIncreasing("milestones", milestones);
    const gamma = requirePositive("gamma", options.number("gamma"));
    return (step) => lr0 * gamma ** milestones.filter((m) => m <= step).length;
  },
};
