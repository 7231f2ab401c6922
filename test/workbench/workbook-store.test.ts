/**
 * The work kept in the browser: what is kept comes back as it was (through a Map standing in for IndexedDB),
 * and a record that is not a complete version-1 workbook is ignored rather than half-restored.
 */
import { expect, test } from "@jest/globals";
import { isKeptWorkbook, KEY, type KeyValueStore, WorkbookStore } from "../../src/workbench/workbook-store";

function mapStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, structuredClone(value)); // IndexedDB stores a structured clone, never the live object
    },
  };
}

const WORK = {
  fileName: "mine.xlsx",
  sheets: [
    {
      name: "y = 2x + 30",
      rows: [
        ["learning rate", 0.05],
        [null, "=GD.GD_STEP(A1:B1,C1:D1,,$B$1)", true],
      ],
    },
    { name: "Other", rows: [] },
  ],
  activeSheet: "Other",
  unsaved: true,
};

test("a kept workbook comes back with its sheets, file name, active sheet and unsaved flag", async () => {
  const backing = mapStore();
  const store = new WorkbookStore(backing);
  expect(await store.load()).toBeUndefined();
  await store.keep(WORK);
  const kept = await new WorkbookStore(backing).load();
  expect(kept).toMatchObject({ version: 1, ...WORK });
  expect(Number.isNaN(Date.parse(kept?.keptAt ?? ""))).toBe(false);
});

test.each([
  ["nothing", undefined],
  ["another version", { ...WORK, version: 2, keptAt: "" }],
  ["no sheets", { ...WORK, version: 1, sheets: [], keptAt: "" }],
  ["a sheet without rows", { ...WORK, version: 1, sheets: [{ name: "A" }], keptAt: "" }],
  ["a row that is not a list", { ...WORK, version: 1, sheets: [{ name: "A", rows: ["x"] }], keptAt: "" }],
  ["no unsaved flag", { ...WORK, version: 1, unsaved: "yes", keptAt: "" }],
])("%s is not restored", async (_what, record) => {
  const backing = mapStore();
  backing.map.set(KEY, record);
  expect(isKeptWorkbook(record)).toBe(false);
  expect(await new WorkbookStore(backing).load()).toBeUndefined();
});
