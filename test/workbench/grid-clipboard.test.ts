import { clipboardText, sameClipboardText, textPaste } from "../../src/workbench/grid-clipboard";

describe("the grid's clipboard text", () => {
  test("rows of cells → tab-separated columns, newline-separated rows", () => {
    expect(
      clipboardText([
        ["1", "=A1*10"],
        ["2", ""],
      ]),
    ).toBe("1\t=A1*10\n2\t");
  });

  test("another application's line endings and trailing newline do not make it a different copy", () => {
    expect(sameClipboardText("1\t10\n2\t21", "1\t10\r\n2\t21\r\n")).toBe(true);
    expect(sameClipboardText("1\t10", "1\t11")).toBe(false);
  });
});

describe("text pasted from another application", () => {
  const at = { x: 3, y: 4, width: 1, height: 1 };

  test("numbers become numbers, =… formulas, blanks empty; ragged rows are padded", () => {
    expect(
      textPaste(
        [
          ["1.5", "x", "=A1"],
          ["", "TRUE"],
        ],
        at,
      ),
    ).toEqual({
      pasted: { x: 3, y: 4, width: 3, height: 2 },
      data: [
        [1.5, "x", "=A1"],
        [null, true, null],
      ],
    });
  });

  test("one value onto a larger selection fills every cell of it", () => {
    const selection = { x: 0, y: 0, width: 2, height: 3 };
    expect(textPaste([["7"]], selection)).toEqual({
      pasted: selection,
      data: [
        [7, 7],
        [7, 7],
        [7, 7],
      ],
    });
  });
});
