// Optimizers as pure step functions (one spreadsheet row each) plus in-place kernels for training.
export * from "./types";
export type { BaseHyper, UpdateRule } from "./rule";
export { getOptimizer, OPTIMIZER_NAMES } from "./registry";
export { sgd, sgdStep, SGD_DEFAULTS, type SgdHyper } from "./sgd";
export { adagrad, adagradStep, ADAGRAD_DEFAULTS, type AdagradHyper } from "./adagrad";
export { adadelta, adadeltaStep, ADADELTA_DEFAULTS, type AdadeltaHyper } from "./adadelta";
export { rmsprop, rmspropStep, RMSPROP_DEFAULTS, type RmspropHyper } from "./rmsprop";
export { adam, adamw, adamStep, adamwStep, ADAM_DEFAULTS, ADAMW_DEFAULTS, type AdamHyper } from "./adam";
export { momentumEwa, momentumEwaStep, MOMENTUM_EWA_DEFAULTS, type MomentumEwaHyper } from "./momentumEwa";
export { sgdL2, sgdL2Step, SGD_L2_DEFAULTS, type SgdL2Hyper } from "./sgdL2";
export { adamax, ADAMAX_DEFAULTS, type AdamaxHyper } from "./adamax";
export { nadam, NADAM_DEFAULTS, type NadamHyper } from "./nadam";
export { radam, RADAM_DEFAULTS, type RadamHyper } from "./radam";
export { rprop, RPROP_DEFAULTS, type RpropHyper } from "./rprop";
export { asgd, ASGD_DEFAULTS, type AsgdHyper } from "./asgd";
export { lion, LION_DEFAULTS, type LionHyper } from "./lion";
export { eve, eveFeedback, EVE_DEFAULTS, type EveHyper } from "./eve";
