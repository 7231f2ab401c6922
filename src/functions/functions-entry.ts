/* global Worker */
/*
 * The custom functions' own webpack entry: dist/functions.js, the manifest's CustomFunctions <Script>, and the
 * first script taskpane.html loads (before the pane's UI), as in Microsoft's Excel-Custom-Functions-Shared
 * template. It is self-contained (no webpack runtime chunk), so Excel can load it on its own.
 *
 * Importing ./functions registers every GD.* function: the metadata plugin appends a
 * CustomFunctions.associate call per function to that module. Outside Excel (the pane opened in a browser)
 * the shim gives CustomFunctions a no-op associate first.
 *
 * TRAIN_MLP and TRAIN_MLP_LIVE train in a Web Worker here (cell-trainer.ts), never on Excel's runtime thread.
 *
 * State shared between this bundle and the pane's: none today. Each webpack entry has its own module copies,
 * so anything both must see goes on globalThis under the `gradientSteps` key (see CONTRIBUTING.md).
 */
import "../taskpane/custom-functions-shim";
import "./functions";
import { useCellTrainer, workerTrainer } from "./cell-trainer";
import { createCellTrainingWorker } from "./create-cell-training-worker";

if (typeof Worker !== "undefined") useCellTrainer(workerTrainer(createCellTrainingWorker));
