/**
 * The trainer's messages that no other test asserted (scripts/audit-error-messages.ts), word for word,
 * and option names that happen to be Object.prototype members (--constructor, --toString): they used to
 * find Object.prototype's functions in the option table and silently set the layers.
 */
import { describe, expect, test } from "@jest/globals";
import { parseTrainArgs } from "../../src/cli/args";
import { loadMnistSource } from "../../src/cli/load-mnist";
import { EngineError } from "../../src/engine/errors";
import { checkOptimizerAndSchedule, resolveTrainConfig } from "../../src/engine/train";

describe("data loading", () => {
  test("the bundled MNIST source belongs to the add-in, not the CLI", async () => {
    await expect(loadMnistSource({ kind: "bundled", baseUrl: "assets/mnist" })).rejects.toThrow(
      new EngineError("bundled MNIST assets are only available in the add-in; give a data directory"),
    );
  });
});

describe("the worker entry point", () => {
  test("refuses to run on the main thread", async () => {
    await expect(import("../../src/cli/worker")).rejects.toThrow(
      "src/cli/worker.ts must run as a worker thread",
    );
  });
});

describe("option names that are Object.prototype members", () => {
  test("--constructor is an (unknown) optimizer option, not the layers", () => {
    // Before the fix: --constructor 784,30,10 set config.layers and trained the default network silently.
    expect(() => parseTrainArgs(["--constructor", "784,30,10"])).toThrow(
      new EngineError('--constructor must be a number, got "784,30,10"'),
    );
    const options = parseTrainArgs(["--toString", "5"]);
    expect(options.config).toEqual({ optimizerOptions: { toString: 5 } });
    expect(() => checkOptimizerAndSchedule(resolveTrainConfig(options.config))).toThrow(
      new EngineError(
        'Unknown hyper-parameter "toString" for sgd; expected one of lr, momentum, dampening, weight_decay, nesterov',
      ),
    );
  });
});
