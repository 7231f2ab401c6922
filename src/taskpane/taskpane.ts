/*
 * The task pane page. In Excel it is also the shared runtime: taskpane.html loads functions.js (the GD.*
 * custom functions, their own webpack entry) before this script.
 */
import { createTrainingWorker } from "../worker/create-training-worker";
import { OPTIMIZER_CHOICES, SCHEDULE_CHOICES, checkTrainConfig } from "./engine-choices";
import { NO_SINK } from "./epoch-sink";
import { REQUIRED_EXCEL_API } from "./excel-api-calls";
import { ExcelRunSink } from "./excel-run-sink";
import { ExcelSelectionSink } from "./excel-selection-sink";
import { mountRebindSection } from "./rebind-section";
import { mountTrainingPane } from "./mount-pane";

/* global Office, URL, document */

/** The workbook is a destination only where Excel supports every call the sinks make (excel-api-calls.ts). */
function excelApiSupported(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", REQUIRED_EXCEL_API);
}

function mount(inExcel: boolean): void {
  const container = document.getElementById("app");
  if (!container) return;
  const destinations =
    inExcel && excelApiSupported()
      ? [
          {
            value: "run-sheet",
            label: "a new sheet per run, listed in Runs",
            sink: (notice: (message: string) => void) => new ExcelRunSink(notice),
          },
          {
            value: "selection",
            label: "active sheet, at the selected cell (must be empty)",
            sink: () => new ExcelSelectionSink(),
          },
          { value: "pane", label: "this pane only", sink: () => NO_SINK },
        ]
      : [
          {
            value: "pane",
            label: inExcel
              ? `this pane only (this Excel lacks ExcelApi ${REQUIRED_EXCEL_API})`
              : "this pane only (Excel not available)",
            sink: () => NO_SINK,
          },
        ];
  mountTrainingPane(container, {
    destinations,
    createWorker: createTrainingWorker,
    mnistBaseUrl: new URL("assets/mnist/", document.baseURI).href,
    optimizers: OPTIMIZER_CHOICES,
    schedules: SCHEDULE_CHOICES,
    checkConfig: checkTrainConfig,
  });
  if (inExcel) mountRebindSection(container);
}

if (typeof Office !== "undefined") {
  void Office.onReady((info) => mount(info.host === Office.HostType.Excel));
} else {
  mount(false);
}
