/**
 * The two file-format traps, checked on the committed example files by unzipping them:
 * 1. custom functions are saved as Excel saves an add-in's functions, `_xldudf_GD_NAME(` — never a bare
 *    `GD.NAME(`, which opens as #NAME? and is not re-bound when the add-in loads;
 * 2. every spilling formula is an array formula over its output range whose cell carries `cm="1"`, pointing
 *    at xl/metadata.xml's XLDAPR dynamic-array record; without it Excel opens the formula as a legacy one
 *    with implicit intersection (@) and shows only the first value.
 */
import { describe, expect, test } from "@jest/globals";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fromFileFormula, toFileFormula } from "../../src/workbench/hyperformula-plugin";
import { EXAMPLES, loadWorkbook } from "./load-workbook";

const FILES = ["linear-regression.xlsx", "gradcheck.xlsx", "lr-decay.xlsx", "xor-network.xlsx"];

async function unzip(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(join(EXAMPLES, file)));
}

async function text(zip: JSZip, path: string): Promise<string> {
  const entry = zip.file(path);
  if (!entry) throw new Error(`missing ${path}`);
  return entry.async("string");
}

test("toFileFormula / fromFileFormula map GD.X( to _xldudf_GD_X( and back, leaving Excel's functions alone", () => {
  const typed = 'GD.ADAM_STEP(H2:I2,F3:G3,J2:N2,0.5)+INDEX(A:A,MOD(A3-1,20)+1)*GD.LOSS("a*x","a",1)';
  const stored = toFileFormula(typed);
  expect(stored).toBe(
    '_xldudf_GD_ADAM_STEP(H2:I2,F3:G3,J2:N2,0.5)+INDEX(A:A,MOD(A3-1,20)+1)*_xldudf_GD_LOSS("a*x","a",1)',
  );
  expect(fromFileFormula(stored)).toBe(typed);
});

describe.each(FILES)("%s", (file) => {
  test("has the dynamic-array metadata part, its content type and its relationship", async () => {
    const zip = await unzip(file);
    const metadata = await text(zip, "xl/metadata.xml");
    expect(metadata).toContain('<metadataType name="XLDAPR"');
    expect(metadata).toContain('<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>');
    expect(metadata).toContain('<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>');
    expect(await text(zip, "[Content_Types].xml")).toContain(
      '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>',
    );
    expect(await text(zip, "xl/_rels/workbook.xml.rels")).toMatch(
      /Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/sheetMetadata" Target="metadata\.xml"/,
    );
  });

  test('every array formula\'s cell has cm="1", and every GD function is stored as _xldudf_GD_', async () => {
    const zip = await unzip(file);
    const sheetFiles = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheetFiles.length).toBeGreaterThan(0);
    let arrays = 0;
    let stored = 0;
    for (const path of sheetFiles) {
      const xml = await text(zip, path);
      for (const match of xml.matchAll(/<c ([^>]*)><f t="array" ref="([A-Z]+\d+:[A-Z]+\d+)">([^<]*)<\/f>/g)) {
        arrays++;
        expect(match[1]).toContain('cm="1"');
      }
      for (const match of xml.matchAll(/<f[^>]*>([^<]*)<\/f>/g)) {
        const formula = match[1] as string;
        expect(formula).not.toMatch(/(^|[^_])GD\./); // no bare GD.NAME( left in the file
        if (formula.includes("_xldudf_GD_")) stored++;
      }
    }
    expect(stored).toBeGreaterThan(0);
    // lr-decay.xlsx holds only scalar LR_DECAY cells: nothing spills there.
    if (file !== "lr-decay.xlsx") expect(arrays).toBeGreaterThan(0);
  });

  test("read back with ExcelJS: spilling GD formulas are array formulas over their output range", async () => {
    const sheets = await loadWorkbook(file);
    let gdFormulas = 0;
    for (const sheet of sheets) {
      for (const [address, formula] of sheet.fileFormulas) {
        if (!formula.includes("_xldudf_GD_")) continue;
        gdFormulas++;
        const scalar = /^_xldudf_GD_(LOSS|LR_DECAY)\(/.test(formula);
        if (scalar) continue;
        const ref = sheet.arrays.get(address);
        expect(ref).toBeDefined();
        expect((ref as string).startsWith(`${address}:`)).toBe(true);
      }
    }
    expect(gdFormulas).toBeGreaterThan(0);
  });
});
