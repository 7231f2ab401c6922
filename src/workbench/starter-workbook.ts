/*
 * The workbook the workbench opens with: y = 2x + 30 stepped by hand, in the layout of fast.ai's
 * gradient-descent spreadsheet — each row holds one data point (x, y), the gradient of that point's squared
 * error derived by hand in two cells, and GD.GD_STEP's new (a, b) and step count t, read by the next row (the
 * row contract). Every step takes its learning rate from one cell ($B$1), so changing that cell re-runs the
 * whole descent.
 */
import type { SheetCell, SheetContent } from "./example-workbooks";

/** The sheet's name, its lr cell and where the rows are (0-based), for the charts and the tests. */
export const STARTER = {
  sheet: "y = 2x + 30",
  lr: 0.05,
  lrCell: { row: 0, col: 1 },
  headerRow: 3,
  /** The row of the starting a = b = 0; steps follow it. */
  startRow: 4,
  steps: 100,
  columns: { x: 0, y: 1, dA: 2, dB: 3, a: 4, b: 5, t: 6 },
} as const;

/** 20 points x in [-1.9, 1.9], in a fixed shuffled order so the steps do not walk along sorted x. */
const XS: readonly number[] = [
  0.3, -1.5, 1.1, -0.7, 1.9, -0.1, -1.9, 0.7, -1.1, 1.5, 0.1, -0.3, 1.3, -1.7, 0.9, -0.9, 1.7, -1.3, 0.5,
  -0.5,
];

/** y = 2x + 30, rounded as a person would type it (x has one decimal). */
function lineY(x: number): number {
  return Math.round((2 * x + 30) * 10) / 10;
}

export function starterWorkbook(): SheetContent[] {
  const { columns: C, startRow } = STARTER;
  const rows: SheetCell[][] = [
    [
      "learning rate",
      STARTER.lr,
      "← Try 0.01 (too slow for 100 rows), 0.3 (faster), 0.6 (diverges). Then select the last row and " +
        "fill it down (Ctrl+D or drag the fill handle) for more steps, or change GD.GD_STEP to GD.ADAM_STEP.",
    ],
    [
      '=HYPERLINK("docs/functions.md#y--ax--b-three-ways","Help: y = ax + b three ways")',
      null,
      '=HYPERLINK("docs/functions.md#gd_step","GD.GD_STEP(params, grads, state, lr, …)")',
      null,
      '=HYPERLINK("docs/workbench.md","The workbench")',
    ],
    [],
    ["x", "y", "dL/da = 2(ax+b−y)x", "dL/db = 2(ax+b−y)", '=GD.STEP_HEADERS("sgd","a,b")'],
    [null, null, null, "start →", 0, 0],
  ];
  for (let i = 0; i < STARTER.steps; i++) {
    const x = XS[i % XS.length] as number;
    const here = startRow + i + 2; // this row's 1-based number
    const prev = here - 1;
    const error = `(E${prev}*A${here}+F${prev}-B${here})`;
    const row: SheetCell[] = [];
    row[C.x] = x;
    row[C.y] = lineY(x);
    row[C.dA] = `=2*${error}*A${here}`;
    row[C.dB] = `=2*${error}`;
    row[C.a] = `=GD.GD_STEP(E${prev}:F${prev},C${here}:D${here},G${prev},$B$1)`;
    rows.push(row);
  }
  return [{ name: STARTER.sheet, rows }];
}
