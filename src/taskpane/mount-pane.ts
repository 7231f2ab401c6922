/* global HTMLElement, HTMLInputElement, document, setTimeout */

import type { DataSource } from "../engine/train/protocol";
import { idxBytesOf } from "../worker/mnist-source";
import { configToForm, parseTrainForm, type ConfigCheck } from "./config-form";
import type { EpochSink } from "./epoch-sink";
import {
  appendEpochRow,
  createPaneView,
  readForm,
  showFieldErrors,
  showState,
  writeForm,
  type PaneView,
} from "./pane-view";
import { PRESETS, type PresetName } from "./presets";
import { runProgress } from "./run-progress";
import {
  FINAL_STATES,
  TrainingController,
  type ProgressInfo,
  type TrainingWorker,
} from "./training-controller";

const PROGRESS_INTERVAL_MS = 100;

/** What differs between Excel and the workbench: where rows go, how the worker starts, where assets live. */
export interface PaneHost {
  /** Each destination makes a fresh sink per run; `notice` shows a non-error message in the pane. */
  destinations: readonly {
    value: string;
    label: string;
    sink: (notice: (message: string) => void) => EpochSink;
  }[];
  createWorker: () => TrainingWorker;
  /** Absolute URL of the folder holding the gzip-compressed IDX files (dist/assets/mnist/). */
  mnistBaseUrl: string;
  optimizers: readonly string[];
  schedules: readonly string[];
  /** Engine check of optimizer/schedule names and options before a run starts. */
  checkConfig?: ConfigCheck;
  /** Called after each epoch's row reached the sink (the workbench redraws its grid and chart). */
  afterWrite?: () => void;
}

export interface MountedPane {
  view: PaneView;
  controller: TrainingController;
}

/** Builds the pane into `container` and wires form → controller → worker → table/sink. */
export function mountTrainingPane(container: HTMLElement, host: PaneHost): MountedPane {
  const view = createPaneView(container, {
    optimizers: host.optimizers,
    schedules: host.schedules,
    destinations: host.destinations,
  });
  const clock = { loadedAt: 0, train: 0 };
  let latest: ProgressInfo | undefined;
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  const showProgress = (p: ProgressInfo) => {
    const config = controller.config;
    if (!config) return;
    const progress = runProgress({
      ...p,
      epochs: config.epochs,
      batchSize: config.batch,
      trainImages: clock.train,
      elapsed: (globalThis.performance.now() - clock.loadedAt) / 1000,
    });
    view.progress.value = progress.runFraction;
    view.epochProgress.value = progress.epochFraction;
    view.progressText.textContent = progress.text;
  };
  const controller = new TrainingController(host.createWorker, {
    state: (state, detail) => showState(view, state, detail),
    loaded: (info) => {
      clock.loadedAt = globalThis.performance.now();
      clock.train = info.train;
      view.progressText.textContent = `MNIST loaded in ${info.seconds.toFixed(1)} s`;
    },
    // The worker may post hundreds of progress messages a second: the page shows at most ten of them.
    progress: (p) => {
      latest = p;
      if (progressTimer !== undefined) return;
      progressTimer = setTimeout(() => {
        progressTimer = undefined;
        if (latest) showProgress(latest);
      }, PROGRESS_INTERVAL_MS);
    },
    epoch: (result) => {
      latest = undefined;
      appendEpochRow(view, result);
      showProgress({ epoch: result.epoch, batch: 1, batches: 1, loss: result.trainLoss });
    },
    sinkError: (message) => {
      view.warning.textContent = message;
    },
  });

  // A preset replaces every value, so the messages about the old values go too.
  const applyPreset = (name: PresetName) => {
    writeForm(view, configToForm(PRESETS[name]));
    showFieldErrors(view, []);
  };
  applyPreset("network.py");
  view.preset.addEventListener("change", () => applyPreset(view.preset.value as PresetName));

  view.train.addEventListener("click", () => {
    // Reading picked files is asynchronous: block a second click until the run has started (or failed).
    view.train.disabled = true;
    startRun(view, host, controller)
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        view.errors.replaceChildren(Object.assign(document.createElement("li"), { textContent: message }));
      })
      .finally(() => {
        view.train.disabled = !FINAL_STATES.includes(controller.state);
      });
  });
  view.stop.addEventListener("click", () => controller.stop());
  return { view, controller };
}

async function startRun(view: PaneView, host: PaneHost, controller: TrainingController): Promise<void> {
  const parsed = parseTrainForm(readForm(view), host.checkConfig);
  if (!parsed.ok) {
    showFieldErrors(view, parsed.errors);
    showState(view, "idle", `fix ${parsed.errors.length} field(s) first`);
    return;
  }
  showFieldErrors(view, []);
  const data = await dataSource(view, host);
  const destination =
    host.destinations.find((d) => d.value === view.destination.value) ?? host.destinations[0];
  if (!destination) throw new Error("the pane needs at least one destination");
  view.epochBody.replaceChildren();
  view.warning.textContent = "";
  view.progress.value = 0;
  view.epochProgress.value = 0;
  const sink = destination.sink((message) => {
    view.warning.textContent = message;
  });
  controller.start(parsed.config, data, {
    description: sink.description,
    begin: (config) => sink.begin(config),
    writeEpoch: async (result, index) => {
      await sink.writeEpoch(result, index);
      host.afterWrite?.();
    },
    finish: async (results, stopped) => {
      await sink.finish(results, stopped);
      host.afterWrite?.();
    },
  });
}

async function dataSource(view: PaneView, host: PaneHost): Promise<DataSource> {
  if (view.dataBundled.checked) return { kind: "bundled", baseUrl: host.mnistBaseUrl };
  const read = async (input: HTMLInputElement, what: string): Promise<ArrayBuffer> => {
    const file = input.files?.[0];
    if (!file) throw new Error(`pick the ${what} file (or choose the bundled MNIST)`);
    return idxBytesOf(await file.arrayBuffer(), file.name);
  };
  return {
    kind: "buffers",
    trainImages: await read(view.files.trainImages, "training images"),
    trainLabels: await read(view.files.trainLabels, "training labels"),
    testImages: await read(view.files.testImages, "test images"),
    testLabels: await read(view.files.testLabels, "test labels"),
  };
}
