/** Point mode and F4 on formula text, against the cases Excel's documentation walks through. */
import { cycleReference, expectsReference, insertReference } from "../../src/workbench/formula-refs";

describe("Point mode: where a reference may be inserted", () => {
  test.each([
    ["=", true],
    ["=2*", true],
    ["=SUM(", true],
    ["=GD.GD_STEP(A2:B2, ", true],
    ["=A1", false],
    ["=SUM(A1)", false],
    ["2*", false],
    ["", false],
  ])("%j → %s", (text, expected) => {
    expect(expectsReference(text, text.length)).toBe(expected);
  });
});

describe("inserting a pointed reference", () => {
  test("at the caret, then replaced by the next one", () => {
    const first = insertReference("=2*", 3, "B3", undefined);
    expect(first).toEqual({ text: "=2*B3", caret: 5, pointed: { start: 3, end: 5 } });
    const second = insertReference(first.text, first.caret, "B3:C4", first.pointed);
    expect(second).toEqual({ text: "=2*B3:C4", caret: 8, pointed: { start: 3, end: 8 } });
  });
});

describe("F4 cycles the reference at the caret", () => {
  test("A1 → $A$1 → A$1 → $A1 → A1", () => {
    let state = { text: "=A1*2", caret: 3 };
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      state = cycleReference(state.text, state.caret);
      seen.push(state.text);
    }
    expect(seen).toEqual(["=$A$1*2", "=A$1*2", "=$A1*2", "=A1*2"]);
  });
  test("the part of a range the caret is in; names like LOG10 are not references", () => {
    expect(cycleReference("=SUM(A1:B2)", 10).text).toBe("=SUM(A1:$B$2)");
    expect(cycleReference("=LOG10(5)", 6).text).toBe("=LOG10(5)");
  });
});
