/**
 * Writes the example workbooks in examples/ (npm run examples). Every sheet is built as raw cell contents,
 * evaluated with HyperFormula and our GD.* plugin (so the files carry computed values and open showing
 * numbers), and written with ExcelJS. Two file-format details make the files work in Excel
 * (docs/functions.md, "Saving workbooks"):
 *  1. custom functions are stored as `_xldudf_GD_ADAM_STEP(...)`, the form Excel itself saves for an
 *     add-in's function, so the file binds to the add-in when opened (a bare `GD.ADAM_STEP(` stays #NAME?);
 *  2. every spilling formula is an array formula over its output range AND carries dynamic-array cell
 *     metadata (`cm="1"` → xl/metadata.xml, XLDAPR fDynamic="1"), so Excel opens it as a spill, not as a
 *     legacy formula with implicit intersection (@) that would show only the first value.
 * ExcelJS writes no charts, so the charts (parameters and loss per iteration) are added to the zip afterwards
 * as DrawingML parts by ./xlsx-charts.ts, with the computed values cached in each series.
 */
/* global Buffer, __dirname, console, require, module, process */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getOptimizer } from "../src/engine/optim";
import { getSchedule, SCHEDULE_NAMES } from "../src/engine/schedules";
import { parameterCount } from "../src/engine/mlp";
import { layerSizes, trainRowWidth } from "../src/functions/mlp-cells";
import { optimizerRowWidth, stepFunctionSetup } from "../src/functions/optimizer-cells";
import type { StepFunctionName } from "../src/functions/step-table";
import { buildEngine, toFileFormula } from "../src/workbench/hyperformula-plugin";
import { addCharts, type ChartSeries, type ChartSpec, type ColumnRange } from "./xlsx-charts";

export type RawCell = string | number | boolean | null;

/** A spilling formula's anchor and output size. */
export interface ArrayBlock {
  row: number;
  col: number;
  width: number;
  height: number;
}

export interface SheetModel {
  name: string;
  rows: RawCell[][];
  arrays: ArrayBlock[];
  /** Rows shown bold (headers), 0-based. */
  headerRows: number[];
  note?: string;
  /** Charts over this sheet's columns; their cached values are filled in from the evaluation. */
  charts?: ChartPlan[];
}

/** A chart before evaluation: series name cells and ranges, no values yet. */
export type ChartPlan = Omit<ChartSpec, "series"> & {
  series: Omit<ChartSeries, "xValues" | "yValues">[];
};

export interface WorkbookModel {
  file: string;
  sheets: SheetModel[];
}

/** 0-based column → letters (0 → A, 26 → AA). */
export function columnName(col: number): string {
  let name = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/** 0-based (row, col) → "H3". */
export function cellName(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

class SheetBuilder {
  readonly rows: RawCell[][] = [];
  readonly arrays: ArrayBlock[] = [];
  readonly headerRows: number[] = [];
  constructor(readonly name: string) {}

  set(row: number, col: number, value: RawCell): void {
    while (this.rows.length <= row) this.rows.push([]);
    const cells = this.rows[row] as RawCell[];
    while (cells.length <= col) cells.push(null);
    cells[col] = value;
  }

  /** A formula that spills width × height cells from (row, col). */
  spill(row: number, col: number, formula: string, width: number, height = 1): void {
    this.set(row, col, formula);
    this.arrays.push({ row, col, width, height });
  }

  header(row: number, labels: readonly string[], startCol = 0): void {
    labels.forEach((label, i) => this.set(row, startCol + i, label));
    if (!this.headerRows.includes(row)) this.headerRows.push(row);
  }

  build(note?: string, charts?: ChartPlan[]): SheetModel {
    return {
      name: this.name,
      rows: this.rows,
      arrays: this.arrays,
      headerRows: this.headerRows,
      note,
      charts,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// y = ax + b with a = 2, b = 30: 20 points, x in [-1.9, 1.9], listed in a fixed shuffled order so that online
// SGD does not walk along sorted x (which makes momentum methods overshoot).

export const LINE = { a: 2, b: 30 } as const;
export const LINE_X: readonly number[] = [
  0.3, -1.5, 1.1, -0.7, 1.9, -0.1, -1.9, 0.7, -1.1, 1.5, 0.1, -0.3, 1.3, -1.7, 0.9, -0.9, 1.7, -1.3, 0.5,
  -0.5,
];
const POINTS = LINE_X.length;
const DATA_X = `Data!$A$2:$A$${POINTS + 1}`;
const DATA_Y = `Data!$B$2:$B$${POINTS + 1}`;

function dataSheet(): SheetModel {
  const s = new SheetBuilder("Data");
  s.header(0, ["x", "y = 2x + 30"]);
  LINE_X.forEach((x, i) => {
    s.set(i + 1, 0, x);
    s.set(i + 1, 1, LINE.a * x + LINE.b);
  });
  return s.build("20 points of y = 2x + 30, in a fixed shuffled order");
}

/** One optimizer sheet: which function, its optional arguments as typed, how the gradient is obtained. */
export interface LineSheetSpec {
  sheet: string;
  fn: StepFunctionName;
  /** Optional arguments after params, grads, state, exactly as typed in the formula ("" = skipped). */
  args: readonly string[];
  mode: "online" | "full-batch" | "mini-batch";
  iterations: number;
  /** |a − 2| and |b − 30| allowed at the last row (checked by test/sheets). */
  tolerance: number;
  why: string;
}

export const MINI_BATCH = 5;

export const LINE_SHEETS: readonly LineSheetSpec[] = [
  {
    sheet: "SGD",
    fn: "GD_STEP",
    args: ["0.1"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "plain SGD, η = 0.1",
  },
  {
    sheet: "Momentum",
    fn: "GD_STEP",
    args: ["0.02", "0.9"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "PyTorch momentum μ = 0.9",
  },
  {
    sheet: "Nesterov",
    fn: "GD_STEP",
    args: ["0.02", "0.9", "0", "0", "TRUE()"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "Nesterov momentum",
  },
  {
    sheet: "EWA momentum",
    fn: "GD_STEP",
    args: ["0.1", "0.9", "", "", "", '"ewa"'],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "textbook momentum v ← βv + (1−β)g",
  },
  {
    sheet: "L2 (textbook)",
    fn: "GD_STEP",
    args: ["0.1", "", "", "0.001", "", '"l2"'],
    mode: "online",
    iterations: 300,
    tolerance: 0.05,
    why: "w ← (1−ηλ)w − ηg, λ = 0.001 pulls (a, b) slightly toward 0",
  },
  {
    sheet: "AdaGrad",
    fn: "ADAGRAD_STEP",
    args: ["10"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "AdaGrad, η = 10",
  },
  {
    sheet: "AdaDelta",
    fn: "ADADELTA_STEP",
    args: ["1", "0.99", "0.01"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-3,
    why: "AdaDelta, ρ = 0.99, ε = 0.01 (ε = 1e-6 needs thousands of rows to reach b = 30)",
  },
  {
    sheet: "RMSProp",
    fn: "RMSPROP_STEP",
    args: ["0.5"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "RMSProp, η = 0.5",
  },
  {
    sheet: "Adam",
    fn: "ADAM_STEP",
    args: ["0.5"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-3,
    why: "Adam, η = 0.5, β1 = 0.9, β2 = 0.999",
  },
  {
    sheet: "AMSGrad",
    fn: "ADAM_STEP",
    args: ["0.5", "", "", "", "", "TRUE()"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-3,
    why: "Adam with amsgrad",
  },
  {
    sheet: "AdamW",
    fn: "ADAM_STEP",
    args: ["0.5", "", "", "", "0.0001", "", "TRUE()"],
    mode: "online",
    iterations: 300,
    tolerance: 0.05,
    why: "decoupled weight decay 1e-4 pulls b slightly toward 0",
  },
  {
    sheet: "SGD + step decay",
    fn: "GD_STEP",
    args: ['GD.LR_DECAY(0.15,A{row}-1,"step",100,0.5)'],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "the rate comes from LR_DECAY: 0.15, halved every 100 rows",
  },
  {
    sheet: "Full batch",
    fn: "GD_STEP",
    args: ["0.1"],
    mode: "full-batch",
    iterations: 100,
    tolerance: 1e-4,
    why: "gradient of the mean loss over all 20 rows, from GD.GRAD",
  },
  {
    sheet: "Mini-batch",
    fn: "GD_STEP",
    args: ["0.1"],
    mode: "mini-batch",
    iterations: 100,
    tolerance: 1e-4,
    why: "batches of 5 rows cycling through the data (CHOOSE picks the window)",
  },
];

/** Column layout of a line sheet (0-based). */
export const LINE_COLUMNS = {
  iter: 0,
  x: 1,
  y: 2,
  err: 3,
  loss: 4,
  dA: 5,
  dB: 6,
  a: 7,
  b: 8,
  state: 9,
} as const;

/** An argument as typed in a formula → the value a cell function receives. */
function literalArg(text: string): string | number | boolean | null {
  if (text === "" || text.startsWith("GD.")) return null; // a formula (e.g. a scheduled lr) is not a literal
  if (text === "TRUE()" || text === "FALSE()") return text === "TRUE()";
  if (text.startsWith('"')) return text.slice(1, -1);
  return Number(text);
}

function stateWidth(spec: LineSheetSpec): number {
  const { optimizer, hyper } = stepFunctionSetup(spec.fn, spec.args.map(literalArg));
  return optimizerRowWidth(optimizer, 2, hyper) - 2;
}

/** The optional arguments as typed; `{row}` becomes the formula's own row number. */
function argsText(args: readonly string[], row: number): string {
  let end = args.length;
  while (end > 0 && args[end - 1] === "") end--;
  return args
    .slice(0, end)
    .map((a) => `, ${a.replaceAll("{row}", String(row))}`)
    .join("");
}

const FORMULA_LOSS = "AVERAGE((a*x+b-y)^2)";

function windowRange(column: "A" | "B", iterCell: string): string {
  const batches = POINTS / MINI_BATCH;
  const windows = Array.from(
    { length: batches },
    (_, k) => `Data!$${column}$${2 + k * MINI_BATCH}:$${column}$${1 + (k + 1) * MINI_BATCH}`,
  );
  return `CHOOSE(MOD(${iterCell}-1,${batches})+1,${windows.join(",")})`;
}

export function lineSheet(spec: LineSheetSpec): SheetModel {
  const s = new SheetBuilder(spec.sheet);
  const C = LINE_COLUMNS;
  const w = stateWidth(spec);
  s.header(0, ["iter", "x", "y", "error", "loss", "dL/da", "dL/db"]);
  const headerArgs = headerOptions(spec);
  s.spill(
    0,
    C.a,
    `=GD.STEP_HEADERS("${headerArgs.optimizer}","a,b"${headerArgs.options ? `,"${headerArgs.options}"` : ""})`,
    2 + w,
  );
  s.set(1, C.iter, 0);
  s.set(1, C.a, 0);
  s.set(1, C.b, 0);
  const last = columnName(C.state + w - 1);
  for (let i = 1; i <= spec.iterations; i++) {
    const r = i + 1; // 0-based row; the sheet row is r + 1
    const prev = r; // previous sheet row number (1-based) = r
    const here = r + 1;
    const params = `H${prev}:I${prev}`;
    const state = w > 0 ? `J${prev}:${last}${prev}` : "";
    s.set(r, C.iter, i);
    if (spec.mode === "online") {
      s.set(r, C.x, `=INDEX(${DATA_X},MOD(A${here}-1,${POINTS})+1)`);
      s.set(r, C.y, `=INDEX(${DATA_Y},MOD(A${here}-1,${POINTS})+1)`);
      s.set(r, C.err, `=H${prev}*B${here}+I${prev}-C${here}`);
      s.set(r, C.loss, `=D${here}^2`);
      s.set(r, C.dA, `=2*D${here}*B${here}`);
      s.set(r, C.dB, `=2*D${here}`);
    } else {
      const xs = spec.mode === "full-batch" ? DATA_X : windowRange("A", `A${here}`);
      const ys = spec.mode === "full-batch" ? DATA_Y : windowRange("B", `A${here}`);
      const tail = `"a,b",${params},"x,y",${xs},${ys}`;
      s.set(r, C.loss, `=GD.LOSS("${FORMULA_LOSS}",${tail})`);
      s.spill(r, C.dA, `=GD.GRAD("${FORMULA_LOSS}",${tail})`, 2);
    }
    s.spill(
      r,
      C.a,
      `=GD.${spec.fn}(${params},F${here}:G${here},${state}${argsText(spec.args, here)})`,
      2 + w,
    );
  }
  return s.build(spec.why, lineSheetCharts(spec, C.state + w));
}

/** Line colours (RRGGBB): a, b, loss. */
const COLORS = { a: "1F77B4", b: "D62728", loss: "2CA02C" } as const;

/** Width × height of a chart, in cells. */
const CHART_SIZE = { cols: 10, rows: 20 } as const;

/**
 * Two charts right of the sheet's columns: a and b against the iteration (b on a right-hand axis: it runs to
 * 30 while a runs to 2), from row 2 (iteration 0, the initial values) to the last row; and the loss column
 * from iteration 1 (row 2 has no loss).
 */
function lineSheetCharts(spec: LineSheetSpec, usedColumns: number): ChartPlan[] {
  const C = LINE_COLUMNS;
  const last = spec.iterations + 1; // 0-based row of the last iteration
  const fromCol = usedColumns + 1;
  const iter = (firstRow: number) => ({ col: C.iter, firstRow, lastRow: last });
  const lossName = spec.mode === "online" ? "loss (this row's point)" : "loss (mean over the batch)";
  return [
    {
      title: `${spec.sheet}: a and b per iteration`,
      xTitle: "iteration",
      xBounds: { min: 0, max: spec.iterations },
      yTitle: "a",
      y2Title: "b",
      anchor: { fromCol, fromRow: 1, toCol: fromCol + CHART_SIZE.cols, toRow: 1 + CHART_SIZE.rows },
      series: [
        {
          name: "a",
          nameCell: { row: 0, col: C.a },
          x: iter(1),
          y: { ...iter(1), col: C.a },
          color: COLORS.a,
        },
        {
          name: "b",
          nameCell: { row: 0, col: C.b },
          x: iter(1),
          y: { ...iter(1), col: C.b },
          color: COLORS.b,
          secondaryAxis: true,
        },
      ],
    },
    {
      title: `${spec.sheet}: loss per iteration`,
      xTitle: "iteration",
      xBounds: { min: 0, max: spec.iterations },
      yTitle: "loss",
      anchor: {
        fromCol,
        fromRow: 2 + CHART_SIZE.rows,
        toCol: fromCol + CHART_SIZE.cols,
        toRow: 2 + 2 * CHART_SIZE.rows,
      },
      series: [{ name: lossName, x: iter(2), y: { ...iter(2), col: C.loss }, color: COLORS.loss }],
    },
  ];
}

/** STEP_HEADERS arguments that give the same layout as the sheet's step function. */
function headerOptions(spec: LineSheetSpec): { optimizer: string; options: string } {
  const { optimizer, hyper } = stepFunctionSetup(spec.fn, spec.args.map(literalArg));
  const spec2 = getOptimizer(optimizer);
  const resolved = spec2.resolveHyper(hyper);
  const layoutKeys = ["momentum", "amsgrad", "centered"];
  const options = layoutKeys
    .filter((k) => k in resolved && resolved[k] !== spec2.defaults[k])
    .map((k) => `${k}=${String(resolved[k])}`)
    .join(",");
  return { optimizer, options };
}

// ---------------------------------------------------------------------------------------------------------

export const GRADCHECK_POINTS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0.3],
  [1, 10, -1.5],
  [2.5, 28, 1.1],
  [-1, 35, 1.9],
  [3, 31, -0.7],
];

/** Loss (a·x + b − y)² at several points; right and wrong hand-derived columns, each checked by GRADCHECK. */
function gradcheckSheet(): SheetModel {
  const s = new SheetBuilder("GRADCHECK");
  s.header(0, [
    "a",
    "b",
    "x",
    "y",
    "dL/da = 2(ax+b−y)x",
    "dL/db = 2(ax+b−y)",
    "WRONG dL/da = 2(ax+b−y)",
    "dL/db (copy)",
    "right: pass",
    "max rel err",
    "rel err a",
    "rel err b",
    "wrong: pass",
    "max rel err",
    "rel err a",
    "rel err b",
  ]);
  GRADCHECK_POINTS.forEach(([a, b, x], i) => {
    const r = i + 1;
    const n = r + 1;
    s.set(r, 0, a);
    s.set(r, 1, b);
    s.set(r, 2, x);
    s.set(r, 3, LINE.a * x + LINE.b);
    s.set(r, 4, `=2*(A${n}*C${n}+B${n}-D${n})*C${n}`);
    s.set(r, 5, `=2*(A${n}*C${n}+B${n}-D${n})`);
    s.set(r, 6, `=2*(A${n}*C${n}+B${n}-D${n})`);
    s.set(r, 7, `=F${n}`);
    const tail = `,,"x,y",C${n},D${n})`;
    s.spill(r, 8, `=GD.GRADCHECK("(a*x+b-y)^2","a,b",A${n}:B${n},E${n}:F${n}${tail}`, 4);
    s.spill(r, 12, `=GD.GRADCHECK("(a*x+b-y)^2","a,b",A${n}:B${n},G${n}:H${n}${tail}`, 4);
  });
  return s.build("GRADCHECK against centred differences: the right columns pass, the wrong dL/da fails");
}

/** Example parameters for each schedule parameter name (positional order comes from the registry). */
const SCHEDULE_EXAMPLES: Readonly<Record<string, string>> = {
  decay_steps: "20",
  decay_rate: "0.5",
  boundaries: '"20,40"',
  values: '"0.1,0.05,0.01"',
  first_decay_steps: "20",
  step_size: "20",
  milestones: '"20,35,50"',
  max_lr: "0.5",
  step_size_up: "10",
  total_steps: "61", // steps 0..60 are the cycle's 61 steps (PyTorch OneCycleLR counts total_steps steps from 0)
};

export const LR_STEPS = 61;

export function scheduleArgs(name: string): string[] {
  const params = getSchedule(name).params;
  let end = 0;
  const args = params.map((p, i) => {
    const example = SCHEDULE_EXAMPLES[p.name];
    if (example !== undefined) end = i + 1;
    return example ?? "";
  });
  return args.slice(0, end);
}

function lrDecaySheet(): SheetModel {
  const s = new SheetBuilder("LR_DECAY");
  s.header(0, ["step", ...SCHEDULE_NAMES]);
  s.header(1, ["parameters", ...SCHEDULE_NAMES.map((n) => scheduleArgs(n).join(", ") || "(none)")]);
  for (let step = 0; step < LR_STEPS; step++) {
    const r = step + 2;
    s.set(r, 0, step);
    SCHEDULE_NAMES.forEach((name, i) => {
      const args = scheduleArgs(name);
      s.set(r, i + 1, `=GD.LR_DECAY(0.1,$A${r + 1},"${name}"${args.map((a) => `,${a}`).join("")})`);
    });
  }
  return s.build("every engine schedule from lr0 = 0.1, side by side");
}

// ---------------------------------------------------------------------------------------------------------

export const XOR = {
  layers: "2,3,1",
  optimizer: "adam",
  lr: 0.1,
  seed: 1,
  activation: "tanh",
  output: "sigmoid",
  loss: "cross-entropy",
  iterations: 300,
  runEpochs: 300,
  /** Loss bounds the sheet test asserts (cross-entropy summed over the one output, mean over 4 rows). */
  rowLossBound: 0.02,
  runLossBound: 0.02,
} as const;

/** Where the XOR sheet puts things (0-based). */
export const XOR_COLUMNS = { iter: 4, first: 5 } as const;

function xorSheet(): SheetModel {
  const s = new SheetBuilder("XOR network");
  const width = trainRowWidth({
    layers: XOR.layers,
    X: null,
    Y: null,
    optimizer: XOR.optimizer,
  });
  s.header(0, ["x1", "x2", "y"]);
  [
    [0, 0, 0],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ].forEach((row, i) => row.forEach((v, c) => s.set(i + 1, c, v)));
  s.header(0, ["iter"], XOR_COLUMNS.iter);
  s.spill(0, XOR_COLUMNS.first, `=GD.TRAIN_HEADERS("${XOR.layers}","${XOR.optimizer}")`, width);
  s.set(1, XOR_COLUMNS.iter, 0);
  const firstCol = columnName(XOR_COLUMNS.first);
  const lastCol = columnName(XOR_COLUMNS.first + width - 1);
  for (let i = 1; i <= XOR.iterations; i++) {
    const r = i + 1;
    s.set(r, XOR_COLUMNS.iter, i);
    s.spill(
      r,
      XOR_COLUMNS.first,
      `=GD.TRAIN_MLP("${XOR.layers}",$A$2:$B$5,$C$2:$C$5,${firstCol}${r}:${lastCol}${r},"${XOR.optimizer}",${XOR.lr},,,${XOR.seed},"${XOR.activation}","${XOR.output}","${XOR.loss}")`,
      width,
    );
  }
  // Predictions of the last row's parameters, and a whole run in one cell.
  const paramsEnd = columnName(XOR_COLUMNS.first + parameterCount(layerSizes(XOR.layers)) - 1);
  const lastRow = XOR.iterations + 2;
  s.header(7, ["predict (last row)"]);
  s.spill(
    8,
    0,
    `=GD.MLP_PREDICT("${XOR.layers}",${firstCol}${lastRow}:${paramsEnd}${lastRow},A2:B5,"${XOR.activation}","${XOR.output}")`,
    1,
    4,
  );
  s.header(13, ["run: loss per epoch"]);
  s.spill(
    14,
    0,
    `=GD.TRAIN_MLP("${XOR.layers}",A2:B5,C2:C5,,"${XOR.optimizer}",${XOR.lr},${XOR.runEpochs},4,${XOR.seed},"${XOR.activation}","${XOR.output}","${XOR.loss}")`,
    1,
    XOR.runEpochs,
  );
  // The loss column (the row's last value) against the iteration, right of the row's columns.
  const lossCol = XOR_COLUMNS.first + width - 1;
  const rows = { firstRow: 2, lastRow: XOR.iterations + 1 };
  const lossChart: ChartPlan = {
    title: "XOR network: loss per iteration",
    xTitle: "iteration",
    xBounds: { min: 0, max: XOR.iterations },
    yTitle: "cross-entropy loss",
    anchor: {
      fromCol: lossCol + 2,
      fromRow: 1,
      toCol: lossCol + 2 + CHART_SIZE.cols,
      toRow: 1 + CHART_SIZE.rows,
    },
    series: [
      {
        name: "loss",
        nameCell: { row: 0, col: lossCol },
        x: { col: XOR_COLUMNS.iter, ...rows },
        y: { col: lossCol, ...rows },
        color: COLORS.loss,
      },
    ],
  };
  return s.build("XOR with a 2-3-1 tanh network, Adam: one row = one full-batch iteration", [lossChart]);
}

export function exampleWorkbooks(): WorkbookModel[] {
  return [
    { file: "linear-regression.xlsx", sheets: [dataSheet(), ...LINE_SHEETS.map(lineSheet)] },
    { file: "gradcheck.xlsx", sheets: [gradcheckSheet()] },
    { file: "lr-decay.xlsx", sheets: [lrDecaySheet()] },
    { file: "xor-network.xlsx", sheets: [xorSheet()] },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Writing

type CachedValue = number | string | boolean | null;

/** Evaluates the workbook with HyperFormula + GD plugin; throws if any cell is an error. */
export function evaluate(model: WorkbookModel): Record<string, CachedValue[][]> {
  const engine = buildEngine(Object.fromEntries(model.sheets.map((s) => [s.name, s.rows])));
  const result: Record<string, CachedValue[][]> = {};
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
function chartsWithValues(
  model: WorkbookModel,
  values: Record<string, CachedValue[][]>,
): Map<string, ChartSpec[]> {
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
async function finishPackage(xlsx: Uint8Array, charts: Map<string, ChartSpec[]>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  await addDynamicArrayMetadata(zip);
  await addCharts(zip, charts);
  // Fixed entry dates: regenerating unchanged sheets gives byte-identical files (clean git diffs).
  for (const entry of Object.values(zip.files)) entry.date = FIXED_DATE;
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

function rangeOf(block: ArrayBlock): string {
  return `${cellName(block.row, block.col)}:${cellName(block.row + block.height - 1, block.col + block.width - 1)}`;
}

export async function writeWorkbook(model: WorkbookModel): Promise<Buffer> {
  const values = evaluate(model);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "gradient-steps make-examples";
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
          const result = value ?? "";
          cell.value = block
            ? ({ formula, result, shareType: "array", ref: rangeOf(block) } as ExcelJS.CellFormulaValue)
            : ({ formula, result } as ExcelJS.CellFormulaValue);
        } else if (raw !== null) {
          cell.value = raw;
        } else if (value !== null) {
          cell.value = value; // a spilled value, cached so the file shows numbers before recalculation
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

export async function main(directory = join(__dirname, "..", "examples")): Promise<void> {
  mkdirSync(directory, { recursive: true });
  for (const model of exampleWorkbooks()) {
    const buffer = await writeWorkbook(model);
    writeFileSync(join(directory, model.file), buffer);
    console.log(`wrote examples/${model.file} (${model.sheets.length} sheets, ${buffer.length} bytes)`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
