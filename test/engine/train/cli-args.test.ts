// The CLI's option parser (src/cli/args.ts) — tested here with the training loop it configures.
import { describe, expect, it } from "@jest/globals";
import { parseTrainArgs } from "../../../src/cli/args";
import { EngineError } from "../../../src/engine/errors";

describe("npm run train options", () => {
  it("maps kebab-cased options onto TrainConfig fields", () => {
    const parsed = parseTrainArgs([
      "--layers",
      "784,100,10",
      "--activation=relu",
      "--output",
      "softmax",
      "--loss",
      "cross-entropy",
      "--init",
      "he",
      "--optimizer",
      "adam",
      "--lr",
      "1e-3",
      "--lambda",
      "0",
      "--epochs",
      "5",
      "--batch",
      "32",
      "--seed",
      "7",
      "--train-limit",
      "1000",
      "--progress-every",
      "50",
      "--schedule",
      "step",
      "--schedule-opt",
      "step_size=100",
      "--opt",
      "beta1=0.8",
      "--amsgrad",
      "true",
      "--data-dir",
      "/data",
      "--json",
      "out.json",
    ]);
    expect(parsed).toEqual({
      config: {
        layers: [784, 100, 10],
        activation: "relu",
        output: "softmax",
        loss: "cross-entropy",
        init: "he",
        optimizer: "adam",
        lr: 0.001,
        lambda: 0,
        epochs: 5,
        batch: 32,
        seed: 7,
        trainLimit: 1000,
        progressEvery: 50,
        schedule: "step",
        scheduleOptions: { step_size: 100 },
        optimizerOptions: { beta1: 0.8, amsgrad: true },
      },
      dataDir: "/data",
      jsonFile: "out.json",
      help: false,
    });
    expect(parseTrainArgs(["--momentum", "0.9"]).config.optimizerOptions).toEqual({ momentum: 0.9 });
    expect(parseTrainArgs([]).config).toEqual({});
    expect(parseTrainArgs(["--help"]).help).toBe(true);
  });

  it("rejects malformed options with exact messages", () => {
    expect(() => parseTrainArgs(["--lr", "fast"])).toThrow(
      new EngineError('--lr must be a number, got "fast"'),
    );
    expect(() => parseTrainArgs(["--layers", "784,,10"])).toThrow(
      new EngineError('--layers must be sizes separated by commas, such as "2,4,1", got "784,,10"'),
    );
    expect(() => parseTrainArgs(["--epochs"])).toThrow(new EngineError("--epochs needs a value"));
    expect(() => parseTrainArgs(["30"])).toThrow(new EngineError('unexpected argument "30"'));
    expect(() => parseTrainArgs(["--opt", "beta1"])).toThrow(
      new EngineError('--opt: "beta1" is not name=value'),
    );
    expect(() => parseTrainArgs(["--opt", "beta1=x"])).toThrow(
      new EngineError('--opt: beta1 must be a number, got "x"'),
    );
    expect(() => parseTrainArgs(["--momentum", "lots"])).toThrow(
      new EngineError('--momentum must be a number, got "lots"'),
    );
  });
});
