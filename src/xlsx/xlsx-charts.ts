/**
 * Adds Excel charts to an .xlsx written by ExcelJS (which cannot write charts) by writing the DrawingML parts
 * into the zip: for every charted sheet, xl/drawings/drawingN.xml (one xdr:twoCellAnchor + graphicFrame per
 * chart, each pointing at its chart by r:id) and its rels, one xl/charts/chartK.xml per chart, the sheet's
 * `<drawing r:id>` element and relationship, and the [Content_Types].xml overrides (ECMA-376 Part 1, §20.5
 * spreadsheet drawing, §21.2 charts). Every series carries its cell range AND a cache of the computed values,
 * so a reader that does not recalculate (or cannot: LibreOffice has no GD.* functions) still draws the chart.
 * Charts are scatter charts with straight lines and no markers: x is a number column (the iteration), which a
 * line chart would treat as categories.
 */
import type JSZip from "jszip";
import { columnName } from "../workbench/cell-format";

/** A range of one sheet's column, rows inclusive, 0-based. */
export interface ColumnRange {
  col: number;
  firstRow: number;
  lastRow: number;
}

export interface ChartSeries {
  /** Legend text; `nameCell` (0-based row, col) links it to a header cell holding the same text. */
  name: string;
  nameCell?: { row: number; col: number };
  x: ColumnRange;
  y: ColumnRange;
  /** The computed values of x and y, cached in the chart (same length as the ranges). */
  xValues: readonly number[];
  yValues: readonly number[];
  /** Plot against a second value axis on the right (for a parameter on a different scale). */
  secondaryAxis?: boolean;
  /** Line colour, RRGGBB. */
  color: string;
}

/** Where the chart sits: the cells its top-left and bottom-right corners are in (0-based). */
export interface ChartAnchor {
  fromCol: number;
  fromRow: number;
  toCol: number;
  toRow: number;
}

export interface ChartSpec {
  title: string;
  xTitle: string;
  /** Bounds of the x axis (e.g. 0 and the last iteration, rather than the rounded-up numbers of autoscaling). */
  xBounds: { min: number; max: number };
  yTitle: string;
  /** Title of the right-hand axis, when some series use it. */
  y2Title?: string;
  series: readonly ChartSeries[];
  anchor: ChartAnchor;
}

/** Charts per sheet, by sheet name. */
export type SheetCharts = ReadonlyMap<string, readonly ChartSpec[]>;

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
} as const;

export const CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const DRAWING_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const CHART_RELATIONSHIP = `${NS.r}/chart`;
export const DRAWING_RELATIONSHIP = `${NS.r}/drawing`;
const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** `'Sheet name'!$H$2:$H$302`: always quoted (valid for any name), an apostrophe doubled. */
export function rangeFormula(sheet: string, range: ColumnRange): string {
  const col = `$${columnName(range.col)}`;
  return `'${sheet.replaceAll("'", "''")}'!${col}$${range.firstRow + 1}:${col}$${range.lastRow + 1}`;
}

function cellFormula(sheet: string, row: number, col: number): string {
  return `'${sheet.replaceAll("'", "''")}'!$${columnName(col)}$${row + 1}`;
}

function rangeLength(range: ColumnRange): number {
  return range.lastRow - range.firstRow + 1;
}

/** A number as xsd:double text; the shortest round-trip form, which is what ExcelJS writes into <v> too. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`chart value ${value} is not a finite number`);
  return String(value);
}

function numRef(sheet: string, range: ColumnRange, values: readonly number[]): string {
  if (values.length !== rangeLength(range)) {
    throw new Error(
      `${rangeFormula(sheet, range)} has ${rangeLength(range)} cells but ${values.length} values`,
    );
  }
  const points = values.map((v, i) => `<c:pt idx="${i}"><c:v>${numberText(v)}</c:v></c:pt>`).join("");
  return (
    `<c:numRef><c:f>${escapeXml(rangeFormula(sheet, range))}</c:f><c:numCache><c:formatCode>General</c:formatCode>` +
    `<c:ptCount val="${values.length}"/>${points}</c:numCache></c:numRef>`
  );
}

function seriesName(sheet: string, series: ChartSeries): string {
  if (!series.nameCell) return `<c:tx><c:v>${escapeXml(series.name)}</c:v></c:tx>`;
  const ref = escapeXml(cellFormula(sheet, series.nameCell.row, series.nameCell.col));
  return (
    `<c:tx><c:strRef><c:f>${ref}</c:f><c:strCache><c:ptCount val="1"/>` +
    `<c:pt idx="0"><c:v>${escapeXml(series.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`
  );
}

function seriesXml(sheet: string, series: ChartSeries, index: number): string {
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${seriesName(sheet, series)}` +
    `<c:spPr><a:ln w="22225" cap="rnd"><a:solidFill><a:srgbClr val="${series.color}"/></a:solidFill>` +
    `<a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>` +
    `<c:xVal>${numRef(sheet, series.x, series.xValues)}</c:xVal>` +
    `<c:yVal>${numRef(sheet, series.y, series.yValues)}</c:yVal><c:smooth val="0"/></c:ser>`
  );
}

function richText(text: string, size: number, bold: boolean, rotated = false): string {
  const body = rotated ? '<a:bodyPr rot="-5400000" vert="horz"/>' : "<a:bodyPr/>";
  const props = `sz="${size}" b="${bold ? 1 : 0}"`;
  return (
    `<c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr ${props}/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" ${props}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function titleXml(text: string, size: number, bold: boolean, rotated = false): string {
  return `<c:title>${richText(text, size, bold, rotated)}<c:overlay val="0"/></c:title>`;
}

interface AxisOptions {
  id: number;
  crossId: number;
  position: "b" | "l" | "r";
  title?: string;
  deleted?: boolean;
  gridlines?: boolean;
  /** Fixed bounds (the iteration axis ends at the last iteration instead of a rounded-up number). */
  min?: number;
  max?: number;
  /**
   * Where this axis crosses the other one: at its zero, its minimum (an x axis along the bottom even when y
   * goes negative) or its maximum (a right-hand y axis).
   */
  crosses: "autoZero" | "min" | "max";
}

/** A c:valAx in CT_ValAx order: axId, scaling, delete, axPos, gridlines, title, numFmt, ticks, crossAx… */
function valueAxis(o: AxisOptions): string {
  const bounds = `${o.max === undefined ? "" : `<c:max val="${o.max}"/>`}${o.min === undefined ? "" : `<c:min val="${o.min}"/>`}`;
  return (
    `<c:valAx><c:axId val="${o.id}"/><c:scaling><c:orientation val="minMax"/>${bounds}</c:scaling>` +
    `<c:delete val="${o.deleted ? 1 : 0}"/><c:axPos val="${o.position}"/>` +
    (o.gridlines ? "<c:majorGridlines/>" : "") +
    (o.title ? titleXml(o.title, 1000, false, o.position !== "b") : "") +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${o.crossId}"/>` +
    `<c:crosses val="${o.crosses}"/><c:crossBetween val="midCat"/></c:valAx>`
  );
}

/** One scatter group (series sharing an axis pair). */
function scatterGroup(sheet: string, series: readonly ChartSeries[], first: number, axes: [number, number]) {
  const sers = series.map((s, i) => seriesXml(sheet, s, first + i)).join("");
  return (
    `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${sers}` +
    `<c:axId val="${axes[0]}"/><c:axId val="${axes[1]}"/></c:scatterChart>`
  );
}

/** xl/charts/chartK.xml for one chart on `sheet`. */
export function chartXml(sheet: string, spec: ChartSpec): string {
  const primary = spec.series.filter((s) => !s.secondaryAxis);
  const secondary = spec.series.filter((s) => s.secondaryAxis);
  if (primary.length === 0) throw new Error(`chart "${spec.title}" has no series on its primary axis`);
  const { min: xMin, max: xMax } = spec.xBounds;
  const groups = [scatterGroup(sheet, primary, 0, [1, 2])];
  const axes = [
    valueAxis({
      id: 1,
      crossId: 2,
      position: "b",
      title: spec.xTitle,
      min: xMin,
      max: xMax,
      crosses: "min",
    }),
    valueAxis({ id: 2, crossId: 1, position: "l", title: spec.yTitle, gridlines: true, crosses: "autoZero" }),
  ];
  if (secondary.length > 0) {
    // Excel's secondary-axis pattern: a second group on its own axis pair, a hidden x axis with the same
    // bounds, and a y axis that crosses it at the maximum, so it stands on the right.
    groups.push(scatterGroup(sheet, secondary, primary.length, [3, 4]));
    axes.push(
      valueAxis({
        id: 3,
        crossId: 4,
        position: "b",
        deleted: true,
        min: xMin,
        max: xMax,
        crosses: "min",
      }),
      valueAxis({ id: 4, crossId: 3, position: "r", title: spec.y2Title, crosses: "max" }),
    );
  }
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(spec.title, 1200, true)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${groups.join("")}${axes.join("")}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function anchorXml(anchor: ChartAnchor, index: number, name: string): string {
  const corner = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row>` +
    `<xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor>${corner("from", anchor.fromCol, anchor.fromRow)}${corner("to", anchor.toCol, anchor.toRow)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${index + 2}" name="${escapeXml(name)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rId${index + 1}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** xl/drawings/drawingN.xml: the sheet's charts, the i-th pointing at relationship rId(i+1). */
export function drawingXml(charts: readonly ChartSpec[]): string {
  return (
    XML_DECLARATION +
    `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    charts.map((chart, i) => anchorXml(chart.anchor, i, chart.title)).join("") +
    `</xdr:wsDr>`
  );
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationshipElement(r: Relationship): string {
  return `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`;
}

function relationships(rels: readonly Relationship[]): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${RELS_NS}">${rels.map(relationshipElement).join("")}</Relationships>`
  );
}

async function readText(zip: JSZip, path: string): Promise<string> {
  const entry = zip.file(path);
  if (!entry) throw new Error(`the workbook has no ${path}`);
  return entry.async("string");
}

/** Sheet name → its part, e.g. "xl/worksheets/sheet2.xml", from workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await readText(zip, "xl/workbook.xml");
  const rels = await readText(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name && part) parts.set(unescapeXml(name), part);
  }
  return parts;
}

function unescapeXml(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}

/**
 * CT_Worksheet's elements after `drawing`, in schema order: `<drawing>` goes before the first of these that
 * the sheet has (or before `</worksheet>`), i.e. after pageMargins/pageSetup/headerFooter/…/smartTags.
 */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export function insertDrawingElement(sheetXml: string, relationshipId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error("the sheet already has a drawing");
  const element = `<drawing r:id="${relationshipId}"/>`;
  const positions = AFTER_DRAWING.map((tag) => sheetXml.search(new RegExp(`<${tag}[ />]`))).filter(
    (i) => i >= 0,
  );
  const at = positions.length > 0 ? Math.min(...positions) : sheetXml.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("no </worksheet> in the sheet");
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

/** Adds `charts` to the workbook in `zip` (in place). Part numbers follow the order of `charts`. */
export async function addCharts(zip: JSZip, charts: SheetCharts): Promise<void> {
  const parts = await sheetParts(zip);
  const overrides: string[] = [];
  let chartNumber = 0;
  let drawingNumber = 0;
  for (const [sheet, specs] of charts) {
    if (specs.length === 0) continue;
    const sheetPart = parts.get(sheet);
    if (!sheetPart) throw new Error(`no sheet named ${sheet}`);
    drawingNumber++;
    const drawingPart = `xl/drawings/drawing${drawingNumber}.xml`;
    const chartRels = specs.map((spec, i) => {
      chartNumber++;
      const chartPart = `xl/charts/chart${chartNumber}.xml`;
      zip.file(chartPart, chartXml(sheet, spec));
      overrides.push(`<Override PartName="/${chartPart}" ContentType="${CHART_CONTENT_TYPE}"/>`);
      return { id: `rId${i + 1}`, type: CHART_RELATIONSHIP, target: `../charts/chart${chartNumber}.xml` };
    });
    zip.file(drawingPart, drawingXml(specs));
    zip.file(`xl/drawings/_rels/drawing${drawingNumber}.xml.rels`, relationships(chartRels));
    overrides.push(`<Override PartName="/${drawingPart}" ContentType="${DRAWING_CONTENT_TYPE}"/>`);

    const sheetFile = sheetPart.slice(sheetPart.lastIndexOf("/") + 1);
    const sheetRelsPart = `${sheetPart.slice(0, sheetPart.lastIndexOf("/"))}/_rels/${sheetFile}.rels`;
    const drawingRel = {
      id: "rIdGdDrawing",
      type: DRAWING_RELATIONSHIP,
      target: `../drawings/drawing${drawingNumber}.xml`,
    };
    const existingRels = zip.file(sheetRelsPart);
    if (existingRels) {
      const rels = await existingRels.async("string");
      if (rels.includes(`Id="${drawingRel.id}"`))
        throw new Error(`${sheetRelsPart} already has ${drawingRel.id}`);
      zip.file(
        sheetRelsPart,
        rels.replace("</Relationships>", `${relationshipElement(drawingRel)}</Relationships>`),
      );
    } else {
      zip.file(sheetRelsPart, relationships([drawingRel]));
    }
    zip.file(sheetPart, insertDrawingElement(await readText(zip, sheetPart), drawingRel.id));
  }
  const types = await readText(zip, "[Content_Types].xml");
  zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides.join("")}</Types>`));
}
