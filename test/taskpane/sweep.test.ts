import { describe, expect, test } from "@jest/globals";
import { configToForm } from "../../src/taskpane/config-form";
import { PRESETS } from "../../src/taskpane/presets";
import { MAX_SWEEP_RUNS, expandSweep, parseSweep, sweepLabel } from "../../src/taskpane/sweep";

const form = configToForm(PRESETS["network.py"]);

describe("sweeps: a list in a numeric field runs one run per value", () => {
  test("three learning rates make three runs, in the order typed, the rest unchanged", () => {
    const result = parseSweep({ ...form, lr: "0.1, 0.5,3" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.configs.map((c) => c.lr)).toEqual([0.1, 0.5, 3]);
    expect(result.configs.every((c) => c.optimizer === "sgd" && c.epochs === 30)).toBe(true);
    expect(result.configs.map((_, i) => sweepLabel(result.configs, i))).toEqual([
      "sweep: run 1 of 3 (lr 0.1)",
      "sweep: run 2 of 3 (lr 0.5)",
      "sweep: run 3 of 3 (lr 3)",
    ]);
  });

  test("two lists run every combination, the first field outermost", () => {
    const forms = expandSweep({ ...form, lr: "1, 2", batch: "10, 20" });
    expect(forms.map((f) => `${f.lr}/${f.batch}`)).toEqual(["1/10", "1/20", "2/10", "2/20"]);
  });

  test("one value is a plain run (no sweep label); layers keep their commas", () => {
    const result = parseSweep(form);
    expect(result.ok && result.configs.map((c) => c.layers)).toEqual([[784, 30, 10]]);
    expect(result.ok && sweepLabel(result.configs, 0)).toBe("");
  });

  test("bad values are named once per field; an empty item and a too-long sweep are refused", () => {
    expect(parseSweep({ ...form, lr: "0.1, -1, -2" })).toEqual({
      ok: false,
      errors: [{ field: "lr", message: "lr must be > 0, got -1" }],
    });
    expect(parseSweep({ ...form, lr: "0.1, , 3" })).toEqual({
      ok: false,
      errors: [{ field: "lr", message: 'lr has an empty value in its list "0.1, , 3"' }],
    });
    const five = "1, 2, 3, 4, 5";
    expect(parseSweep({ ...form, lr: five, seed: five })).toEqual({
      ok: false,
      errors: [{ field: "lr", message: `a sweep runs at most ${MAX_SWEEP_RUNS} runs, these lists make 25` }],
    });
  });
});
