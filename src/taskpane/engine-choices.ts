/**
 * What the pane offers and checks comes from the engine's registries, so the pane never lists an optimizer or
 * schedule the engine lacks, and rejects bad options before a worker starts (the same check as the CLI).
 */
import { OPTIMIZER_NAMES } from "../engine/optim";
import { SCHEDULE_NAMES } from "../engine/schedules";
import { checkOptimizerAndSchedule } from "../engine/train";

export const OPTIMIZER_CHOICES: readonly string[] = OPTIMIZER_NAMES;
export const SCHEDULE_CHOICES: readonly string[] = SCHEDULE_NAMES;
export const checkTrainConfig = checkOptimizerAndSchedule;
