import { afterEach, describe, expect, test } from "@jest/globals";
import type { EpochResult, TrainConfig } from "../../src/engine/train/protocol";
import { EPOCH_HEADERS } from "../../src/taskpane/epoch-sink";
import { ExcelRunSink, RUNS_TABLE } from "../../src/taskpane/excel-run-sink";
import { PRESETS } from "../../src/taskpane/presets";
import {
  ACCURACY_BLOCK_COLUMN,
  ACCURACY_BLOCK_ROW,
  EPOCH_TABLE_ROW,
  RUNS_HEADERS,
} from "../../src/taskpane/run-layout";
import { TrainingController } from "../../src/taskpane/training-controller";
import { EPOCH_0, EPOCH_1, installExcel, uninstallExcel } from "./epoch-fixtures";
import { FakeBook } from "./fake-excel";
import { FakeWorker } from "./fake-worker";
import {
  CONFUSION_COLUMN,
  CONFUSION_ROW,
  DIGIT_COLUMN,
  DIGIT_ROW,
  PARAMS_COLUMN,
  PARAMS_HEADER_ROWS,
} from "../../src/taskpane/network-layout";
import { sampleTrained } from "./trained-fixture";

afterEach(uninstallExcel);

const SGD: TrainConfig = { ...PRESETS["network.py"], epochs: 2, trainLimit: 2000 };
const ADAM: TrainConfig = { ...PRESETS["modern (ReLU+Adam)"], epochs: 2, trainLimit: 2000 };
const CLOCK = () => new Date("2026-01-02T03:04:05.000Z");

async function run(book: FakeBook, config: TrainConfig, epochs: EpochResult[], notices: string[] = []) {
  const sink = new ExcelRunSink((m) => notices.push(m), CLOCK);
  await sink.begin(config);
  for (const [i, epoch] of epochs.entries()) await sink.writeEpoch(epoch, i);
  await sink.finish(epochs, "done");
  return sink;
}

const column = (header: string) => RUNS_HEADERS.indexOf(header as (typeof RUNS_HEADERS)[number]);

describe("ExcelRunSink: every run kept in its own sheet, all listed in Runs", () => {
  test("two runs give two run sheets with tables and charts, and a Runs sheet with both rows and a two-series chart", async () => {
    const book = new FakeBook("Sheet1");
    installExcel(book);
    const first = await run(book, SGD, [EPOCH_0, EPOCH_1]);
    const adam0 = { ...EPOCH_0, testCorrect: 9400, lr: 0.001 };
    const adam1 = { ...EPOCH_1, testCorrect: 9500, lr: 0.001 };
    const second = await run(book, ADAM, [adam0, adam1]);

    expect(first.description).toBe('sheet "Run 1 sgd 3"');
    expect(second.description).toBe('sheet "Run 2 adam 0.001"');
    expect([...book.sheets.keys()]).toEqual(["Sheet1", "Run 1 sgd 3", "Runs", "Run 2 adam 0.001"]);
    expect(book.active).toBe("Run 2 adam 0.001");

    // The configuration above the table, enough to rerun it from the command line.
    const sheet = "Run 1 sgd 3";
    expect(book.rows(sheet, 0, 0, 1, 2)).toEqual([["MNIST run", "Run 1 sgd 3"]]);
    expect(book.get(sheet, 0, 2)).toBe("started 2026-01-02T03:04:05.000Z");
    expect(book.rows(sheet, 1, 0, 7, 2)).toEqual([
      ["layers", "784,30,10"],
      ["activation", "sigmoid"],
      ["output", "sigmoid"],
      ["loss", "quadratic"],
      ["init", "normal"],
      ["optimizer", "sgd"],
      ["lr", 3],
    ]);
    expect(book.get(sheet, 16, 1)).toBe(
      "npm run train -- --layers 784,30,10 --activation sigmoid --output sigmoid --loss quadratic --init normal " +
        "--optimizer sgd --lr 3 --schedule constant --lambda 0 --epochs 2 --batch 10 --seed 1 --train-limit 2000",
    );

    // One Excel table per run sheet: header + one row per epoch.
    const table = book.tables.find((t) => t.sheet === sheet);
    expect(table).toMatchObject({ row: EPOCH_TABLE_ROW, column: 0, width: 7, bodyRows: 2 });
    expect(book.rows(sheet, EPOCH_TABLE_ROW, 0, 3, 7)).toEqual([
      [...EPOCH_HEADERS],
      // 9100/10000 = 0.91, 9129/10000 = 0.9129; 9280/10000 = 0.928, 9295/10000 = 0.9295
      [0, 0.0123, 0.91, 0.9129, 9129, 3, 2.5],
      [1, 0.0101, 0.928, 0.9295, 9295, 3, 2.5],
    ]);
    expect(book.formats.get(`${sheet}!${EPOCH_TABLE_ROW + 1},2`)).toBe("0.00%");
    // Its chart: loss and both accuracies (B:D from the header), growing with the rows.
    const runChart = book.charts.find((c) => c.sheet === sheet);
    expect(runChart?.type).toBe("Line");
    expect(runChart?.sources).toEqual([
      [EPOCH_TABLE_ROW, 1, 2, 3],
      [EPOCH_TABLE_ROW, 1, 3, 3],
    ]);
    expect(book.charts.filter((c) => c.sheet === "Run 2 adam 0.001")).toHaveLength(1);

    // Runs: an Excel table with one row per run.
    const runs = book.table(RUNS_TABLE);
    expect(runs).toMatchObject({ sheet: "Runs", row: 0, column: 0, bodyRows: 2 });
    expect(book.rows("Runs", 0, 0, 1, RUNS_HEADERS.length)).toEqual([[...RUNS_HEADERS]]);
    const rows = book.rows("Runs", 1, 0, 2, RUNS_HEADERS.length);
    expect(rows.map((r) => [r[0], r[column("optimizer")], r[column("lr")]])).toEqual([
      ["Run 1 sgd 3", "sgd", 3],
      ["Run 2 adam 0.001", "adam", 0.001],
    ]);
    // best and last test accuracy: sgd 0.9295 both; adam max(0.94, 0.95) = 0.95 both; 2 × 2.5 s each.
    expect(rows.map((r) => r[column("best test accuracy")])).toEqual([0.9295, 0.95]);
    expect(rows.map((r) => r[column("last test accuracy")])).toEqual([0.9295, 0.95]);
    expect(rows.map((r) => r[column("total seconds")])).toEqual([5, 5]);
    expect(rows.map((r) => r[column("status")])).toEqual(["done", "done"]);

    // The accuracy block and the Runs chart over it: one series (row) per run.
    expect(book.rows("Runs", ACCURACY_BLOCK_ROW, ACCURACY_BLOCK_COLUMN, 3, 3)).toEqual([
      ["run", "epoch 0", "epoch 1"],
      ["Run 1 sgd 3", 0.9129, 0.9295],
      ["Run 2 adam 0.001", 0.94, 0.95],
    ]);
    const runsCharts = book.charts.filter((c) => c.sheet === "Runs" && !c.deleted);
    expect(runsCharts).toHaveLength(1);
    const chart = runsCharts[0];
    expect(chart?.seriesBy.at(-1)).toBe("Rows");
    // header row + two runs = two series, over "run" + 2 epoch columns
    expect(chart?.sources.at(-1)).toEqual([ACCURACY_BLOCK_ROW, ACCURACY_BLOCK_COLUMN, 3, 3]);
    // placed above the block, never over the Runs table's columns
    expect(chart?.position?.[0]?.[1]).toBeGreaterThanOrEqual(ACCURACY_BLOCK_COLUMN);
    expect(chart?.position?.[1]?.[0]).toBeLessThan(ACCURACY_BLOCK_ROW - 1);
  });

  test('a sheet named "Training" holding user data is left untouched', async () => {
    const book = new FakeBook("Training");
    book.set("Training", 0, 0, "my notes");
    book.set("Training", 5, 3, 42);
    installExcel(book);
    await run(book, SGD, [EPOCH_0]);
    expect(book.get("Training", 0, 0)).toBe("my notes");
    expect(book.get("Training", 5, 3)).toBe(42);
    expect(book.sheet("Training").cells.size).toBe(2);
    expect(book.charts.filter((c) => c.sheet === "Training")).toHaveLength(0);
  });

  test("a user's own Runs sheet is a name clash: left alone, reported, and the runs listed in Runs 2", async () => {
    const book = new FakeBook("Runs", "Run 1 sgd 3");
    book.set("Runs", 0, 0, "my running log");
    installExcel(book);
    const notices: string[] = [];
    const sink = await run(book, SGD, [EPOCH_0], notices);
    expect(notices).toEqual([
      'A sheet named "Runs" already exists and is not a list of runs; runs are listed in "Runs 2".',
    ]);
    expect(book.get("Runs", 0, 0)).toBe("my running log");
    expect(book.sheet("Runs").cells.size).toBe(1);
    // "Run 1 sgd 3" is taken too: the run becomes run 2.
    expect(sink.description).toBe('sheet "Run 2 sgd 3"');
    expect(book.table(RUNS_TABLE)?.sheet).toBe("Runs 2");
    expect(book.get("Runs 2", 1, 0)).toBe("Run 2 sgd 3");
    // A second run finds the list by its table and says nothing more.
    await run(book, SGD, [EPOCH_0], notices);
    expect(notices).toHaveLength(1);
    expect(book.get("Runs 2", 2, 0)).toBe("Run 3 sgd 3");
  });
});

describe("ExcelRunSink failures are reported in the pane while the results stay in the pane", () => {
  function controllerWith(sink: ExcelRunSink) {
    const worker = new FakeWorker();
    const reports: string[] = [];
    const states: string[] = [];
    const controller = new TrainingController(
      () => worker,
      { sinkError: (m) => reports.push(m), state: (s) => states.push(s) },
      { stopGraceMs: 50 },
    );
    controller.start(SGD, { kind: "bundled", baseUrl: "/" }, sink);
    return { worker, reports, states, controller };
  }

  async function playRun(worker: FakeWorker, controller: TrainingController, states: string[]) {
    worker.reply({ type: "loaded", train: 2000, validation: 10000, test: 10000, seconds: 0.1 });
    await controller.flushed();
    worker.reply({ type: "epoch", result: EPOCH_0 });
    await controller.flushed();
    await playEnd(worker, controller, states);
  }

  async function playEnd(worker: FakeWorker, controller: TrainingController, states: string[]) {
    worker.reply({ type: "epoch", result: EPOCH_1 });
    worker.reply({ type: "done", epochs: [EPOCH_0, EPOCH_1], stopped: false, params: new Float32Array(0) });
    for (let i = 0; i < 100 && states.at(-1) !== "done"; i++) await controller.flushed();
  }

  test("a protected Runs sheet: nothing is written, the reason is reported, the epochs stay in the pane", async () => {
    const book = new FakeBook("Sheet1");
    installExcel(book);
    await run(book, SGD, [EPOCH_0]);
    book.protect("Runs");
    const before = [...book.sheets.keys()];
    const sink = new ExcelRunSink();
    const { worker, reports, states, controller } = controllerWith(sink);
    await playRun(worker, controller, states);
    expect(reports).toEqual([
      'Could not write to a new run sheet: sheet "Runs" is protected; unprotect it (Review > Unprotect Sheet) ' +
        "to record runs in it. Results are kept in the pane.",
    ]);
    expect([...book.sheets.keys()]).toEqual(before);
    expect(controller.epochs.map((e) => e.testCorrect)).toEqual([9129, 9295]);
    expect(states.at(-1)).toBe("done");
  });

  test("a run sheet deleted mid-run: reported once, later epochs only in the pane", async () => {
    const book = new FakeBook("Sheet1");
    installExcel(book);
    const sink = new ExcelRunSink();
    const { worker, reports, states, controller } = controllerWith(sink);
    worker.reply({ type: "loaded", train: 2000, validation: 10000, test: 10000, seconds: 0.1 });
    await controller.flushed();
    worker.reply({ type: "epoch", result: EPOCH_0 });
    await controller.flushed();
    expect(book.table("GradientSteps_Run_1_sgd_3")?.bodyRows).toBe(1);
    book.deleteSheet("Run 1 sgd 3");
    await playEnd(worker, controller, states);
    expect(reports).toEqual([
      'Could not write to sheet "Run 1 sgd 3": sheet "Run 1 sgd 3" was deleted during the run. ' +
        "Results are kept in the pane.",
    ]);
    expect(controller.epochs).toHaveLength(2);
    // The Runs row keeps what was written before the deletion: status still "running", one epoch.
    expect(book.get("Runs", 1, column("status"))).toBe("running");
    expect(book.get("Runs", ACCURACY_BLOCK_ROW + 1, ACCURACY_BLOCK_COLUMN + 1)).toBe(0.9129);
  });

  test("Stop keeps what was written and marks the run stopped", async () => {
    const book = new FakeBook("Sheet1");
    installExcel(book);
    const sink = new ExcelRunSink();
    await sink.begin(SGD);
    await sink.writeEpoch(EPOCH_0, 0);
    await sink.finish([EPOCH_0], "stopped");
    expect(book.rows("Run 1 sgd 3", EPOCH_TABLE_ROW + 1, 0, 1, 2)).toEqual([[0, 0.0123]]);
    expect(book.get("Runs", 1, column("status"))).toBe("stopped");
    expect(book.get("Runs", 1, column("epochs done"))).toBe(1);
  });
});

describe("ExcelRunSink.writeTrained: the trained network on the run's sheet", () => {
  test("confusion matrix, the parameters in one column, and a digit with its GD.MLP_PREDICT formula", async () => {
    const book = new FakeBook("Sheet1");
    installExcel(book);
    const trained = sampleTrained();
    const sink = new ExcelRunSink(() => undefined, CLOCK);
    await sink.begin(trained.config);
    await sink.writeEpoch(EPOCH_0, 0);
    await sink.writeTrained(trained);
    await sink.finish([EPOCH_0], "done");
    const sheet = "Run 1 sgd 3";
    // Row "true 5" has its one example in column "predicted 3"; true 0 has seven right.
    expect(book.get(sheet, CONFUSION_ROW + 1, CONFUSION_COLUMN)).toBe("true \\ predicted");
    expect(book.get(sheet, CONFUSION_ROW + 2, CONFUSION_COLUMN + 1)).toBe(7);
    expect(book.get(sheet, CONFUSION_ROW + 2 + 5, CONFUSION_COLUMN + 1 + 3)).toBe(1);
    // One row per unit below two header rows: unit 3's weight from pixel 3 is 1, its bias (column 784) 0.
    expect(book.get(sheet, PARAMS_HEADER_ROWS + 3, PARAMS_COLUMN + 3)).toBe(1);
    expect(book.get(sheet, PARAMS_HEADER_ROWS + 3, PARAMS_COLUMN + 4)).toBe(0);
    expect(book.get(sheet, PARAMS_HEADER_ROWS + 9, PARAMS_COLUMN + 784)).toBe(0);
    expect(book.get(sheet, PARAMS_HEADER_ROWS + 10, PARAMS_COLUMN)).toBe("");
    expect(book.get(sheet, DIGIT_ROW + 1, DIGIT_COLUMN + 3)).toBeCloseTo(250 / 255, 12);
    // The formula names the pixels (R15:AS42) and the parameters (AV3:AEZ12: 10 units × 784 weights + bias).
    const formulaRow = DIGIT_ROW + 1 + 28 + 1;
    expect(book.get(sheet, formulaRow, DIGIT_COLUMN + 1)).toBe(
      '=GD.MLP_PREDICT("784,10",AV3:AEZ12,R15:AS42,"sigmoid","linear")',
    );
    expect(book.get(sheet, formulaRow + 1, DIGIT_COLUMN + 1)).toBe("=MATCH(MAX(S44:AB44),S44:AB44,0)-1");
  });

  test("a run sheet deleted before the network is written is reported", async () => {
    const book = new FakeBook("Sheet1");
    installExcel(book);
    const trained = sampleTrained();
    const sink = new ExcelRunSink(() => undefined, CLOCK);
    await sink.begin(trained.config);
    book.deleteSheet("Run 1 sgd 3");
    await expect(sink.writeTrained(trained)).rejects.toThrow(
      'sheet "Run 1 sgd 3" was deleted during the run',
    );
  });
});
