/* global Excel, Office */
/**
 * The page `npm run test:excel` loads into real Excel as the add-in's shared runtime (after functions.js, so
 * the GD.* functions are registered): it types each case of cell-cases.ts into a new sheet, waits until Excel
 * has calculated them, reads what the cells show and sends it to office-addin-test-server — the pattern of
 * Microsoft's Excel-Custom-Functions template's end-to-end test.
 */
import { pingTestServer, sendTestResults } from "office-addin-test-helpers";
import { anchorRow, EXCEL_CELL_CASES, type ShownCells } from "./cell-cases";

export const TEST_SERVER_PORT = 4201;
const CALCULATION_TIMEOUT_MS = 60000;

function pending(values: readonly (readonly unknown[])[]): boolean {
  return values.some((row) => row.some((v) => v === "#BUSY!" || v === "#GETTING_DATA"));
}

async function typeAndRead(context: Excel.RequestContext): Promise<ShownCells[]> {
  const sheet = context.workbook.worksheets.add(`GD test ${Date.now() % 100000}`);
  EXCEL_CELL_CASES.forEach((c, i) => {
    sheet.getRange(`A${anchorRow(i)}`).formulas = [[c.formula]];
  });
  await context.sync();
  const started = Date.now();
  for (;;) {
    const ranges = EXCEL_CELL_CASES.map((c, i) => {
      const width = (c.expected[0]?.length ?? 1) + 1;
      const range = sheet.getRange(`A${anchorRow(i)}`).getResizedRange(c.expected.length - 1, width - 1);
      range.load("values");
      return range;
    });
    // Polling on purpose: custom functions show #BUSY! until they return, and Excel has no "calculated" event.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    const shown = EXCEL_CELL_CASES.map((c, i) => ({ name: c.name, values: ranges[i]?.values ?? [] }));
    if (!shown.some((s) => pending(s.values)) || Date.now() - started > CALCULATION_TIMEOUT_MS) return shown;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

Office.onReady(async (info) => {
  if (info.host !== Office.HostType.Excel) return;
  const ping = await pingTestServer(TEST_SERVER_PORT);
  if (ping.status !== 200) return;
  try {
    const shown = await Excel.run(typeAndRead);
    await sendTestResults({ shown }, TEST_SERVER_PORT);
  } catch (error) {
    await sendTestResults({ error: String(error) }, TEST_SERVER_PORT);
  }
});
