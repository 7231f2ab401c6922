/** The cells' training worker over worker_threads (tests): the session src/functions/cell-training.worker.ts runs. */
import { parentPort } from "node:worker_threads";
import type { InlineData, ToWorker } from "../../src/engine/train";
import { createCellTrainingSession } from "../../src/functions/cell-training-session";

const port = parentPort;
if (!port) throw new Error("cell-training-node-worker.ts must run as a worker thread");
const session = createCellTrainingSession((message) => port.postMessage(message));
port.on("message", (message: ToWorker<InlineData>) => void session.handle(message));
