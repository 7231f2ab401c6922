/**
 * "Copy as PyTorch": the pane's configuration as a standalone torch script that trains the same network the same
 * way (layers, activation, init, cost, optimizer and its hyper-parameters, schedule stepped per batch, network2.py's
 * L2 form, batch, epochs, Nielsen's 50,000/10,000 split, the seed for init and shuffle). torch's random numbers
 * differ from the engine's, so the run is equivalent, not bit-identical. Pure: text only.
 */
import { SCHEDULE_ALIASES } from "../engine/schedules";
import type { TrainConfig } from "../engine/train/protocol";
import { cliName, configToForm, type FieldName } from "./config-form";

type Options = Record<string, number | boolean | readonly number[]>;

/** Engine optimizer name → torch.optim class (the engine follows torch.optim 1.13's names and defaults). */
const TORCH_OPTIMIZERS: Readonly<Record<string, string>> = {
  sgd: "SGD",
  adagrad: "Adagrad",
  adadelta: "Adadelta",
  rmsprop: "RMSprop",
  adam: "Adam",
  adamw: "AdamW",
  adamax: "Adamax",
  nadam: "NAdam",
  radam: "RAdam",
  rprop: "Rprop",
  asgd: "ASGD",
};

/** torch takes some pairs as one tuple argument: (engine names, torch name, torch defaults). */
const TUPLES: readonly { names: [string, string]; torch: string; defaults: [number, number] }[] = [
  { names: ["beta1", "beta2"], torch: "betas", defaults: [0.9, 0.999] },
  { names: ["eta_minus", "eta_plus"], torch: "etas", defaults: [0.5, 1.2] },
  { names: ["step_size_min", "step_size_max"], torch: "step_sizes", defaults: [1e-6, 50] },
];

const ACTIVATION_MODULES: Readonly<Record<string, string>> = {
  sigmoid: "nn.Sigmoid()",
  tanh: "nn.Tanh()",
  relu: "nn.ReLU()",
};

/** A number or flag as Python writes it. */
export function pythonValue(value: number | boolean | readonly number[]): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  return `[${value.map((v) => pythonValue(v)).join(", ")}]`;
}

/** The optimizer's keyword arguments after lr, in torch's spelling. */
export function optimizerArguments(options: Options): string[] {
  const rest: Options = { ...options };
  const args: string[] = [];
  for (const tuple of TUPLES) {
    const [a, b] = tuple.names;
    if (rest[a] === undefined && rest[b] === undefined) continue;
    const first = rest[a] ?? tuple.defaults[0];
    const second = rest[b] ?? tuple.defaults[1];
    delete rest[a];
    delete rest[b];
    args.push(`${tuple.torch}=(${pythonValue(first)}, ${pythonValue(second)})`);
  }
  for (const [name, value] of Object.entries(rest)) args.push(`${name}=${pythonValue(value)}`);
  return args;
}

function optimizerLine(config: TrainConfig): string {
  const torchName = TORCH_OPTIMIZERS[config.optimizer];
  if (!torchName) {
    return `raise NotImplementedError("optimizer ${config.optimizer} has no torch.optim equivalent; write its update by hand")`;
  }
  const args = [
    "model.parameters()",
    `lr=${pythonValue(config.lr)}`,
    ...optimizerArguments(config.optimizerOptions),
  ];
  return `optimizer = torch.optim.${torchName}(${args.join(", ")})`;
}

/**
 * The engine's PyTorch schedules (closed forms of torch.optim.lr_scheduler 1.13): torch's class, and the engine's
 * option names where torch spells them otherwise.
 */
const TORCH_SCHEDULERS: Readonly<
  Record<string, { torch: string; names?: Readonly<Record<string, string>> }>
> = {
  cosine_annealing_lr: { torch: "CosineAnnealingLR", names: { t_max: "T_max" } },
  cosine_annealing_warm_restarts: {
    torch: "CosineAnnealingWarmRestarts",
    names: { t_0: "T_0", t_mult: "T_mult" },
  },
  linear_lr: { torch: "LinearLR" },
  constant_lr: { torch: "ConstantLR" },
  exponential_lr: { torch: "ExponentialLR" },
  polynomial_lr: { torch: "PolynomialLR" },
};

/** The schedule, stepped once per batch as in the engine; no lines for a constant rate. */
function schedulerLines(config: TrainConfig): string[] {
  const o = config.scheduleOptions as Options;
  const n = (name: string, fallback?: number) =>
    pythonValue((o[name] as number | undefined) ?? (fallback as number));
  // An alias (step_lr, cosine_decay, …) is the schedule it names.
  const schedule = SCHEDULE_ALIASES[config.schedule] ?? config.schedule;
  const torch = TORCH_SCHEDULERS[schedule];
  if (torch) {
    const args = Object.entries(o).map(
      ([name, value]) => `${torch.names?.[name] ?? name}=${pythonValue(value)}`,
    );
    return [`scheduler = torch.optim.lr_scheduler.${torch.torch}(${["optimizer", ...args].join(", ")})`];
  }
  switch (schedule) {
    case "constant":
      return [];
    case "step":
      return [
        `scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=${n("step_size")}, gamma=${n("gamma", 0.1)})`,
      ];
    case "multi_step":
      return [
        `scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=${pythonValue(o["milestones"] ?? [])}, gamma=${n("gamma", 0.1)})`,
      ];
    case "exponential": {
      const p = o["staircase"] === true ? `(step // ${n("decay_steps")})` : `(step / ${n("decay_steps")})`;
      return [
        "# TensorFlow's ExponentialDecay: lr0 * decay_rate ** (step / decay_steps)",
        `scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: ${n("decay_rate")} ** ${p})`,
      ];
    }
    case "cosine":
      return [
        "# TensorFlow's CosineDecay: lr0 * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)",
        `scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: (1 - ${n("alpha", 0)}) * 0.5 * (1 + math.cos(math.pi * min(step, ${n("decay_steps")}) / ${n("decay_steps")})) + ${n("alpha", 0)})`,
      ];
    default:
      return [
        `raise NotImplementedError("schedule ${schedule} is not translated; write it as a torch.optim.lr_scheduler.LambdaLR")`,
      ];
  }
}

function initLines(config: TrainConfig): string[] {
  const body: Record<string, string[]> = {
    normal: [
      "nn.init.normal_(layer.weight, 0.0, 1.0)  # network.py: W, b ~ N(0, 1)",
      "nn.init.normal_(layer.bias, 0.0, 1.0)",
    ],
    "scaled-normal": [
      "nn.init.normal_(layer.weight, 0.0, 1.0 / math.sqrt(layer.in_features))  # network2.py: W ~ N(0, 1/n_in)",
      "nn.init.normal_(layer.bias, 0.0, 1.0)",
    ],
    xavier: [
      "nn.init.xavier_normal_(layer.weight)  # W ~ N(0, 2/(n_in + n_out))",
      "nn.init.zeros_(layer.bias)",
    ],
    he: [
      'nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")  # W ~ N(0, 2/n_in)',
      "nn.init.zeros_(layer.bias)",
    ],
  };
  return body[config.init] ?? [`raise NotImplementedError("init ${config.init}")`];
}

/** The cost of a batch as the engine defines it: the mean over examples of the per-example cost. */
function costLines(config: TrainConfig): string[] {
  if (config.loss === "quadratic") {
    return [
      "    # C = 1/2 ||a - y||^2 per example, mean over the batch (network.py)",
      "    return 0.5 * ((a - one_hot(y)) ** 2).sum(dim=1).mean()",
    ];
  }
  if (config.output === "softmax") {
    return [
      "    # -sum y ln a with a = softmax(z): cross_entropy on the logits, mean over the batch",
      "    return F.cross_entropy(a, y)",
    ];
  }
  return [
    "    # -sum [y ln a + (1 - y) ln(1 - a)] per example, mean over the batch (network2.py)",
    '    return F.binary_cross_entropy(a, one_hot(y), reduction="sum") / a.shape[0]',
  ];
}

function modelLines(config: TrainConfig): string[] {
  const lines: string[] = [];
  const sizes = config.layers;
  for (let i = 0; i + 1 < sizes.length; i++) {
    lines.push(`    nn.Linear(${sizes[i]}, ${sizes[i + 1]}),`);
    const last = i + 2 === sizes.length;
    if (!last) lines.push(`    ${ACTIVATION_MODULES[config.activation] ?? config.activation},`);
    else if (config.output === "sigmoid") lines.push("    nn.Sigmoid(),");
    else if (config.output === "softmax" && config.loss !== "cross-entropy")
      lines.push("    nn.Softmax(dim=1),");
    // softmax: cross_entropy takes the logits (prediction is the same argmax); linear: nothing.
  }
  return lines;
}

/** The pane's fields as its groups show them (Network, Optimizer, Run; not progress-every, a display setting). */
const HEADER_GROUPS: readonly (readonly FieldName[])[] = [
  ["layers", "activation", "output", "loss", "init"],
  ["optimizer", "lr", "optimizerOptions", "schedule", "scheduleOptions", "lambda"],
  ["epochs", "batch", "seed", "trainLimit"],
];

/** The script's first lines: every field of the pane, labelled and written as the pane shows it. */
export function paneHeader(config: TrainConfig): string[] {
  const form = configToForm(config);
  return HEADER_GROUPS.map(
    (fields, i) =>
      `#${i === 0 ? " Pane: " : "       "}${fields.map((f) => `${cliName(f)} ${form[f] || "(none)"}`).join(" · ")}`,
  );
}

/** The whole script. */
export function pytorchScript(config: TrainConfig): string {
  const trainImages = config.trainLimit > 0 ? config.trainLimit : 50000;
  const lambdaLines =
    config.lambda > 0
      ? [
          "        # network2.py's L2: weights (not biases) scaled by (1 - lr * lambda / n) before the step",
          "        with torch.no_grad():",
          '            keep = 1 - optimizer.param_groups[0]["lr"] * LAMBDA / len(train_x)',
          "            for layer in linears:",
          "                layer.weight.mul_(keep)",
        ]
      : [];
  const scheduler = schedulerLines(config);
  const lines = [
    "# Generated by Gradient Steps (Copy as PyTorch): the pane's MNIST run as a torch script.",
    ...paneHeader(config),
    "# torch draws other random numbers than the pane: the run is equivalent, not bit-identical.",
    "import math",
    "",
    "import torch",
    "import torch.nn.functional as F",
    "from torch import nn",
    "from torchvision import datasets",
    "",
    `torch.manual_seed(${config.seed})`,
    `LAMBDA = ${pythonValue(config.lambda)}`,
    `EPOCHS = ${config.epochs}`,
    `BATCH = ${config.batch}`,
    "",
    "# MNIST as the pane splits it: the first 50,000 training images train, the last 10,000 validate, t10k tests.",
    'train_set = datasets.MNIST("data", train=True, download=True)',
    'test_set = datasets.MNIST("data", train=False, download=True)',
    "pixels = train_set.data.reshape(-1, 784).float() / 255",
    `train_x, train_y = pixels[:${trainImages}], train_set.targets[:${trainImages}]`,
    "valid_x, valid_y = pixels[50000:], train_set.targets[50000:]",
    "test_x, test_y = test_set.data.reshape(-1, 784).float() / 255, test_set.targets",
    "",
    "model = nn.Sequential(",
    ...modelLines(config),
    ")",
    "linears = [m for m in model if isinstance(m, nn.Linear)]",
    "for layer in linears:",
    ...initLines(config).map((l) => `    ${l}`),
    "",
    "",
    "def one_hot(y):",
    "    return F.one_hot(y, 10).float()",
    "",
    "",
    "def cost(a, y):",
    ...costLines(config),
    "",
    "",
    optimizerLine(config),
    ...scheduler,
    "shuffle = torch.Generator().manual_seed(" + String(config.seed) + ")",
    "for epoch in range(EPOCHS):",
    "    order = torch.randperm(len(train_x), generator=shuffle)",
    "    for start in range(0, len(train_x), BATCH):",
    "        batch = order[start : start + BATCH]",
    "        loss = cost(model(train_x[batch]), train_y[batch])",
    "        optimizer.zero_grad()",
    "        loss.backward()",
    ...lambdaLines,
    "        optimizer.step()",
    ...(scheduler.length > 0 ? ["        scheduler.step()"] : []),
    "    with torch.no_grad():",
    "        valid = (model(valid_x).argmax(dim=1) == valid_y).sum().item()",
    "        test = (model(test_x).argmax(dim=1) == test_y).sum().item()",
    '    print(f"Epoch {epoch}: {test} / 10000  validation {valid} / 10000")',
    "",
  ];
  return lines.join("\n");
}
