/**
 * The charts in the example files, checked by unzipping them and following the package's relationships the
 * way Excel does (workbook → sheet → <drawing r:id> → drawing part → graphicFrame's c:chart r:id → chart part),
 * independently of the generator: every part is well-formed XML and has its content type; each optimizer sheet
 * has a chart of a and b against the iteration column and one of the loss, each series pointing at its own
 * sheet's columns over the iteration rows; the cached values (what a reader shows before recalculating) equal
 * what HyperFormula computes from the file's formulas, and the first/last points are the known start (a = b = 0
 * at iteration 0) and end (a ≈ 2, b ≈ 30).
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { EXAMPLES, evaluateSheets, loadWorkbook, type EvaluatedWorkbook } from "./load-workbook";

const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The optimizer sheets of linear-regression.xlsx and their row counts (as listed in docs/functions.md). */
const LINE_SHEETS: readonly (readonly [string, number])[] = [
  ["SGD", 300],
  ["Momentum", 300],
  ["Nesterov", 300],
  ["EWA momentum", 300],
  ["L2 (textbook)", 300],
  ["AdaGrad", 300],
  ["AdaDelta", 300],
  ["RMSProp", 300],
  ["Adam", 300],
  ["AMSGrad", 300],
  ["AdamW", 300],
  ["SGD + step decay", 300],
  ["Full batch", 100],
  ["Mini-batch", 100],
];
/** Line-sheet columns: A = iteration, E = loss, H = a, I = b. Row 2 is iteration 0 (a = b = 0, no loss). */
const COL = { iter: "A", loss: "E", a: "H", b: "I" } as const;
/** L2 and AdamW have a minimiser pulled toward 0 by the decay; the others end within 1e-3 of (2, 30). */
const END_TOLERANCE: Readonly<Record<string, number>> = { "L2 (textbook)": 0.05, AdamW: 0.05 };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) =>
    [
      "Relationship",
      "Override",
      "sheet",
      "xdr:twoCellAnchor",
      "c:scatterChart",
      "c:ser",
      "c:pt",
      "c:valAx",
    ].includes(name),
});

type Node = Record<string, unknown>;

function child(node: unknown, name: string): Node {
  const value = (node as Node | undefined)?.[name];
  if (value === undefined || value === null || typeof value !== "object") throw new Error(`no <${name}>`);
  return value as Node;
}

function children(node: unknown, name: string): Node[] {
  const value = (node as Node | undefined)?.[name];
  return Array.isArray(value) ? (value as Node[]) : [];
}

function textOf(node: unknown, name: string): string {
  const value = (node as Node | undefined)?.[name];
  if (typeof value === "string") return value;
  const inner = (value as Node | undefined)?.["#text"];
  if (typeof inner !== "string") throw new Error(`no text in <${name}>`);
  return inner;
}

function attr(node: Node, name: string): string {
  const value = node[`@${name}`];
  if (typeof value !== "string") throw new Error(`no ${name}="…"`);
  return value;
}

class Package {
  private constructor(
    readonly zip: JSZip,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<Package> {
    return new Package(await JSZip.loadAsync(readFileSync(join(EXAMPLES, file))), file);
  }

  async text(part: string): Promise<string> {
    const entry = this.zip.file(part);
    if (!entry) throw new Error(`${this.file}: missing part ${part}`);
    return entry.async("string");
  }

  /** Parsed part; fails the test if it is not well-formed XML. */
  async xml(part: string): Promise<Node> {
    const text = await this.text(part);
    const valid = XMLValidator.validate(text);
    if (valid !== true)
      throw new Error(`${this.file} ${part} is not well-formed: ${JSON.stringify(valid.err)}`);
    return parser.parse(text) as Node;
  }

  /** Relationship id → { type, part } of `part`'s rels, targets resolved against the part's folder. */
  async rels(part: string): Promise<Map<string, { type: string; part: string }>> {
    const relsPart = posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
    const root = child(await this.xml(relsPart), "Relationships");
    return new Map(
      children(root, "Relationship").map((r) => [
        attr(r, "Id"),
        { type: attr(r, "Type"), part: posix.normalize(posix.join(posix.dirname(part), attr(r, "Target"))) },
      ]),
    );
  }

  parts(pattern: RegExp): string[] {
    return Object.keys(this.zip.files).filter((f) => pattern.test(f));
  }
}

/** A series range as stored, `'Sheet'!$H$2:$H$302`. */
interface SeriesRange {
  sheet: string;
  col: string;
  firstRow: number;
  lastRow: number;
}

function parseRange(formula: string): SeriesRange {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!m) throw new Error(`not a one-column range: ${formula}`);
  const [, sheet, col, first, col2, last] = m as unknown as [string, string, string, string, string, string];
  if (col !== col2) throw new Error(`not a one-column range: ${formula}`);
  return { sheet: sheet.replaceAll("''", "'"), col, firstRow: Number(first), lastRow: Number(last) };
}

interface ChartSeriesRead {
  name: string;
  nameFormula?: string;
  x: SeriesRange;
  y: SeriesRange;
  xCache: number[];
  yCache: number[];
  /** Index of the c:scatterChart group (0 = primary axes, 1 = secondary). */
  group: number;
}

interface ChartRead {
  part: string;
  title: string;
  series: ChartSeriesRead[];
}

function numRef(source: Node): { range: SeriesRange; cache: number[] } {
  const ref = child(source, "c:numRef");
  const cache = child(ref, "c:numCache");
  const count = Number(attr(child(cache, "c:ptCount"), "val"));
  const values = new Array<number>(count).fill(Number.NaN);
  for (const pt of children(cache, "c:pt")) values[Number(attr(pt, "idx"))] = Number(textOf(pt, "c:v"));
  return { range: parseRange(textOf(ref, "c:f")), cache: values };
}

function readChart(part: string, root: Node): ChartRead {
  const chart = child(child(root, "c:chartSpace"), "c:chart");
  const titleRuns = child(child(child(chart, "c:title"), "c:tx"), "c:rich");
  const title = textOf(child(child(titleRuns, "a:p"), "a:r"), "a:t");
  const plot = child(chart, "c:plotArea");
  const series = children(plot, "c:scatterChart").flatMap((group, g) =>
    children(group, "c:ser").map((ser) => {
      const tx = child(ser, "c:tx");
      const strRef = tx["c:strRef"] as Node | undefined;
      const name = strRef
        ? textOf(children(child(strRef, "c:strCache"), "c:pt")[0], "c:v")
        : textOf(tx, "c:v");
      const x = numRef(child(ser, "c:xVal"));
      const y = numRef(child(ser, "c:yVal"));
      return {
        name,
        nameFormula: strRef ? textOf(strRef, "c:f") : undefined,
        x: x.range,
        y: y.range,
        xCache: x.cache,
        yCache: y.cache,
        group: g,
      };
    }),
  );
  return { part, title, series };
}

/** Every chart of every sheet, reached through the relationships; checks the parts' wiring on the way. */
async function chartsBySheet(pkg: Package): Promise<Map<string, ChartRead[]>> {
  const types = child(await pkg.xml("[Content_Types].xml"), "Types");
  const overrides = new Map(
    children(types, "Override").map((o) => [attr(o, "PartName"), attr(o, "ContentType")]),
  );
  const workbookRels = await pkg.rels("xl/workbook.xml");
  const sheets = children(child(child(await pkg.xml("xl/workbook.xml"), "workbook"), "sheets"), "sheet");
  const result = new Map<string, ChartRead[]>();
  const reachedCharts: string[] = [];
  const reachedDrawings: string[] = [];
  for (const sheet of sheets) {
    const name = attr(sheet, "name");
    const sheetPart = (workbookRels.get(attr(sheet, "r:id")) as { part: string }).part;
    const sheetText = await pkg.text(sheetPart);
    const worksheet = child(await pkg.xml(sheetPart), "worksheet");
    const drawing = worksheet["drawing"] as Node | undefined;
    if (!drawing) continue;
    // CT_Worksheet order: … pageMargins, pageSetup, headerFooter, rowBreaks, colBreaks, customProperties,
    // cellWatches, ignoredErrors, smartTags, drawing, legacyDrawing, … tableParts, extLst.
    const at = sheetText.indexOf("<drawing ");
    for (const before of ["</sheetData>", "<pageMargins", "<pageSetup", "<headerFooter", "<ignoredErrors"]) {
      const i = sheetText.indexOf(before);
      if (i >= 0) expect(i).toBeLessThan(at);
    }
    for (const after of ["<legacyDrawing", "<tableParts", "<extLst"]) {
      const i = sheetText.indexOf(after);
      if (i >= 0) expect(i).toBeGreaterThan(at);
    }
    const drawingRel = (await pkg.rels(sheetPart)).get(attr(drawing, "r:id"));
    expect(drawingRel?.type).toBe(`${REL}/drawing`);
    const drawingPart = (drawingRel as { part: string }).part;
    reachedDrawings.push(drawingPart);
    expect(overrides.get(`/${drawingPart}`)).toBe(DRAWING_TYPE);
    const drawingRels = await pkg.rels(drawingPart);
    const anchors = children(child(await pkg.xml(drawingPart), "xdr:wsDr"), "xdr:twoCellAnchor");
    const charts: ChartRead[] = [];
    for (const anchor of anchors) {
      const graphicData = child(child(child(anchor, "xdr:graphicFrame"), "a:graphic"), "a:graphicData");
      expect(attr(graphicData, "uri")).toBe("http://schemas.openxmlformats.org/drawingml/2006/chart");
      const chartRel = drawingRels.get(attr(child(graphicData, "c:chart"), "r:id"));
      expect(chartRel?.type).toBe(`${REL}/chart`);
      const chartPart = (chartRel as { part: string }).part;
      reachedCharts.push(chartPart);
      expect(overrides.get(`/${chartPart}`)).toBe(CHART_TYPE);
      // The anchor spans cells: from before to.
      const from = child(anchor, "xdr:from");
      const to = child(anchor, "xdr:to");
      expect(Number(textOf(to, "xdr:col"))).toBeGreaterThan(Number(textOf(from, "xdr:col")));
      expect(Number(textOf(to, "xdr:row"))).toBeGreaterThan(Number(textOf(from, "xdr:row")));
      charts.push(readChart(chartPart, await pkg.xml(chartPart)));
    }
    result.set(name, charts);
  }
  // No orphan parts: every chart and drawing in the zip is reached from a sheet, once.
  expect([...reachedCharts].sort()).toEqual(pkg.parts(/^xl\/charts\/chart\d+\.xml$/).sort());
  expect([...reachedDrawings].sort()).toEqual(pkg.parts(/^xl\/drawings\/drawing\d+\.xml$/).sort());
  expect(new Set(reachedCharts).size).toBe(reachedCharts.length);
  return result;
}

function expectRange(
  range: SeriesRange,
  sheet: string,
  col: string,
  firstRow: number,
  lastRow: number,
): void {
  expect(range).toEqual({ sheet, col, firstRow, lastRow });
}

/** Column letters → 0-based index. */
function columnIndex(col: string): number {
  return [...col].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** The cached values equal HyperFormula's values of the same cells, computed from the file's formulas. */
function expectCacheMatchesEngine(
  book: EvaluatedWorkbook,
  range: SeriesRange,
  cache: readonly number[],
): void {
  expect(cache).toHaveLength(range.lastRow - range.firstRow + 1);
  cache.forEach((cached, i) => {
    const computed = book.number(range.sheet, range.firstRow - 1 + i, columnIndex(range.col));
    if (!(Math.abs(cached - computed) <= 1e-12 * Math.max(1, Math.abs(computed)))) {
      throw new Error(
        `${range.sheet}!${range.col}${range.firstRow + i}: cached ${cached}, computed ${computed}`,
      );
    }
  });
}

describe("linear-regression.xlsx", () => {
  let charts: Map<string, ChartRead[]>;
  let book: EvaluatedWorkbook;
  beforeAll(async () => {
    charts = await chartsBySheet(await Package.open("linear-regression.xlsx"));
    book = evaluateSheets(await loadWorkbook("linear-regression.xlsx")); // ExcelJS still reads the file
  });
  afterAll(() => book.engine.destroy());

  test("only the optimizer sheets have charts, two each", () => {
    expect([...charts.keys()]).toEqual(LINE_SHEETS.map(([sheet]) => sheet));
    for (const list of charts.values()) expect(list).toHaveLength(2);
  });

  describe.each(LINE_SHEETS)("%s", (sheet, iterations) => {
    const last = iterations + 2; // sheet row of the last iteration
    const sheetCharts = (): ChartRead[] => charts.get(sheet) ?? [];

    test("chart 1: a (left axis) and b (right axis) against the iteration, rows 2 to the last", () => {
      const [params] = sheetCharts();
      expect(params?.title).toBe(`${sheet}: a and b per iteration`);
      const [a, b] = params?.series ?? [];
      expect(a?.name).toBe("a");
      expect(b?.name).toBe("b");
      expect(a?.nameFormula).toBe(`'${sheet}'!$H$1`);
      expect(b?.nameFormula).toBe(`'${sheet}'!$I$1`);
      expect(a?.group).toBe(0);
      expect(b?.group).toBe(1);
      for (const s of [a, b]) expectRange((s as ChartSeriesRead).x, sheet, COL.iter, 2, last);
      expectRange((a as ChartSeriesRead).y, sheet, COL.a, 2, last);
      expectRange((b as ChartSeriesRead).y, sheet, COL.b, 2, last);
    });

    test("chart 2: the loss column against the iteration, rows 3 to the last", () => {
      const loss = sheetCharts()[1];
      expect(loss?.title).toBe(`${sheet}: loss per iteration`);
      expect(loss?.series).toHaveLength(1);
      const s = loss?.series[0] as ChartSeriesRead;
      expectRange(s.x, sheet, COL.iter, 3, last);
      expectRange(s.y, sheet, COL.loss, 3, last);
    });

    test("cached values equal the computed cells; they start at iteration 0 with a = b = 0 and end near (2, 30)", () => {
      for (const chart of sheetCharts()) {
        for (const s of chart.series) {
          expectCacheMatchesEngine(book, s.x, s.xCache);
          expectCacheMatchesEngine(book, s.y, s.yCache);
        }
      }
      const [a, b] = sheetCharts()[0]?.series ?? [];
      const tolerance = END_TOLERANCE[sheet] ?? 1e-3;
      expect(a?.xCache[0]).toBe(0);
      expect(a?.xCache.at(-1)).toBe(iterations);
      expect(a?.yCache[0]).toBe(0);
      expect(b?.yCache[0]).toBe(0);
      expect(Math.abs((a?.yCache.at(-1) as number) - 2)).toBeLessThan(tolerance);
      expect(Math.abs((b?.yCache.at(-1) as number) - 30)).toBeLessThan(tolerance);
      // Row 3's loss is the first point's: (0·x + 0 − y)² with y = 2·0.3 + 30 online, the mean of y² over
      // the batch otherwise; either way above 900 = 30².
      expect(sheetCharts()[1]?.series[0]?.yCache[0]).toBeGreaterThan(900);
    });
  });
});

describe("xor-network.xlsx", () => {
  const SHEET = "XOR network";
  let charts: Map<string, ChartRead[]>;
  let book: EvaluatedWorkbook;
  beforeAll(async () => {
    charts = await chartsBySheet(await Package.open("xor-network.xlsx"));
    book = evaluateSheets(await loadWorkbook("xor-network.xlsx"));
  });
  afterAll(() => book.engine.destroy());

  test("one chart: the loss column (the header 'loss') against the iteration column E, rows 3..302", () => {
    expect([...charts.keys()]).toEqual([SHEET]);
    const [chart] = charts.get(SHEET) ?? [];
    expect(chart?.title).toBe("XOR network: loss per iteration");
    expect(chart?.series).toHaveLength(1);
    const s = chart?.series[0] as ChartSeriesRead;
    expectRange(s.x, SHEET, "E", 3, 302);
    expect(s.y.firstRow).toBe(3);
    expect(s.y.lastRow).toBe(302);
    expect(book.value(SHEET, 0, columnIndex(s.y.col))).toBe("loss");
    expect(s.nameFormula).toBe(`'${SHEET}'!$${s.y.col}$1`);
  });

  test("cached values equal the computed cells; the loss falls from above 0.5 to below 0.02", () => {
    const s = charts.get(SHEET)?.[0]?.series[0] as ChartSeriesRead;
    expectCacheMatchesEngine(book, s.x, s.xCache);
    expectCacheMatchesEngine(book, s.y, s.yCache);
    expect(s.xCache[0]).toBe(1);
    expect(s.xCache.at(-1)).toBe(300);
    expect(s.yCache[0]).toBeGreaterThan(0.5); // ln 2 ≈ 0.69 for an untrained sigmoid output
    expect(s.yCache.at(-1)).toBeLessThan(0.02);
  });
});

test.each(["gradcheck.xlsx", "lr-decay.xlsx"])("%s has no charts and no drawing parts", async (file) => {
  const pkg = await Package.open(file);
  expect(pkg.parts(/^xl\/(charts|drawings)\//)).toEqual([]);
  expect(await chartsBySheet(pkg)).toEqual(new Map());
});
