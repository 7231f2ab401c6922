import type { HyperFormula } from "hyperformula";
import type { EpochResult, TrainConfig } from "../engine/train/protocol";
import { EPOCH_HEADERS, type EpochSink, type RunOutcome, epochRow } from "../taskpane/epoch-sink";
import {
  ACCURACY_BLOCK_COLUMN,
  ACCURACY_BLOCK_ROW,
  ACCURACY_BLOCK_TITLE,
  EPOCH_TABLE_ROW,
  RUNS_HEADERS,
  RUN_SHEET_MARKER,
  accuracyHeader,
  runSheetHead,
  runsRow,
  testAccuracy,
} from "../taskpane/run-layout";
import { trainedBlocks } from "../taskpane/network-layout";
import { RUNS_SHEET, freeSheetName, runSheetName } from "../taskpane/run-sheet-name";
import type { Trained } from "../taskpane/training-controller";

/**
 * The workbench's run sink: the same run sheets and Runs sheet as ExcelRunSink (run-layout.ts), written into
 * HyperFormula. A Runs sheet is recognised by its header row; any other sheet of that name is left alone.
 * `onSheet` hears the run sheet's name once it exists (the workbench shows it); `notice` what the pane says.
 */
export class WorkbenchRunSink implements EpochSink {
  private sheet: string | undefined;
  private runsSheet = RUNS_SHEET;
  private runRow = 0;
  private config: TrainConfig | undefined;

  constructor(
    private readonly hf: HyperFormula,
    private readonly onSheet: (sheetName: string) => void = () => undefined,
    private readonly notice: (message: string) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get description(): string {
    return this.sheet ? `workbench sheet "${this.sheet}"` : "a new workbench run sheet";
  }

  async begin(config: TrainConfig): Promise<void> {
    this.config = config;
    const names = this.hf.getSheetNames();
    const runs = names.find((n) => isRunsSheet(this.hf, n));
    if (runs) {
      this.runsSheet = runs;
    } else {
      this.runsSheet = freeSheetName(RUNS_SHEET, names);
      if (this.runsSheet !== RUNS_SHEET) {
        this.notice(
          `A sheet named "${RUNS_SHEET}" already exists and is not a list of runs; runs are listed in "${this.runsSheet}".`,
        );
      }
    }
    const name = runSheetName(config, names);
    const head = runSheetHead(name, config, this.now().toISOString());
    const listed = runs ? listedRuns(this.hf, this.idOf(runs)) : [];
    this.runRow = listed.length;
    const epochs = Math.max(config.epochs, ...listed.map((r) => r.epochs));
    // One batch (no reads inside): the grid and charts redraw once for the new sheets, not once per cell.
    this.hf.batch(() => {
      const sheet = this.idOf(this.hf.addSheet(name));
      this.hf.setCellContents({ sheet, row: 0, col: 0 }, head);
      this.hf.setCellContents({ sheet, row: EPOCH_TABLE_ROW, col: 0 }, [[...EPOCH_HEADERS]]);
      if (!runs) {
        const list = this.idOf(this.hf.addSheet(this.runsSheet));
        this.hf.setCellContents({ sheet: list, row: 0, col: 0 }, [[...RUNS_HEADERS]]);
        this.hf.setCellContents({ sheet: list, row: ACCURACY_BLOCK_ROW - 1, col: ACCURACY_BLOCK_COLUMN }, [
          [ACCURACY_BLOCK_TITLE],
        ]);
      }
      const list = this.idOf(this.runsSheet);
      this.hf.setCellContents({ sheet: list, row: 1 + this.runRow, col: 0 }, [
        runsRow({ name, config, results: [], status: "running" }),
      ]);
      this.hf.setCellContents({ sheet: list, row: ACCURACY_BLOCK_ROW, col: ACCURACY_BLOCK_COLUMN }, [
        accuracyHeader(epochs),
      ]);
      this.hf.setCellContents(
        { sheet: list, row: ACCURACY_BLOCK_ROW + 1 + this.runRow, col: ACCURACY_BLOCK_COLUMN },
        [[name]],
      );
    });
    this.sheet = name;
    this.onSheet(name);
  }

  async writeEpoch(result: EpochResult, index: number): Promise<void> {
    const sheet = this.requireSheet();
    this.hf.batch(() => {
      this.hf.setCellContents({ sheet: this.idOf(sheet), row: EPOCH_TABLE_ROW + 1 + index, col: 0 }, [
        epochRow(result),
      ]);
      const list = this.hf.getSheetId(this.runsSheet);
      if (list === undefined) return;
      this.hf.setCellContents(
        {
          sheet: list,
          row: ACCURACY_BLOCK_ROW + 1 + this.runRow,
          col: ACCURACY_BLOCK_COLUMN + 1 + result.epoch,
        },
        [[testAccuracy(result)]],
      );
    });
  }

  /** The confusion matrix, a test digit with its GD.MLP_PREDICT formula, and the parameters (network-layout.ts). */
  async writeTrained(trained: Trained): Promise<void> {
    const sheet = this.idOf(this.requireSheet());
    this.hf.batch(() => {
      for (const block of trainedBlocks(trained.network, trained.report)) {
        this.hf.setCellContents({ sheet, row: block.row, col: block.column }, block.rows);
      }
    });
  }

  async finish(results: readonly EpochResult[], outcome: RunOutcome): Promise<void> {
    const name = this.requireSheet();
    const list = this.idOf(this.runsSheet);
    const row = listedRuns(this.hf, list).findIndex((r) => r.name === name);
    if (row < 0) throw new Error(`run "${name}" is no longer listed in sheet "${this.runsSheet}"`);
    this.hf.setCellContents({ sheet: list, row: 1 + row, col: 0 }, [
      runsRow({ name, config: this.config as TrainConfig, results, status: outcome }),
    ]);
  }

  private requireSheet(): string {
    if (!this.sheet) throw new Error("begin() was not called");
    return this.sheet;
  }

  private idOf(name: string): number {
    const id = this.hf.getSheetId(name);
    if (id === undefined) throw new Error(`sheet "${name}" was deleted during the run`);
    return id;
  }
}

/** A sheet whose first row is the Runs table's header. */
export function isRunsSheet(hf: HyperFormula, name: string): boolean {
  const sheet = hf.getSheetId(name);
  if (sheet === undefined) return false;
  return RUNS_HEADERS.every((h, col) => hf.getCellValue({ sheet, row: 0, col }) === h);
}

export function isRunSheet(hf: HyperFormula, name: string): boolean {
  const sheet = hf.getSheetId(name);
  return sheet !== undefined && hf.getCellValue({ sheet, row: 0, col: 0 }) === RUN_SHEET_MARKER;
}

/** The runs listed below the Runs header, until the first empty row. */
function listedRuns(hf: HyperFormula, sheet: number): { name: string; epochs: number }[] {
  const epochsColumn = RUNS_HEADERS.indexOf("epochs");
  const runs: { name: string; epochs: number }[] = [];
  for (let row = 1; ; row++) {
    const name = hf.getCellValue({ sheet, row, col: 0 });
    if (typeof name !== "string" || name === "") return runs;
    const epochs = hf.getCellValue({ sheet, row, col: epochsColumn });
    runs.push({ name, epochs: typeof epochs === "number" ? epochs : 0 });
  }
}

export interface EpochSeries {
  epochs: string[];
  loss: number[];
  validation: number[];
  test: number[];
}

const numberOr = (value: unknown): number => (typeof value === "number" ? value : NaN);

/** A run sheet's epoch table (loss, validation and test accuracy per epoch), read back for its chart. */
export function runSheetSeries(hf: HyperFormula, name: string): EpochSeries {
  const series: EpochSeries = { epochs: [], loss: [], validation: [], test: [] };
  const sheet = hf.getSheetId(name);
  if (sheet === undefined) return series;
  for (let row = EPOCH_TABLE_ROW + 1; ; row++) {
    const read = (col: number) => hf.getCellValue({ sheet, row, col });
    const loss = read(1);
    if (typeof loss !== "number") return series;
    series.epochs.push(String(read(0)));
    series.loss.push(loss);
    series.validation.push(numberOr(read(2)));
    series.test.push(numberOr(read(3)));
  }
}

/** The Runs sheet's accuracy block: epoch labels and one series (test accuracy per epoch) per run. */
export function runsAccuracySeries(
  hf: HyperFormula,
  name: string,
): { epochs: string[]; runs: { name: string; values: number[] }[] } {
  const sheet = hf.getSheetId(name);
  const result = { epochs: [] as string[], runs: [] as { name: string; values: number[] }[] };
  if (sheet === undefined) return result;
  const read = (row: number, col: number) => hf.getCellValue({ sheet, row, col });
  for (let col = ACCURACY_BLOCK_COLUMN + 1; typeof read(ACCURACY_BLOCK_ROW, col) === "string"; col++) {
    result.epochs.push(String(read(ACCURACY_BLOCK_ROW, col)).replace(/^epoch /, ""));
  }
  for (let row = ACCURACY_BLOCK_ROW + 1; ; row++) {
    const run = read(row, ACCURACY_BLOCK_COLUMN);
    if (typeof run !== "string" || run === "") return result;
    result.runs.push({
      name: run,
      values: result.epochs.map((_, e) => numberOr(read(row, ACCURACY_BLOCK_COLUMN + 1 + e))),
    });
  }
}
