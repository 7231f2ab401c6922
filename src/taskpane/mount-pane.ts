/* global HTMLElement, setTimeout */

import type { DataSource, TrainConfig } from "../engine/train/protocol";
import { idxBytesOf } from "../worker/mnist-source";
import { cliName, configToForm, type ConfigCheck, type FieldName } from "./config-form";
import { renderTrainingPane } from "./components/render-pane";
import type { EpochSink } from "./epoch-sink";
import {
  FILE_LABELS,
  Store,
  type PaneStore,
  type ProgressStore,
  fieldErrorMap,
  initialPaneState,
  type FileKey,
  type PaneState,
  type PickedFile,
} from "./pane-store";
import { PRESETS, type PresetName } from "./presets";
import { pytorchScript } from "./pytorch-script";
import { runProgress } from "./run-progress";
import { parseSweep, sweepLabel } from "./sweep";
import {
  FINAL_STATES,
  TrainingController,
  type ProgressInfo,
  type TrainingWorker,
} from "./training-controller";

const PROGRESS_INTERVAL_MS = 100;

export interface Destination {
  value: string;
  label: string;
  /** A fresh sink per run; `notice` shows a non-error message in the pane. */
  sink: (notice: (message: string) => void) => EpochSink;
}

/** What differs between Excel and the workbench: where rows go, how the worker starts, where assets live. */
export interface PaneHost {
  destinations: readonly Destination[];
  createWorker: () => TrainingWorker;
  /** Absolute URL of the folder holding the gzip-compressed IDX files (dist/assets/mnist/). */
  mnistBaseUrl: string;
  optimizers: readonly string[];
  schedules: readonly string[];
  /** Engine check of optimizer/schedule names and options before a run starts. */
  checkConfig?: ConfigCheck;
  /** Called after each epoch's row reached the sink (the workbench redraws its grid and chart). */
  afterWrite?: () => void;
  /** Puts text on the clipboard (default: the browser's clipboard). */
  copyText?: (text: string) => Promise<void>;
}

/** Everything a view may ask for; the views hold no logic of their own. */
export interface PaneActions {
  choosePreset(name: PresetName): void;
  setField(name: FieldName, value: string): void;
  setData(kind: PaneState["data"]): void;
  pickFile(key: FileKey, file: PickedFile | undefined): void;
  setDestination(value: string): void;
  train(): void;
  stop(): void;
  /** The configured run (a sweep's first) as a PyTorch script: shown in the pane and put on the clipboard. */
  copyPytorch(): void;
}

export interface MountedPane {
  store: PaneStore;
  progress: ProgressStore;
  controller: TrainingController;
  actions: PaneActions;
}

/** Builds the pane's core (store, controller, actions) and renders the Fluent UI view into `container`. */
export function mountTrainingPane(container: HTMLElement, host: PaneHost): MountedPane {
  const pane = createPaneCore(host);
  renderTrainingPane(container, pane.store, pane.progress, pane.actions, {
    optimizers: host.optimizers,
    schedules: host.schedules,
    destinations: host.destinations,
  });
  return pane;
}

/** The pane without its view: what the controller and the user's actions do to the store. */
export function createPaneCore(host: PaneHost): MountedPane {
  const first = host.destinations[0];
  if (!first) throw new Error("the pane needs at least one destination");
  const store: PaneStore = new Store(initialPaneState(first.value));
  const progressStore: ProgressStore = new Store({ run: 0, epoch: 0, text: "" });
  const clock = { loadedAt: 0, train: 0 };
  /** The sweep under way (undefined for a single run): its runs, the next to start, and whether Stop ended it. */
  let pending: { configs: TrainConfig[]; next: number; stopped: boolean } | undefined;
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
    progressStore.update({ run: progress.runFraction, epoch: progress.epochFraction, text: progress.text });
  };
  /** Reading picked files is asynchronous: a second click is blocked until the run has started (or failed). */
  const begin = (start: () => Promise<void>) => {
    store.update({ starting: true });
    start()
      .catch((error: unknown) => {
        pending = undefined;
        store.update({ messages: [error instanceof Error ? error.message : String(error)], sweep: "" });
      })
      .finally(() => store.update({ starting: false }));
  };
  const controller = new TrainingController(host.createWorker, {
    state: (state, detail) => {
      store.update({ run: { state, detail } });
      if (!FINAL_STATES.includes(state) || !pending) return;
      const sweep = pending;
      if (state === "done" && !sweep.stopped && sweep.next < sweep.configs.length) {
        // The next run of the sweep starts once this one's rows are all written (the final state says so).
        begin(() => startRun(store, progressStore, host, controller, sweep.configs, sweep.next++));
        return;
      }
      pending = undefined;
      const ran = sweep.next;
      const total = sweep.configs.length;
      store.update({
        sweep:
          ran === total && state === "done"
            ? `sweep of ${total} runs finished`
            : `sweep ended at run ${ran} of ${total} (${state}); ${total - ran} run(s) not started`,
      });
    },
    loaded: (info) => {
      clock.loadedAt = globalThis.performance.now();
      clock.train = info.train;
      progressStore.update({ text: `MNIST loaded in ${info.seconds.toFixed(1)} s` });
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
      store.update((s) => ({ epochs: [...s.epochs, result] }));
      // The epoch is whole: every batch of it counts (examples per second included).
      const batches = Math.max(1, Math.ceil(clock.train / (controller.config?.batch ?? 1)));
      showProgress({ epoch: result.epoch, batch: batches, batches, loss: result.trainLoss });
    },
    sinkError: (message) => store.update({ warning: message }),
    trained: (trained) => store.update({ trained }),
  });

  const actions: PaneActions = {
    // A preset replaces every value, so the messages about the old values go too.
    choosePreset: (name) =>
      store.update({ preset: name, form: configToForm(PRESETS[name]), fieldErrors: {}, messages: [] }),
    setField: (name, value) => store.update((s) => ({ form: { ...s.form, [name]: value } })),
    setData: (data) => store.update({ data, messages: [] }),
    pickFile: (key, file) => store.update((s) => ({ files: { ...s.files, [key]: file }, messages: [] })),
    setDestination: (destination) => store.update({ destination }),
    train: () => {
      if (store.get().starting || pending || !FINAL_STATES.includes(controller.state)) return;
      const sweep = parseForm(store, host);
      if (!sweep) return;
      pending = sweep.length > 1 ? { configs: sweep, next: 1, stopped: false } : undefined;
      begin(() => startRun(store, progressStore, host, controller, sweep, 0));
    },
    stop: () => {
      // Stop ends the whole sweep: the run in progress keeps what it wrote, the later runs do not start.
      if (pending) pending.stopped = true;
      controller.stop();
    },
    copyPytorch: () => {
      const parsed = parseSweep(store.get().form, host.checkConfig);
      if (!parsed.ok) {
        const fields = [...new Set(parsed.errors.map((e) => cliName(e.field)))];
        store.update({
          fieldErrors: fieldErrorMap(parsed.errors),
          pytorch: { script: "", note: "", status: `fix ${fields.join(", ")} before copying as PyTorch` },
        });
        return;
      }
      const script = pytorchScript(parsed.configs[0] as TrainConfig);
      // A sweep's script is its first run's; the hint says which ("sweep: run 1 of 3 (lr 0.5)").
      const note = sweepLabel(parsed.configs, 0);
      store.update({ fieldErrors: {}, pytorch: { script, note, status: "" } });
      const copied = (status: string) =>
        store.update((s) => (s.pytorch.script === script ? { pytorch: { ...s.pytorch, status } } : {}));
      (host.copyText ?? copyToClipboard)(script).then(
        () => copied("PyTorch script copied to the clipboard"),
        () => copied("The clipboard is not available here: select the script below and copy it (Ctrl+C)"),
      );
    },
  };
  return { store, progress: progressStore, controller, actions };
}

function copyToClipboard(text: string): Promise<void> {
  // Typed by hand: the page's Navigator has a clipboard, a worker's (also in the compiler's libs) has none.
  const { navigator } = globalThis as {
    navigator?: { clipboard?: { writeText(text: string): Promise<void> } };
  };
  const clipboard = navigator?.clipboard;
  return clipboard ? clipboard.writeText(text) : Promise.reject(new Error("no clipboard"));
}

/** The form's runs (one, or one per value of a sweep's lists), or undefined with every message shown. */
function parseForm(store: PaneStore, host: PaneHost): TrainConfig[] | undefined {
  const parsed = parseSweep(store.get().form, host.checkConfig);
  if (!parsed.ok) {
    // Each message stands under its field; the live region names the fields once.
    const fields = [...new Set(parsed.errors.map((e) => cliName(e.field)))];
    store.update({
      fieldErrors: fieldErrorMap(parsed.errors),
      messages: [],
      sweep: "",
      run: { state: "idle", detail: `fix ${fields.length} field(s) first: ${fields.join(", ")}` },
    });
    return undefined;
  }
  store.update({ fieldErrors: {}, messages: [] });
  return parsed.configs;
}

/** Starts run `index` of `configs` (the picked files are read again for each run: the worker takes them). */
async function startRun(
  store: PaneStore,
  progress: ProgressStore,
  host: PaneHost,
  controller: TrainingController,
  configs: readonly TrainConfig[],
  index: number,
): Promise<void> {
  const config = configs[index] as TrainConfig;
  const data = await dataSource(store.get(), host);
  const state = store.get();
  const destination = host.destinations.find((d) => d.value === state.destination) ?? host.destinations[0];
  if (!destination) throw new Error("the pane needs at least one destination");
  store.update({ epochs: [], warning: "", trained: undefined, sweep: sweepLabel(configs, index) });
  progress.update({ run: 0, epoch: 0, text: "" });
  const sink = destination.sink((message) => store.update({ warning: message }));
  controller.start(config, data, {
    description: sink.description,
    begin: (config) => sink.begin(config),
    writeEpoch: async (result, index) => {
      await sink.writeEpoch(result, index);
      host.afterWrite?.();
    },
    writeTrained: async (trained) => {
      await sink.writeTrained?.(trained);
      host.afterWrite?.();
    },
    finish: async (results, stopped) => {
      await sink.finish(results, stopped);
      host.afterWrite?.();
    },
  });
}

async function dataSource(state: PaneState, host: PaneHost): Promise<DataSource> {
  if (state.data === "bundled") return { kind: "bundled", baseUrl: host.mnistBaseUrl };
  const read = async (key: FileKey): Promise<ArrayBuffer> => {
    const file = state.files[key];
    if (!file) throw new Error(`pick the ${FILE_LABELS[key]} file (or choose the bundled MNIST)`);
    return idxBytesOf(await file.arrayBuffer(), file.name);
  };
  return {
    kind: "buffers",
    trainImages: await read("trainImages"),
    trainLabels: await read("trainLabels"),
    testImages: await read("testImages"),
    testLabels: await read("testLabels"),
  };
}
