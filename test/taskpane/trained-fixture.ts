import type { TestReport, TrainedNetwork } from "../../src/engine/train/protocol";
import { PRESETS } from "../../src/taskpane/presets";
import type { Trained } from "../../src/taskpane/training-controller";

/**
 * A network whose outputs are known without running it: 784 inputs, 10 linear outputs, output j = input j
 * (W[j][j] = 1, every other weight and bias 0). On the sample below, output j = pixel j / 255.
 */
export function pixelPickerNetwork(): TrainedNetwork {
  const params = new Float32Array(784 * 10 + 10);
  for (let j = 0; j < 10; j++) params[j * 784 + j] = 1;
  return { layers: [784, 10], activation: "sigmoid", output: "linear", params };
}

/** Pixels 0..9 are 10, 20, …, 100 except pixel 3, 250: the picker predicts 3; the label says 5. */
export const SAMPLE_PIXELS = [10, 20, 30, 250, 50, 60, 70, 80, 90, 100];

export function sampleReport(): TestReport {
  const pixels = new Uint8Array(784);
  pixels.set(SAMPLE_PIXELS);
  const confusion = new Int32Array(100);
  confusion[5 * 10 + 3] = 1; // true 5, predicted 3
  confusion[0] = 7; // seven zeros right
  const outputs = Float32Array.from(SAMPLE_PIXELS, (p) => p / 255);
  return {
    classes: 10,
    confusion,
    samples: {
      count: 1,
      pixels,
      pixelsPerImage: 784,
      index: Int32Array.of(42),
      label: Uint8Array.of(5),
      predicted: Uint8Array.of(3),
      outputs,
    },
  };
}

export function sampleTrained(): Trained {
  return {
    config: { ...PRESETS["network.py"], layers: [784, 10], output: "linear" },
    network: pixelPickerNetwork(),
    report: sampleReport(),
  };
}
