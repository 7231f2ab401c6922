/**
 * The cells `npm run test:excel` types into real Excel, with what each must show. Every expected value is derived
 * by hand from the update rule or the closed form (the `derivation`), not taken from the engine; the same cases
 * run through the workbench's HyperFormula in Jest (cell-cases.test.ts), so a case that is wrong fails in CI
 * before anyone opens Excel.
 */
export interface ExcelCellCase {
  readonly name: string;
  /** What a user types into the anchor cell. */
  readonly formula: string;
  /** The spill the formula must give, row by row (a 1×1 for a single value). */
  readonly expected: readonly (readonly number[])[];
  /** Largest allowed |shown − expected| per cell. */
  readonly tolerance: number;
  readonly derivation: string;
}

const EPS = 1e-8;

export const EXCEL_CELL_CASES: readonly ExcelCellCase[] = [
  {
    name: "plain gradient descent step",
    formula: "=GD.GD_STEP({1,2},{0.5,-1},,0.1)",
    expected: [[1 - 0.1 * 0.5, 2 + 0.1 * 1, 1]],
    tolerance: 1e-15,
    derivation: "θ − lr·g = (1 − 0.05, 2 + 0.1), then the step count t = 1",
  },
  {
    name: "momentum step from empty state",
    formula: "=GD.GD_STEP({1,2},{0.5,-1},,0.1,0.9)",
    expected: [[0.95, 2.1, 0.5, -1, 1]],
    tolerance: 1e-15,
    derivation: "first step: buf = g, θ − lr·buf; the row is θ, buf, t = 1",
  },
  {
    name: "Adam's first step",
    formula: "=GD.ADAM_STEP({1,2},{0.5,-1},,0.1)",
    expected: [
      [
        1 - (0.1 * 0.5) / (0.5 + EPS),
        2 + (0.1 * 1) / (1 + EPS),
        (1 - 0.9) * 0.5,
        (1 - 0.9) * -1,
        (1 - 0.999) * 0.25,
        (1 - 0.999) * 1,
        1,
      ],
    ],
    tolerance: 1e-15,
    derivation:
      "m = 0.1·g, v = 0.001·g²; bias-corrected m̂ = g, v̂ = g², so θ − lr·g/(|g| + ε); the row is θ, m, v, t = 1",
  },
  {
    name: "gradient of a squared residual",
    formula: '=GD.GRAD("(a*x+b-y)^2","a,b",{0,0},"x,y",0.3,30.6)',
    expected: [[2 * (0 - 30.6) * 0.3, 2 * (0 - 30.6)]],
    tolerance: 1e-12,
    derivation: "∂/∂a = 2(ax + b − y)·x, ∂/∂b = 2(ax + b − y) at a = b = 0",
  },
  {
    name: "loss value",
    formula: '=GD.LOSS("(a*2+b-7)^2","a,b",{1,1})',
    expected: [[16]],
    tolerance: 1e-15,
    derivation: "(2 + 1 − 7)² = 16",
  },
  {
    name: "Hessian of a cubic",
    formula: '=GD.HESSIAN("a^2*b+b^3","a,b",{1,2})',
    expected: [
      [4, 2],
      [2, 12],
    ],
    tolerance: 1e-12,
    derivation: "∂²/∂a² = 2b, ∂²/∂a∂b = 2a, ∂²/∂b² = 6b at (1, 2)",
  },
  {
    name: "exponential learning-rate decay",
    formula: '=GD.LR_DECAY(0.1,20,"exponential",10,0.5)',
    expected: [[0.025]],
    tolerance: 1e-15,
    derivation: "lr·rate^(step/decay_steps) = 0.1·0.5²",
  },
];

/** What a sheet showed for one case: its cells row by row, one column wider than expected (must be blank). */
export interface ShownCells {
  readonly name: string;
  readonly values: readonly (readonly unknown[])[];
}

/** Where case `index` is typed: column A, five rows apart (room for a 2-row spill and a blank row). */
export function anchorRow(index: number): number {
  return 1 + 5 * index;
}

/** Every difference between what the cells showed and what they must show, in words; empty when all hold. */
export function compareCellResults(cases: readonly ExcelCellCase[], shown: readonly ShownCells[]): string[] {
  const problems: string[] = [];
  for (const c of cases) {
    const got = shown.find((s) => s.name === c.name);
    if (!got) {
      problems.push(`${c.name}: no result came back`);
      continue;
    }
    const width = c.expected[0]?.length ?? 0;
    if (got.values.length < c.expected.length) {
      problems.push(`${c.name}: ${got.values.length} rows came back, expected ${c.expected.length}`);
      continue;
    }
    c.expected.forEach((row, r) => {
      const shownRow = got.values[r] ?? [];
      row.forEach((want, k) => {
        const cell = shownRow[k];
        if (typeof cell !== "number") {
          problems.push(
            `${c.name}: row ${r + 1} column ${k + 1} shows ${JSON.stringify(cell)}, expected ${want}`,
          );
        } else if (!(Math.abs(cell - want) <= c.tolerance)) {
          problems.push(
            `${c.name}: row ${r + 1} column ${k + 1} is ${cell}, expected ${want} ± ${c.tolerance} (${c.derivation})`,
          );
        }
      });
      const beyond = shownRow[width];
      if (beyond !== "" && beyond !== null && beyond !== undefined) {
        problems.push(
          `${c.name}: row ${r + 1} spills past ${width} columns (column ${width + 1} shows ${JSON.stringify(beyond)})`,
        );
      }
    });
  }
  return problems;
}
