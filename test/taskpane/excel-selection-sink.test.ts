import { afterEach, describe, expect, test } from "@jest/globals";
import { ExcelSelectionSink } from "../../src/taskpane/excel-selection-sink";
import { PRESETS } from "../../src/taskpane/presets";
import { EPOCH_0, installExcel, uninstallExcel } from "./epoch-fixtures";
import { FakeBook } from "./fake-excel";

const config = { ...PRESETS["network.py"], epochs: 2 };

afterEach(uninstallExcel);

describe("ExcelSelectionSink at the selection", () => {
  test("writes the block from the selected cell of the active sheet when it is empty", async () => {
    const book = new FakeBook("Data");
    book.selection = { row: 4, column: 2 }; // C5
    book.set("Data", 3, 2, "just above the block");
    installExcel(book);
    const sink = new ExcelSelectionSink();
    await sink.begin(config);
    await sink.writeEpoch(EPOCH_0, 0);
    expect(book.get("Data", 4, 2)).toBe("epoch");
    // epoch, loss, validation 9100/10000, test 9129/10000, test correct, lr, seconds
    expect(book.rows("Data", 5, 2, 1, 7)).toEqual([[0, 0.0123, 0.91, 0.9129, 9129, 3, 2.5]]);
    expect(book.get("Data", 3, 2)).toBe("just above the block");
    expect([...book.sheets.keys()]).toEqual(["Data"]);
    expect(book.charts).toHaveLength(1);
    expect(book.charts[0]?.sources).toEqual([[4, 3, 2, 3]]);
  });

  test("refuses to overwrite user data inside the block (header + epochs rows × 7 columns)", async () => {
    const book = new FakeBook("Data");
    book.selection = { row: 0, column: 0 };
    book.set("Data", 2, 6, 42); // G3: inside A1:G3 (header + 2 epochs)
    installExcel(book);
    const sink = new ExcelSelectionSink();
    await expect(sink.begin(config)).rejects.toThrow(
      "Data!A1:G3 is not empty (the run needs 3 rows × 7 columns); select an empty cell",
    );
    expect(book.get("Data", 2, 6)).toBe(42);
    expect(book.get("Data", 0, 0)).toBe("");
  });

  test("writeEpoch before begin is an error, not a write somewhere", async () => {
    installExcel(new FakeBook("Data"));
    await expect(new ExcelSelectionSink().writeEpoch(EPOCH_0, 0)).rejects.toThrow("begin() was not called");
  });
});
