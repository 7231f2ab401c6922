/// <reference lib="webworker" />
/* global DedicatedWorkerGlobalScope, MessageEvent, self */
/*
 * The cells' training Web Worker (Excel): cell-training-session.ts over the worker's scope — no MNIST loader,
 * so the worker stays small. Started by cell-trainer.ts's workerTrainer, one per run.
 */
import type { InlineData, ToWorker } from "../engine/train";
import { createCellTrainingSession } from "./cell-training-session";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = createCellTrainingSession((message) => scope.postMessage(message));

scope.onmessage = (event: MessageEvent<ToWorker<InlineData>>) => {
  void session.handle(event.data);
};
