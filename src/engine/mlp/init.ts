/** Initial parameters, drawn from the seeded RNG in layout order (layer by layer, W row-major, then b). */
import { INITS, choiceError, type InitName } from "../options/choices";
import type { Rng } from "../random";
import type { FloatArrayConstructor } from "./examples";
import { parameterLayout, type MlpSpec } from "./spec";

export type { InitName };

export const INIT_NAMES: readonly InitName[] = INITS;

/**
 * Standard deviations of W and b for one layer:
 * - normal: W, b ~ N(0, 1) (network.py);
 * - scaled-normal: W ~ N(0, 1/n_in), b ~ N(0, 1) (network2.py's default_weight_initializer);
 * - xavier: W ~ N(0, 2/(n_in + n_out)), b = 0 (Glorot normal);
 * - he: W ~ N(0, 2/n_in), b = 0 (He normal, for ReLU).
 */
function layerStd(init: InitName, inputs: number, outputs: number): { weight: number; bias: number } {
  switch (init) {
    case "normal":
      return { weight: 1, bias: 1 };
    case "scaled-normal":
      return { weight: 1 / Math.sqrt(inputs), bias: 1 };
    case "xavier":
      return { weight: Math.sqrt(2 / (inputs + outputs)), bias: 0 };
    case "he":
      return { weight: Math.sqrt(2 / inputs), bias: 0 };
    default:
      throw choiceError("init", init, INITS);
  }
}

export function initParameters<C extends FloatArrayConstructor>(
  spec: MlpSpec,
  init: InitName,
  rng: Rng,
  ctor: C,
): InstanceType<C> {
  const layout = parameterLayout(spec.layers);
  const params = new ctor(layout.size) as InstanceType<C>;
  for (const layer of layout.layers) {
    const std = layerStd(init, layer.inputs, layer.outputs);
    for (let i = layer.weightOffset; i < layer.biasOffset; i++) params[i] = std.weight * rng.normal();
    const end = layer.biasOffset + layer.outputs;
    // Zero-std biases draw nothing, so xavier/he runs do not consume RNG numbers for them.
    for (let i = layer.biasOffset; i < end; i++) params[i] = std.bias === 0 ? 0 : std.bias * rng.normal();
  }
  return params;
}
