/* global CanvasRenderingContext2D, HTMLCanvasElement */

import { formatNumber } from "./cell-format";
import {
  type AxisScale,
  type ChartAxis,
  axisFraction,
  linearAxis,
  logAxis,
  xTickIndexes,
} from "./chart-scale";

export interface ChartSeries {
  name: string;
  color: string;
  /** One value per point; NaN (an empty or text cell) breaks the line. */
  values: readonly number[];
  /** Which y axis the series is scaled on (default left); a right axis is drawn only if a series uses it. */
  axis?: "left" | "right";
}

export interface ChartAxisOptions {
  scale?: AxisScale;
  /** Values the linear axis must reach, e.g. [0, 1] for accuracies. */
  include?: readonly number[];
}

export interface LineChart {
  title: string;
  series: readonly ChartSeries[];
  /** One label per point (the sheet's epoch or iter column); default 1, 2, 3, … */
  xLabels?: readonly string[];
  xTitle?: string;
  left?: ChartAxisOptions;
  right?: ChartAxisOptions;
}

/** What a drawn chart shows, in numbers: kept on the canvas as `data-chart` (JSON) for tests and debugging. */
export interface DrawnChart {
  title: string;
  xLabels: string[];
  series: { name: string; axis: "left" | "right"; scale: AxisScale; values: (number | null)[] }[];
}

/** Points with markers up to this many; beyond it (an optimizer sheet's 300 rows) markers only blur the line. */
const MAX_MARKED_POINTS = 60;

function makeAxis(series: readonly ChartSeries[], options: ChartAxisOptions = {}): ChartAxis {
  const values = series.flatMap((s) => s.values);
  return options.scale === "log" ? logAxis(values) : linearAxis(values, options.include);
}

/**
 * A canvas line chart (the workbench's stand-in for Excel's line chart): x one point per row, labelled by
 * `xLabels`; a left y axis and, for series on very different scales (a ≈ 2 and b ≈ 30), a right one, each
 * linear or log10. Tick labels take their series' colour when two axes share the plot.
 */
export function drawLineChart(canvas: HTMLCanvasElement, chart: LineChart): void {
  const leftSeries = chart.series.filter((s) => s.axis !== "right");
  const rightSeries = chart.series.filter((s) => s.axis === "right");
  const left = makeAxis(leftSeries, chart.left);
  const right = rightSeries.length > 0 ? makeAxis(rightSeries, chart.right) : undefined;
  const points = Math.max(0, ...chart.series.map((s) => s.values.length));
  const xLabels = Array.from({ length: points }, (_, i) => chart.xLabels?.[i] ?? String(i + 1));
  const drawn: DrawnChart = {
    title: chart.title,
    xLabels,
    series: chart.series.map((s) => ({
      name: s.name,
      axis: s.axis ?? "left",
      scale: (s.axis === "right" ? right : left)?.scale ?? "linear",
      values: s.values.map((v) => (Number.isFinite(v) ? v : null)),
    })),
  };
  canvas.dataset["chart"] = JSON.stringify(drawn);

  const context = canvas.getContext("2d");
  if (!context) return;
  const { width, height } = canvas;
  const pad = { left: 52, right: right ? 52 : 14, top: 26, bottom: chart.xTitle ? 36 : 24 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (points <= 1 ? plotWidth / 2 : (i / (points - 1)) * plotWidth);
  const y = (axis: ChartAxis, v: number) => pad.top + plotHeight - axisFraction(axis, v) * plotHeight;

  drawChartBackground(context, width, height, chart.title);

  context.lineWidth = 1;
  context.strokeStyle = "#ddd";
  for (const tick of left.ticks) horizontalLine(context, pad.left, width - pad.right, y(left, tick));
  drawTickLabels(context, left, leftSeries, right ? leftSeries[0]?.color : undefined, (v) => y(left, v), {
    x: pad.left - 4,
    align: "right",
  });
  if (right)
    drawTickLabels(context, right, rightSeries, rightSeries[0]?.color, (v) => y(right, v), {
      x: width - pad.right + 4,
      align: "left",
    });

  context.fillStyle = "#666";
  context.textAlign = "center";
  for (const i of xTickIndexes(points)) context.fillText(xLabels[i] ?? "", x(i), height - pad.bottom + 14);
  if (chart.xTitle) context.fillText(chart.xTitle, pad.left + plotWidth / 2, height - 4);
  context.textAlign = "left";
  context.strokeStyle = "#999";
  context.strokeRect(pad.left, pad.top, plotWidth, plotHeight);

  let legendX = Math.max(pad.left, 6 + context.measureText(chart.title).width + 20);
  for (const s of chart.series) {
    const axis = s.axis === "right" && right ? right : left;
    context.strokeStyle = s.color;
    context.fillStyle = s.color;
    context.lineWidth = 2;
    context.beginPath();
    let drawing = false;
    s.values.forEach((v, i) => {
      const py = y(axis, v);
      if (!Number.isFinite(py)) drawing = false;
      else if (drawing) context.lineTo(x(i), py);
      else {
        context.moveTo(x(i), py);
        drawing = true;
      }
    });
    context.stroke();
    if (points <= MAX_MARKED_POINTS)
      s.values.forEach((v, i) => {
        const py = y(axis, v);
        if (Number.isFinite(py)) context.fillRect(x(i) - 2, py - 2, 4, 4);
      });
    const label = right ? `${s.name} (${s.axis === "right" ? "right" : "left"})` : s.name;
    context.fillRect(legendX, 10, 10, 3);
    context.fillText(label, legendX + 13, 16);
    legendX += context.measureText(label).width + 26;
    context.lineWidth = 1;
  }
}

/** A white chart with its title top left, in the charts' font (shared by the line and contour charts). */
export function drawChartBackground(
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

function horizontalLine(context: CanvasRenderingContext2D, from: number, to: number, at: number): void {
  context.beginPath();
  context.moveTo(from, at);
  context.lineTo(to, at);
  context.stroke();
}

function drawTickLabels(
  context: CanvasRenderingContext2D,
  axis: ChartAxis,
  series: readonly ChartSeries[],
  color: string | undefined,
  y: (v: number) => number,
  place: { x: number; align: "left" | "right" },
): void {
  if (series.length === 0) return;
  context.fillStyle = color ?? "#666";
  context.textAlign = place.align;
  for (const tick of axis.ticks) context.fillText(tickText(axis, tick), place.x, y(tick) + 4);
  context.textAlign = "left";
}

/** A tick label: 1eN on a log axis, else the value to 6 significant digits. */
export function tickText(axis: ChartAxis, tick: number): string {
  if (axis.scale === "log") return `1e${Math.round(Math.log10(tick))}`;
  return formatNumber(Number(tick.toPrecision(6)));
}
