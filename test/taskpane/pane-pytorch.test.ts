/* global setTimeout */
import { expect, test } from "@jest/globals";
import { FakeWorker } from "./fake-worker";
import type { EpochSink } from "../../src/taskpane/epoch-sink";
import { createPaneCore, type PaneHost } from "../../src/taskpane/mount-pane";
import { PRESETS } from "../../src/taskpane/presets";
import { pytorchScript } from "../../src/taskpane/pytorch-script";

function host(copyText: (text: string) => Promise<void>): PaneHost {
  const sink = (): EpochSink => ({
    description: "nowhere",
    begin: async () => undefined,
    writeEpoch: async () => undefined,
    finish: async () => undefined,
  });
  return {
    destinations: [{ value: "sheet", label: "A sheet", sink }],
    createWorker: () => new FakeWorker(),
    mnistBaseUrl: "https://localhost/assets/mnist/",
    optimizers: ["sgd", "adam"],
    schedules: ["constant"],
    copyText,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

test("Copy as PyTorch puts the configured run's script on the clipboard and in the pane", async () => {
  const copied: string[] = [];
  const pane = createPaneCore(host(async (text) => void copied.push(text)));
  pane.actions.choosePreset("modern (ReLU+Adam)");
  pane.actions.setField("epochs", "5");
  pane.actions.copyPytorch();
  await settle();
  const expected = pytorchScript({ ...PRESETS["modern (ReLU+Adam)"], epochs: 5 });
  expect(copied).toEqual([expected]);
  expect(pane.store.get().pytorch).toEqual({
    script: expected,
    note: "",
    status: "PyTorch script copied to the clipboard",
  });
});

test("without a clipboard the script is still shown, with how to copy it; a sweep copies its first run", async () => {
  const pane = createPaneCore(host(() => Promise.reject(new Error("denied"))));
  pane.actions.setField("lr", "0.5, 3");
  pane.actions.copyPytorch();
  await settle();
  expect(pane.store.get().pytorch).toEqual({
    script: pytorchScript({ ...PRESETS["network.py"], lr: 0.5 }),
    note: "sweep: run 1 of 2 (lr 0.5)",
    status: "The clipboard is not available here: select the script below and copy it (Ctrl+C)",
  });
});

test("an invalid field is named under the field and nothing is copied", async () => {
  const copied: string[] = [];
  const pane = createPaneCore(host(async (text) => void copied.push(text)));
  pane.actions.setField("batch", "0");
  pane.actions.copyPytorch();
  await settle();
  expect(copied).toEqual([]);
  expect(pane.store.get().fieldErrors.batch).toMatch(/^batch /);
  expect(pane.store.get().pytorch.status).toBe("fix batch before copying as PyTorch");
});
