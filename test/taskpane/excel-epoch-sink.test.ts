import { afterEach, describe, expect, test } from "@jest/globals";
import type { EpochResult } from "../../src/engine/train/protocol";
import { EPOCH_HEADERS } from "../../src/taskpane/epoch-sink";
import { ExcelEpochSink, TRAINING_SHEET } from "../../src/taskpane/excel-epoch-sink";
import { PRESETS } from "../../src/taskpane/presets";
import { FakeBook, createExcelMock } from "./fake-excel";

const config = { ...PRESETS["network.py"], epochs: 2 };

/** network.py's published first epochs: "Epoch 0: 9129 / 10000", "Epoch 1: 9295 / 10000". */
const EPOCH_0: EpochResult = {
  epoch: 0,
  trainLoss: 0.0123,
  validationCorrect: 9100,
  validationTotal: 10000,
  testCorrect: 9129,
  testTotal: 10000,
  seconds: 2.5,
  lr: 3,
};
const EPOCH_1: EpochResult = {
  ...EPOCH_0,
  epoch: 1,
  trainLoss: 0.0101,
  validationCorrect: 9280,
  testCorrect: 9295,
};

function install(book: FakeBook): void {
  (globalThis as { Excel?: unknown }).Excel = createExcelMock(book);
}

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

describe("ExcelEpochSink on a Training sheet", () => {
  test("creates the sheet, writes the header and one row per epoch, and charts loss/accuracy", async () => {
    const book = new FakeBook("Sheet1");
    book.set("Sheet1", 0, 0, "user data");
    install(book);
    const sink = new ExcelEpochSink();
    await sink.begin(config);
    expect(book.active).toBe(TRAINING_SHEET);
    expect(book.rows(TRAINING_SHEET, 0, 0, 1, 6)).toEqual([[...EPOCH_HEADERS]]);

    await sink.writeEpoch(EPOCH_0, 0);
    await sink.writeEpoch(EPOCH_1, 1);
    // Accuracies as fractions: 9100/10000 = 0.91, 9129/10000 = 0.9129, 9280/10000 = 0.928, 9295/10000 = 0.9295.
    expect(book.rows(TRAINING_SHEET, 1, 0, 2, 6)).toEqual([
      [0, 0.0123, 0.91, 0.9129, 2.5, 3],
      [1, 0.0101, 0.928, 0.9295, 2.5, 3],
    ]);
    expect(book.formats.get(`${TRAINING_SHEET}!1,2`)).toBe("0.00%");

    // One line chart over columns B:D (loss, validation, test), header included, growing with each epoch.
    expect(book.charts).toHaveLength(1);
    const chart = book.charts[0];
    expect(chart?.type).toBe("Line");
    expect(chart?.sources).toEqual([
      [0, 1, 2, 3],
      [0, 1, 3, 3],
    ]);
    // Placed to the right of the six data columns, never over them.
    expect(chart?.position?.[0]).toEqual([0, 7]);
    expect(book.get("Sheet1", 0, 0)).toBe("user data");
  });

  test("clears an existing Training sheet and removes its old charts", async () => {
    const book = new FakeBook("Sheet1", TRAINING_SHEET);
    book.set(TRAINING_SHEET, 40, 3, "old run");
    for (const name of ["old 1", "old 2"]) {
      book.charts.push({
        name,
        sheet: TRAINING_SHEET,
        type: "Line",
        title: { text: "" },
        sources: [],
        deleted: false,
      });
    }
    install(book);
    const sink = new ExcelEpochSink();
    await sink.begin(config);
    expect(book.get(TRAINING_SHEET, 40, 3)).toBe("");
    expect(book.charts.map((c) => c.deleted)).toEqual([true, true]);
    expect(book.get(TRAINING_SHEET, 0, 0)).toBe("epoch");
  });
});

describe("ExcelEpochSink at the selection", () => {
  test("writes the block from the selected cell of the active sheet when it is empty", async () => {
    const book = new FakeBook("Data");
    book.selection = { row: 4, column: 2 }; // C5
    book.set("Data", 3, 2, "just above the block");
    install(book);
    const sink = new ExcelEpochSink("selection");
    await sink.begin(config);
    await sink.writeEpoch(EPOCH_0, 0);
    expect(book.get("Data", 4, 2)).toBe("epoch");
    expect(book.rows("Data", 5, 2, 1, 6)).toEqual([[0, 0.0123, 0.91, 0.9129, 2.5, 3]]);
    expect(book.get("Data", 3, 2)).toBe("just above the block");
    expect(book.sheets.has(TRAINING_SHEET)).toBe(false);
  });

  test("refuses to overwrite user data inside the block (header + epochs rows × 6 columns)", async () => {
    const book = new FakeBook("Data");
    book.selection = { row: 0, column: 0 };
    book.set("Data", 2, 5, 42); // F3: inside A1:F3 (header + 2 epochs)
    install(book);
    const sink = new ExcelEpochSink("selection");
    await expect(sink.begin(config)).rejects.toThrow(
      "Data!A1:F3 is not empty (the run needs 3 rows × 6 columns); select an empty cell",
    );
    expect(book.get("Data", 2, 5)).toBe(42);
    expect(book.get("Data", 0, 0)).toBe("");
  });

  test("writeEpoch before begin is an error, not a write somewhere", async () => {
    install(new FakeBook("Data"));
    await expect(new ExcelEpochSink().writeEpoch(EPOCH_0, 0)).rejects.toThrow("begin() was not called");
  });
});
