import { EngineError } from "../errors";
import { adadelta } from "./adadelta";
import { adagrad } from "./adagrad";
import { adam, adamw } from "./adam";
import { momentumEwa } from "./momentumEwa";
import { rmsprop } from "./rmsprop";
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
];

export const OPTIMIZER_NAMES: readonly string[] = OPTIMIZERS.map((spec) => spec.name);

/** Looks an optimizer up by name, case-insensitively (a cell may hold "Adam"). */
export function getOptimizer(name: string): OptimizerSpec {
  const key = typeof name === "string" ? name.trim().toLowerCase() : "";
  const spec = OPTIMIZERS.find((candidate) => candidate.name === key);
  if (spec === undefined) {
    throw new EngineError(
      `Unknown optimizer ${JSON.stringify(name)}; expected one of ${OPTIMIZER_NAMES.join(", ")}`,
    );
  }
  return spec;
}
