/* global HTMLButtonElement, HTMLCanvasElement, document, requestAnimationFrame */

import type { HyperFormula } from "hyperformula";
import { drawBoundaryChart } from "./boundary-chart";
import { fitCanvasToBox, mountChartFigure } from "./chart-figure";
import { type PlanePath, contourLevels, drawContourChart, planeAxes } from "./contour-chart";
import { type ChartSeries, drawLineChart } from "./line-chart";
import { type DataPoints, type LossGrid, type PlaneExtent, leastSquaresLine, lossGrid } from "./loss-grid";
import { boundaryGrid, findTrainedNetwork } from "./network-boundary";
import {
  type CellRange,
  type NamedColumn,
  type ParameterBlock,
  findGradchecks,
  findOptimizerColumns,
  findParameterBlocks,
  findScheduleColumns,
  rangeName,
  rangeSeries,
  readColumnsBelow,
  readDataPoints,
  readPointsBelow,
} from "./sheet-series";
import { isRunSheet, isRunsSheet, runSheetSeries, runsAccuracySeries } from "./workbench-run-sink";

export interface ChartElements {
  /** a and b per iteration, each on its own y axis (b ≈ 30 would flatten a ≈ 2 on a shared one). */
  parameters: HTMLCanvasElement;
  /** loss per iteration, log scale: the optimizers differ by orders of magnitude. */
  loss: HTMLCanvasElement;
  /** the (a, b) path over the contours of the full-batch loss of the Data sheet's points. */
  plane: HTMLCanvasElement;
  /** toggles the plane chart between the active sheet's path and every optimizer sheet's path. */
  compare: HTMLButtonElement;
  /** the columns of a selected range against the row. */
  selection: HTMLCanvasElement;
  /** a run sheet's loss and accuracies per epoch; on the Runs sheet, every run's test accuracy. */
  training: HTMLCanvasElement;
  chartSelection: HTMLButtonElement;
  removeSelectionChart: HTMLButtonElement;
}

/** What the charts need of the grid: the sheet shown and the selected range. */
export interface ChartedGrid {
  readonly activeSheet: number;
  readonly activeSheetName: string;
  readonly selection: CellRange;
}

/** Charts the workbench adds beside the ones in workbench.html (ids wb-chart-<key>). */
const EXTRA_CHARTS = ["schedules", "gradcheck", "boundary"] as const;
type ExtraChart = (typeof EXTRA_CHARTS)[number];

/** Distinct on white and for the common colour blindnesses (Okabe–Ito). */
const PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"];

function paletteColor(k: number): string {
  return PALETTE[k % PALETTE.length] ?? "#000000";
}

/**
 * One colour per optimizer sheet when all are compared (14 in linear-regression.xlsx): Okabe–Ito without its
 * yellow (invisible on the light loss map), then Tol's darker muted colours.
 */
const COMPARE_PALETTE = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#e69f00",
  "#56b4e9",
  "#000000",
  "#882255",
  "#44aa99",
  "#999933",
  "#332288",
  "#661100",
  "#888888",
  "#aa4499",
  "#117733",
];

/** Loss grids already sampled, by data and extent: a recalculation that leaves both alone reuses its grid. */
const GRID_CACHE_SIZE = 4;

/**
 * The charts under the grid, for the active sheet: the parameter path and the loss of an optimizer sheet
 * (columns found by their headers a, b, loss), a chart of a selected range (the "Chart selection" button),
 * and on a run sheet its loss/accuracy chart, on the Runs sheet every run's test accuracy. They follow recalculation and sheet switches; redraws
 * are coalesced into one per animation frame, so a workbook load firing many updates draws once.
 */
export class SheetCharts {
  /** The range charted with "Chart selection"; it stays with its sheet and follows its cells' values. */
  private chartedRange: CellRange | undefined;
  private redrawPending = false;
  /** "Compare optimizers": the plane chart shows every optimizer sheet's path. */
  private comparing = false;
  private readonly grids = new Map<string, LossGrid>();
  private readonly extra: Record<ExtraChart, HTMLCanvasElement>;

  constructor(
    private readonly hf: HyperFormula,
    private readonly grid: ChartedGrid,
    private readonly elements: ChartElements,
  ) {
    const container = elements.parameters.parentElement;
    this.extra = Object.fromEntries(
      EXTRA_CHARTS.map((key) => {
        const canvas = document.createElement("canvas");
        canvas.id = `wb-chart-${key}`;
        canvas.hidden = true;
        container?.insertBefore(canvas, elements.selection);
        return [key, canvas];
      }),
    ) as Record<ExtraChart, HTMLCanvasElement>;
    const redraw = () => this.redraw();
    for (const canvas of [
      elements.parameters,
      elements.loss,
      elements.plane,
      ...Object.values(this.extra),
      elements.selection,
      elements.training,
    ])
      mountChartFigure(canvas, redraw, canvas === this.extra.schedules);
    hf.on("valuesUpdated", () => this.scheduleRedraw());
    // Sheet ids are reused after a workbook replaces the sheets: a charted range must not jump to a new sheet.
    hf.on("sheetRemoved", () => {
      this.chartedRange = undefined;
    });
    elements.chartSelection.addEventListener("click", () => {
      this.chartedRange = grid.selection;
      this.redraw();
    });
    elements.compare.addEventListener("click", () => {
      this.comparing = !this.comparing;
      elements.compare.setAttribute("aria-pressed", String(this.comparing));
      this.redraw();
    });
    elements.removeSelectionChart.addEventListener("click", () => {
      this.chartedRange = undefined;
      this.redraw();
    });
  }

  scheduleRedraw(): void {
    if (this.redrawPending) return;
    this.redrawPending = true;
    requestAnimationFrame(() => {
      this.redrawPending = false;
      this.redraw();
    });
  }

  redraw(): void {
    const sheet = this.grid.activeSheet;
    const sheetName = this.grid.activeSheetName;
    this.drawOptimizerCharts(sheet, sheetName);
    this.drawScheduleChart(sheet, sheetName);
    this.drawGradcheckChart(sheet, sheetName);
    this.drawBoundaryChart(sheet, sheetName);
    this.drawSelectionChart(sheet, sheetName);
    this.drawTrainingChart(sheetName);
  }

  private drawOptimizerCharts(sheet: number, sheetName: string): void {
    const { parameters, loss } = this.elements;
    const columns = sheetParameterColumns(this.hf, sheet);
    const data = readColumnsBelow(
      this.hf,
      sheet,
      columns.headerRow,
      [...columns.params, ...(columns.loss === undefined ? [] : [{ name: "loss", col: columns.loss }])],
      columns.x,
    );
    const values = (name: string) => data.series.find((s) => s.name === name)?.values;
    const params = columns.params.map((p) => ({ name: p.name, values: values(p.name) ?? [] }));
    const xTitle = columns.x === undefined ? "row" : "iteration";

    // Two parameters on very different scales (b → 30, a → 2) get an axis each; more share one.
    const [first, second] = params;
    const split = params.length === 2 && first && second && differentScales(first.values, second.values);
    const parameterSeries: ChartSeries[] = params.map((p, k) => ({
      name: p.name,
      color: paletteColor(k),
      values: p.values,
      ...(split ? { axis: k === 0 ? ("left" as const) : ("right" as const) } : {}),
    }));
    show(parameters, parameterSeries.length > 0, sheetName);
    if (parameterSeries.length > 0)
      drawLineChart(parameters, {
        title: `${sheetName}: parameter path`,
        series: parameterSeries,
        xLabels: data.xLabels,
        xTitle,
      });

    const lossValues = values("loss");
    show(loss, lossValues !== undefined, sheetName);
    if (lossValues)
      drawLineChart(loss, {
        title: `${sheetName}: loss (log scale)`,
        series: [{ name: "loss", color: paletteColor(2), values: lossValues }],
        xLabels: data.xLabels,
        xTitle,
        left: { scale: "log" },
      });

    const a = params.find((p) => p.name === "a")?.values;
    const b = params.find((p) => p.name === "b")?.values;
    this.drawPlaneChart(sheet, sheetName, a, b, columns.headerRow);
  }

  /** Every GD.LR_DECAY column of the sheet, one line per schedule (lr-decay.xlsx: all 15 side by side). */
  private drawScheduleChart(sheet: number, sheetName: string): void {
    const canvas = this.extra.schedules;
    const schedules = findScheduleColumns(this.hf, sheet);
    show(canvas, schedules !== undefined, sheetName);
    if (!schedules) return;
    const data = readColumnsBelow(this.hf, sheet, schedules.headerRow, schedules.columns, schedules.x);
    drawLineChart(canvas, {
      title: `${sheetName}: learning rate per step (click a legend entry to hide or show it)`,
      series: data.series.map((s, k) => ({
        name: s.name,
        color: COMPARE_PALETTE[k % COMPARE_PALETTE.length] ?? "#000",
        values: s.values,
      })),
      xLabels: data.xLabels,
      xTitle: schedules.x === undefined ? "row" : "step",
      left: { title: "lr" },
    });
  }

  /**
   * GD.GRADCHECK's verdicts: per checked row its largest relative error on a log axis, green where it passes and
   * red where it fails, and the tolerance as a dashed line (errors of 0 are drawn at 1e-16, the axis floor).
   */
  private drawGradcheckChart(sheet: number, sheetName: string): void {
    const canvas = this.extra.gradcheck;
    const checks = findGradchecks(this.hf, sheet);
    show(canvas, checks.length > 0, sheetName);
    if (checks.length === 0) return;
    const rows = [...new Set(checks.flatMap((c) => c.rows))].sort((p, q) => p - q);
    const series: ChartSeries[] = checks.map((check, k) => ({
      name: check.name,
      color: paletteColor(k),
      pointsOnly: true,
      pointStyle: POINT_STYLES[k % POINT_STYLES.length] ?? "circle",
      values: rows.map((row) => {
        const v = check.maxRelError[check.rows.indexOf(row)] ?? NaN;
        return Number.isFinite(v) ? Math.max(v, 1e-16) : NaN;
      }),
      pointColors: rows.map((row) => {
        const pass = check.pass[check.rows.indexOf(row)];
        return pass === true ? PASS_COLOR : pass === false ? FAIL_COLOR : "#888888";
      }),
    }));
    const tolerances = [...new Set(checks.map((c) => c.tolerance))];
    for (const tolerance of tolerances)
      series.push({
        name: `tolerance ${tolerance}`,
        color: "#444444",
        dashed: true,
        values: rows.map(() => tolerance),
      });
    drawLineChart(canvas, {
      title: `${sheetName}: max relative error per row (green passes, red fails)`,
      series,
      xLabels: rows.map((row) => String(row + 1)),
      xTitle: "sheet row",
      left: { scale: "log", title: "relative error" },
    });
  }

  /** A network trained row by row on two inputs: its output over the input plane after the last row. */
  private drawBoundaryChart(sheet: number, sheetName: string): void {
    const canvas = this.extra.boundary;
    const network = findTrainedNetwork(this.hf, sheet);
    show(canvas, network !== undefined, sheetName);
    if (!network) return;
    drawBoundaryChart(
      canvas,
      `${sheetName}: decision boundary after row ${network.row + 1} (orange 0, blue 1)`,
      network,
      boundaryGrid(network),
    );
  }

  /** The path in the (a, b) plane over the loss contours; with "Compare optimizers", every sheet's path. */
  private drawPlaneChart(
    sheet: number,
    sheetName: string,
    a: readonly number[] | undefined,
    b: readonly number[] | undefined,
    headerRow: number,
  ): void {
    const { plane, compare } = this.elements;
    const points =
      a && b ? (readDataPoints(this.hf) ?? readPointsBelow(this.hf, sheet, headerRow)) : undefined;
    const visible = a !== undefined && b !== undefined && points !== undefined;
    show(plane, visible, sheetName);
    compare.hidden = !visible;
    if (!visible) return;
    // Comparing, the active sheet's path is drawn in colour on top and the others faded behind it: click
    // through the sheet tabs to bring each optimizer forward.
    const paths: PlanePath[] = this.comparing
      ? this.optimizerPaths().map((p) => ({
          ...p,
          emphasis: p.name === sheetName,
          faded: p.name !== sheetName,
        }))
      : [{ name: sheetName, color: "#d55e00", a, b }];
    const optimum = leastSquaresLine(points);
    const axes = planeAxes(paths, optimum);
    const grid = this.cachedGrid(points, {
      aMin: axes.a.min,
      aMax: axes.a.max,
      bMin: axes.b.min,
      bMax: axes.b.max,
    });
    fitCanvasToBox(plane);
    drawContourChart(plane, {
      title: this.comparing
        ? `All optimizers, ${sheetName} highlighted: (a, b) paths over the loss`
        : `${sheetName}: (a, b) path over the loss`,
      paths,
      grid,
      levels: contourLevels(grid),
      ...(optimum ? { optimum } : {}),
      legendColumn: this.comparing,
    });
  }

  /** Every sheet with a and b columns, in tab order: its (a, b) per row, one colour each. */
  private optimizerPaths(): PlanePath[] {
    const paths: PlanePath[] = [];
    for (const name of this.hf.getSheetNames()) {
      const sheet = this.hf.getSheetId(name);
      if (sheet === undefined) continue;
      const columns = sheetParameterColumns(this.hf, sheet);
      const [aColumn, bColumn] = ["a", "b"].map((n) => columns.params.find((p) => p.name === n));
      if (!aColumn || !bColumn) continue;
      const data = readColumnsBelow(this.hf, sheet, columns.headerRow, [aColumn, bColumn]);
      const [a, b] = [data.series[0]?.values ?? [], data.series[1]?.values ?? []];
      if (a.length === 0) continue;
      paths.push({ name, color: COMPARE_PALETTE[paths.length % COMPARE_PALETTE.length] ?? "#000", a, b });
    }
    return paths;
  }

  private cachedGrid(points: DataPoints, extent: PlaneExtent): LossGrid {
    const key = JSON.stringify([points.x, points.y, extent]);
    let grid = this.grids.get(key);
    if (!grid) {
      grid = lossGrid(points, extent);
      if (this.grids.size >= GRID_CACHE_SIZE) this.grids.clear();
      this.grids.set(key, grid);
    }
    return grid;
  }

  private drawSelectionChart(sheet: number, sheetName: string): void {
    const range = this.chartedRange?.sheet === sheet ? this.chartedRange : undefined;
    show(this.elements.selection, range !== undefined, sheetName);
    this.elements.removeSelectionChart.hidden = range === undefined;
    if (!range) return;
    const data = rangeSeries(this.hf, range);
    drawLineChart(this.elements.selection, {
      title: `${sheetName}!${rangeName(range)}`,
      series: data.series.map((s, k) => ({
        name: s.name,
        color: paletteColor(k),
        values: s.values,
      })),
      xLabels: data.xLabels,
      xTitle: "row",
    });
  }

  private drawTrainingChart(sheetName: string): void {
    const { training } = this.elements;
    const runSheet = isRunSheet(this.hf, sheetName);
    const runsSheet = !runSheet && isRunsSheet(this.hf, sheetName);
    show(training, runSheet || runsSheet, sheetName);
    if (runSheet) {
      const series = runSheetSeries(this.hf, sheetName);
      drawLineChart(training, {
        title: `${sheetName}: loss and accuracy per epoch`,
        series: [
          { name: "train loss", color: "#c0392b", values: series.loss },
          { name: "validation accuracy", color: "#1f5fa8", values: series.validation },
          { name: "test accuracy", color: "#27ae60", values: series.test },
        ],
        xLabels: series.epochs,
        xTitle: "epoch",
        left: { include: [0, 1] },
      });
    } else if (runsSheet) {
      const runs = runsAccuracySeries(this.hf, sheetName);
      drawLineChart(training, {
        title: "Test accuracy per epoch, every run",
        series: runs.runs.map((run, k) => ({
          name: run.name,
          color: COMPARE_PALETTE[k % COMPARE_PALETTE.length] ?? "#000000",
          values: run.values,
        })),
        xLabels: runs.epochs,
        xTitle: "epoch",
      });
    }
  }
}

const POINT_STYLES = ["circle", "triangle", "rect", "rectRot"] as const;
const PASS_COLOR = "#1a9850";
const FAIL_COLOR = "#d73027";

/** The parameter columns to chart on a sheet, with their header row and the loss and x columns beside them. */
interface ParameterColumns {
  headerRow: number;
  params: NamedColumn[];
  loss?: number;
  x?: number;
}

/**
 * Every parameter column a sheet builds under GD.STEP_HEADERS / GD.TRAIN_HEADERS headers (several blocks on one
 * sheet each contribute theirs; the first block's header row, loss and x columns are used); without such
 * headers, on a sheet that steps with a GD.*_STEP function, the columns headed a, b, loss and iter in row 1
 * (typed by hand).
 */
function sheetParameterColumns(hf: HyperFormula, sheet: number): ParameterColumns {
  const blocks: ParameterBlock[] = findParameterBlocks(hf, sheet);
  const [first] = blocks;
  if (first) {
    const several = blocks.length > 1;
    return {
      headerRow: first.headerRow,
      params: blocks.flatMap((block) =>
        block.params.map((p) => (several ? { ...p, name: `${p.name} (row ${block.headerRow + 1})` } : p)),
      ),
      ...(first.loss === undefined ? {} : { loss: first.loss }),
      ...(first.x === undefined ? {} : { x: first.x }),
    };
  }
  // Hand-typed a, b headers count only on a sheet that steps with a GD.*_STEP function (not GRADCHECK's a, b inputs).
  const steps = hf
    .getSheetFormulas(sheet)
    .some((cells) => cells.some((f) => typeof f === "string" && /GD\.[A-Z_]*STEP\(/i.test(f)));
  if (!steps) return { headerRow: 0, params: [] };
  const columns = findOptimizerColumns(hf, sheet);
  const params = (["a", "b"] as const).flatMap((name) => {
    const col = columns[name];
    return col === undefined ? [] : [{ name, col }];
  });
  return {
    headerRow: 0,
    params,
    ...(columns.loss === undefined ? {} : { loss: columns.loss }),
    ...(columns.iter === undefined ? {} : { x: columns.iter }),
  };
}

/** Largest |value| of a series (0 when it has no numbers). */
function magnitude(values: readonly number[]): number {
  let largest = 0;
  for (const v of values) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  return largest;
}

/** b needs its own axis when its values are several times a's (b → 30 flattens a → 2 on a shared axis). */
function differentScales(a: readonly number[], b: readonly number[]): boolean {
  const [small, large] = [magnitude(a), magnitude(b)].sort((p, q) => p - q) as [number, number];
  return large > 3 * small;
}

/** Shows or hides a chart; `data-sheet` names the sheet it was last drawn for (tests wait on it). */
function show(canvas: HTMLCanvasElement, visible: boolean, sheetName: string): void {
  canvas.hidden = !visible;
  if (canvas.parentElement?.parentElement) canvas.parentElement.parentElement.hidden = !visible;
  canvas.dataset["sheet"] = visible ? sheetName : "";
}
