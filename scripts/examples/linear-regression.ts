/**
 * linear-regression.xlsx: a Data sheet of 20 points on y = 2x + 30 and one sheet per optimizer stepping (a, b)
 * row by row (online, full-batch or mini-batch), each with its learning rate in one cell beside the columns and
 * charts of a, b and the loss per iteration.
 */
import { getOptimizer } from "../../src/engine/optim";
import { optimizerRowWidth, stepFunctionSetup } from "../../src/functions/optimizer-cells";
import type { StepFunctionName } from "../../src/functions/step-table";
import { columnName } from "../../src/workbench/cell-format";
import {
  CHART_SIZE,
  COLORS,
  SheetBuilder,
  type ChartPlan,
  type SheetModel,
  type WorkbookModel,
} from "../../src/xlsx/sheet-model";

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

/** One optimizer sheet: which function, its arguments as typed, how the gradient is obtained. */
export interface LineSheetSpec {
  sheet: string;
  fn: StepFunctionName;
  /** The learning rate, in one cell (LINE_LR) that every row's step references. */
  lr: number;
  /** When the step's lr is a formula of that cell: `{lr}` is the cell, `{row}` the formula's own row. */
  lrFormula?: string;
  /** Optional arguments after lr, exactly as typed in the formula ("" = skipped). */
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
    lr: 0.1,
    args: [],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "plain SGD, η = 0.1",
  },
  {
    sheet: "Momentum",
    fn: "GD_STEP",
    lr: 0.02,
    args: ["0.9"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "PyTorch momentum μ = 0.9",
  },
  {
    sheet: "Nesterov",
    fn: "GD_STEP",
    lr: 0.02,
    args: ["0.9", "0", "0", "TRUE()"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "Nesterov momentum",
  },
  {
    sheet: "EWA momentum",
    fn: "GD_STEP",
    lr: 0.1,
    args: ["0.9", "", "", "", '"ewa"'],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "textbook momentum v ← βv + (1−β)g",
  },
  {
    sheet: "L2 (textbook)",
    fn: "GD_STEP",
    lr: 0.1,
    args: ["", "", "0.001", "", '"l2"'],
    mode: "online",
    iterations: 300,
    tolerance: 0.05,
    why: "w ← (1−ηλ)w − ηg, λ = 0.001 pulls (a, b) slightly toward 0",
  },
  {
    sheet: "AdaGrad",
    fn: "ADAGRAD_STEP",
    lr: 10,
    args: [],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "AdaGrad, η = 10",
  },
  {
    sheet: "AdaDelta",
    fn: "ADADELTA_STEP",
    lr: 1,
    args: ["0.99", "0.01"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-3,
    why: "AdaDelta, ρ = 0.99, ε = 0.01 (ε = 1e-6 needs thousands of rows to reach b = 30)",
  },
  {
    sheet: "RMSProp",
    fn: "RMSPROP_STEP",
    lr: 0.5,
    args: [],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "RMSProp, η = 0.5",
  },
  {
    sheet: "Adam",
    fn: "ADAM_STEP",
    lr: 0.5,
    args: [],
    mode: "online",
    iterations: 300,
    tolerance: 1e-3,
    why: "Adam, η = 0.5, β1 = 0.9, β2 = 0.999",
  },
  {
    sheet: "AMSGrad",
    fn: "ADAM_STEP",
    lr: 0.5,
    args: ["", "", "", "", "TRUE()"],
    mode: "online",
    iterations: 300,
    tolerance: 1e-3,
    why: "Adam with amsgrad",
  },
  {
    sheet: "AdamW",
    fn: "ADAM_STEP",
    lr: 0.5,
    args: ["", "", "", "0.0001", "", "TRUE()"],
    mode: "online",
    iterations: 300,
    tolerance: 0.05,
    why: "decoupled weight decay 1e-4 pulls b slightly toward 0",
  },
  {
    sheet: "SGD + step decay",
    fn: "GD_STEP",
    lr: 0.15,
    lrFormula: 'GD.LR_DECAY({lr},A{row}-1,"step",100,0.5)',
    args: [],
    mode: "online",
    iterations: 300,
    tolerance: 1e-4,
    why: "the rate comes from LR_DECAY: 0.15, halved every 100 rows",
  },
  {
    sheet: "Full batch",
    fn: "GD_STEP",
    lr: 0.1,
    args: [],
    mode: "full-batch",
    iterations: 100,
    tolerance: 1e-4,
    why: "gradient of the mean loss over all 20 rows, from GD.GRAD",
  },
  {
    sheet: "Mini-batch",
    fn: "GD_STEP",
    lr: 0.1,
    args: [],
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

/** The step function's optimizer and hyperparameters, as the cell function sees the sheet's arguments. */
function stepSetup(spec: LineSheetSpec): ReturnType<typeof stepFunctionSetup> {
  return stepFunctionSetup(spec.fn, [spec.lr, ...spec.args.map(literalArg)]);
}

function stateWidth(spec: LineSheetSpec): number {
  const { optimizer, hyper } = stepSetup(spec);
  return optimizerRowWidth(optimizer, 2, hyper) - 2;
}

/**
 * Where a line sheet keeps its learning rate (0-based): the label in row 1 and the value in row 2 of the
 * column after the state columns and one blank column.
 */
export function lineLrColumn(spec: LineSheetSpec): number {
  return LINE_COLUMNS.state + stateWidth(spec) + 1;
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
  const lrCol = lineLrColumn(spec);
  s.header(0, [spec.lrFormula ? "lr0" : "lr"], lrCol);
  s.set(1, lrCol, spec.lr);
  const lrCell = `$${columnName(lrCol)}$2`;
  const lrText = spec.lrFormula ? spec.lrFormula.replaceAll("{lr}", lrCell) : lrCell;
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
      `=GD.${spec.fn}(${params},F${here}:G${here},${state}${argsText([lrText, ...spec.args], here)})`,
      2 + w,
    );
  }
  return s.build(spec.why, lineSheetCharts(spec, lrCol));
}

/**
 * Two charts right of the sheet's columns, below the lr cell: a and b against the iteration (b on a right-hand axis: it runs to
 * 30 while a runs to 2), from row 2 (iteration 0, the initial values) to the last row; and the loss column
 * from iteration 1 (row 2 has no loss).
 */
function lineSheetCharts(spec: LineSheetSpec, fromCol: number): ChartPlan[] {
  const C = LINE_COLUMNS;
  const last = spec.iterations + 1; // 0-based row of the last iteration
  const top = 3;
  const iter = (firstRow: number) => ({ col: C.iter, firstRow, lastRow: last });
  const lossName = spec.mode === "online" ? "loss (this row's point)" : "loss (mean over the batch)";
  return [
    {
      title: `${spec.sheet}: a and b per iteration`,
      xTitle: "iteration",
      xBounds: { min: 0, max: spec.iterations },
      yTitle: "a",
      y2Title: "b",
      anchor: { fromCol, fromRow: top, toCol: fromCol + CHART_SIZE.cols, toRow: top + CHART_SIZE.rows },
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
        fromRow: top + 1 + CHART_SIZE.rows,
        toCol: fromCol + CHART_SIZE.cols,
        toRow: top + 1 + 2 * CHART_SIZE.rows,
      },
      series: [{ name: lossName, x: iter(2), y: { ...iter(2), col: C.loss }, color: COLORS.loss }],
    },
  ];
}

/** STEP_HEADERS arguments that give the same layout as the sheet's step function. */
function headerOptions(spec: LineSheetSpec): { optimizer: string; options: string } {
  const { optimizer, hyper } = stepSetup(spec);
  const spec2 = getOptimizer(optimizer);
  const resolved = spec2.resolveHyper(hyper);
  const layoutKeys = ["momentum", "amsgrad", "centered"];
  const options = layoutKeys
    .filter((k) => k in resolved && resolved[k] !== spec2.defaults[k])
    .map((k) => `${k}=${String(resolved[k])}`)
    .join(",");
  return { optimizer, options };
}

export function linearRegressionWorkbook(): WorkbookModel {
  return { file: "linear-regression.xlsx", sheets: [dataSheet(), ...LINE_SHEETS.map(lineSheet)] };
}
