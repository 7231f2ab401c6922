/* global HTMLCanvasElement */
/*
 * The workbench's line charts, drawn by Chart.js (docs/workbench.md, "Charts"): one x value per sheet row, a left
 * y axis and, for series on very different scales (a ≈ 2 and b ≈ 30), a right one, each linear or log10.
 * Clicking a legend entry hides or shows its series (Chart.js's own legend behaviour); the choice is kept per
 * canvas and series name, so a recalculation redraws without bringing a hidden series back.
 */
import {
  CategoryScale,
  Chart,
  type ChartDataset,
  type ChartOptions,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  type Plugin,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from "chart.js";
import { formatNumber } from "./cell-format";

Chart.register(
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  Legend,
  Title,
  Tooltip,
);

export type AxisScale = "linear" | "log";

export interface ChartSeries {
  name: string;
  color: string;
  /** One value per point; NaN (an empty or text cell) breaks the line. */
  values: readonly number[];
  /** Which y axis the series is scaled on (default left); a right axis is drawn only if a series uses it. */
  axis?: "left" | "right";
  /** Points only, no line (e.g. one verdict per row). */
  pointsOnly?: boolean;
  /** One colour per point (e.g. pass green, fail red); default the series colour. */
  pointColors?: readonly string[];
  /** A dashed line (e.g. a tolerance). */
  dashed?: boolean;
  /** Drawn thinner and lighter, behind the others. */
  faded?: boolean;
  /** The marker's shape (Chart.js point style), e.g. "triangle" to tell two point series apart. */
  pointStyle?: "circle" | "triangle" | "rect" | "rectRot";
}

export interface ChartAxisOptions {
  scale?: AxisScale;
  /** Values the linear axis must reach, e.g. [0, 1] for accuracies. */
  include?: readonly number[];
  title?: string;
}

export interface LineChart {
  title: string;
  series: readonly ChartSeries[];
  /** One label per point (the sheet's iter or step column, else the row number); numbers are placed by value. */
  xLabels?: readonly string[];
  xTitle?: string;
  left?: ChartAxisOptions;
  right?: ChartAxisOptions;
}

/** What a drawn chart shows, in numbers: kept on the canvas as `data-chart` (JSON) for tests and debugging. */
export interface DrawnChart {
  title: string;
  xLabels: string[];
  series: {
    name: string;
    axis: "left" | "right";
    scale: AxisScale;
    hidden: boolean;
    values: (number | null)[];
  }[];
}

/** Points with markers up to this many; beyond it (an optimizer sheet's 300 rows) markers only blur the line. */
const MAX_MARKED_POINTS = 60;

/** Series hidden with a legend click, per canvas, by name. */
const hiddenSeries = new WeakMap<HTMLCanvasElement, Set<string>>();

function hiddenOf(canvas: HTMLCanvasElement): Set<string> {
  let hidden = hiddenSeries.get(canvas);
  if (!hidden) {
    hidden = new Set();
    hiddenSeries.set(canvas, hidden);
  }
  return hidden;
}

function describe(chart: LineChart, xLabels: string[], hidden: ReadonlySet<string>): DrawnChart {
  return {
    title: chart.title,
    xLabels,
    series: chart.series.map((s) => {
      const axis = s.axis ?? "left";
      return {
        name: s.name,
        axis,
        scale: (axis === "right" ? chart.right?.scale : chart.left?.scale) ?? "linear",
        hidden: hidden.has(s.name),
        values: s.values.map((v) => (Number.isFinite(v) ? v : null)),
      };
    }),
  };
}

function yAxis(options: ChartAxisOptions | undefined, position: "left" | "right", color?: string) {
  const include = options?.include ?? [];
  return {
    type: options?.scale === "log" ? ("logarithmic" as const) : ("linear" as const),
    position,
    ...(include.length > 0 ? { suggestedMin: Math.min(...include), suggestedMax: Math.max(...include) } : {}),
    title: { display: options?.title !== undefined, text: options?.title ?? "" },
    grid: { drawOnChartArea: position === "left" },
    ticks: {
      ...(color ? { color } : {}),
      callback: (value: number | string) =>
        typeof value === "number"
          ? options?.scale === "log"
            ? logTick(value)
            : formatNumber(Number(value.toPrecision(6)))
          : value,
    },
  };
}

/** A log axis labels its decades only (1e-6, 1e-3, 1), as the former hand-drawn axis did. */
function logTick(value: number): string {
  const exponent = Math.log10(value);
  return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? `1e${Math.round(exponent)}` : "";
}

/**
 * Writes where each legend entry is on the canvas (`data-legend`: text and box in CSS pixels), so a test can
 * click an entry with the mouse as a person would.
 */
const legendBoxes: Plugin<"line"> = {
  id: "legendBoxes",
  afterRender(chart) {
    const legend = chart.legend as (typeof chart.legend & { legendHitBoxes?: Box[] }) | undefined;
    const items = legend?.legendItems ?? [];
    const boxes = legend?.legendHitBoxes ?? [];
    chart.canvas.dataset["legend"] = JSON.stringify(
      items.map((item, k) => ({ text: item.text, hidden: item.hidden, ...(boxes[k] ?? {}) })),
    );
  },
};

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Draws (or redraws in place) a line chart on the canvas. */
export function drawLineChart(canvas: HTMLCanvasElement, chart: LineChart): void {
  const points = Math.max(0, ...chart.series.map((s) => s.values.length));
  const xLabels = Array.from({ length: points }, (_, i) => chart.xLabels?.[i] ?? String(i + 1));
  const xs = xLabels.map((label, i) => {
    const n = Number(label);
    return Number.isFinite(n) ? n : i + 1;
  });
  const hidden = hiddenOf(canvas);
  canvas.dataset["chart"] = JSON.stringify(describe(chart, xLabels, hidden));
  const hasRight = chart.series.some((s) => s.axis === "right");
  const twoAxes = hasRight && chart.series.some((s) => s.axis !== "right");
  const colorOf = (side: "left" | "right") =>
    twoAxes ? chart.series.find((s) => (s.axis ?? "left") === side)?.color : undefined;

  const datasets: ChartDataset<"line", { x: number; y: number }[]>[] = chart.series.map((s) => ({
    label: hasRight ? `${s.name} (${s.axis === "right" ? "right" : "left"})` : s.name,
    data: s.values.map((v, i) => ({ x: xs[i] ?? i + 1, y: Number.isFinite(v) ? v : NaN })),
    yAxisID: s.axis === "right" ? "right" : "left",
    borderColor: s.faded ? `${s.color}66` : s.color,
    backgroundColor: s.pointColors ? "#777777" : s.color,
    borderWidth: s.faded ? 1 : 2,
    pointStyle: s.pointStyle ?? "circle",
    borderDash: s.dashed ? [6, 4] : [],
    showLine: s.pointsOnly !== true,
    pointRadius: s.pointsOnly ? 5 : points <= MAX_MARKED_POINTS && !s.dashed ? 2 : 0,
    pointBackgroundColor: s.pointColors ? [...s.pointColors] : s.color,
    pointBorderColor: s.pointColors ? [...s.pointColors] : s.color,
    spanGaps: false,
    hidden: hidden.has(s.name),
    order: s.faded ? 1 : 0,
  }));
  const names = chart.series.map((s) => s.name);
  const options: ChartOptions<"line"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    parsing: false,
    normalized: true,
    interaction: { mode: "nearest", intersect: false },
    scales: {
      x: {
        type: "linear",
        title: { display: chart.xTitle !== undefined, text: chart.xTitle ?? "" },
        ticks: { maxTicksLimit: 8 },
      },
      left: yAxis(chart.left, "left", colorOf("left")),
      ...(hasRight ? { right: yAxis(chart.right, "right", colorOf("right")) } : {}),
    },
    plugins: {
      title: { display: true, text: chart.title, align: "start" },
      legend: {
        // Many series (lr-decay.xlsx's 15 schedules): a column on the right leaves the plot its height.
        position: chart.series.length > 6 ? "right" : "top",
        align: chart.series.length > 6 ? "start" : "end",
        labels: chart.series.some((s) => s.pointsOnly)
          ? { usePointStyle: true, boxWidth: 8, boxHeight: 8 }
          : { boxWidth: 12, boxHeight: 3 },
        onClick: (_event, item, legend) => {
          const index = item.datasetIndex ?? -1;
          const name = names[index];
          if (name === undefined) return;
          const shown = legend.chart.isDatasetVisible(index);
          legend.chart.setDatasetVisibility(index, !shown);
          if (shown) hidden.add(name);
          else hidden.delete(name);
          legend.chart.update();
          canvas.dataset["chart"] = JSON.stringify(describe(chart, xLabels, hidden));
        },
      },
      tooltip: {
        callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${formatNumber(item.parsed.y ?? NaN)}` },
      },
    },
  };
  const existing = Chart.getChart(canvas);
  if (existing && "type" in existing.config && existing.config.type === "line") {
    existing.data.datasets = datasets as typeof existing.data.datasets;
    existing.options = options as typeof existing.options;
    existing.update();
    return;
  }
  existing?.destroy();
  new Chart(canvas, { type: "line", data: { datasets }, options, plugins: [legendBoxes] });
}
