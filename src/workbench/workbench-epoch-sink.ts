import type { HyperFormula } from "hyperformula";
import type { EpochResult } from "../engine/train/protocol";
import { EPOCH_HEADERS, type EpochSink, epochRow } from "../taskpane/epoch-sink";

export const WORKBENCH_TRAINING_SHEET = "Training";

/** The workbench's EpochSink: the same rows as in Excel, written into a "Training" sheet of HyperFormula. */
export class WorkbenchEpochSink implements EpochSink {
  readonly description = `workbench sheet "${WORKBENCH_TRAINING_SHEET}"`;

  constructor(
    private readonly hf: HyperFormula,
    private readonly onSheetReady: (sheetName: string) => void = () => undefined,
  ) {}

  async begin(): Promise<void> {
    const existing = this.hf.getSheetId(WORKBENCH_TRAINING_SHEET);
    if (existing === undefined) this.hf.addSheet(WORKBENCH_TRAINING_SHEET);
    else this.hf.clearSheet(existing);
    this.hf.setCellContents({ sheet: this.sheetId(), row: 0, col: 0 }, [[...EPOCH_HEADERS]]);
    this.onSheetReady(WORKBENCH_TRAINING_SHEET);
  }

  async writeEpoch(result: EpochResult, index: number): Promise<void> {
    this.hf.setCellContents({ sheet: this.sheetId(), row: index + 1, col: 0 }, [epochRow(result)]);
  }

  async finish(): Promise<void> {}

  private sheetId(): number {
    const id = this.hf.getSheetId(WORKBENCH_TRAINING_SHEET);
    if (id === undefined) throw new Error(`sheet "${WORKBENCH_TRAINING_SHEET}" was removed during the run`);
    return id;
  }
}

export interface TrainingSeries {
  epochs: string[];
  loss: number[];
  validation: number[];
  test: number[];
}

/** Columns A–D of the Training sheet (epoch, loss, validation and test accuracy), read back for the chart. */
export function trainingSeries(hf: HyperFormula): TrainingSeries {
  const id = hf.getSheetId(WORKBENCH_TRAINING_SHEET);
  const series: TrainingSeries = { epochs: [], loss: [], validation: [], test: [] };
  if (id === undefined) return series;
  const height = hf.getSheetDimensions(id).height;
  for (let row = 1; row < height; row++) {
    const read = (col: number) => hf.getCellValue({ sheet: id, row, col });
    const [loss, validation, test] = [read(1), read(2), read(3)];
    if (typeof loss !== "number") break;
    series.epochs.push(String(read(0)));
    series.loss.push(loss);
    series.validation.push(typeof validation === "number" ? validation : NaN);
    series.test.push(typeof test === "number" ? test : NaN);
  }
  return series;
}
