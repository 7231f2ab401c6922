/*
 * The workbench's work kept in the browser: the whole workbook as typed (sheet contents, see
 * workbook-sheets.ts), its file name, the active sheet and whether it holds changes not yet saved to a file,
 * under one IndexedDB key (idb-keyval's default store). Restored when the page opens again.
 */
import { get, set } from "idb-keyval";
import type { SheetContent } from "./example-workbooks";

export interface KeptWorkbook {
  version: 1;
  fileName: string;
  sheets: SheetContent[];
  activeSheet: string;
  /** Changes made since the workbook was last saved to (or opened from) a file. */
  unsaved: boolean;
  /** When it was kept (ISO 8601). */
  keptAt: string;
}

/** The two calls of idb-keyval used here; tests pass a Map-backed stand-in. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export const KEY = "gradient-steps:workbook";

const indexedDbStore: KeyValueStore = { get: (key) => get(key), set: (key, value) => set(key, value) };

function isSheet(value: unknown): value is SheetContent {
  const sheet = value as SheetContent;
  return (
    typeof sheet === "object" &&
    sheet !== null &&
    typeof sheet.name === "string" &&
    Array.isArray(sheet.rows) &&
    sheet.rows.every((row) => Array.isArray(row))
  );
}

/** A kept record from an earlier version or a damaged store is ignored rather than half-restored. */
export function isKeptWorkbook(value: unknown): value is KeptWorkbook {
  const kept = value as KeptWorkbook;
  return (
    typeof kept === "object" &&
    kept !== null &&
    kept.version === 1 &&
    typeof kept.fileName === "string" &&
    typeof kept.activeSheet === "string" &&
    typeof kept.unsaved === "boolean" &&
    Array.isArray(kept.sheets) &&
    kept.sheets.length > 0 &&
    kept.sheets.every(isSheet)
  );
}

export class WorkbookStore {
  constructor(private readonly store: KeyValueStore = indexedDbStore) {}

  async load(): Promise<KeptWorkbook | undefined> {
    const value = await this.store.get(KEY);
    return isKeptWorkbook(value) ? value : undefined;
  }

  async keep(workbook: Omit<KeptWorkbook, "version" | "keptAt">): Promise<void> {
    const record: KeptWorkbook = { version: 1, ...workbook, keptAt: new Date().toISOString() };
    await this.store.set(KEY, record);
  }
}
