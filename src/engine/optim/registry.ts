import { lookupByName } from "../lookup";
import { adadelta } from "./adadelta";
import { adagrad } from "./adagrad";
import { adam, adamw } from "./adam";
import { adamax } from "./adamax";
import { asgd } from "./asgd";
import { eve } from "./eve";
import { lion } from "./lion";
import { momentumEwa } from "./momentumEwa";
import { nadam } from "./nadam";
import { radam } from "./radam";
import { rmsprop } from "./rmsprop";
import { rprop } from "./rprop";
import { sgd } from "./sgd";
import { sgdL2 } from "./sgdL2";
import type { OptimizerSpec } from "./types";

const OPTIMIZERS: readonly OptimizerSpec[] = [
  sgd,
  adagrad,
  adadelta,
  rmsprop,
  adam,
  adamw,
  momentumEwa,
  sgdL2,
  adamax,
  nadam,
  radam,
  rprop,
  asgd,
  lion,
  eve,
];

export const OPTIMIZER_NAMES: readonly string[] = OPTIMIZERS.map((spec) => spec.name);

/** Looks an optimizer up by name, case-insensitively (a cell may hold "Adam"). */
export function getOptimizer(name: string): OptimizerSpec {
  return lookupByName("optimizer", OPTIMIZERS, name);
}
