/**
 * The pane's digit pad: a drawing (canvas RGBA pixels, white on black) reduced to the network's 28×28 inputs, and
 * the trained network's answer on it. Pure (no DOM), so Jest checks it.
 */
import { predict } from "../engine/mlp/cells";
import type { TrainedNetwork } from "../engine/train/protocol";

/**
 * Mean brightness of each of side × side blocks of an RGBA image (its red channel; the pad draws in white), in
 * [0, 1] — the pixel / 255 the network was trained on.
 */
export function downsample(rgba: ArrayLike<number>, width: number, height: number, side = 28): Float64Array {
  const out = new Float64Array(side * side);
  for (let r = 0; r < side; r++) {
    const y0 = Math.floor((r * height) / side);
    const y1 = Math.max(y0 + 1, Math.floor(((r + 1) * height) / side));
    for (let c = 0; c < side; c++) {
      const x0 = Math.floor((c * width) / side);
      const x1 = Math.max(x0 + 1, Math.floor(((c + 1) * width) / side));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += rgba[(y * width + x) * 4] as number;
      out[r * side + c] = sum / ((y1 - y0) * (x1 - x0) * 255);
    }
  }
  return out;
}

export interface Classification {
  digit: number;
  /** The network's outputs (probabilities for softmax). */
  outputs: number[];
}

/** The trained network's outputs on one image of inputs, and the digit with the largest output. */
export function classify(network: TrainedNetwork, inputs: ArrayLike<number>): Classification {
  const spec = {
    layers: network.layers,
    activation: network.activation,
    output: network.output,
    loss: "quadratic" as const,
  };
  const outputs = predict(spec, Float64Array.from(network.params), [Array.from(inputs)])[0] ?? [];
  let digit = 0;
  outputs.forEach((v, i) => {
    if (v > (outputs[digit] as number)) digit = i;
  });
  return { digit, outputs };
}
