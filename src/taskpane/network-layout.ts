/**
 * Where a finished run's network goes on its run sheet, shared by Excel and the workbench (run-layout.ts holds the
 * rest of the sheet): the confusion matrix right of the run's chart, a test digit as a 28×28 block of pixel cells
 * with a GD.MLP_PREDICT formula that classifies it with the trained parameters, and the parameters themselves as
 * one row per unit (its weights, then its bias: a 784-30-10 network is 40 rows × 785 columns, within Excel's 16,384
 * columns), which MLP_PREDICT takes as they stand. Pure: values and positions only.
 */
import { unitRows, unitRowsShape } from "../engine/mlp/unit-rows";
import type { TestReport, TrainedNetwork } from "../engine/train/protocol";

/** 0-based column of the confusion matrix block (right of the run chart, which spans columns I:P). */
export const CONFUSION_COLUMN = 17;
export const CONFUSION_ROW = 0;
export const CONFUSION_TITLE = "confusion matrix on the test set (rows: true digit, columns: predicted)";

/** The digit block: a title row, then the image's rows. */
export const DIGIT_ROW = 13;
export const DIGIT_COLUMN = CONFUSION_COLUMN;
/** 0-based column of the parameters' block (two header rows above it). */
export const PARAMS_COLUMN = DIGIT_COLUMN + 28 + 2;
export const PARAMS_HEADER_ROWS = 2;

/** A1-style column letters for a 0-based column (0 → A, 26 → AA). */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A1 address of a 0-based cell. */
export function address(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** The confusion block: title, header ("true \ predicted", 0…9), one row per true class. */
export function confusionRows(report: TestReport): (string | number)[][] {
  const k = report.classes;
  const rows: (string | number)[][] = [
    [CONFUSION_TITLE, ...Array.from({ length: k }, () => "")],
    ["true \\ predicted", ...Array.from({ length: k }, (_, p) => p)],
  ];
  for (let t = 0; t < k; t++) {
    rows.push([t, ...Array.from(report.confusion.subarray(t * k, (t + 1) * k))]);
  }
  return rows;
}

/** The parameters' block: a title, a note on the layout, then one row per unit (weights, then bias). */
export function parameterRows(network: TrainedNetwork): (string | number)[][] {
  const layers = network.layers;
  const ranges: string[] = [];
  let row = PARAMS_HEADER_ROWS + 1;
  for (let l = 1; l < layers.length; l++) {
    const units = layers[l] as number;
    ranges.push(`layer ${l}: rows ${row}-${row + units - 1}`);
    row += units;
  }
  return [
    [`parameters of ${layers.join(",")}`],
    [
      `one row per unit: its ${layers.slice(0, -1).join(" or ")} weights, then its bias (${ranges.join("; ")})`,
    ],
    ...unitRows(layers, network.params),
  ];
}

export interface DigitBlock {
  /** Title row (which test image, its label). */
  title: string;
  /** side × side input values in [0, 1] (pixel / 255, as the network was trained). */
  pixels: number[][];
  /** Row 0-based where the formulas go, below the pixels. */
  formulaRow: number;
  /** GD.MLP_PREDICT over the pixels with the parameters: spills one row of outputs. */
  predict: string;
  /** The predicted digit: the position of the largest output. */
  digit: string;
}

/** The first sample digit as pixel cells and the formulas that classify it with the trained parameters. */
export function digitBlock(network: TrainedNetwork, report: TestReport): DigitBlock | undefined {
  const s = report.samples;
  if (s.count === 0) return undefined;
  const side = Math.round(Math.sqrt(s.pixelsPerImage));
  if (side * side !== s.pixelsPerImage) return undefined;
  const pixels = Array.from({ length: side }, (_, r) =>
    Array.from({ length: side }, (_, c) => (s.pixels[r * side + c] as number) / 255),
  );
  const formulaRow = DIGIT_ROW + 1 + side + 1;
  const image = `${address(DIGIT_ROW + 1, DIGIT_COLUMN)}:${address(DIGIT_ROW + side, DIGIT_COLUMN + side - 1)}`;
  const shape = unitRowsShape(network.layers);
  const first = PARAMS_HEADER_ROWS;
  const params = `${address(first, PARAMS_COLUMN)}:${address(first + shape.rows - 1, PARAMS_COLUMN + shape.columns - 1)}`;
  // Layers typed literally: the workbench's HyperFormula sizes a spill from literal arguments.
  const predict = `=GD.MLP_PREDICT("${network.layers.join(",")}",${params},${image},"${network.activation}","${network.output}")`;
  const classes = network.layers[network.layers.length - 1] ?? 1;
  const outputs = `${address(formulaRow, DIGIT_COLUMN + 1)}:${address(formulaRow, DIGIT_COLUMN + classes)}`;
  return {
    title: `test image ${s.index[0]} (true digit ${s.label[0]}), pixels / 255`,
    pixels,
    formulaRow,
    predict,
    digit: `=MATCH(MAX(${outputs}),${outputs},0)-1`,
  };
}

/** Every cell the trained network adds to a run sheet, as blocks of rows at their top-left corners. */
export function trainedBlocks(
  network: TrainedNetwork,
  report: TestReport | undefined,
): { row: number; column: number; rows: (string | number)[][] }[] {
  const blocks = [{ row: 0, column: PARAMS_COLUMN, rows: parameterRows(network) }];
  if (!report) return blocks;
  blocks.push({ row: CONFUSION_ROW, column: CONFUSION_COLUMN, rows: confusionRows(report) });
  const digit = digitBlock(network, report);
  if (digit) {
    blocks.push({ row: DIGIT_ROW, column: DIGIT_COLUMN, rows: [[digit.title]] });
    blocks.push({ row: DIGIT_ROW + 1, column: DIGIT_COLUMN, rows: digit.pixels });
    blocks.push({
      row: digit.formulaRow,
      column: DIGIT_COLUMN,
      rows: [["outputs", digit.predict]],
    });
    blocks.push({
      row: digit.formulaRow + 1,
      column: DIGIT_COLUMN,
      rows: [["predicted digit", digit.digit]],
    });
  }
  return blocks;
}
