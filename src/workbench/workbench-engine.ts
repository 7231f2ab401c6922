import type { HyperFormula } from "hyperformula";
import { buildEngine } from "./hyperformula-plugin";
import { starterWorkbook } from "./starter-workbook";

/**
 * A HyperFormula instance configured like Excel, with our GD.* functions registered by hyperformula-plugin.ts
 * (HyperFormula is GPL-3.0, a devDependency used only by this local page and the tests: licenseKey "gpl-v3"),
 * holding the opening workbook (starter-workbook.ts: y = 2x + 30 stepped by hand in fast.ai's layout); work
 * kept in the browser replaces it once restored (workbook-files.ts).
 */
export function createWorkbenchEngine(): HyperFormula {
  return buildEngine(Object.fromEntries(starterWorkbook().map((sheet) => [sheet.name, sheet.rows])));
}
