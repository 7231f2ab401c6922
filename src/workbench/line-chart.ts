/* global HTMLCanvasElement */

import { formatNumber } from "./cell-format";

export interface ChartSeries {
  name: string;
  color: string;
  values: readonly number[];
}

/**
 * A plain canvas line chart of values per epoch (the workbench's stand-in for Excel's line chart).
 * x: one point per epoch, labelled by `xLabels` (the sheet's epoch column); y: shared axis from 0 to the largest value (at least 1, since accuracies are fractions).
 */
export function drawLineChart(
  canvas: HTMLCanvasElement,
  title: string,
  series: readonly ChartSeries[],
  xLabels: readonly string[] = [],
): void {
  const context = canvas.getContext("2d");
  if (!context) return;
  const { width, height } = canvas;
  const pad = { left: 44, right: 12, top: 24, bottom: 34 };
  context.clearRect(0, 0, width, height);
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.font = "12px system-ui, sans-serif";
  context.fillStyle = "#222";
  context.fillText(title, pad.left, 15);
  const points = Math.max(0, ...series.map((s) => s.values.length));
  const yMax = Math.max(1, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (points <= 1 ? plotWidth / 2 : (i / (points - 1)) * plotWidth);
  const y = (v: number) => pad.top + plotHeight - (v / yMax) * plotHeight;

  context.strokeStyle = "#ddd";
  context.fillStyle = "#666";
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4;
    context.beginPath();
    context.moveTo(pad.left, y(v));
    context.lineTo(width - pad.right, y(v));
    context.stroke();
    context.fillText(formatNumber(Number(v.toPrecision(3))), 4, y(v) + 4);
  }
  for (let i = 0; i < points; i++)
    context.fillText(xLabels[i] ?? String(i + 1), x(i) - 3, height - pad.bottom + 14);
  context.fillText("epoch", width / 2 - 15, height - 4);

  let legendX = pad.left + context.measureText(title).width + 24;
  for (const s of series) {
    context.strokeStyle = s.color;
    context.fillStyle = s.color;
    context.lineWidth = 2;
    context.beginPath();
    s.values.forEach((v, i) => (i === 0 ? context.moveTo(x(i), y(v)) : context.lineTo(x(i), y(v))));
    context.stroke();
    for (const [i, v] of s.values.entries()) context.fillRect(x(i) - 2, y(v) - 2, 4, 4);
    context.fillText(s.name, legendX, 15);
    legendX += context.measureText(s.name).width + 16;
    context.lineWidth = 1;
  }
}
