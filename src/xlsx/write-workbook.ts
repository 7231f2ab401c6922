/**
 * Writes a workbook model as .xlsx — the one writer of the example workbooks (npm run examples) and of the
 * workbench's Save: the cells' computed values (evaluated here with HyperFormula and our GD.* plugin, or
 * handed over by the workbench's live engine) cached in the file so it opens showing numbers, written with
 * ExcelJS, then finished with what ExcelJS cannot write. Two file-format details make the files work in Excel
 * (docs/functions.md, "Saving workbooks"):
 *  1. custom functions are stored as `_xldudf_GD_ADAM_STEP(...)`, the form Excel itself saves for an
 *     add-in's function, so the file binds to the add-in when opened (a bare `GD.ADAM_STEP(` stays #NAME?);
 *  2. every spilling formula is an array formula over its output range AND carries dynamic-array cell
 *     metadata (`cm="1"` → xl/metadata.xml, XLDAPR fDynamic="1"), so Excel opens it as a spill, not as a
 *     legacy formula with implicit intersection (@) that would show only the first value.
 * ExcelJS writes no charts, so the charts are added to the zip afterwards as DrawingML parts by ./xlsx-charts.ts,
 * with the computed values cached in each series. Runs in Node and in the browser (bytes, no Buffer or fs).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cellName } from "../../src/workbench/cell-format";
import { buildEngine, toFileFormula } from "../../src/workbench/hyperformula-plugin";
import { addCharts, type ChartSpec, type ColumnRange } from "./xlsx-charts";
import type { ArrayBlock, WorkbookModel } from "./sheet-model";

/** A cell's computed value as cached in the file; an error as Excel's code (`#VALUE!`). */
export type CachedValue = number | string | boolean | null | { error: string };

/** Each sheet's computed values, by sheet name. */
export type WorkbookValues = Record<string, CachedValue[][]>;

export interface WriteOptions {
  /** The computed values; without them the model is evaluated here and any error cell is refused. */
  values?: WorkbookValues;
  /** The file's author field (docProps/core.xml). */
  creator?: string;
}

/** Evaluates the workbook with HyperFormula + GD plugin; throws if any cell is an error. */
export function evaluate(model: WorkbookModel): WorkbookValues {
  const engine = buildEngine(Object.fromEntries(model.sheets.map((s) => [s.name, s.rows])));
  const result: WorkbookValues = {};
  for (const sheet of model.sheets) {
    const id = engine.getSheetId(sheet.name) as number;
    const values = engine.getSheetValues(id);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === "object" && v !== null) {
          throw new Error(`${model.file} ${sheet.name}!${cellName(r, c)}: ${String(v.value)} ${v.message}`);
        }
      }),
    );
    result[sheet.name] = values as CachedValue[][];
  }
  engine.destroy();
  return result;
}

const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));

const DYNAMIC_ARRAY_METADATA = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

const METADATA_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml";
const METADATA_RELATIONSHIP =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata";

/**
 * Marks every array formula as a dynamic array: `cm="1"` on its `<c>` (cell-metadata record 1 of
 * xl/metadata.xml, which says XLDAPR fDynamic="1"), plus the part's content type and workbook relationship.
 */
async function addDynamicArrayMetadata(zip: JSZip): Promise<void> {
  const sheetFiles = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  for (const file of sheetFiles) {
    const xml = await (zip.file(file) as JSZip.JSZipObject).async("string");
    const marked = xml.replace(
      /<c r="([A-Z]+\d+)"([^>]*)><f t="array"/g,
      (_m, ref: string, attrs: string) => {
        return `<c r="${ref}"${attrs.replace(/ cm="\d+"/, "")} cm="1"><f t="array"`;
      },
    );
    zip.file(file, marked);
  }
  zip.file("xl/metadata.xml", DYNAMIC_ARRAY_METADATA);
  const typesFile = zip.file("[Content_Types].xml") as JSZip.JSZipObject;
  const types = await typesFile.async("string");
  if (!types.includes("/xl/metadata.xml")) {
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        `<Override PartName="/xl/metadata.xml" ContentType="${METADATA_CONTENT_TYPE}"/></Types>`,
      ),
    );
  }
  const relsFile = zip.file("xl/_rels/workbook.xml.rels") as JSZip.JSZipObject;
  const rels = await relsFile.async("string");
  if (!rels.includes(METADATA_RELATIONSHIP)) {
    zip.file(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdGdMetadata" Type="${METADATA_RELATIONSHIP}" Target="metadata.xml"/></Relationships>`,
      ),
    );
  }
}

/** The sheets' chart plans with the computed values of every range cached in. */
function chartsWithValues(model: WorkbookModel, values: WorkbookValues): Map<string, ChartSpec[]> {
  const charts = new Map<string, ChartSpec[]>();
  for (const sheet of model.sheets) {
    if (!sheet.charts) continue;
    const cells = values[sheet.name] ?? [];
    const column = (range: ColumnRange): number[] =>
      Array.from({ length: range.lastRow - range.firstRow + 1 }, (_, i) => {
        const row = range.firstRow + i;
        const v = cells[row]?.[range.col];
        if (typeof v !== "number") {
          throw new Error(
            `${model.file} ${sheet.name}!${cellName(row, range.col)} is ${String(v)}, not a number`,
          );
        }
        return v;
      });
    charts.set(
      sheet.name,
      sheet.charts.map((plan) => ({
        ...plan,
        series: plan.series.map((s) => ({ ...s, xValues: column(s.x), yValues: column(s.y) })),
      })),
    );
  }
  return charts;
}

/** What ExcelJS cannot write: dynamic-array metadata and charts; then fixed entry dates. */
async function finishPackage(xlsx: Uint8Array, charts: Map<string, ChartSpec[]>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  await addDynamicArrayMetadata(zip);
  await addCharts(zip, charts);
  // Fixed entry dates: regenerating unchanged sheets gives byte-identical files (clean git diffs).
  for (const entry of Object.values(zip.files)) entry.date = FIXED_DATE;
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** "H3:K3"; a one-cell block is "H3", as Excel writes it. */
function rangeOf(block: ArrayBlock): string {
  const start = cellName(block.row, block.col);
  if (block.width === 1 && block.height === 1) return start;
  return `${start}:${cellName(block.row + block.height - 1, block.col + block.width - 1)}`;
}

/** ExcelJS's form of a cached value: an error code becomes `{ error }`, as ExcelJS reads it back. */
function fileValue(value: CachedValue): ExcelJS.CellValue {
  return value !== null && typeof value === "object"
    ? ({ error: value.error } as ExcelJS.CellErrorValue)
    : value;
}

export async function writeWorkbook(model: WorkbookModel, options: WriteOptions = {}): Promise<Uint8Array> {
  const values = options.values ?? evaluate(model);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? "gradient-steps make-examples";
  workbook.created = FIXED_DATE;
  workbook.modified = workbook.created;
  for (const sheet of model.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    const cached = values[sheet.name] ?? [];
    const anchors = new Map(sheet.arrays.map((a) => [`${a.row},${a.col}`, a]));
    const rowCount = Math.max(sheet.rows.length, cached.length);
    for (let r = 0; r < rowCount; r++) {
      const width = Math.max(sheet.rows[r]?.length ?? 0, cached[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const raw = sheet.rows[r]?.[c] ?? null;
        const value = cached[r]?.[c] ?? null;
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof raw === "string" && raw.startsWith("=")) {
          const formula = toFileFormula(raw.slice(1));
          const block = anchors.get(`${r},${c}`);
          const result = value === null ? "" : fileValue(value);
          cell.value = block
            ? ({ formula, result, shareType: "array", ref: rangeOf(block) } as ExcelJS.CellFormulaValue)
            : ({ formula, result } as ExcelJS.CellFormulaValue);
        } else if (raw !== null) {
          cell.value = raw;
        } else if (value !== null) {
          cell.value = fileValue(value); // a spilled value, cached so the file shows numbers before recalculation
        }
      }
    }
    for (const r of sheet.headerRows) ws.getRow(r + 1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    if (sheet.note) ws.headerFooter.oddHeader = sheet.note;
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return finishPackage(new Uint8Array(buffer as ArrayBuffer), chartsWithValues(model, values));
}
