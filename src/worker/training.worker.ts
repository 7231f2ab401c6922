/// <reference lib="webworker" />
/* global DedicatedWorkerGlobalScope, MessageEvent, self */
/*
 * The MNIST training Web Worker: the engine's protocol session (the same one the CLI's worker_threads worker
 * wraps) with a browser data loader — the bundled gzip assets streamed through the engine's IdxStream, or the IDX
 * bytes of files the user picked, parsed by the engine's IDX reader.
 */
import { createMnistDataset } from "../engine/mnist";
import { createTrainingSession, type DataLoader } from "../engine/train";
import type { FromWorker, ToWorker } from "../engine/train/protocol";
import { readMnistFiles } from "./mnist-source";

const scope = self as unknown as DedicatedWorkerGlobalScope;

const loadData: DataLoader = async (source) => {
  const files = await readMnistFiles(source);
  return createMnistDataset(files.bytes, files.names);
};

// The trained parameters and the test report's arrays are transferred, not copied (protocol.ts).
const session = createTrainingSession(
  (message: FromWorker, transfer: ArrayBuffer[] = []) => scope.postMessage(message, transfer),
  loadData,
);

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  void session.handle(event.data);
};
