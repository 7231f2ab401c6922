/**
 * xor-network.xlsx: a 2-3-1 tanh network trained on XOR with GD.TRAIN_MLP, one full-batch iteration per row,
 * its predictions, a whole run in one cell, and the loss chart.
 */
import { parameterCount } from "../../src/engine/mlp";
import { layerSizes, trainRowWidth } from "../../src/functions/mlp-cells";
import { columnName } from "../../src/workbench/cell-format";
import {
  CHART_SIZE,
  COLORS,
  SheetBuilder,
  type ChartPlan,
  type SheetModel,
  type WorkbookModel,
} from "../../src/xlsx/sheet-model";

export const XOR = {
  layers: "2,3,1",
  optimizer: "adam",
  lr: 0.1,
  seed: 1,
  activation: "tanh",
  output: "sigmoid",
  loss: "cross-entropy",
  iterations: 300,
  runEpochs: 300,
  /** Loss bounds the sheet test asserts (cross-entropy summed over the one output, mean over 4 rows). */
  rowLossBound: 0.02,
  runLossBound: 0.02,
} as const;

/** Where the XOR sheet puts things (0-based); `lr` is the learning-rate cell every TRAIN_MLP reads. */
export const XOR_COLUMNS = { iter: 4, first: 5 } as const;
export const XOR_LR_CELL = { row: 6, col: 1 } as const;

function xorSheet(): SheetModel {
  const s = new SheetBuilder("XOR network");
  const width = trainRowWidth({
    layers: XOR.layers,
    X: null,
    Y: null,
    optimizer: XOR.optimizer,
  });
  s.header(0, ["x1", "x2", "y"]);
  [
    [0, 0, 0],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ].forEach((row, i) => row.forEach((v, c) => s.set(i + 1, c, v)));
  s.header(XOR_LR_CELL.row, ["learning rate"]);
  s.set(XOR_LR_CELL.row, XOR_LR_CELL.col, XOR.lr);
  const lr = `$${columnName(XOR_LR_CELL.col)}$${XOR_LR_CELL.row + 1}`;
  s.header(0, ["iter"], XOR_COLUMNS.iter);
  s.spill(0, XOR_COLUMNS.first, `=GD.TRAIN_HEADERS("${XOR.layers}","${XOR.optimizer}")`, width);
  s.set(1, XOR_COLUMNS.iter, 0);
  const firstCol = columnName(XOR_COLUMNS.first);
  const lastCol = columnName(XOR_COLUMNS.first + width - 1);
  for (let i = 1; i <= XOR.iterations; i++) {
    const r = i + 1;
    s.set(r, XOR_COLUMNS.iter, i);
    s.spill(
      r,
      XOR_COLUMNS.first,
      `=GD.TRAIN_MLP("${XOR.layers}",$A$2:$B$5,$C$2:$C$5,${firstCol}${r}:${lastCol}${r},"${XOR.optimizer}",${lr},,,${XOR.seed},"${XOR.activation}","${XOR.output}","${XOR.loss}")`,
      width,
    );
  }
  // Predictions of the last row's parameters, and a whole run in one cell.
  const paramsEnd = columnName(XOR_COLUMNS.first + parameterCount(layerSizes(XOR.layers)) - 1);
  const lastRow = XOR.iterations + 2;
  s.header(7, ["predict (last row)"]);
  s.spill(
    8,
    0,
    `=GD.MLP_PREDICT("${XOR.layers}",${firstCol}${lastRow}:${paramsEnd}${lastRow},A2:B5,"${XOR.activation}","${XOR.output}")`,
    1,
    4,
  );
  s.header(13, ["run: loss per epoch"]);
  s.spill(
    14,
    0,
    `=GD.TRAIN_MLP("${XOR.layers}",A2:B5,C2:C5,,"${XOR.optimizer}",${lr},${XOR.runEpochs},4,${XOR.seed},"${XOR.activation}","${XOR.output}","${XOR.loss}")`,
    1,
    XOR.runEpochs,
  );
  // The loss column (the row's last value) against the iteration, right of the row's columns.
  const lossCol = XOR_COLUMNS.first + width - 1;
  const rows = { firstRow: 2, lastRow: XOR.iterations + 1 };
  const lossChart: ChartPlan = {
    title: "XOR network: loss per iteration",
    xTitle: "iteration",
    xBounds: { min: 0, max: XOR.iterations },
    yTitle: "cross-entropy loss",
    anchor: {
      fromCol: lossCol + 2,
      fromRow: 1,
      toCol: lossCol + 2 + CHART_SIZE.cols,
      toRow: 1 + CHART_SIZE.rows,
    },
    series: [
      {
        name: "loss",
        nameCell: { row: 0, col: lossCol },
        x: { col: XOR_COLUMNS.iter, ...rows },
        y: { col: lossCol, ...rows },
        color: COLORS.loss,
      },
    ],
  };
  return s.build("XOR with a 2-3-1 tanh network, Adam: one row = one full-batch iteration", [lossChart]);
}

export function xorNetworkWorkbook(): WorkbookModel {
  return { file: "xor-network.xlsx", sheets: [xorSheet()] };
}
