/**
 * A multilayer perceptron's shape and its parameter layout. All parameters live in ONE contiguous array so
 * that an optimizer kernel updates them in one pass: for each layer in order, its weights W (row-major,
 * outputs × inputs, so W[j][k] connects input k to unit j) and then its biases b (outputs).
 */
import { EngineError, requireInteger } from "../errors";
import {
  ACTIVATIONS,
  LOSSES,
  OUTPUT_ACTIVATIONS,
  requireChoice,
  type Activation,
  type LossName,
  type OutputActivation,
} from "../options/choices";

export type { Activation, LossName, OutputActivation };

export interface MlpSpec {
  /** Units per layer, input first: [784, 30, 10]. */
  layers: readonly number[];
  /** Hidden-layer activation. */
  activation: Activation;
  /** Output-layer activation. */
  output: OutputActivation;
  /**
   * quadratic: C = ½‖a − y‖² per example (network.py); cross-entropy: −Σ[y ln a + (1−y) ln(1−a)] with a
   * sigmoid output (network2.py), or the log-likelihood −Σ y ln a with a softmax output. The cost of a
   * batch is the mean over its examples, so the gradient is network.py's (1/m) Σ ∇C_x.
   */
  loss: LossName;
}

export interface LayerLayout {
  inputs: number;
  outputs: number;
  /** Offset of W[0][0] in the parameter array. */
  weightOffset: number;
  /** Offset of b[0]; weights end here. */
  biasOffset: number;
}

export interface ParameterLayout {
  layers: LayerLayout[];
  /** Total number of parameters. */
  size: number;
}

/**
 * Largest network accepted: 20 M parameters is 80 MB of float32 per copy (parameters, gradients, optimizer
 * slots), which keeps a run inside the 400 MB budget; far past any network a sheet or MNIST needs, and it
 * turns a typo such as "784,30000000,10" into a message instead of an allocation failure or a stall.
 */
export const MAX_PARAMETERS = 20_000_000;

/** Checks a spec; throws EngineError with the first problem. */
export function validateMlpSpec(spec: MlpSpec): MlpSpec {
  if (!Array.isArray(spec.layers) || spec.layers.length < 2) {
    throw new EngineError(
      `layers must list at least 2 sizes (inputs and outputs), got ${spec.layers?.length ?? 0}`,
    );
  }
  spec.layers.forEach((units, i) => requireInteger(`layers[${i}]`, units, 1));
  const parameters = parameterCount(spec.layers);
  if (parameters > MAX_PARAMETERS) {
    throw new EngineError(
      `layers ${spec.layers.join(",")} make ${parameters} parameters; the limit is ${MAX_PARAMETERS}`,
    );
  }
  requireChoice("activation", spec.activation, ACTIVATIONS);
  requireChoice("output", spec.output, OUTPUT_ACTIVATIONS);
  requireChoice("loss", spec.loss, LOSSES);
  const outputs = spec.layers[spec.layers.length - 1] as number;
  if (spec.output === "softmax" && outputs < 2) {
    throw new EngineError(
      `output softmax needs at least 2 output units (a softmax over one unit is always 1, so nothing is learnt), got layers ${spec.layers.join(",")}: use output sigmoid for one unit`,
    );
  }
  if (spec.loss === "cross-entropy" && spec.output === "linear") {
    throw new EngineError("loss cross-entropy needs output sigmoid or softmax, got linear");
  }
  return spec;
}

export function parameterLayout(layers: readonly number[]): ParameterLayout {
  const result: LayerLayout[] = [];
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    const inputs = layers[l - 1] as number;
    const outputs = layers[l] as number;
    result.push({ inputs, outputs, weightOffset: offset, biasOffset: offset + inputs * outputs });
    offset += inputs * outputs + outputs;
  }
  return { layers: result, size: offset };
}

export function parameterCount(layers: readonly number[]): number {
  return parameterLayout(layers).size;
}
