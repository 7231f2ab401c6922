import { describe, expect, test } from "@jest/globals";
import { HyperFormula } from "hyperformula";
import type { TrainConfig } from "../../src/engine/train/protocol";
import { PRESETS } from "../../src/taskpane/presets";
import { EPOCH_TABLE_ROW, RUNS_HEADERS } from "../../src/taskpane/run-layout";
import {
  WorkbenchRunSink,
  isRunSheet,
  isRunsSheet,
  runSheetSeries,
  runsAccuracySeries,
} from "../../src/workbench/workbench-run-sink";
import {
  CONFUSION_COLUMN,
  CONFUSION_ROW,
  DIGIT_COLUMN,
  DIGIT_ROW,
  PARAMS_COLUMN,
  PARAMS_HEADER_ROWS,
} from "../../src/taskpane/network-layout";
import { createWorkbenchEngine } from "../../src/workbench/workbench-engine";
import { EPOCH_0, EPOCH_1 } from "../taskpane/epoch-fixtures";
import { SAMPLE_PIXELS, sampleTrained } from "../taskpane/trained-fixture";

const SGD: TrainConfig = { ...PRESETS["network.py"], epochs: 2, trainLimit: 2000 };
const ADAM: TrainConfig = { ...PRESETS["modern (ReLU+Adam)"], epochs: 3, trainLimit: 2000 };

function engine(sheets: Record<string, (string | number)[][]> = { Sheet1: [] }): HyperFormula {
  return HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3" });
}

const value = (hf: HyperFormula, sheet: string, row: number, col: number) =>
  hf.getCellValue({ sheet: hf.getSheetId(sheet) as number, row, col });

describe("WorkbenchRunSink", () => {
  test("two runs: two run sheets, both listed in Runs, and one accuracy series per run", async () => {
    const hf = engine();
    const shown: string[] = [];
    for (const [config, epochs] of [
      [SGD, [EPOCH_0, EPOCH_1]],
      [ADAM, [{ ...EPOCH_0, testCorrect: 9400 }]],
    ] as const) {
      const sink = new WorkbenchRunSink(hf, (name) => shown.push(name));
      await sink.begin(config);
      for (const [i, e] of epochs.entries()) await sink.writeEpoch(e, i);
      await sink.finish(epochs, config === ADAM ? "stopped" : "done");
    }
    expect(hf.getSheetNames()).toEqual(["Sheet1", "Run 1 sgd 3", "Runs", "Run 2 adam 0.001"]);
    expect(shown).toEqual(["Run 1 sgd 3", "Run 2 adam 0.001"]);
    expect(isRunSheet(hf, "Run 1 sgd 3")).toBe(true);
    expect(isRunsSheet(hf, "Runs")).toBe(true);
    expect(isRunSheet(hf, "Sheet1")).toBe(false);
    expect(value(hf, "Run 1 sgd 3", EPOCH_TABLE_ROW + 2, 4)).toBe(9295);
    expect(runSheetSeries(hf, "Run 1 sgd 3")).toEqual({
      epochs: ["0", "1"],
      loss: [0.0123, 0.0101],
      validation: [0.91, 0.928],
      test: [0.9129, 0.9295],
    });
    const status = RUNS_HEADERS.indexOf("status");
    expect([value(hf, "Runs", 1, 0), value(hf, "Runs", 1, status)]).toEqual(["Run 1 sgd 3", "done"]);
    expect([value(hf, "Runs", 2, 0), value(hf, "Runs", 2, status)]).toEqual(["Run 2 adam 0.001", "stopped"]);
    // Accuracy block as wide as the longest run (adam: 3 epochs); the stopped run has one value.
    const chart = runsAccuracySeries(hf, "Runs");
    expect(chart.epochs).toEqual(["0", "1", "2"]);
    expect(chart.runs.map((r) => r.name)).toEqual(["Run 1 sgd 3", "Run 2 adam 0.001"]);
    expect(chart.runs[0]?.values.slice(0, 2)).toEqual([0.9129, 0.9295]);
    expect(chart.runs[1]?.values[0]).toBe(0.94);
  });

  test("a user's Runs sheet is left alone: runs listed in Runs 2, and the pane is told", async () => {
    const hf = engine({ Runs: [["my running log"]] });
    const notices: string[] = [];
    const sink = new WorkbenchRunSink(hf, undefined, (m) => notices.push(m));
    await sink.begin(SGD);
    expect(notices).toEqual([
      'A sheet named "Runs" already exists and is not a list of runs; runs are listed in "Runs 2".',
    ]);
    expect(value(hf, "Runs", 0, 0)).toBe("my running log");
    expect(value(hf, "Runs 2", 1, 0)).toBe("Run 1 sgd 3");
  });

  test("a run sheet deleted mid-run is an error naming the sheet", async () => {
    const hf = engine();
    const sink = new WorkbenchRunSink(hf);
    await sink.begin(SGD);
    hf.removeSheet(hf.getSheetId("Run 1 sgd 3") as number);
    await expect(sink.writeEpoch(EPOCH_0, 0)).rejects.toThrow(
      'sheet "Run 1 sgd 3" was deleted during the run',
    );
  });
});

describe("WorkbenchRunSink.writeTrained: the network used from cells", () => {
  test("confusion matrix, parameters in one column, and a test digit GD.MLP_PREDICT classifies", async () => {
    const hf = createWorkbenchEngine();
    const trained = sampleTrained();
    const sink = new WorkbenchRunSink(hf);
    await sink.begin(trained.config);
    await sink.writeTrained(trained);
    const sheet = "Run 1 sgd 3";
    const at = (row: number, col: number) => value(hf, sheet, row, col);
    // Confusion block: title, header 0..9, then true digit t's row of counts.
    expect(at(CONFUSION_ROW + 1, CONFUSION_COLUMN + 1)).toBe(0);
    expect(at(CONFUSION_ROW + 2, CONFUSION_COLUMN)).toBe(0);
    expect(at(CONFUSION_ROW + 2, CONFUSION_COLUMN + 1)).toBe(7);
    expect(at(CONFUSION_ROW + 2 + 5, CONFUSION_COLUMN + 1 + 3)).toBe(1);
    // Parameters, one row per unit: unit j's weight from pixel j is 1; the bias (column 784) is 0.
    expect(at(PARAMS_HEADER_ROWS + 3, PARAMS_COLUMN + 3)).toBe(1);
    expect(at(PARAMS_HEADER_ROWS + 3, PARAMS_COLUMN + 4)).toBe(0);
    expect(at(PARAMS_HEADER_ROWS + 9, PARAMS_COLUMN + 784)).toBe(0);
    // The digit's pixels / 255, and the formula's outputs: output j = pixel j / 255 (the picker network).
    expect(at(DIGIT_ROW + 1, DIGIT_COLUMN + 3)).toBeCloseTo(250 / 255, 12);
    const formulaRow = DIGIT_ROW + 1 + 28 + 1;
    for (const [j, pixel] of SAMPLE_PIXELS.entries()) {
      expect(at(formulaRow, DIGIT_COLUMN + 1 + j)).toBeCloseTo(pixel / 255, 7);
    }
    expect(at(formulaRow + 1, DIGIT_COLUMN + 1)).toBe(3);
  });
});
