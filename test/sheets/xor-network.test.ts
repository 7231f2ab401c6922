/**
 * examples/xor-network.xlsx in HyperFormula: TRAIN_MLP row mode steps a 2-3-1 network one full-batch Adam
 * iteration per row. Every row must equal the engine's own iteration from the previous row, the loss must
 * fall below 0.02, the network must then classify XOR, and the one-cell run must also get there.
 */
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { getOptimizer } from "../../src/engine/optim";
import { createRng } from "../../src/engine/random";
import { initParameters, lossAndGradient, parameterCount, type MlpSpec } from "../../src/engine/mlp";
import { evaluateSheets, loadWorkbook, type EvaluatedWorkbook } from "./load-workbook";

const SHEET = "XOR network";
const FIRST = 5; // column F
const ITERATIONS = 300;
const LOSS_BOUND = 0.02;
const spec: MlpSpec = { layers: [2, 3, 1], activation: "tanh", output: "sigmoid", loss: "cross-entropy" };
const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const Y = [[0], [1], [1], [0]];

let book: EvaluatedWorkbook;
beforeAll(async () => {
  book = evaluateSheets(await loadWorkbook("xor-network.xlsx"));
});
afterAll(() => book.engine.destroy());

const adam = getOptimizer("adam");
const hyper = adam.resolveHyper({ lr: 0.1 });
const n = parameterCount(spec.layers);
const width = n + adam.stateLabels(new Array<string>(n).fill("p"), hyper).length + 1;

function rowValues(row: number): number[] {
  return Array.from({ length: width }, (_, i) => book.number(SHEET, row, FIRST + i));
}

test("headers: p1..p13, Adam's state, loss", () => {
  expect(n).toBe(13); // 2·3 + 3 + 3·1 + 1
  expect(book.value(SHEET, 0, FIRST)).toBe("p1");
  expect(book.value(SHEET, 0, FIRST + width - 1)).toBe("loss");
});

test("every row equals the engine's iteration from the previous row (1e-12)", () => {
  let params = Array.from(initParameters(spec, "normal", createRng(1), Float64Array));
  let state = adam.initialState(n, hyper);
  for (let k = 1; k <= ITERATIONS; k++) {
    const row = 1 + k;
    if (k > 1) {
      const previous = rowValues(row - 1);
      params = previous.slice(0, n);
      state = adam.stateFromCells(previous.slice(n, width - 1), n, hyper);
    }
    const { loss, gradient } = lossAndGradient(spec, params, X, Y);
    const step = adam.step(params, gradient, state, hyper);
    const want = [...step.params, ...adam.stateToCells(step.state), loss];
    const got = rowValues(row);
    want.forEach((v, i) => {
      if (!(Math.abs((got[i] as number) - v) <= 1e-12 * Math.max(1, Math.abs(v)))) {
        throw new Error(`row ${row + 1} col ${FIRST + i + 1}: sheet ${got[i]}, engine ${v}`);
      }
    });
  }
});

test(`the loss falls below ${LOSS_BOUND} and the network classifies XOR`, () => {
  const first = rowValues(2)[width - 1] as number;
  const last = rowValues(1 + ITERATIONS)[width - 1] as number;
  expect(first).toBeGreaterThan(0.5); // ln 2 ≈ 0.69 for an untrained sigmoid output
  expect(last).toBeLessThan(LOSS_BOUND);
  const predictions = [8, 9, 10, 11].map((r) => book.number(SHEET, r, 0));
  expect(predictions.map((p) => Math.round(p))).toEqual([0, 1, 1, 0]);
});

test(`the one-cell run (TRAIN_MLP with epochs) spills 300 losses, ending below ${LOSS_BOUND}`, () => {
  const losses = Array.from({ length: 300 }, (_, e) => book.number(SHEET, 14 + e, 0));
  expect(losses[0]).toBeGreaterThan(0.5);
  expect(losses[299]).toBeLessThan(LOSS_BOUND);
});

test("every TRAIN_MLP reads the one learning-rate cell (B7): at 1e-12 no row moves the parameters", () => {
  expect(book.value(SHEET, 6, 0)).toBe("learning rate");
  expect(book.number(SHEET, 6, 1)).toBe(0.1);
  const id = book.engine.getSheetId(SHEET) as number;
  const trained = rowValues(1 + ITERATIONS).slice(0, n);
  book.engine.setCellContents({ sheet: id, row: 6, col: 1 }, 1e-12);
  try {
    // Adam moves each parameter by at most about lr per step: 300 steps of 1e-12 stay within 1e-9 of the
    // seeded initial parameters (the trained ones are far from them)
    const initial = Array.from(initParameters(spec, "normal", createRng(1), Float64Array));
    for (const row of [2, 100, 1 + ITERATIONS]) {
      rowValues(row)
        .slice(0, n)
        .forEach((v, i) => expect(Math.abs(v - (initial[i] as number))).toBeLessThan(1e-9));
    }
    expect(rowValues(1 + ITERATIONS).slice(0, n)).not.toEqual(trained);
  } finally {
    book.engine.setCellContents({ sheet: id, row: 6, col: 1 }, 0.1);
  }
});
