/*
 * The task pane page. In Excel it is also the shared runtime: importing the functions module here registers
 * the GD.* custom functions (CustomFunctionsMetadataPlugin appends their CustomFunctions.associate calls).
 */
import "./custom-functions-shim";
import "../functions/functions";
import { createTrainingWorker } from "../worker/create-training-worker";
import { OPTIMIZER_CHOICES, SCHEDULE_CHOICES, checkTrainConfig } from "./engine-choices";
import { NO_SINK } from "./epoch-sink";
import { ExcelEpochSink } from "./excel-epoch-sink";
import { mountTrainingPane } from "./mount-pane";

/* global Office, URL, document */

function mount(inExcel: boolean): void {
  const container = document.getElementById("app");
  if (!container) return;
  const destinations = inExcel
    ? [
        {
          value: "training-sheet",
          label: 'sheet "Training" (created or cleared)',
          sink: () => new ExcelEpochSink(),
        },
        {
          value: "selection",
          label: "active sheet, at the selected cell (must be empty)",
          sink: () => new ExcelEpochSink("selection"),
        },
        { value: "pane", label: "this pane only", sink: () => NO_SINK },
      ]
    : [{ value: "pane", label: "this pane only (Excel not available)", sink: () => NO_SINK }];
  mountTrainingPane(container, {
    destinations,
    createWorker: createTrainingWorker,
    mnistBaseUrl: new URL("assets/mnist/", document.baseURI).href,
    optimizers: OPTIMIZER_CHOICES,
    schedules: SCHEDULE_CHOICES,
    checkConfig: checkTrainConfig,
  });
}

if (typeof Office !== "undefined") {
  void Office.onReady((info) => mount(info.host === Office.HostType.Excel));
} else {
  mount(false);
}
