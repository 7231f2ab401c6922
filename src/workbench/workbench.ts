/*
 * The local workbench: a HyperFormula spreadsheet with our GD.* functions registered, and the same MNIST
 * training pane as in Excel beside it, keeping each run in its own sheet and listing every run in "Runs".
 * This is what `npm start` serves where Excel cannot run, and what the browser tests drive.
 */
/* global requestAnimationFrame, HTMLButtonElement, HTMLCanvasElement, HTMLDialogElement, HTMLElement, HTMLInputElement, HTMLSelectElement, URL, document */
import "../taskpane/custom-functions-shim";
import type { HyperFormula } from "hyperformula";
import { OPTIMIZER_CHOICES, SCHEDULE_CHOICES, checkTrainConfig } from "../taskpane/engine-choices";
import { mountTrainingPane } from "../taskpane/mount-pane";
import { createTrainingWorker } from "../worker/create-training-worker";
import { SheetCharts } from "./sheet-charts";
import { SheetGrid } from "./sheet-grid";
import { WorkbenchRunSink } from "./workbench-run-sink";
import { createWorkbenchEngine } from "./workbench-engine";
import { mountPaneToggle } from "./pane-toggle";
import { WorkbookFiles } from "./workbook-files";

function required<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`workbench.html lacks #${id}`);
  return element;
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
      host: required("wb-grid", HTMLElement),
      status: required("wb-status", HTMLElement),
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
  const files = new WorkbookFiles(
    { hf, activeSheetName: () => grid.activeSheetName, showSheet: (name) => grid.showSheet(name), redraw },
    {
      open: required("wb-open-button", HTMLButtonElement),
      fileInput: required("wb-file-input", HTMLInputElement),
      save: required("wb-save-button", HTMLButtonElement),
      examples: required("wb-example", HTMLSelectElement),
      fileName: required("wb-file-name", HTMLElement),
      fileState: required("wb-file-state", HTMLElement),
      message: required("wb-message", HTMLElement),
      messageText: required("wb-message-text", HTMLElement),
      messageClose: required("wb-message-close", HTMLButtonElement),
      confirm: required("wb-confirm", HTMLDialogElement),
      confirmText: required("wb-confirm-text", HTMLElement),
      dropTarget: document.body,
    },
  );
  mountPaneToggle(required("wb-pane-toggle", HTMLButtonElement), required("wb-layout", HTMLElement));
  grid.select(0, 0);
  redraw();
  void files.restore();
  // For debugging from the console and for the browser tests' diagnostics (not used to assert results).
  (globalThis as { workbench?: unknown }).workbench = { hf, grid, pane, charts, files };
}

main();
