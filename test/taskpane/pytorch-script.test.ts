import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TrainConfig } from "../../src/engine/train/protocol";
import { PRESETS, type PresetName } from "../../src/taskpane/presets";
import { optimizerArguments, pytorchScript } from "../../src/taskpane/pytorch-script";

/**
 * Python may be missing (pytorch-compile.test.ts compiles where it exists), so the scripts are also compared with scripts written by hand for each preset
 * (test/fixtures/pytorch/*.py: what a person would write to train network.py, network2.py and the modern
 * baseline in torch), line by line.
 */
const expected = (file: string) => readFileSync(join(__dirname, "..", "fixtures", "pytorch", file), "utf8");

const FIXTURES: [PresetName, string][] = [
  ["network.py", "network-py.py"],
  ["network2.py", "network2-py.py"],
  ["modern (ReLU+Adam)", "modern.py"],
];

describe("Copy as PyTorch", () => {
  test.each(FIXTURES)("the %s preset gives the hand-written script %s", (preset, file) => {
    expect(pytorchScript(PRESETS[preset]).split("\n")).toEqual(expected(file).split("\n"));
  });

  test("optimizer options in torch's spelling: pairs become betas/etas/step_sizes tuples", () => {
    expect(optimizerArguments({ momentum: 0.9, nesterov: true })).toEqual(["momentum=0.9", "nesterov=True"]);
    expect(optimizerArguments({ beta2: 0.99 })).toEqual(["betas=(0.9, 0.99)"]);
    expect(optimizerArguments({ eta_plus: 1.1, step_size_max: 10 })).toEqual([
      "etas=(0.5, 1.1)",
      "step_sizes=(0.000001, 10)",
    ]);
  });

  test("a schedule is stepped once per batch; L2 uses the scheduled rate; flags are True/False", () => {
    const config: TrainConfig = {
      ...PRESETS["network2.py"],
      optimizer: "sgd",
      lr: 0.1,
      optimizerOptions: { momentum: 0.9, nesterov: true },
      schedule: "step",
      scheduleOptions: { step_size: 1000, gamma: 0.5 },
    };
    const lines = pytorchScript(config).split("\n");
    expect(lines).toContain(
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)",
    );
    expect(lines).toContain(
      "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1000, gamma=0.5)",
    );
    expect(lines.indexOf("        scheduler.step()")).toBe(lines.indexOf("        optimizer.step()") + 1);
    expect(lines).toContain('            keep = 1 - optimizer.param_groups[0]["lr"] * LAMBDA / len(train_x)');
  });

  test("train-limit keeps the first N images; what torch lacks is an explicit NotImplementedError", () => {
    const config = { ...PRESETS["network.py"], trainLimit: 2000 };
    expect(pytorchScript(config)).toContain("train_x, train_y = pixels[:2000], train_set.targets[:2000]");
    expect(pytorchScript({ ...config, optimizer: "lion" })).toContain(
      'raise NotImplementedError("optimizer lion has no torch.optim equivalent; write its update by hand")',
    );
    expect(pytorchScript({ ...config, schedule: "polynomial" })).toContain(
      'raise NotImplementedError("schedule polynomial is not translated; write it as a torch.optim.lr_scheduler.LambdaLR")',
    );
  });
});
