/**
 * The grammar of what users type (src/engine/options): every message word for word, and the field each
 * error carries so a form can place it without reading the message.
 */
import { describe, expect, test } from "@jest/globals";
import { EngineError, attributeTo } from "../../../src/engine/errors";
import {
  ACTIVATIONS,
  INITS,
  LOSSES,
  OUTPUT_ACTIVATIONS,
  formatOptions,
  isDecimal,
  optionalSwitch,
  parseChoice,
  parseDecimal,
  parseLayers,
  parseOptions,
  requireSwitch,
} from "../../../src/engine/options";

function errorOf(body: () => unknown): EngineError {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error("expected an EngineError");
}

describe("options text", () => {
  test("names are case-insensitive, pairs are separated by commas or semicolons, TRUE/FALSE in any case", () => {
    expect(parseOptions("options", "Momentum=0.9; nesterov=TRUE")).toEqual({ momentum: 0.9, nesterov: true });
    expect(parseOptions("options", " beta1 = .8 , amsgrad=false,, ")).toEqual({ beta1: 0.8, amsgrad: false });
    expect(parseOptions("options", "eps=1e-8, lr=-2.5E+1")).toEqual({ eps: 1e-8, lr: -25 });
    expect(parseOptions("options", "   ")).toEqual({});
  });

  test("an option named like an Object.prototype member is an own option", () => {
    const options = parseOptions("options", "constructor=1, toString=2");
    expect(Object.keys(options)).toEqual(["constructor", "tostring"]);
    expect(Object.hasOwn(options, "constructor")).toBe(true);
  });

  test.each([
    ["momentum", 'options: "momentum" is not name=value'],
    ["momentum=", 'options: "momentum=" is not name=value'],
    ["2x=1", 'options: "2x=1" is not name=value'],
    ["momentum=lots", 'options: momentum must be a number, got "lots"'],
    ["momentum=Infinity", 'options: momentum must be a number, got "Infinity"'],
    ["momentum=1 2", 'options: momentum must be a number, got "1 2"'],
    ["momentum=0x1", 'options: momentum must be a decimal number, got "0x1"'],
    ["momentum=0b1", 'options: momentum must be a decimal number, got "0b1"'],
    ["momentum=-0o7", 'options: momentum must be a decimal number, got "-0o7"'],
    ["__proto__=1", "options: __proto__ cannot be an option name"],
    ["eps=1e-8, eps=1", "options sets eps twice"],
    ["eps=1, EPS=2", "options sets eps twice"],
  ])("%j is refused: %s", (text, message) => {
    const error = errorOf(() => parseOptions("options", text));
    expect(error.message).toBe(message);
    expect(error.field).toBe("options");
  });

  test("pairs added to an existing record cannot set a name again", () => {
    const into = parseOptions("--opt", "beta1=0.8");
    expect(errorOf(() => parseOptions("--opt", "beta1=0.7", into)).message).toBe("--opt sets beta1 twice");
  });

  test("formatOptions writes what parseOptions reads", () => {
    const options = { momentum: 0.9, nesterov: true, eps: 1e-8 };
    expect(formatOptions(options)).toBe("momentum=0.9, nesterov=true, eps=1e-8");
    expect(parseOptions("options", formatOptions(options))).toEqual(options);
  });
});

describe("layers", () => {
  test("decimal sizes separated by commas", () => {
    expect(parseLayers("layers", " 2, 4 ,1 ")).toEqual([2, 4, 1]);
    expect(parseLayers("layers", "784,1e2,10")).toEqual([784, 100, 10]);
  });

  test.each(["0x2,3,1", "2,,1", "2,x,1", "", "2,Infinity,1", "2;3"])("%j is refused", (text) => {
    const error = errorOf(() => parseLayers("layers", text));
    expect(error.message).toBe(
      `layers must be sizes separated by commas, such as "2,4,1", got ${JSON.stringify(text)}`,
    );
    expect(error.field).toBe("layers");
  });
});

describe("numbers typed as text", () => {
  test("decimal only", () => {
    expect(parseDecimal("lr", " 0.5 ")).toBe(0.5);
    expect(isDecimal("1e-3")).toBe(true);
    expect(isDecimal("0x10")).toBe(false);
    expect(isDecimal(" ")).toBe(false);
  });

  test.each([
    ["", "lr is required"],
    ["  ", "lr is required"],
    ["fast", 'lr must be a number, got "fast"'],
    ["0x10", 'lr must be a number, got "0x10"'],
    ["Infinity", 'lr must be a number, got "Infinity"'],
  ])("%j: %s", (text, message) => {
    const error = errorOf(() => parseDecimal("lr", text));
    expect(error.message).toBe(message);
    expect(error.field).toBe("lr");
  });
});

describe("switches", () => {
  test.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["TRUE", true],
    [" false ", false],
  ])("%j means %j", (value, meaning) => {
    expect(requireSwitch("nesterov", value)).toBe(meaning);
  });

  test.each([
    [2, "nesterov must be TRUE or FALSE, got 2"],
    [0.5, "nesterov must be TRUE or FALSE, got 0.5"],
    ["yes", 'nesterov must be TRUE or FALSE, got "yes"'],
    ["1", 'nesterov must be TRUE or FALSE, got "1"'],
    [Number.NaN, "nesterov must be TRUE or FALSE, got NaN"],
  ])("%j is refused", (value, message) => {
    expect(errorOf(() => requireSwitch("nesterov", value)).message).toBe(message);
  });

  test("blank is no value; blank is required when the switch is", () => {
    expect(optionalSwitch("nesterov", null)).toBeUndefined();
    expect(optionalSwitch("nesterov", "")).toBeUndefined();
    expect(optionalSwitch("nesterov", undefined)).toBeUndefined();
    expect(errorOf(() => requireSwitch("nesterov", null)).message).toBe(
      "nesterov must be TRUE or FALSE, got null",
    );
  });
});

describe("choices", () => {
  test("the lists", () => {
    expect(ACTIVATIONS).toEqual(["sigmoid", "tanh", "relu"]);
    expect(OUTPUT_ACTIVATIONS).toEqual(["sigmoid", "softmax", "linear"]);
    expect(LOSSES).toEqual(["quadratic", "cross-entropy"]);
    expect(INITS).toEqual(["normal", "scaled-normal", "xavier", "he"]);
  });

  test("spaces and case do not matter; anything else is refused with the list", () => {
    expect(parseChoice("activation", "  ReLU ", ACTIVATIONS)).toBe("relu");
    const error = errorOf(() => parseChoice("activation", "gelu", ACTIVATIONS));
    expect(error.message).toBe('activation must be one of sigmoid, tanh, relu, got "gelu"');
    expect(error.field).toBe("activation");
  });
});

test("attributeTo gives a field to an error that has none, and keeps one that has", () => {
  const plain = errorOf(() =>
    attributeTo("schedule", () => {
      throw new EngineError("step needs step_size");
    }),
  );
  expect([plain.message, plain.field]).toEqual(["step needs step_size", "schedule"]);
  const own = errorOf(() => attributeTo("schedule", () => parseDecimal("lr", "x")));
  expect(own.field).toBe("lr");
});
