/*
 * The local workbench: a HyperFormula spreadsheet with our GD.* functions registered, and the same MNIST
 * training pane as in Excel beside it, keeping each run in its own sheet and listing every run in "Runs".
 * This is what `npm start` serves where Excel cannot run, and what the browser tests drive.
 */
/* global requestAnimationFrame, HTMLButtonElement, HTMLCanvasElement, HTMLElement, HTMLInputElement, HTMLSelectElement, HTMLTableElement, Option, URL, document */
import "../taskpane/custom-functions-shim";
import { HyperFormula } from "hyperformula";
import { OPTIMIZER_CHOICES, SCHEDULE_CHOICES, checkTrainConfig } from "../taskpane/engine-choices";
import { mountTrainingPane } from "../taskpane/mount-pane";
import { createTrainingWorker } from "../worker/create-training-worker";
import { EXAMPLE_WORKBOOKS, fetchExampleSheets, type SheetContent } from "./example-workbooks";
import { SheetCharts } from "./sheet-charts";
import { SheetGrid } from "./sheet-grid";
import { WorkbenchRunSink } from "./workbench-run-sink";
import { createWorkbenchEngine } from "./workbench-engine";

function required<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`workbench.html lacks #${id}`);
  return element;
}

/** Replaces every sheet of the workbench with a workbook's sheets. */
function replaceSheets(hf: HyperFormula, sheets: readonly SheetContent[]): void {
  for (const name of hf.getSheetNames()) {
    const id = hf.getSheetId(name);
    if (id !== undefined) hf.removeSheet(id);
  }
  for (const sheet of sheets) {
    const id = hf.getSheetId(hf.addSheet(sheet.name));
    if (id !== undefined) hf.setSheetContent(id, sheet.rows);
  }
}

function mountExamplePicker(hf: HyperFormula, grid: SheetGrid, redraw: () => void): void {
  const picker = required("wb-example", HTMLSelectElement);
  picker.append(new Option("choose…", ""), ...EXAMPLE_WORKBOOKS.map((file) => new Option(file, file)));
  picker.addEventListener("change", () => {
    const file = picker.value;
    if (!file) return;
    picker.disabled = true;
    fetchExampleSheets(document.baseURI, file)
      .then((sheets) => {
        replaceSheets(hf, sheets);
        const first = sheets[0];
        if (first) grid.showSheet(first.name);
        redraw();
        picker.dataset["loaded"] = file;
      })
      .catch((error: unknown) => {
        picker.title = `could not open ${file}: ${String(error)}`;
        picker.dataset["loaded"] = "";
      })
      .finally(() => {
        picker.disabled = false;
      });
  });
}

function main(): void {
  const hf: HyperFormula = createWorkbenchEngine();
  let charts: SheetCharts | undefined;
  const grid = new SheetGrid(
    hf,
    {
      tabs: required("wb-tabs", HTMLElement),
      nameBox: required("wb-name", HTMLInputElement),
      formulaBar: required("wb-formula", HTMLInputElement),
      table: required("wb-grid", HTMLTableElement),
    },
    () => charts?.redraw(),
  );
  charts = new SheetCharts(hf, grid, {
    parameters: required("wb-chart-parameters", HTMLCanvasElement),
    loss: required("wb-chart-loss", HTMLCanvasElement),
    plane: required("wb-chart-plane", HTMLCanvasElement),
    compare: required("wb-compare-button", HTMLButtonElement),
    selection: required("wb-chart-selection", HTMLCanvasElement),
    training: required("wb-chart", HTMLCanvasElement),
    chartSelection: required("wb-chart-selection-button", HTMLButtonElement),
    removeSelectionChart: required("wb-chart-remove-button", HTMLButtonElement),
  });
  const redraw = () => {
    grid.render();
    charts?.redraw();
  };
  // Training writes a row per epoch: redraw at most once per frame, so the page stays responsive.
  let redrawQueued = false;
  const scheduleRedraw = () => {
    if (redrawQueued) return;
    redrawQueued = true;
    requestAnimationFrame(() => {
      redrawQueued = false;
      redraw();
    });
  };
  const pane = mountTrainingPane(required("app", HTMLElement), {
    destinations: [
      {
        value: "run-sheet",
        label: "a new sheet per run, listed in Runs",
        sink: (notice) => new WorkbenchRunSink(hf, (name) => grid.showSheet(name), notice),
      },
    ],
    createWorker: createTrainingWorker,
    mnistBaseUrl: new URL("assets/mnist/", document.baseURI).href,
    optimizers: OPTIMIZER_CHOICES,
    schedules: SCHEDULE_CHOICES,
    checkConfig: checkTrainConfig,
    afterWrite: scheduleRedraw,
  });
  mountExamplePicker(hf, grid, redraw);
  grid.select(0, 0);
  redraw();
  // For debugging from the console and for the browser tests' diagnostics (not used to assert results).
  (globalThis as { workbench?: unknown }).workbench = { hf, grid, pane, charts };
}

main();
