/* global HTMLCanvasElement */
/*
 * A trained two-input network's decision boundary, drawn as TensorFlow Playground shows it: the output over the
 * input plane as a heat map (orange for 0, white at 0.5, blue for 1), the 0.5 iso-line, and the training points
 * coloured by their target. Chart.js draws the axes, points and legend; a plugin paints the heat map and the
 * line (from contourSegments, d3-contour) into the chart area before the points.
 */
import { Chart, type ChartDataset, type Plugin } from "chart.js";
import { contourSegments } from "./contour-lines";
import type { BoundaryGrid, TrainedNetwork } from "./network-boundary";

/** What a drawn boundary chart shows, in numbers: `data-chart` (JSON) for tests and debugging. */
export interface DrawnBoundaryChart {
  title: string;
  kind: "boundary";
  grid: { size: [number, number]; x1: [number, number]; x2: [number, number] };
  /** The network's output at each training point (read from the heat map's grid), and the point's target. */
  points: { x1: number; x2: number; target: number; output: number }[];
  /** Grid cells (of all) whose output is above 0.5. */
  positiveShare: number;
}

const ORANGE = [245, 147, 34] as const;
const BLUE = [8, 119, 189] as const;

/** Playground's diverging scale: orange at 0, white at 0.5, blue at 1. */
function outputColor(value: number): string {
  const t = Math.min(1, Math.max(0, value));
  const [end, k] = t < 0.5 ? [ORANGE, 1 - 2 * t] : [BLUE, 2 * t - 1];
  const [r, g, b] = end.map((c) => Math.round(255 + (c - 255) * k * 0.85)) as [number, number, number];
  return `rgb(${r},${g},${b})`;
}

/** The output at the grid sample nearest (x1, x2). */
function nearest(grid: BoundaryGrid, x1: number, x2: number): number {
  const index = (axis: readonly number[], v: number) => {
    let best = 0;
    axis.forEach((a, k) => {
      if (Math.abs(a - v) < Math.abs((axis[best] ?? a) - v)) best = k;
    });
    return best;
  };
  return grid.values[index(grid.x2, x2)]?.[index(grid.x1, x1)] ?? NaN;
}

export function drawBoundaryChart(
  canvas: HTMLCanvasElement,
  title: string,
  network: TrainedNetwork,
  grid: BoundaryGrid,
): void {
  const cells = grid.values.flat();
  const drawn: DrawnBoundaryChart = {
    title,
    kind: "boundary",
    grid: {
      size: [grid.x1.length, grid.x2.length],
      x1: [grid.x1[0] ?? NaN, grid.x1[grid.x1.length - 1] ?? NaN],
      x2: [grid.x2[0] ?? NaN, grid.x2[grid.x2.length - 1] ?? NaN],
    },
    points: network.y.map((target, k) => {
      const [x1, x2] = [network.x1[k] ?? NaN, network.x2[k] ?? NaN];
      return { x1, x2, target, output: nearest(grid, x1, x2) };
    }),
    positiveShare: cells.filter((v) => v > 0.5).length / Math.max(1, cells.length),
  };
  canvas.dataset["chart"] = JSON.stringify(drawn);

  const boundary = contourSegments({ xs: grid.x1, ys: grid.x2, values: grid.values }, 0.5);
  const heatMap: Plugin<"scatter"> = {
    id: "decisionHeatMap",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const [sx, sy] = [scales["x"], scales["y"]];
      if (!sx || !sy) return;
      const half = (axis: readonly number[]) => ((axis[1] ?? 0) - (axis[0] ?? 0)) / 2;
      const [hx, hy] = [half(grid.x1), half(grid.x2)];
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
      ctx.clip();
      grid.x2.forEach((b, j) =>
        grid.x1.forEach((a, i) => {
          ctx.fillStyle = outputColor(grid.values[j]?.[i] ?? NaN);
          const [x0, x1] = [sx.getPixelForValue(a - hx), sx.getPixelForValue(a + hx)];
          const [y0, y1] = [sy.getPixelForValue(b + hy), sy.getPixelForValue(b - hy)];
          ctx.fillRect(x0, y0, x1 - x0 + 0.5, y1 - y0 + 0.5);
        }),
      );
      ctx.strokeStyle = "#333";
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (const s of boundary) {
        ctx.moveTo(sx.getPixelForValue(s.from.x), sy.getPixelForValue(s.from.y));
        ctx.lineTo(sx.getPixelForValue(s.to.x), sy.getPixelForValue(s.to.y));
      }
      ctx.stroke();
      ctx.restore();
    },
  };
  const pointsOf = (target: number): { x: number; y: number }[] =>
    network.y.flatMap((t, k) =>
      t > 0.5 === target > 0.5 ? [{ x: network.x1[k] ?? NaN, y: network.x2[k] ?? NaN }] : [],
    );
  const dataset = (label: string, target: number, color: string): ChartDataset<"scatter"> => ({
    label,
    data: pointsOf(target),
    pointRadius: 7,
    pointBackgroundColor: color,
    pointBorderColor: "#222",
    pointBorderWidth: 2,
    backgroundColor: color,
  });
  Chart.getChart(canvas)?.destroy();
  new Chart(canvas, {
    type: "scatter",
    data: {
      datasets: [dataset("target 0", 0, "rgb(200,95,0)"), dataset("target 1", 1, "rgb(0,80,150)")],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {
          type: "linear",
          min: grid.x1[0],
          max: grid.x1[grid.x1.length - 1],
          title: { display: true, text: "x1" },
        },
        y: {
          type: "linear",
          min: grid.x2[0],
          max: grid.x2[grid.x2.length - 1],
          title: { display: true, text: "x2" },
        },
      },
      plugins: {
        title: { display: true, text: title, align: "start" },
        legend: { position: "top", align: "end", labels: { boxWidth: 10 } },
      },
    },
    plugins: [heatMap],
  });
}
