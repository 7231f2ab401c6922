/* global Excel */

import type { EpochResult, TrainConfig } from "../engine/train/protocol";
import { EPOCH_HEADERS, EPOCH_NUMBER_FORMATS, type EpochSink, epochRow } from "./epoch-sink";

/**
 * Writes epoch rows into the workbook through Excel.run:
 * - "training-sheet": a sheet named "Training" (created, or cleared if it exists: it is the add-in's output sheet);
 * - "selection": the active sheet from the selected cell, only if the whole block (header + one row per epoch,
 *   six columns) is empty, so user data is never overwritten.
 * A line chart of loss and accuracies per epoch sits to the right of the block and grows with it.
 */
export type ExcelTarget = "training-sheet" | "selection";

export const TRAINING_SHEET = "Training";
const COLUMNS = EPOCH_HEADERS.length;

/** Top-left cell of the block, 0-based as getRangeByIndexes takes it. */
interface Block {
  sheet: string;
  row: number;
  column: number;
}

export class ExcelEpochSink implements EpochSink {
  private block: Block | undefined;
  private chartName = "";

  constructor(private readonly target: ExcelTarget = "training-sheet") {}

  get description(): string {
    return this.target === "training-sheet" ? `sheet "${TRAINING_SHEET}"` : "the selected cells";
  }

  async begin(config: TrainConfig): Promise<void> {
    this.chartName = `GradientStepsTraining${Date.now()}`;
    this.block = await Excel.run(async (context) => {
      const block =
        this.target === "training-sheet"
          ? await prepareTrainingSheet(context)
          : await prepareSelection(context, config.epochs + 1);
      const sheet = context.workbook.worksheets.getItem(block.sheet);
      const header = sheet.getRangeByIndexes(block.row, block.column, 1, COLUMNS);
      header.values = [[...EPOCH_HEADERS]];
      header.format.font.bold = true;
      await context.sync();
      return block;
    });
  }

  async writeEpoch(result: EpochResult, index: number): Promise<void> {
    const block = this.block;
    if (!block) throw new Error("begin() was not called");
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(block.sheet);
      const row = sheet.getRangeByIndexes(block.row + 1 + index, block.column, 1, COLUMNS);
      row.values = [epochRow(result)];
      row.numberFormat = [[...EPOCH_NUMBER_FORMATS]];
      // Loss and the two accuracies (columns 2-4), header included, as lines over the epochs so far.
      const series = sheet.getRangeByIndexes(block.row, block.column + 1, index + 2, 3);
      if (index === 0) {
        const chart = sheet.charts.add("Line", series, "Columns");
        chart.name = this.chartName;
        chart.title.text = "MNIST training: loss and accuracy per epoch";
        chart.setPosition(
          sheet.getRangeByIndexes(block.row, block.column + COLUMNS + 1, 1, 1),
          sheet.getRangeByIndexes(block.row + 17, block.column + COLUMNS + 8, 1, 1),
        );
      } else {
        sheet.charts.getItem(this.chartName).setData(series, "Columns");
      }
      await context.sync();
    });
  }

  async finish(): Promise<void> {
    // Rows and chart are complete after each epoch; nothing is left to write.
  }
}

async function prepareTrainingSheet(context: Excel.RequestContext): Promise<Block> {
  const existing = context.workbook.worksheets.getItemOrNullObject(TRAINING_SHEET);
  await context.sync();
  if (existing.isNullObject) {
    const sheet = context.workbook.worksheets.add(TRAINING_SHEET);
    sheet.activate();
  } else {
    existing.getRange().clear();
    existing.charts.load("items/name");
    await context.sync();
    for (const chart of existing.charts.items) chart.delete();
    existing.activate();
  }
  await context.sync();
  return { sheet: TRAINING_SHEET, row: 0, column: 0 };
}

async function prepareSelection(context: Excel.RequestContext, rows: number): Promise<Block> {
  // The selection is always on the active sheet.
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const selected = context.workbook.getSelectedRange();
  selected.load("rowIndex,columnIndex");
  await context.sync();
  const area = sheet.getRangeByIndexes(selected.rowIndex, selected.columnIndex, rows, COLUMNS);
  area.load("values,address");
  await context.sync();
  const used = area.values.some((row) => row.some((cell) => cell !== "" && cell !== null));
  if (used) {
    throw new Error(
      `${area.address} is not empty (the run needs ${rows} rows × ${COLUMNS} columns); select an empty cell`,
    );
  }
  return { sheet: sheet.name, row: selected.rowIndex, column: selected.columnIndex };
}
