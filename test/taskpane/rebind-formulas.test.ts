/**
 * Re-bind GD formulas: which cells are typed again (the GD anchors only, file-form names turned back into
 * GD.NAME), and the Excel.run code over a small fake workbook that, as Office.js does, refuses to read a
 * property that was not loaded and synced and applies writes only at context.sync().
 */
import { describe, expect, test } from "@jest/globals";
import { gdFormulaCells, rebindGdFormulas, rebindMessage } from "../../src/taskpane/rebind-formulas";

describe("the cells typed again", () => {
  test("GD formulas in either spelling; plain formulas, values, spilled values and look-alikes are left", () => {
    const formulas = [
      ["a", "b", "=GD.GD_STEP(A2:B2,E2:F2,,0.1)", 0.95, 2.1],
      [
        "=SUM(A1:B1)",
        "=_xldudf_GD_ADAM_STEP(A3:B3,C3:D3)",
        "GD.GD_STEP as text",
        "=MYGD.X(1)",
        '=gd.loss("a^2","a",1)',
      ],
      ['=IF(A1>0,GD.LR_DECAY(0.1,B1,"constant"),0)', "", 3, null, '=A1&"GD."'],
    ];
    expect(gdFormulaCells(formulas)).toEqual([
      { row: 0, column: 2, text: "=GD.GD_STEP(A2:B2,E2:F2,,0.1)" },
      { row: 1, column: 1, text: "=GD.ADAM_STEP(A3:B3,C3:D3)" },
      { row: 1, column: 4, text: '=gd.loss("a^2","a",1)' },
      { row: 2, column: 0, text: '=IF(A1>0,GD.LR_DECAY(0.1,B1,"constant"),0)' },
    ]);
  });
});

interface SheetData {
  name: string;
  /** null: an empty sheet (getUsedRangeOrNullObject gives a null object). */
  used: { rowIndex: number; columnIndex: number; formulas: unknown[][] } | null;
}

function fakeContext(sheets: SheetData[]) {
  const pending: (() => void)[] = [];
  const writes: string[] = [];
  let syncs = 0;
  const loadable = <T extends object>(values: T) => {
    let requested = false;
    let loaded = false;
    pending.push(() => {
      if (requested) loaded = true;
    });
    return new Proxy(
      { load: () => (requested = true) },
      {
        get(target, key) {
          if (key === "load") return target.load;
          if (key === "isNullObject") return (values as Record<string, unknown>).isNullObject ?? false;
          if (!loaded) {
            throw new Error(
              `The property '${String(key)}' is not available: call load and context.sync() first`,
            );
          }
          return (values as Record<string | symbol, unknown>)[key];
        },
      },
    );
  };
  const worksheets = sheets.map((data) => ({
    name: data.name,
    getUsedRangeOrNullObject: () =>
      loadable(data.used ? { ...data.used, isNullObject: false } : { isNullObject: true }),
    getCell: (row: number, column: number) => ({
      set formulas(value: unknown[][]) {
        pending.push(() => writes.push(`${data.name}!R${row + 1}C${column + 1} ${JSON.stringify(value)}`));
      },
    }),
  }));
  const collection = loadable({ items: worksheets });
  const context = {
    workbook: { worksheets: collection },
    sync: async () => {
      syncs++;
      for (const apply of pending.splice(0)) apply();
    },
  };
  return { context: context as unknown as Excel.RequestContext, writes, syncs: () => syncs };
}

describe("rebindGdFormulas in Excel.run", () => {
  test("writes each GD anchor of each sheet at its own address, after loading and syncing", async () => {
    const fake = fakeContext([
      {
        name: "Adam",
        used: {
          rowIndex: 3,
          columnIndex: 1,
          formulas: [
            ["a", "=GD.ADAM_STEP(B5:C5,D5:E5,,0.01)", 0.99],
            [1, "=_xldudf_GD_ADAM_STEP(B6:C6,D6:E6,C4:I4,0.01)", 0.98],
          ],
        },
      },
      { name: "Empty", used: null },
      { name: "Plain", used: { rowIndex: 0, columnIndex: 0, formulas: [["=SUM(1,2)"]] } },
    ]);
    const report = await rebindGdFormulas(fake.context);
    expect(fake.writes).toEqual([
      'Adam!R4C3 [["=GD.ADAM_STEP(B5:C5,D5:E5,,0.01)"]]',
      'Adam!R5C3 [["=GD.ADAM_STEP(B6:C6,D6:E6,C4:I4,0.01)"]]',
    ]);
    expect(report).toEqual({ formulas: 2, sheetNames: ["Adam"] });
    expect(fake.syncs()).toBe(3);
  });

  test("reading a property before it was loaded fails as in Office.js (the fake is strict)", () => {
    const fake = fakeContext([
      { name: "S", used: { rowIndex: 0, columnIndex: 0, formulas: [["=GD.LOSS(1)"]] } },
    ]);
    expect(() => fake.context.workbook.worksheets.items).toThrow("The property 'items' is not available");
  });
});

test("what the pane says", () => {
  expect(rebindMessage({ formulas: 0, sheetNames: [] })).toBe("No GD formulas found in this workbook.");
  expect(rebindMessage({ formulas: 1, sheetNames: ["Sheet1"] })).toBe(
    "Re-bound 1 GD formula on sheet Sheet1.",
  );
  expect(rebindMessage({ formulas: 12, sheetNames: ["Adam", "SGD"] })).toBe(
    "Re-bound 12 GD formulas on sheets Adam, SGD.",
  );
});
