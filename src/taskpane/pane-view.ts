/* global HTMLButtonElement, HTMLElement, HTMLInputElement, HTMLProgressElement, HTMLSelectElement, HTMLTableSectionElement */

import type { EpochResult } from "../engine/train/protocol";
import {
  ACTIVATIONS,
  FIELD_NAMES,
  INITS,
  LOSSES,
  OUTPUTS,
  cliName,
  type FieldName,
  type FormValues,
} from "./config-form";
import { el } from "./dom";
import { epochRow } from "./epoch-sink";
import { PRESET_NAMES } from "./presets";
import type { RunState } from "./training-controller";

/** The pane's DOM: form, data choice, destination, Train/Stop, status, progress bar and the live epoch table. */
export interface PaneView {
  root: HTMLElement;
  preset: HTMLSelectElement;
  inputs: Record<FieldName, HTMLInputElement | HTMLSelectElement>;
  dataBundled: HTMLInputElement;
  dataFiles: HTMLInputElement;
  files: Record<"trainImages" | "trainLabels" | "testImages" | "testLabels", HTMLInputElement>;
  destination: HTMLSelectElement;
  train: HTMLButtonElement;
  stop: HTMLButtonElement;
  status: HTMLElement;
  /** The whole run, and the epoch under way. */
  progress: HTMLProgressElement;
  epochProgress: HTMLProgressElement;
  progressText: HTMLElement;
  warning: HTMLElement;
  errors: HTMLElement;
  epochBody: HTMLTableSectionElement;
}

export interface ViewChoices {
  optimizers: readonly string[];
  schedules: readonly string[];
  destinations: readonly { value: string; label: string }[];
}

const FIELD_HELP: Record<FieldName, string> = {
  layers: "sizes from input to output, e.g. 784,30,10",
  activation: "hidden layers",
  output: "output layer",
  loss: "cost function",
  init: "weight initialisation",
  optimizer: "update rule",
  lr: "learning rate η",
  optimizerOptions: "e.g. momentum=0.9, nesterov=true",
  schedule: "learning-rate schedule (per batch)",
  scheduleOptions: "e.g. gamma=0.1, step_size=1000",
  lambda: "L2 regularisation λ",
  epochs: "passes over the training set",
  batch: "mini-batch size",
  seed: "same seed, same run",
  trainLimit: "first N training images (0 = all 50,000)",
  progressEvery: "progress update every N batches",
};

function select(id: string, options: readonly string[], labels?: readonly string[]): HTMLSelectElement {
  const element = el("select", { id });
  options.forEach((value, i) => element.append(el("option", { value }, labels?.[i] ?? value)));
  return element;
}

export function createPaneView(container: HTMLElement, choices: ViewChoices): PaneView {
  const choicesFor: Partial<Record<FieldName, readonly string[]>> = {
    activation: ACTIVATIONS,
    output: OUTPUTS,
    loss: LOSSES,
    init: INITS,
    optimizer: choices.optimizers,
    schedule: choices.schedules,
  };
  const inputs = {} as Record<FieldName, HTMLInputElement | HTMLSelectElement>;
  const form = el("div", { class: "gd-form" });
  for (const name of FIELD_NAMES) {
    const id = `gd-field-${name}`;
    const options = choicesFor[name];
    const input = options ? select(id, options) : el("input", { id, type: "text", spellcheck: "false" });
    input.setAttribute("name", name);
    input.setAttribute("aria-describedby", `${id}-error`);
    inputs[name] = input;
    form.append(
      el("label", { for: id, title: FIELD_HELP[name] }, cliName(name)),
      input,
      el("div", { class: "gd-field-error", id: `${id}-error`, role: "alert" }),
    );
  }

  const preset = select("gd-preset", PRESET_NAMES);
  const dataBundled = el("input", {
    type: "radio",
    name: "gd-data",
    id: "gd-data-bundled",
    value: "bundled",
  });
  dataBundled.checked = true;
  const dataFiles = el("input", { type: "radio", name: "gd-data", id: "gd-data-files", value: "files" });
  const fileInput = (id: string) => el("input", { type: "file", id, accept: ".gz,application/gzip,*/*" });
  const files = {
    trainImages: fileInput("gd-file-train-images"),
    trainLabels: fileInput("gd-file-train-labels"),
    testImages: fileInput("gd-file-test-images"),
    testLabels: fileInput("gd-file-test-labels"),
  };
  const destination = select(
    "gd-destination",
    choices.destinations.map((d) => d.value),
    choices.destinations.map((d) => d.label),
  );
  const train = el("button", { id: "gd-train", type: "button", class: "gd-primary" }, "Train");
  const stop = el("button", { id: "gd-stop", type: "button" }, "Stop");
  stop.disabled = true;
  const status = el("div", { id: "gd-status", "data-state": "idle", role: "status" }, "Ready.");
  const progress = el("progress", { id: "gd-progress", max: "1", value: "0", "aria-label": "run progress" });
  const epochProgress = el("progress", {
    id: "gd-epoch-progress",
    max: "1",
    value: "0",
    "aria-label": "progress of the epoch",
  });
  const progressText = el("div", { id: "gd-progress-text", class: "gd-muted" });
  const warning = el("div", { id: "gd-warning", class: "gd-warning", role: "alert" });
  const errors = el("ul", { id: "gd-errors", class: "gd-errors", role: "alert" });
  const epochBody = el("tbody");
  const table = el(
    "table",
    { id: "gd-epochs", class: "gd-epochs" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ...["epoch", "train loss", "val. acc.", "test acc.", "s", "lr"].map((h) => el("th", {}, h)),
      ),
    ),
    epochBody,
  );

  const root = el(
    "section",
    { class: "gd-pane", id: "gd-pane" },
    el("h2", {}, "MNIST training"),
    el("div", { class: "gd-row" }, el("label", { for: "gd-preset" }, "preset"), preset),
    form,
    el(
      "fieldset",
      { class: "gd-data" },
      el("legend", {}, "data"),
      el("label", {}, dataBundled, " bundled MNIST (60,000 + 10,000 images)"),
      el("label", {}, dataFiles, " my IDX files (.gz or raw):"),
      el(
        "div",
        { class: "gd-files" },
        el("label", {}, "train images ", files.trainImages),
        el("label", {}, "train labels ", files.trainLabels),
        el("label", {}, "test images ", files.testImages),
        el("label", {}, "test labels ", files.testLabels),
      ),
    ),
    el("div", { class: "gd-row" }, el("label", { for: "gd-destination" }, "write to"), destination),
    el("div", { class: "gd-buttons" }, train, stop),
    errors,
    status,
    el("label", { for: "gd-progress", class: "gd-muted" }, "run"),
    progress,
    el("label", { for: "gd-epoch-progress", class: "gd-muted" }, "epoch"),
    epochProgress,
    progressText,
    warning,
    table,
  );
  container.append(root);
  return {
    root,
    preset,
    inputs,
    dataBundled,
    dataFiles,
    files,
    destination,
    train,
    stop,
    status,
    progress,
    epochProgress,
    progressText,
    warning,
    errors,
    epochBody,
  };
}

export function readForm(view: PaneView): FormValues {
  const values = {} as FormValues;
  for (const name of FIELD_NAMES) values[name] = view.inputs[name].value;
  return values;
}

export function writeForm(view: PaneView, values: FormValues): void {
  for (const name of FIELD_NAMES) {
    const input = view.inputs[name];
    if (input instanceof HTMLSelectElement && ![...input.options].some((o) => o.value === values[name])) {
      input.append(el("option", { value: values[name] }, values[name]));
    }
    input.value = values[name];
  }
}

export function showFieldErrors(
  view: PaneView,
  errors: readonly { field: FieldName; message: string }[],
): void {
  view.errors.replaceChildren(...errors.map((e) => el("li", {}, e.message)));
  for (const name of FIELD_NAMES) {
    const message = errors.find((e) => e.field === name)?.message ?? "";
    const slot = view.root.querySelector(`#gd-field-${name}-error`);
    if (slot) slot.textContent = message;
    view.inputs[name].classList.toggle("gd-invalid", message !== "");
  }
}

export function showState(view: PaneView, state: RunState, detail: string): void {
  view.status.dataset["state"] = state;
  view.status.textContent = `${state}: ${detail}`;
  const busy = state === "loading" || state === "running" || state === "stopping";
  view.train.disabled = busy;
  view.stop.disabled = !(state === "loading" || state === "running");
}

export function appendEpochRow(view: PaneView, result: EpochResult): void {
  const [epoch, loss, validation, test, , lr, seconds] = epochRow(result);
  const percent = (v: number | "" | undefined) => (typeof v === "number" ? `${(v * 100).toFixed(2)}%` : "");
  const fixed = (v: number | "" | undefined, digits: number) =>
    typeof v === "number" ? v.toFixed(digits) : "";
  view.epochBody.append(
    el(
      "tr",
      {},
      ...[
        String(epoch),
        fixed(loss, 4),
        percent(validation),
        percent(test),
        fixed(seconds, 2),
        String(lr),
      ].map((t) => el("td", {}, t)),
    ),
  );
}
