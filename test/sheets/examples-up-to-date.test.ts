/**
 * The committed examples/*.xlsx are what `npm run examples` writes now: each workbook is regenerated in memory
 * and compared cell by cell with the committed file (formula as stored, array range, cached value), both read
 * with ExcelJS. A generator or engine change without `npm run examples` fails here, naming the first cells
 * that differ.
 */
import { describe, expect, test } from "@jest/globals";
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { exampleWorkbooks } from "../../scripts/make-examples";
import { writeWorkbook } from "../../src/xlsx/write-workbook";
import { EXAMPLE_WORKBOOKS } from "../../src/workbench/example-workbooks";
import { EXAMPLES } from "./load-workbook";

/** Every non-empty cell as "Sheet!A1" → a description of what is stored there. */
async function cells(buffer: Uint8Array): Promise<Map<string, string>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
  );
  const out = new Map<string, string>();
  workbook.eachSheet((sheet) =>
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        out.set(`${sheet.name}!${cell.address}`, JSON.stringify(cell.value));
      }),
    ),
  );
  return out;
}

test("the generator writes exactly the workbooks the workbench offers", () => {
  expect(exampleWorkbooks().map((m) => m.file)).toEqual(EXAMPLE_WORKBOOKS);
});

describe.each(exampleWorkbooks().map((model) => [model.file, model] as const))("%s", (file, model) => {
  test("is cell-identical to a fresh `npm run examples`", async () => {
    const fresh = await cells(await writeWorkbook(model));
    const committed = await cells(readFileSync(join(EXAMPLES, file)));
    const differing = [...new Set([...fresh.keys(), ...committed.keys()])]
      .filter((address) => fresh.get(address) !== committed.get(address))
      .slice(0, 5)
      .map((address) => `${address}: committed ${committed.get(address)}, generated ${fresh.get(address)}`);
    expect(differing).toEqual([]);
    expect(fresh.size).toBeGreaterThan(10);
  });
});
