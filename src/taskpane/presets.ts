import { NETWORK_PY_CONFIG } from "../engine/train/config";
import type { TrainConfig } from "../engine/train/protocol";

/** The pane's starting points, named for the script or recipe they reproduce. */
export type PresetName = "network.py" | "network2.py" | "modern (ReLU+Adam)";

/**
 * Nielsen's network.py, as the engine defines it (the CLI's defaults): [784,30,10] sigmoid, quadratic cost,
 * SGD η = 3.0, batch 10, N(0,1) init. The pane asks for progress more often than the CLI's terminal bar.
 */
const NETWORK_PY: TrainConfig = {
  ...NETWORK_PY_CONFIG,
  layers: [...NETWORK_PY_CONFIG.layers],
  optimizerOptions: {},
  scheduleOptions: {},
  progressEvery: 50,
};

/** network2.py: cross-entropy cost, η = 0.5, λ = 5.0, N(0, 1/n_in) init. */
const NETWORK2_PY: TrainConfig = {
  ...NETWORK_PY,
  loss: "cross-entropy",
  init: "scaled-normal",
  lr: 0.5,
  lambda: 5,
};

/** A modern baseline: ReLU hidden layer, softmax + cross-entropy, He init, Adam (PyTorch defaults), 20 epochs. */
const MODERN: TrainConfig = {
  ...NETWORK_PY,
  layers: [784, 100, 10],
  activation: "relu",
  output: "softmax",
  loss: "cross-entropy",
  init: "he",
  optimizer: "adam",
  lr: 0.001,
  epochs: 20,
  batch: 32,
};

export const PRESETS: Readonly<Record<PresetName, TrainConfig>> = {
  "network.py": NETWORK_PY,
  "network2.py": NETWORK2_PY,
  "modern (ReLU+Adam)": MODERN,
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
