/**
 * What the workbench charts find on a sheet, in HyperFormula with the GD plugin: parameter columns under
 * GD.STEP_HEADERS wherever they are (the starter sheet's header is in row 4), every GD.LR_DECAY column of
 * lr-decay.xlsx's layout, GD.GRADCHECK's verdicts, and a row-by-row GD.TRAIN_MLP network whose decision
 * boundary is evaluated over a grid (checked against the network's own prediction written in the sheet).
 */
import { afterAll, describe, expect, test } from "@jest/globals";
import type { HyperFormula } from "hyperformula";
import { formulaArguments } from "../../src/workbench/formula-arguments";
import { buildEngine } from "../../src/workbench/hyperformula-plugin";
import { boundaryExtent, boundaryGrid, findTrainedNetwork } from "../../src/workbench/network-boundary";
import {
  findGradchecks,
  findParameterBlocks,
  findScheduleColumns,
  readColumnsBelow,
  readPointsBelow,
} from "../../src/workbench/sheet-series";
import { STARTER, starterWorkbook } from "../../src/workbench/starter-workbook";

const engines: HyperFormula[] = [];
function engine(rows: (string | number | boolean | null)[][]): HyperFormula {
  const hf = buildEngine({ S: rows });
  engines.push(hf);
  return hf;
}
afterAll(() => engines.forEach((hf) => hf.destroy()));

test("formulaArguments splits at top-level commas only", () => {
  expect(
    formulaArguments('=GD.GRADCHECK("(a*x+b-y)^2","a,b",A2:B2,E2:F2,,"x,y",C2,D2)', "GD.GRADCHECK"),
  ).toEqual(['"(a*x+b-y)^2"', '"a,b"', "A2:B2", "E2:F2", "", '"x,y"', "C2", "D2"]);
  expect(formulaArguments('=gd.lr_decay(MAX(1,2),{1,2},"a""b,c")', "GD.LR_DECAY")).toEqual([
    "MAX(1,2)",
    "{1,2}",
    '"a""b,c"',
  ]);
  expect(formulaArguments("=SUM(A1)", "GD.LR_DECAY")).toBeUndefined();
  expect(formulaArguments("=GD.LR_DECAY(1,", "GD.LR_DECAY")).toBeUndefined();
});

describe("parameter columns under GD.STEP_HEADERS", () => {
  test("the starter sheet: a and b in E and F under row 4, t (state) left out, 100 steps after the start", () => {
    const [content] = starterWorkbook();
    const hf = engine(content?.rows ?? []);
    const blocks = findParameterBlocks(hf, 0);
    expect(blocks).toEqual([
      {
        headerRow: STARTER.headerRow,
        params: [
          { name: "a", col: STARTER.columns.a },
          { name: "b", col: STARTER.columns.b },
        ],
      },
    ]);
    const data = readColumnsBelow(hf, 0, STARTER.headerRow, blocks[0]?.params ?? []);
    expect(data.series[0]?.values).toHaveLength(STARTER.steps + 1); // the start row and every step
    expect(data.series[1]?.values[0]).toBe(0);
    expect(Math.abs((data.series[1]?.values[STARTER.steps] ?? NaN) - 30)).toBeLessThan(1e-3);
    // the points for the loss picture come from the sheet's own x and y columns
    const points = readPointsBelow(hf, 0, STARTER.headerRow);
    expect(points?.x).toHaveLength(STARTER.steps);
    points?.x.forEach((x, i) => expect(points.y[i]).toBeCloseTo(2 * x + 30, 12));
  });

  test("Adam's state labels (m_a, v_b, t) are not parameters; loss and iter are found in the header row", () => {
    const hf = engine([
      [null, "iter", "loss", '=GD.STEP_HEADERS("adam","w1,w2,w3")'],
      [null, 0, null, 1, 2, 3],
    ]);
    const [block] = findParameterBlocks(hf, 0);
    expect(block?.params.map((p) => p.name)).toEqual(["w1", "w2", "w3"]);
    expect([block?.loss, block?.x]).toEqual([2, 1]);
  });
});

test("every GD.LR_DECAY column is a schedule, named by its header, x from the step column", () => {
  const hf = engine([
    ["step", "constant", "exponential", "lr0"],
    ["parameters", "(none)", "20, 0.5", 0.1],
    [0, '=GD.LR_DECAY($D$2,$A3,"constant")', '=GD.LR_DECAY($D$2,$A3,"exponential",20,0.5)'],
    [40, '=GD.LR_DECAY($D$2,$A4,"constant")', '=GD.LR_DECAY($D$2,$A4,"exponential",20,0.5)'],
  ]);
  const schedules = findScheduleColumns(hf, 0);
  expect(schedules?.columns).toEqual([
    { name: "constant", col: 1 },
    { name: "exponential", col: 2 },
  ]);
  expect(schedules?.x).toBe(0);
  const data = readColumnsBelow(hf, 0, schedules?.headerRow ?? 0, schedules?.columns ?? [], schedules?.x);
  expect(data.xLabels).toEqual(["0", "40"]);
  expect(data.series[1]?.values[1]).toBeCloseTo(0.1 * 0.5 ** 2, 15); // 0.1 · 0.5^(40/20)
});

test("GRADCHECK verdicts: pass, largest relative error per row and the tolerance", () => {
  // L = (a·x)² at a = 1, x = 3: dL/da = 2a·x² = 18; the wrong column says 6 (forgot a factor x)
  const hf = engine([
    ["right", null, "wrong"],
    [
      '=GD.GRADCHECK("(a*x)^2","a",1,18,,"x",3)',
      null,
      null,
      null,
      '=GD.GRADCHECK("(a*x)^2","a",1,6,1e-4,"x",3)',
    ],
  ]);
  const [right, wrong] = findGradchecks(hf, 0);
  expect(right?.pass).toEqual([true]);
  expect(right?.maxRelError[0]).toBeLessThan(1e-6);
  expect(right?.tolerance).toBe(1e-6); // the default
  expect(wrong?.pass).toEqual([false]);
  expect(wrong?.maxRelError[0]).toBeCloseTo((18 - 6) / 18, 6); // |6 − 18| / max(6, 18)
  expect(wrong?.tolerance).toBe(1e-4); // typed in the formula
  expect(right?.rows).toEqual([1]);
});

test("a TRAIN_MLP network's decision boundary equals MLP_PREDICT written in the sheet", () => {
  const row = (r: number) =>
    `=GD.TRAIN_MLP("2,3,1",$A$2:$B$5,$C$2:$C$5,${r === 2 ? "F2:AT2" : `F${r - 1}:AT${r - 1}`},"adam",0.1,,,1,"tanh","sigmoid","cross-entropy")`;
  const rows: (string | number | null)[][] = [
    ["x1", "x2", "y", null, "iter", '=GD.TRAIN_HEADERS("2,3,1","adam")'],
    [0, 0, 0, null, 0],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ];
  for (let r = 3; r <= 60; r++) {
    while (rows.length < r) rows.push([]);
    (rows[r - 1] as (string | number | null)[])[5] = row(r);
  }
  // the network's prediction at (0.25, 0.75), by the sheet's own MLP_PREDICT of the last row
  rows.push(['=GD.MLP_PREDICT("2,3,1",F60:R60,{0.25,0.75},"tanh","sigmoid")']);
  const hf = engine(rows);
  const network = findTrainedNetwork(hf, 0);
  expect(network?.row).toBe(59);
  expect(network?.layers).toEqual([2, 3, 1]);
  expect(network?.params).toHaveLength(13);
  expect([network?.x1, network?.x2, network?.y]).toEqual([
    [0, 0, 1, 1],
    [0, 1, 0, 1],
    [0, 1, 1, 0],
  ]);
  expect(boundaryExtent([0, 1])).toEqual([-0.5, 1.5]);
  // a 9-point grid over [-0.5, 1.5] has samples at -0.5, -0.25, …, 1.5: (0.25, 0.75) is i = 3, j = 5
  const grid = boundaryGrid(network as NonNullable<typeof network>, 9);
  expect(grid.x1[3]).toBeCloseTo(0.25, 15);
  expect(grid.x2[5]).toBeCloseTo(0.75, 15);
  const predicted = hf.getCellValue({ sheet: 0, row: 60, col: 0 });
  expect(typeof predicted).toBe("number");
  expect(grid.values[5]?.[3]).toBeCloseTo(predicted as number, 12);
});
