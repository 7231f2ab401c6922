/**
 * Writes the example workbooks in examples/ (npm run examples): one builder per workbook (./examples/*.ts,
 * each a sheet model of raw cell contents), packaged by src/xlsx/write-workbook.ts (the writer the workbench's Save uses too).
 */
/* global __dirname, console, require, module, process */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gradcheckWorkbook } from "./examples/gradcheck";
import { linearRegressionWorkbook } from "./examples/linear-regression";
import { lrDecayWorkbook } from "./examples/lr-decay";
import { writeWorkbook } from "../src/xlsx/write-workbook";
import type { WorkbookModel } from "../src/xlsx/sheet-model";
import { xorNetworkWorkbook } from "./examples/xor-network";

export function exampleWorkbooks(): WorkbookModel[] {
  return [linearRegressionWorkbook(), gradcheckWorkbook(), lrDecayWorkbook(), xorNetworkWorkbook()];
}

export async function main(directory = join(__dirname, "..", "examples")): Promise<void> {
  mkdirSync(directory, { recursive: true });
  for (const model of exampleWorkbooks()) {
    const buffer = await writeWorkbook(model);
    writeFileSync(join(directory, model.file), buffer);
    console.log(`wrote examples/${model.file} (${model.sheets.length} sheets, ${buffer.length} bytes)`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
