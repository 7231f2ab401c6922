/* global ErrorEvent, MessageEvent, Transferable */
import type { FromWorker, ToWorker } from "../../src/engine/train/protocol";
import type { TrainingWorker } from "../../src/taskpane/training-controller";

/** Stands in for the Web Worker: records what the pane sends; the test plays the worker's replies. */
export class FakeWorker implements TrainingWorker {
  sent: { message: ToWorker; transfer: Transferable[] }[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: ToWorker, transfer: Transferable[]): void {
    this.sent.push({ message, transfer });
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
}
