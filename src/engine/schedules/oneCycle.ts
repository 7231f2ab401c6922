/**
 * PyTorch's OneCycleLR (Smith & Topin, super-convergence). lr0 is max_lr; the rate starts at
 * max_lr/div_factor, rises to max_lr by step pct_start·total_steps − 1, then anneals to
 * start/final_div_factor at step total_steps − 1. three_phase: rise, fall back to the start, then anneal.
 * One schedule per anneal strategy (cos, linear), since a strategy is a name, not a number.
 */
import { EngineError, formatValue, requireInClosed, requireInteger, requirePositive } from "../errors";
import type { ScheduleDefinition } from "./define";
import type { ScheduleOptionReader } from "./options";
import type { LearningRateSchedule, ScheduleParam } from "./types";

const ONE_CYCLE_PARAMS: readonly ScheduleParam[] = [
  { name: "total_steps", required: true, description: "length of the cycle in steps" },
  { name: "pct_start", default: 0.3, required: false, description: "fraction of the cycle spent rising" },
  { name: "div_factor", default: 25, required: false, description: "start rate = lr0 / div_factor" },
  {
    name: "final_div_factor",
    default: 1e4,
    required: false,
    description: "final rate = start rate / final_div_factor",
  },
  {
    name: "three_phase",
    default: false,
    required: false,
    description: "TRUE: fall back to the start rate before the final anneal",
  },
];

/** Interpolates from `start` (pct 0) to `end` (pct 1). */
type Anneal = (start: number, end: number, pct: number) => number;

const annealCos: Anneal = (start, end, pct) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
const annealLinear: Anneal = (start, end, pct) => (end - start) * pct + start;

interface Phase {
  readonly endStep: number;
  readonly start: number;
  readonly end: number;
}

function oneCycle(maxLr: number, options: ScheduleOptionReader, anneal: Anneal): LearningRateSchedule {
  const totalSteps = requireInteger("total_steps", options.number("total_steps"), 1);
  const pctStart = requireInClosed("pct_start", options.number("pct_start"), 0, 1);
  const initialLr = maxLr / requirePositive("div_factor", options.number("div_factor"));
  const minLr = initialLr / requirePositive("final_div_factor", options.number("final_div_factor"));
  const rise = pctStart * totalSteps - 1;
  const phases: readonly Phase[] = options.boolean("three_phase")
    ? [
        { endStep: rise, start: initialLr, end: maxLr },
        { endStep: 2 * pctStart * totalSteps - 2, start: maxLr, end: initialLr },
        { endStep: totalSteps - 1, start: initialLr, end: minLr },
      ]
    : [
        { endStep: rise, start: initialLr, end: maxLr },
        { endStep: totalSteps - 1, start: maxLr, end: minLr },
      ];
  // PyTorch divides by each phase's length; an empty phase would be 0/0.
  let previousEnd = 0;
  for (const phase of phases) {
    if (!(phase.endStep > previousEnd)) {
      throw new EngineError(
        `pct_start ${formatValue(pctStart)} with total_steps ${totalSteps} leaves a phase with no steps`,
      );
    }
    previousEnd = phase.endStep;
  }
  return (step) => {
    // PyTorch lets the scheduler reach step == total_steps, whose rate (past the cycle: negative for
    // linear anneal) no update ever uses; a cell asking for it is a mistake, so it is an error here.
    if (step >= totalSteps) {
      throw new EngineError(`step must be < total_steps (${totalSteps}), got ${step}`);
    }
    let startStep = 0;
    for (let i = 0; i < phases.length; i++) {
      const phase = phases[i] as Phase;
      if (step <= phase.endStep || i === phases.length - 1) {
        return anneal(phase.start, phase.end, (step - startStep) / (phase.endStep - startStep));
      }
      startStep = phase.endStep;
    }
    return minLr; // unreachable: the last phase always answers
  };
}

/** anneal_strategy="cos" (PyTorch's default). */
export const oneCycleCos: ScheduleDefinition = {
  name: "one_cycle_cos",
  params: ONE_CYCLE_PARAMS,
  build: (lr0, options) => oneCycle(lr0, options, annealCos),
};

/** anneal_strategy="linear". */
export const oneCycleLinear: ScheduleDefinition = {
  name: "one_cycle_linear",
  params: ONE_CYCLE_PARAMS,
  build: (lr0, options) => oneCycle(lr0, options, annealLinear),
};
