import { describe, expect, test } from "@jest/globals";
import {
  EngineError,
  requireAllFinite,
  requireFinite,
  requireInClosed,
  requireInHalfOpen,
  requireInteger,
  requireNonNegative,
  requirePositive,
  requireRowWidth,
  requireSameLength,
} from "../src/engine/errors";

describe("validation messages are exact", () => {
  const cases: [string, () => unknown, string][] = [
    ["positive", () => requirePositive("lr", -1), "lr must be > 0, got -1"],
    ["positive zero", () => requirePositive("lr", 0), "lr must be > 0, got 0"],
    ["finite", () => requireFinite("eps", NaN), "eps must be a finite number, got NaN"],
    ["non-negative", () => requireNonNegative("momentum", -0.5), "momentum must be >= 0, got -0.5"],
    ["half-open", () => requireInHalfOpen("beta1", 1, 0, 1), "beta1 must be in [0, 1), got 1"],
    ["closed", () => requireInClosed("dampening", 2, 0, 1), "dampening must be in [0, 1], got 2"],
    ["integer", () => requireInteger("step", 1.5, 0), "step must be an integer >= 0, got 1.5"],
    [
      "same length",
      () => requireSameLength("grads", [1, 2, 3], "params", [1, 2]),
      "grads has 3 values but params has 2",
    ],
    ["row width", () => requireRowWidth("X", 2, [1, 2], 3), "X row 3 has 2 values but row 1 has 3"],
    [
      "all finite",
      () => requireAllFinite("params", [1, Infinity]),
      "params[2] must be a finite number, got Infinity",
    ],
  ];
  test.each(cases)("%s", (_label, call, message) => {
    expect(call).toThrow(EngineError);
    expect(call).toThrow(message);
  });

  test("valid values pass through unchanged", () => {
    expect(requirePositive("lr", 0.1)).toBe(0.1);
    expect(requireInHalfOpen("beta1", 0, 0, 1)).toBe(0);
    expect(requireInteger("step", 3, 0)).toBe(3);
  });
});
