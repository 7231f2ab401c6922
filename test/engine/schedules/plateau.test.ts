/**
 * ReduceLROnPlateau (LR_PLATEAU) against torch.optim.lr_scheduler.ReduceLROnPlateau 1.13 driven by fixed
 * loss sequences that exercise patience, cooldown, both threshold modes, mode max, min_lr and eps
 * (scripts/fixtures/schedule_torch_fixtures.py): every row's rate (1e-12 relative), best and both counters,
 * through the cell function row by row, each row reading the previous row's spill.
 */
import { describe, expect, it } from "@jest/globals";
import fixture from "../../fixtures/schedule_torch_fixtures.json";
import { runCell } from "../../../src/functions/cell-functions";
import { CellValueError } from "../../../src/functions/excel-errors";
import { expectCloseArray } from "../optim/closeTo";

describe.each(fixture.plateaus.map((c) => [JSON.stringify(c.options), c] as const))("options %s", (_o, c) => {
  it(`follows torch over ${c.losses.length} epochs`, () => {
    let state: number[][] | null = null;
    const rows = c.losses.map((loss) => {
      state = runCell("LR_PLATEAU", { lr: c.lr0, loss, state, ...c.options }) as number[][];
      return state[0] as number[];
    });
    expectCloseArray(
      rows.map((r) => r[0] as number),
      c.rows.map((r) => r.lr),
    );
    expect(rows.map((r) => r[1])).toEqual(c.rows.map((r) => r.best));
    expect(rows.map((r) => [r[2], r[3]])).toEqual(c.rows.map((r) => [r.num_bad_epochs, r.cooldown_counter]));
  });
});

describe("by hand and bad input", () => {
  it("patience 1: the second epoch without improvement reduces the rate by factor", () => {
    const step = (loss: number, state: unknown) =>
      runCell("LR_PLATEAU", { lr: 1, loss, state, patience: 1, factor: 0.5 }) as number[][];
    const r1 = step(3, null); // best 3
    const r2 = step(3, r1); // 1 bad epoch
    const r3 = step(3, r2); // 2 > patience: lr 0.5, counters reset
    expect([r1[0], r2[0], r3[0]]).toEqual([
      [1, 3, 0, 0],
      [1, 3, 1, 0],
      [0.5, 3, 0, 0],
    ]);
  });

  it.each([
    [{ mode: "up" }, 'mode must be "min" or "max", got "up"'],
    [{ threshold_mode: "x" }, 'threshold_mode must be "rel" or "abs", got "x"'],
    [{ factor: 1 }, "factor must be < 1, got 1"],
    [{ patience: 1.5 }, "patience must be an integer >= 0, got 1.5"],
    [
      { state: [[1, 2]] },
      "state has 2 values but LR_PLATEAU's state is 4 (lr, best, num_bad_epochs, cooldown_counter)",
    ],
    [{ loss: "x" }, 'loss must be a number, got "x"'],
  ])("%j: %s", (args, message) => {
    let error: unknown;
    try {
      runCell("LR_PLATEAU", { lr: 0.1, loss: 1, ...args });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellValueError);
    expect((error as Error).message).toBe(message);
  });
});
