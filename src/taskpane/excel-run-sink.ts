/* global Excel */

import type { EpochResult, TrainConfig } from "../engine/train/protocol";
import { EPOCH_HEADERS, EPOCH_NUMBER_FORMATS, type EpochSink, type RunOutcome, epochRow } from "./epoch-sink";
import {
  ACCURACY_BLOCK_COLUMN,
  ACCURACY_BLOCK_ROW,
  ACCURACY_BLOCK_TITLE,
  EPOCH_TABLE_ROW,
  RUNS_CHART_ROWS,
  RUNS_HEADERS,
  RUNS_NUMBER_FORMATS,
  RUN_CHART_COLUMN,
  accuracyHeader,
  runSheetHead,
  runsRow,
  testAccuracy,
} from "./run-layout";
import { trainedBlocks } from "./network-layout";
import { RUNS_SHEET, freeSheetName, runSheetName } from "./run-sheet-name";
import type { Trained } from "./training-controller";

/** Rows per write: keeps each request within Excel's payload limit (784-100-10's 110 unit rows are one piece). */
const ROWS_PER_WRITE = 20000;

/**
 * Keeps every run: `begin` adds a new sheet named for the run (configuration above an Excel table with one
 * row per epoch, and a line chart of loss and accuracy), and a row in the `Runs` sheet, whose chart races
 * every run's test accuracy per epoch. Nothing existing is cleared or overwritten: a sheet named `Runs` that
 * is not the add-in's list of runs is left alone (the runs go to `Runs 2`), and a protected Runs sheet or a
 * run sheet deleted mid-run is an error the pane reports while it keeps the results.
 * Excel JavaScript API: see excel-api-calls.ts.
 */
export const RUNS_TABLE = "GradientStepsRuns";
const RUNS_CHART = "GradientStepsRunsChart";
interface RunPlace {
  runSheet: string;
  table: string;
  chart: string;
  runsSheet: string;
  /** 0-based row of this run in the Runs accuracy block. */
  accuracyRow: number;
}

const tableNameOf = (sheet: string) => `GradientSteps_${sheet.replace(/[^A-Za-z0-9]/g, "_")}`;

export class ExcelRunSink implements EpochSink {
  private place: RunPlace | undefined;
  private config: TrainConfig | undefined;

  /** `notice` hears what the pane should say that is not an error (e.g. the Runs sheet's other name). */
  constructor(
    private readonly notice: (message: string) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get description(): string {
    return this.place ? `sheet "${this.place.runSheet}"` : "a new run sheet";
  }

  async begin(config: TrainConfig): Promise<void> {
    this.config = config;
    this.place = await Excel.run(async (context) => {
      const book = context.workbook;
      book.worksheets.load("items/name");
      const runsTable = book.tables.getItemOrNullObject(RUNS_TABLE);
      await context.sync();
      const names = book.worksheets.items.map((s) => s.name);
      let runsSheet: string;
      if (runsTable.isNullObject) {
        runsSheet = freeSheetName(RUNS_SHEET, names);
        if (runsSheet !== RUNS_SHEET) {
          this.notice(
            `A sheet named "${RUNS_SHEET}" already exists and is not a list of runs; runs are listed in "${runsSheet}".`,
          );
        }
      } else {
        const worksheet = runsTable.worksheet;
        worksheet.load("name");
        worksheet.protection.load("protected");
        runsTable.rows.load("count");
        await context.sync();
        runsSheet = worksheet.name;
        if (worksheet.protection.protected) {
          throw new Error(
            `sheet "${runsSheet}" is protected; unprotect it (Review > Unprotect Sheet) to record runs in it`,
          );
        }
      }
      const name = runSheetName(config, names);
      const sheet = book.worksheets.add(name);
      const head = runSheetHead(name, config, this.now().toISOString());
      sheet.getRangeByIndexes(0, 0, head.length, 3).values = head;
      sheet.getRangeByIndexes(0, 0, 1, 2).format.font.bold = true;
      // The epoch table becomes an Excel table with its first row (a header-only table gets a blank row).
      sheet.getRangeByIndexes(EPOCH_TABLE_ROW, 0, 1, EPOCH_HEADERS.length).values = [[...EPOCH_HEADERS]];

      const row = runsRow({ name, config, results: [], status: "running" });
      let accuracyRow = 0;
      if (runsTable.isNullObject) {
        createRunsSheet(context, runsSheet, row);
      } else {
        accuracyRow = runsTable.rows.count;
        runsTable.rows.add(undefined, [row]);
      }
      const runsWorksheet = book.worksheets.getItem(runsSheet);
      runsWorksheet.getRangeByIndexes(1 + accuracyRow, 0, 1, RUNS_HEADERS.length).numberFormat = [
        [...RUNS_NUMBER_FORMATS],
      ];
      const epochs = await widestRun(context, config.epochs);
      runsWorksheet.getRangeByIndexes(ACCURACY_BLOCK_ROW, ACCURACY_BLOCK_COLUMN, 1, epochs + 1).values = [
        accuracyHeader(epochs),
      ];
      runsWorksheet.getRangeByIndexes(
        ACCURACY_BLOCK_ROW + 1 + accuracyRow,
        ACCURACY_BLOCK_COLUMN,
        1,
        1,
      ).values = [[name]];
      const block = runsWorksheet.getRangeByIndexes(
        ACCURACY_BLOCK_ROW,
        ACCURACY_BLOCK_COLUMN,
        accuracyRow + 2,
        epochs + 1,
      );
      const existingChart = runsWorksheet.charts.getItemOrNullObject(RUNS_CHART);
      await context.sync();
      if (existingChart.isNullObject) {
        const chart = runsWorksheet.charts.add("Line", block, "Rows");
        chart.name = RUNS_CHART;
        chart.title.text = "Test accuracy per epoch, every run";
        chart.setPosition(
          runsWorksheet.getRangeByIndexes(0, ACCURACY_BLOCK_COLUMN, 1, 1),
          runsWorksheet.getRangeByIndexes(RUNS_CHART_ROWS - 1, ACCURACY_BLOCK_COLUMN + 8, 1, 1),
        );
      } else {
        existingChart.setData(block, "Rows");
      }
      sheet.activate();
      await context.sync();
      const table = tableNameOf(name);
      return { runSheet: name, table, chart: `${table}_chart`, runsSheet, accuracyRow };
    });
  }

  async writeEpoch(result: EpochResult, index: number): Promise<void> {
    const place = this.requirePlace();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(place.runSheet);
      const runs = context.workbook.worksheets.getItemOrNullObject(place.runsSheet);
      await context.sync();
      if (sheet.isNullObject) {
        throw new Error(`sheet "${place.runSheet}" was deleted during the run`);
      }
      const first = EPOCH_TABLE_ROW + 1 + index;
      if (index === 0) {
        sheet.getRangeByIndexes(first, 0, 1, EPOCH_HEADERS.length).values = [epochRow(result)];
        sheet.tables.add(sheet.getRangeByIndexes(EPOCH_TABLE_ROW, 0, 2, EPOCH_HEADERS.length), true).name =
          place.table;
      } else {
        const table = sheet.tables.getItemOrNullObject(place.table);
        await context.sync();
        if (table.isNullObject) {
          throw new Error(`the table of sheet "${place.runSheet}" was deleted during the run`);
        }
        table.rows.add(undefined, [epochRow(result)]);
      }
      sheet.getRangeByIndexes(first, 0, 1, EPOCH_HEADERS.length).numberFormat = [[...EPOCH_NUMBER_FORMATS]];
      // Loss and the two accuracies (columns B:D), header included, as lines over the epochs so far.
      const series = sheet.getRangeByIndexes(EPOCH_TABLE_ROW, 1, index + 2, 3);
      if (index === 0) {
        const chart = sheet.charts.add("Line", series, "Columns");
        chart.name = place.chart;
        chart.title.text = `${place.runSheet}: loss and accuracy per epoch`;
        chart.setPosition(
          sheet.getRangeByIndexes(0, RUN_CHART_COLUMN, 1, 1),
          sheet.getRangeByIndexes(17, RUN_CHART_COLUMN + 7, 1, 1),
        );
      } else {
        const chart = sheet.charts.getItemOrNullObject(place.chart);
        await context.sync();
        if (!chart.isNullObject) chart.setData(series, "Columns");
      }
      if (!runs.isNullObject) {
        const cell = runs.getRangeByIndexes(
          ACCURACY_BLOCK_ROW + 1 + place.accuracyRow,
          ACCURACY_BLOCK_COLUMN + 1 + result.epoch,
          1,
          1,
        );
        cell.values = [[testAccuracy(result)]];
        cell.numberFormat = [["0.00%"]];
      }
      await context.sync();
    });
  }

  /**
   * The trained network on the run's sheet (network-layout.ts): the confusion matrix, a test digit with a
   * GD.MLP_PREDICT formula classifying it, and the parameters as one row per unit, written in pieces.
   */
  async writeTrained(trained: Trained): Promise<void> {
    const place = this.requirePlace();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(place.runSheet);
      await context.sync();
      if (sheet.isNullObject) throw new Error(`sheet "${place.runSheet}" was deleted during the run`);
      for (const block of trainedBlocks(trained.network, trained.report)) {
        const width = Math.max(...block.rows.map((r) => r.length));
        const hasFormula = block.rows.some((r) => r.some((v) => typeof v === "string" && v.startsWith("=")));
        for (let start = 0; start < block.rows.length; start += ROWS_PER_WRITE) {
          // Excel takes only rectangular arrays: short rows (titles above the parameters) are padded with blanks.
          const rows = block.rows
            .slice(start, start + ROWS_PER_WRITE)
            .map((r) =>
              r.length < width ? [...r, ...Array.from({ length: width - r.length }, () => "")] : r,
            );
          const range = sheet.getRangeByIndexes(block.row + start, block.column, rows.length, width);
          if (hasFormula) range.formulas = rows;
          else range.values = rows;
          // One request per piece: a whole large network in one request would exceed Excel's payload limit.
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
        }
      }
    });
  }

  async finish(results: readonly EpochResult[], outcome: RunOutcome): Promise<void> {
    const place = this.requirePlace();
    const config = this.config as TrainConfig;
    await Excel.run(async (context) => {
      const runs = context.workbook.tables.getItemOrNullObject(RUNS_TABLE);
      await context.sync();
      if (runs.isNullObject)
        throw new Error(`the table ${RUNS_TABLE} of sheet "${place.runsSheet}" was deleted`);
      const body = runs.getDataBodyRange();
      body.load("values");
      await context.sync();
      const index = body.values.findIndex((row) => row[0] === place.runSheet);
      if (index < 0)
        throw new Error(`run "${place.runSheet}" is no longer listed in sheet "${place.runsSheet}"`);
      runs.rows.getItemAt(index).values = [
        runsRow({ name: place.runSheet, config, results, status: outcome }),
      ];
      await context.sync();
    });
  }

  private requirePlace(): RunPlace {
    if (!this.place) throw new Error("begin() was not called");
    return this.place;
  }
}

/** The Runs sheet: a table of runs at A1 (with the first run's row) and the accuracy block's title. */
function createRunsSheet(context: Excel.RequestContext, name: string, first: (string | number)[]): void {
  const sheet = context.workbook.worksheets.add(name);
  const rows = sheet.getRangeByIndexes(0, 0, 2, RUNS_HEADERS.length);
  rows.values = [[...RUNS_HEADERS], first];
  sheet.tables.add(rows, true).name = RUNS_TABLE;
  const title = sheet.getRangeByIndexes(ACCURACY_BLOCK_ROW - 1, ACCURACY_BLOCK_COLUMN, 1, 1);
  title.values = [[ACCURACY_BLOCK_TITLE]];
  title.format.font.bold = true;
}

/** The most epochs of any listed run, at least `epochs`: the accuracy block's width. */
async function widestRun(context: Excel.RequestContext, epochs: number): Promise<number> {
  const body = context.workbook.tables.getItem(RUNS_TABLE).getDataBodyRange();
  body.load("values");
  await context.sync();
  const column = RUNS_HEADERS.indexOf("epochs");
  return body.values.reduce((widest, row) => Math.max(widest, Number(row[column]) || 0), epochs);
}
