/** Hostile text in schedule parameters is refused, never read as a number it does not spell. */
import { expect, test } from "@jest/globals";
import { CellValueError } from "../../src/functions/excel-errors";
import { LR_DECAY } from "../../src/functions/functions";

function cellMessage(body: () => unknown): string {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(CellValueError);
    return (error as Error).message;
  }
  throw new Error("expected a #VALUE! error");
}

test.each([
  [" ", 'milestones must be a number, got " "'],
  ["30,,60", 'milestones must be a number, got "30,,60"'],
  ["0x1e", 'milestones must be a number, got "0x1e"'],
  ["30, 60 ,x", 'milestones must be a number, got "30, 60 ,x"'],
])("LR_DECAY multi_step milestones %j is refused", (text, message) => {
  expect(cellMessage(() => LR_DECAY(0.1, 36, "multi_step", [text]))).toBe(message);
});

test("milestones typed as text still read as a list (hand-computed: two milestones passed, γ = 0.1)", () => {
  expect(LR_DECAY(0.1, 36, "multi_step", [" 20, 35 ,50"])).toBeCloseTo(0.1 * 0.1 * 0.1, 15);
  expect(LR_DECAY(0.1, 36, "multi_step", ["20"])).toBeCloseTo(0.1 * 0.1, 15);
});
