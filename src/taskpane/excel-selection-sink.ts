/* global Excel */

import type { EpochResult, TrainConfig } from "../engine/train/protocol";
import { EPOCH_HEADERS, EPOCH_NUMBER_FORMATS, type EpochSink, epochRow } from "./epoch-sink";

/**
 * Writes epoch rows at the selected cell of the active sheet, only if the whole block (header + one row per
 * epoch) is empty, so user data is never overwritten. A line chart of loss and accuracies per epoch sits to
 * the right of the block and grows with it. (Runs kept in their own sheets: ExcelRunSink.)
 */
const COLUMNS = EPOCH_HEADERS.length;

/** Top-left cell of the block, 0-based as getRangeByIndexes takes it. */
interface Block {
  sheetName: string;
  row: number;
  column: number;
}

export class ExcelSelectionSink implements EpochSink {
  readonly description = "the selected cells";
  private block: Block | undefined;
  private chartName = "";

  async begin(config: TrainConfig): Promise<void> {
    this.chartName = `GradientStepsTraining${Date.now()}`;
    this.block = await Excel.run(async (context) => {
      const block = await prepareSelection(context, config.epochs + 1);
      const sheet = context.workbook.worksheets.getItem(block.sheetName);
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
      const sheet = context.workbook.worksheets.getItem(block.sheetName);
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
        const chart = sheet.charts.getItemOrNullObject(this.chartName);
        await context.sync();
        if (!chart.isNullObject) chart.setData(series, "Columns");
      }
      await context.sync();
    });
  }

  async finish(): Promise<void> {
    // Rows and chart are complete after each epoch; nothing is left to write.
  }
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
  return { sheetName: sheet.name, row: selected.rowIndex, column: selected.columnIndex };
}
