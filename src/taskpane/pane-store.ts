/**
 * The pane's state in one plain object, outside React: the controller's events and the user's actions update it,
 * the views (src/taskpane/components) only read it (useSyncExternalStore). No DOM, no Office.
 */
import type { EpochResult } from "../engine/train/protocol";
import { configToForm, type FieldError, type FieldName, type FormValues } from "./config-form";
import { PRESETS, type PresetName } from "./presets";
import type { RunState, Trained } from "./training-controller";

/** What the pane needs of a picked file (a DOM File satisfies it). */
export interface PickedFile {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export const FILE_KEYS = ["trainImages", "trainLabels", "testImages", "testLabels"] as const;
export type FileKey = (typeof FILE_KEYS)[number];

export const FILE_LABELS: Record<FileKey, string> = {
  trainImages: "training images",
  trainLabels: "training labels",
  testImages: "test images",
  testLabels: "test labels",
};

export interface PaneState {
  preset: PresetName;
  form: FormValues;
  /** The message next to each invalid field. */
  fieldErrors: Partial<Record<FieldName, string>>;
  /** Problems that stop a run from starting (listed under the buttons). */
  messages: string[];
  data: "bundled" | "files";
  files: Partial<Record<FileKey, PickedFile>>;
  destination: string;
  run: { state: RunState; detail: string };
  /** A non-error notice or a sink failure (results stay in the pane). */
  warning: string;
  epochs: readonly EpochResult[];
  /** Reading picked files before a run starts: Train is blocked meanwhile. */
  starting: boolean;
  /** The last run's network and test report, once it has finished. */
  trained: Trained | undefined;
  /** Where a sweep is: "sweep: run 2 of 3 (lr 0.5)", then how it ended; empty for a single run. */
  sweep: string;
  /** Copy as PyTorch: the script shown (empty before the first copy), what it is of, and whether it was copied. */
  pytorch: { script: string; note: string; status: string };
}

export function initialPaneState(destination: string): PaneState {
  return {
    preset: "network.py",
    form: configToForm(PRESETS["network.py"]),
    fieldErrors: {},
    messages: [],
    data: "bundled",
    files: {},
    destination,
    run: { state: "idle", detail: "Ready." },
    warning: "",
    epochs: [],
    starting: false,
    trained: undefined,
    sweep: "",
    pytorch: { script: "", note: "", status: "" },
  };
}

export function fieldErrorMap(errors: readonly FieldError[]): Partial<Record<FieldName, string>> {
  const map: Partial<Record<FieldName, string>> = {};
  for (const e of errors) map[e.field] ??= e.message;
  return map;
}

/** A tiny observable store (React's useSyncExternalStore contract: subscribe + getSnapshot). */
export class Store<T extends object> {
  private state: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.state = initial;
  }

  readonly get = (): T => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(patch: Partial<T> | ((state: T) => Partial<T>)): void {
    const change = typeof patch === "function" ? patch(this.state) : patch;
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

export type PaneStore = Store<PaneState>;

export interface ProgressState {
  run: number;
  epoch: number;
  text: string;
}

/** Progress changes ten times a second during a run: a store of its own, so only the progress view re-renders. */
export type ProgressStore = Store<ProgressState>;
