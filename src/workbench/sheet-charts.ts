/* global HTMLButtonElement, HTMLCanvasElement, requestAnimationFrame */

import type { HyperFormula } from "hyperformula";
import { type PlanePath, contourLevels, drawContourChart, planeAxes } from "./contour-chart";
import { type ChartSeries, drawLineChart } from "./line-chart";
import { type DataPoints, type LossGrid, type PlaneExtent, leastSquaresLine, lossGrid } from "./loss-grid";
import type { SheetGrid } from "./sheet-grid";
import {
  type CellRange,
  findOptimizerColumns,
  rangeName,
  rangeSeries,
  readColumns,
  readDataPoints,
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

  constructor(
    private readonly hf: HyperFormula,
    private readonly grid: SheetGrid,
    private readonly elements: ChartElements,
  ) {
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
    this.drawSelectionChart(sheet, sheetName);
    this.drawTrainingChart(sheetName);
  }

  private drawOptimizerCharts(sheet: number, sheetName: string): void {
    const { parameters, loss } = this.elements;
    const columns = findOptimizerColumns(this.hf, sheet);
    const wanted = (["a", "b", "loss"] as const).flatMap((name) => {
      const col = columns[name];
      return col === undefined ? [] : [{ name, col }];
    });
    const data = readColumns(this.hf, sheet, wanted, columns.iter);
    const column = (name: string) => data.series.find((s) => s.name === name)?.values;
    const [a, b, lossValues] = [column("a"), column("b"), column("loss")];
    const xTitle = columns.iter === undefined ? "row" : "iteration";

    const parameterSeries: ChartSeries[] = [];
    if (a) parameterSeries.push({ name: "a", color: paletteColor(0), values: a });
    if (b) {
      const axis = a && differentScales(a, b) ? "right" : "left";
      parameterSeries.push({ name: "b", color: paletteColor(1), values: b, axis });
    }
    show(parameters, parameterSeries.length > 0, sheetName);
    if (parameterSeries.length > 0)
      drawLineChart(parameters, {
        title: `${sheetName}: parameter path`,
        series: parameterSeries,
        xLabels: data.xLabels,
        xTitle,
      });

    show(loss, lossValues !== undefined, sheetName);
    if (lossValues)
      drawLineChart(loss, {
        title: `${sheetName}: loss (log scale)`,
        series: [{ name: "loss", color: paletteColor(2), values: lossValues }],
        xLabels: data.xLabels,
        xTitle,
        left: { scale: "log" },
      });

    this.drawPlaneChart(sheet, sheetName, a, b);
  }

  /** The path in the (a, b) plane over the loss contours; with "Compare optimizers", every sheet's path. */
  private drawPlaneChart(
    sheet: number,
    sheetName: string,
    a: readonly number[] | undefined,
    b: readonly number[] | undefined,
  ): void {
    const { plane, compare } = this.elements;
    const points = a && b ? readDataPoints(this.hf) : undefined;
    const visible = a !== undefined && b !== undefined && points !== undefined;
    show(plane, visible, sheetName);
    compare.hidden = !visible;
    if (!visible) return;
    const paths: PlanePath[] = this.comparing
      ? this.optimizerPaths().map((p) => ({ ...p, emphasis: p.name === sheetName }))
      : [{ name: sheetName, color: "#d55e00", a, b }];
    const optimum = leastSquaresLine(points);
    const axes = planeAxes(paths, optimum);
    const grid = this.cachedGrid(points, {
      aMin: axes.a.min,
      aMax: axes.a.max,
      bMin: axes.b.min,
      bMax: axes.b.max,
    });
    drawContourChart(plane, {
      title: this.comparing
        ? "All optimizers: (a, b) paths over the loss"
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
      const columns = findOptimizerColumns(this.hf, sheet);
      if (columns.a === undefined || columns.b === undefined) continue;
      const data = readColumns(this.hf, sheet, [
        { name: "a", col: columns.a },
        { name: "b", col: columns.b },
      ]);
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
  canvas.dataset["sheet"] = visible ? sheetName : "";
}
