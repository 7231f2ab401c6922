/** Learning-rate schedules: each one a pure function of the step number. */

/** An option as a cell gives it: a number, TRUE/FALSE, or a list of numbers (boundaries, milestones). */
export type ScheduleOptionValue = number | boolean | readonly number[];
export type ScheduleOptions = Readonly<Record<string, ScheduleOptionValue | undefined>>;

export interface ScheduleParam {
  readonly name: string;
  /** Absent for a required parameter, and for an optional one whose default depends on another. */
  readonly default?: ScheduleOptionValue;
  readonly required: boolean;
  readonly description: string;
}

/** lr(step) for step = 0, 1, 2, ... (the number of optimizer steps already taken). */
export type LearningRateSchedule = (step: number) => number;

export interface ScheduleSpec {
  readonly name: string;
  /** Options in the order cell functions (LR_DECAY) take them positionally; warm-up options come last. */
  readonly params: readonly ScheduleParam[];
  /** Validates lr0 and the options once and returns the schedule; throws EngineError on bad input. */
  make(lr0: number, options?: ScheduleOptions): LearningRateSchedule;
}
