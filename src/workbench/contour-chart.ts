/* global CanvasRenderingContext2D, HTMLCanvasElement */

import { Chart } from "chart.js";
import { type ChartAxis, axisFraction, paddedLinearAxis } from "./chart-scale";
import { contourSegments, logLevels } from "./contour-lines";
import { formatNumber } from "./cell-format";
import type { LossGrid } from "./loss-grid";

/** One optimizer's path in the (a, b) plane: (a_t, b_t) for t = 0, 1, …; NaN pairs are skipped. */
export interface PlanePath {
  name: string;
  color: string;
  a: readonly number[];
  b: readonly number[];
  /** Drawn thicker and on top (the active sheet when several are compared). */
  emphasis?: boolean;
  /** Drawn thin and translucent behind the others (the sheets not highlighted when comparing). */
  faded?: boolean;
}

export interface ContourChart {
  title: string;
  paths: readonly PlanePath[];
  grid: LossGrid;
  /** Loss levels drawn as iso-lines (see contourLevels). */
  levels: readonly number[];
  /** The least-squares solution, marked with a cross. */
  optimum?: { a: number; b: number };
  /** Legend as a column right of the plot (many paths) instead of along the title row. */
  legendColumn?: boolean;
}

/** What a drawn contour chart shows, in numbers: `data-chart` (JSON) for tests and debugging. */
export interface DrawnContourChart {
  title: string;
  kind: "contour";
  series: { name: string; color: string; a: (number | null)[]; b: (number | null)[] }[];
  levels: number[];
  grid: {
    size: [number, number];
    a: [number, number];
    b: [number, number];
    minimum: { a: number; b: number; loss: number };
  };
}

/** Contour levels: log-spaced from just above the grid's smallest loss to its largest. */
export function contourLevels(grid: LossGrid, count = 14): number[] {
  let high = 0;
  for (const row of grid.values) for (const v of row) if (Number.isFinite(v)) high = Math.max(high, v);
  // An exact fit has loss 0 at the optimum; 1e-4 of the top keeps the innermost ring visible.
  const low = Math.max(grid.minimum.loss, high * 1e-4);
  return logLevels(low, high, count + 1).slice(1);
}

/** The axes of the plane: every path's finite values and the optimum, with 5 % to spare on each side. */
export function planeAxes(
  paths: readonly PlanePath[],
  optimum: { a: number; b: number } | undefined,
): { a: ChartAxis; b: ChartAxis } {
  const include = (pick: (p: PlanePath) => readonly number[], extra: number | undefined) => [
    ...paths.flatMap(pick),
    ...(extra === undefined ? [] : [extra]),
  ];
  return {
    a: paddedLinearAxis(
      include((p) => p.a, optimum?.a),
      0.05,
      5,
    ),
    b: paddedLinearAxis(
      include((p) => p.b, optimum?.b),
      0.05,
      4,
    ),
  };
}

/** Light sequential fill for the loss (log scale): pale yellow at the minimum to slate blue far out. */
function heatColor(fraction: number): string {
  const t = Math.min(1, Math.max(0, fraction));
  const from = [255, 250, 228];
  const to = [164, 188, 214];
  const [r, g, b] = from.map((c, k) => Math.round(c + ((to[k] ?? c) - c) * t)) as [number, number, number];
  return `rgb(${r},${g},${b})`;
}

/**
 * The optimizer picture: the loss over the (a, b) plane as a light heat map with iso-lines (log-spaced levels),
 * and each optimizer's path over it, start as an open circle and end as a filled one; the least-squares
 * optimum is a cross. The grid must span the axes of `planeAxes` for the same paths.
 */
export function drawContourChart(canvas: HTMLCanvasElement, chart: ContourChart): void {
  const { grid } = chart;
  const first = (values: readonly number[]) => values[0] ?? NaN;
  const last = (values: readonly number[]) => values[values.length - 1] ?? NaN;
  const drawn: DrawnContourChart = {
    title: chart.title,
    kind: "contour",
    series: chart.paths.map((p) => ({
      name: p.name,
      color: p.color,
      a: p.a.map((v) => (Number.isFinite(v) ? v : null)),
      b: p.b.map((v) => (Number.isFinite(v) ? v : null)),
    })),
    levels: [...chart.levels],
    grid: {
      size: [grid.xs.length, grid.ys.length],
      a: [first(grid.xs), last(grid.xs)],
      b: [first(grid.ys), last(grid.ys)],
      minimum: grid.minimum,
    },
  };
  canvas.dataset["chart"] = JSON.stringify(drawn);

  Chart.getChart(canvas)?.destroy(); // the canvas may have held the decision-boundary chart
  const context = canvas.getContext("2d");
  if (!context) return;
  const { width, height } = canvas;
  drawChartBackground(context, width, height, chart.title);
  const axes = planeAxes(chart.paths, chart.optimum);
  const legendWidth = chart.legendColumn ? legendColumnWidth(context, chart.paths) : 0;
  const pad = { left: 46, right: 12 + legendWidth, top: 26, bottom: 34 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const px = (a: number) => pad.left + axisFraction(axes.a, a) * plotWidth;
  const py = (b: number) => pad.top + plotHeight - axisFraction(axes.b, b) * plotHeight;

  context.save();
  context.beginPath();
  context.rect(pad.left, pad.top, plotWidth, plotHeight);
  context.clip();
  drawHeatMap(context, grid, chart.levels, px, py);
  context.strokeStyle = "rgba(60, 70, 90, 0.35)";
  context.lineWidth = 0.8;
  for (const level of chart.levels) {
    context.beginPath();
    for (const s of contourSegments(grid, level)) {
      context.moveTo(px(s.from.x), py(s.from.y));
      context.lineTo(px(s.to.x), py(s.to.y));
    }
    context.stroke();
  }
  if (chart.optimum) drawCross(context, px(chart.optimum.a), py(chart.optimum.b));
  const ordered = [...chart.paths].sort((p, q) => Number(p.emphasis ?? false) - Number(q.emphasis ?? false));
  const screenPaths = ordered.map((path) => ({ path, points: screenPoints(path, px, py) }));
  for (const { path, points } of screenPaths) drawPath(context, path, points, chart.paths.length === 1);
  context.restore();
  // Start and end marks are not clipped: a path starting at an axis corner (a = b = 0) keeps its circle.
  for (const { path, points } of screenPaths) drawPathEnds(context, path, points);

  drawPlaneAxes(context, axes, px, py, pad, plotWidth, plotHeight, height);
  if (chart.legendColumn) drawLegendColumn(context, chart.paths, width - legendWidth - 4, pad.top);
  else drawLegendRow(context, chart.paths, chart.title);
}

function drawHeatMap(
  context: CanvasRenderingContext2D,
  grid: LossGrid,
  levels: readonly number[],
  px: (a: number) => number,
  py: (b: number) => number,
): void {
  const low = Math.log10(levels[0] ?? 1);
  const high = Math.log10(levels[levels.length - 1] ?? 10);
  // Each sample fills the cell around it (half a step each way), so the map covers the grid edge to edge.
  const edges = (values: readonly number[], k: number) => {
    const here = values[k] ?? 0;
    const before = values[k - 1] ?? here - ((values[k + 1] ?? here) - here);
    const after = values[k + 1] ?? here + (here - before);
    return [(before + here) / 2, (here + after) / 2] as const;
  };
  grid.ys.forEach((_, j) => {
    const [b0, b1] = edges(grid.ys, j);
    grid.xs.forEach((__, i) => {
      const loss = grid.values[j]?.[i] ?? NaN;
      if (!Number.isFinite(loss)) return;
      const [a0, a1] = edges(grid.xs, i);
      context.fillStyle = heatColor((Math.log10(Math.max(loss, 1e-300)) - low) / (high - low || 1));
      const [x0, y0] = [px(a0), py(b1)];
      // +0.5 px overlap hides hairline seams between neighbouring cells.
      context.fillRect(x0, y0, px(a1) - x0 + 0.5, py(b0) - y0 + 0.5);
    });
  });
}

function drawCross(context: CanvasRenderingContext2D, x: number, y: number): void {
  context.strokeStyle = "#333";
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(x - 5, y - 5);
  context.lineTo(x + 5, y + 5);
  context.moveTo(x - 5, y + 5);
  context.lineTo(x + 5, y - 5);
  context.stroke();
}

/** The path's finite (a, b) pairs in canvas pixels. */
function screenPoints(
  path: PlanePath,
  px: (a: number) => number,
  py: (b: number) => number,
): [number, number][] {
  const points: [number, number][] = [];
  path.a.forEach((a, t) => {
    const [x, y] = [px(a), py(path.b[t] ?? NaN)];
    if (Number.isFinite(x) && Number.isFinite(y)) points.push([x, y]);
  });
  return points;
}

function drawPath(
  context: CanvasRenderingContext2D,
  path: PlanePath,
  points: readonly [number, number][],
  alone: boolean,
): void {
  context.strokeStyle = path.faded ? translucent(path.color) : path.color;
  context.fillStyle = path.color;
  context.lineWidth = path.emphasis ? 2.5 : alone ? 2 : path.faded ? 1 : 1.25;
  context.lineJoin = "round";
  context.beginPath();
  for (const [x, y] of points) context.lineTo(x, y);
  context.stroke();
  // One dot per iterate: the spacing shows the step sizes (AdaGrad's shrinking, Adam's even steps).
  if (alone) for (const [x, y] of points) context.fillRect(x - 1.25, y - 1.25, 2.5, 2.5);
}

/** A #rrggbb colour at 35 % opacity. */
function translucent(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}59` : color;
}

/** An open circle at the start, a filled one at the end. */
function drawPathEnds(
  context: CanvasRenderingContext2D,
  path: PlanePath,
  points: readonly [number, number][],
): void {
  const start = points[0];
  const end = points[points.length - 1];
  if (!start || !end || path.faded) return;
  context.strokeStyle = path.color;
  context.lineWidth = 1.5;
  context.fillStyle = "#fff";
  context.beginPath();
  context.arc(start[0], start[1], 4, 0, 2 * Math.PI);
  context.fill();
  context.stroke();
  context.fillStyle = path.color;
  context.beginPath();
  context.arc(end[0], end[1], 3.5, 0, 2 * Math.PI);
  context.fill();
}

function drawPlaneAxes(
  context: CanvasRenderingContext2D,
  axes: { a: ChartAxis; b: ChartAxis },
  px: (a: number) => number,
  py: (b: number) => number,
  pad: { left: number; top: number; bottom: number },
  plotWidth: number,
  plotHeight: number,
  height: number,
): void {
  context.strokeStyle = "#999";
  context.lineWidth = 1;
  context.strokeRect(pad.left, pad.top, plotWidth, plotHeight);
  context.fillStyle = "#666";
  context.textAlign = "center";
  for (const tick of axes.a.ticks) context.fillText(tickText(tick), px(tick), height - pad.bottom + 14);
  context.fillText("a", pad.left + plotWidth / 2, height - 4);
  context.textAlign = "right";
  for (const tick of axes.b.ticks) context.fillText(tickText(tick), pad.left - 4, py(tick) + 4);
  context.textAlign = "left";
  context.fillText("b", 6, pad.top + plotHeight / 2 + 4);
}

/** Along the title row (one path, named in the title): what the marks mean. */
function drawLegendRow(context: CanvasRenderingContext2D, paths: readonly PlanePath[], title: string): void {
  const color = paths[0]?.color ?? "#000";
  let x = 6 + context.measureText(title).width + 22;
  const label = (text: string) => {
    context.fillStyle = "#444";
    context.fillText(text, x + 8, 16);
    x += context.measureText(text).width + 22;
  };
  context.strokeStyle = color;
  context.lineWidth = 1.5;
  context.fillStyle = "#fff";
  context.beginPath();
  context.arc(x, 12, 4, 0, 2 * Math.PI);
  context.fill();
  context.stroke();
  label("start");
  context.fillStyle = color;
  context.beginPath();
  context.arc(x, 12, 3.5, 0, 2 * Math.PI);
  context.fill();
  label("end");
  context.save();
  context.translate(x, 12);
  context.scale(0.7, 0.7);
  drawCross(context, 0, 0);
  context.restore();
  label("least squares");
}

const LEGEND_FONT = "11px system-ui, sans-serif";
const LEGEND_LINE = 13;

function legendColumnWidth(context: CanvasRenderingContext2D, paths: readonly PlanePath[]): number {
  context.font = LEGEND_FONT;
  const widest = Math.max(0, ...paths.map((p) => context.measureText(p.name).width));
  context.font = "12px system-ui, sans-serif";
  return Math.ceil(widest) + 18;
}

/** One line per path, right of the plot (comparing all optimizer sheets: up to 14 names). */
function drawLegendColumn(
  context: CanvasRenderingContext2D,
  paths: readonly PlanePath[],
  x: number,
  top: number,
): void {
  context.font = LEGEND_FONT;
  paths.forEach((path, k) => {
    const y = top + 9 + k * LEGEND_LINE;
    context.fillStyle = path.color;
    context.fillRect(x, y - 5, 10, path.emphasis ? 4 : 2.5);
    context.fillStyle = path.emphasis ? "#000" : path.faded ? "#777" : "#333";
    context.font = path.emphasis ? `bold ${LEGEND_FONT}` : LEGEND_FONT;
    context.fillText(path.name, x + 13, y);
  });
  context.font = "12px system-ui, sans-serif";
}

/** A white chart with its title top left, in the charts' font. */
function drawChartBackground(
  context: CanvasRenderingContext2D,
  width: number,
  height: number,
  title: string,
): void {
  context.clearRect(0, 0, width, height);
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.font = "12px system-ui, sans-serif";
  context.textBaseline = "alphabetic";
  context.fillStyle = "#222";
  context.fillText(title, 6, 16);
}

/** A tick label: the value to 6 significant digits. */
function tickText(tick: number): string {
  return formatNumber(Number(tick.toPrecision(6)));
}
