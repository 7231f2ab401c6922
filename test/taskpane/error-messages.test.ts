/**
 * Pane messages that no other test asserted (scripts/audit-error-messages.ts), word for word.
 */
import { expect, test } from "@jest/globals";
import { configToForm, parseOptions, parseTrainForm } from "../../src/taskpane/config-form";
import { PRESETS } from "../../src/taskpane/presets";

test("a blank optimizer is required", () => {
  const result = parseTrainForm({ ...configToForm(PRESETS["network.py"]), optimizer: "  " });
  expect(result.ok).toBe(false);
  if (!result.ok)
    expect(result.errors).toContainEqual({ field: "optimizer", message: "optimizer is required" });
});

test('an option named like an Object.prototype member is an option, not "set twice"', () => {
  // Before the fix, `key in options` found Object.prototype.constructor: "sets constructor twice".
  expect(parseOptions("optimizer options", "constructor=1")).toEqual({ constructor: 1 });
  expect(() => parseOptions("optimizer options", "momentum=0.9, momentum=0.5")).toThrow(
    "optimizer options sets momentum twice",
  );
});
