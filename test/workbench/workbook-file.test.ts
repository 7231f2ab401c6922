/**
 * The workbench's Save and Open in Node: the starter workbook (plus a sheet with an Adam step and an error
 * cell) saved through the workbench's save path, read back with ExcelJS and unzipped, carries `_xldudf_GD_`
 * formulas as array formulas over their spill with `cm="1"` and the same xl/metadata.xml as the example
 * workbooks; cached values are the hand-derived first steps; the file opens again into the same cells; files
 * that are not workbooks are refused with a reason; a refused replacement leaves the workbook as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import ExcelJS from "exceljs";
import type { HyperFormula } from "hyperformula";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";
import { STARTER, starterWorkbook } from "../../src/workbench/starter-workbook";
import { readWorkbookBytes, saveWorkbookBytes, WorkbookFileError } from "../../src/workbench/workbook-file";
import { replaceWorkbook, snapshotSheets } from "../../src/workbench/workbook-sheets";
import { EXAMPLES } from "../sheets/load-workbook";

let hf: HyperFormula;
let saved: Uint8Array;
const starter = starterWorkbook()[0] as { name: string; rows: (string | number | null)[][] };

beforeAll(async () => {
  hf = buildEngine({
    [starter.name]: starter.rows,
    Adam: [["=GD.ADAM_STEP({1,2},{0.5,-0.5})"], ["=GD.GD_STEP({1,2},{1,2,3},,0.1)"], ["note", 7, true]],
  });
  saved = await saveWorkbookBytes(hf, "mine.xlsx");
});
afterAll(() => hf.destroy());

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return workbook;
}

type ArrayFormula = ExcelJS.CellFormulaValue & { shareType?: string; ref?: string };

describe("a saved workbook, read back with ExcelJS", () => {
  test("GD_STEP rows are _xldudf_ array formulas over their a, b, t spill, with the hand-derived values", async () => {
    const sheet = (await readBack(saved)).getWorksheet(starter.name);
    if (!sheet) throw new Error("no starter sheet");
    // Row 6 (the first step): x = 0.3, y = 30.6 from a = b = 0: error e = −30.6, dL/da = 2e·x = −18.36,
    // dL/db = 2e = −61.2; with lr 0.05: a = 0.918, b = 3.06, t = 1.
    const first = sheet.getCell("E6").value as ArrayFormula;
    expect(first.formula).toBe("_xldudf_GD_GD_STEP(E5:F5,C6:D6,G5,$B$1)");
    expect(first.shareType).toBe("array");
    expect(first.ref).toBe("E6:G6");
    expect(first.result).toBeCloseTo(0.918, 12);
    expect(sheet.getCell("F6").value).toBeCloseTo(3.06, 12);
    expect(sheet.getCell("G6").value).toBe(1);
    expect((sheet.getCell("C6").value as ExcelJS.CellFormulaValue).formula).toBe("2*(E5*A6+F5-B6)*A6");
    expect((sheet.getCell("C6").value as ExcelJS.CellFormulaValue).result).toBeCloseTo(-18.36, 12);
    expect(sheet.getCell("B1").value).toBe(STARTER.lr);
    // Every step row, and the header row's GD.STEP_HEADERS, is an array formula.
    const last = STARTER.startRow + STARTER.steps + 1;
    const lastStep = sheet.getCell(`E${last}`).value as ArrayFormula;
    expect(lastStep.formula).toBe(
      `_xldudf_GD_GD_STEP(E${last - 1}:F${last - 1},C${last}:D${last},G${last - 1},$B$1)`,
    );
    expect(lastStep.ref).toBe(`E${last}:G${last}`);
    const headers = sheet.getCell("E4").value as ArrayFormula;
    expect(headers.formula).toBe('_xldudf_GD_STEP_HEADERS("sgd","a,b")');
    expect(headers.ref).toBe("E4:G4");
  });

  test("a 7-wide Adam spill and an error cell keep their shape; Adam's first step by hand", async () => {
    const sheet = (await readBack(saved)).getWorksheet("Adam");
    if (!sheet) throw new Error("no Adam sheet");
    const adam = sheet.getCell("A1").value as ArrayFormula;
    expect([adam.formula, adam.shareType, adam.ref]).toEqual([
      "_xldudf_GD_ADAM_STEP({1,2},{0.5,-0.5})",
      "array",
      "A1:G1",
    ]);
    // β1 = 0.9, β2 = 0.999, lr = 0.001: the first bias-corrected step is lr·sign(g) up to ε: 1 − 0.001.
    expect(adam.result).toBeCloseTo(0.999, 8);
    expect(sheet.getCell("B1").value).toBeCloseTo(2.001, 8);
    const bad = sheet.getCell("A2").value as ExcelJS.CellFormulaValue;
    expect(bad.formula).toBe("_xldudf_GD_GD_STEP({1,2},{1,2,3},,0.1)");
    expect(bad.result).toEqual({ error: "#VALUE!" });
    // An error does not spill: the formula covers its own cell only, as Excel saves it, and nothing is cached
    // beside it.
    expect([(bad as ArrayFormula).shareType, (bad as ArrayFormula).ref]).toEqual(["array", "A2"]);
    expect(sheet.getCell("B2").value).toBeNull();
    expect([sheet.getCell("A3").value, sheet.getCell("B3").value, sheet.getCell("C3").value]).toEqual([
      "note",
      7,
      true,
    ]);
  });

  test('the zip holds cm="1" on every array formula and the example workbooks\' xl/metadata.xml', async () => {
    const zip = await JSZip.loadAsync(saved);
    const example = await JSZip.loadAsync(readFileSync(join(EXAMPLES, "linear-regression.xlsx")));
    const part = async (z: JSZip, path: string) => (await z.file(path)?.async("string")) ?? `missing ${path}`;
    expect(await part(zip, "xl/metadata.xml")).toBe(await part(example, "xl/metadata.xml"));
    expect(await part(zip, "[Content_Types].xml")).toContain('<Override PartName="/xl/metadata.xml"');
    expect(await part(zip, "xl/_rels/workbook.xml.rels")).toContain('Target="metadata.xml"');
    let arrays = 0;
    for (const path of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
      const xml = await part(zip, path);
      for (const match of xml.matchAll(
        /<c ([^>]*)><f t="array" ref="[A-Z]+\d+(?::[A-Z]+\d+)?">([^<]*)<\/f>/g,
      )) {
        arrays++;
        expect(match[1]).toContain('cm="1"');
        expect(match[2]).toMatch(/^_xldudf_GD_/);
      }
      expect(xml).not.toMatch(/<f[^>]*>[^<]*(^|[^_])GD\./); // no bare GD.NAME( in any formula
    }
    // The starter's header row and 100 step rows, and the Adam step (the error cell's ref is one cell).
    expect(arrays).toBe(1 + STARTER.steps + 1 + 1);
  });
});

describe("opening", () => {
  test("the saved file opens into the cells that were saved (formulas as typed, spills at their anchor)", async () => {
    const opened = await readWorkbookBytes(saved);
    const trimmed = (sheets: { name: string; rows: Cell[][] }[]) =>
      sheets.map(({ name, rows }) => ({ name, rows: trimRows(rows) }));
    expect(trimmed(opened)).toEqual(trimmed(snapshotSheets(hf)));
    expect(opened[0]?.rows[5]?.[4]).toBe("=GD.GD_STEP(E5:F5,C6:D6,G5,$B$1)");
    expect(opened[0]?.rows[5]?.[5] ?? null).toBeNull(); // F6 is spilled, not typed
  });

  test.each([
    ["empty", new Uint8Array(0), /^the file is empty \(0 bytes\)$/],
    [
      "not a zip",
      new TextEncoder().encode("x,y\n1,2\n"),
      /^it is not an \.xlsx file \(an \.xlsx is a zip archive; this one is not\)$/,
    ],
    [
      "an old .xls",
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      /^it is an Excel 97–2003 workbook \(\.xls\): save it as \.xlsx/,
    ],
  ])("%s is refused with the reason", async (what, bytes, reason) => {
    await expect(readWorkbookBytes(bytes)).rejects.toThrow(reason);
  });

  test("a zip that is no workbook, and a truncated workbook, are refused as unreadable", async () => {
    const zip = new JSZip();
    zip.file("hello.txt", "hello");
    const notWorkbook = await zip.generateAsync({ type: "uint8array" });
    await expect(readWorkbookBytes(notWorkbook)).rejects.toThrow(WorkbookFileError);
    await expect(readWorkbookBytes(notWorkbook)).rejects.toThrow(
      /^it (could not be read as an Excel workbook|has no worksheet)/,
    );
    const truncated = saved.slice(0, Math.floor(saved.length / 2));
    await expect(readWorkbookBytes(truncated)).rejects.toThrow(
      /^it could not be read as an Excel workbook: \S/,
    );
  });
});

describe("replacing the workbook", () => {
  test("a workbook HyperFormula refuses (two sheets of one name) leaves every cell as it was", () => {
    const engine = buildEngine({ Keep: [[1, "=A1*2"]], Other: [["=GD.GD_STEP({1,2},{1,1},,0.5)"]] });
    const before = snapshotSheets(engine);
    expect(() =>
      replaceWorkbook(engine, [
        { name: "Twice", rows: [[1]] },
        { name: "twice", rows: [[2]] },
      ]),
    ).toThrow(/twice/i);
    expect(snapshotSheets(engine)).toEqual(before);
    expect(engine.getCellValue({ sheet: engine.getSheetId("Keep") as number, row: 0, col: 1 })).toBe(2);
    // The GD step is recalculated too: 1 − 0.5·1 = 0.5, 2 − 0.5·1 = 1.5.
    const other = engine.getSheetId("Other") as number;
    expect([0, 1].map((col) => engine.getCellValue({ sheet: other, row: 0, col }))).toEqual([0.5, 1.5]);
    engine.destroy();
  });

  test("an empty list of sheets is refused", () => {
    const engine = buildEngine({ Keep: [[1]] });
    expect(() => replaceWorkbook(engine, [])).toThrow("the workbook has no sheets");
    expect(engine.getSheetNames()).toEqual(["Keep"]);
    engine.destroy();
  });
});

type Cell = string | number | boolean | null;

/** Without trailing empty cells and rows (a file stores none; a spill's covered cells read back as empty). */
function trimRows(rows: Cell[][]): Cell[][] {
  const out = rows.map((cells) => {
    const copy = [...cells];
    while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
    return copy;
  });
  while (out.length > 0 && (out[out.length - 1] as unknown[]).length === 0) out.pop();
  return out;
}
