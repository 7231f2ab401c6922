/** The CLI's worker_threads worker: the engine's protocol session over parentPort, data from a directory. */
import { parentPort } from "node:worker_threads";
import { createTrainingSession } from "../engine/train/session";
import type { ToWorker } from "../engine/train/protocol";
import { loadMnistSource } from "./load-mnist";

const port = parentPort;
if (!port) throw new Error("src/cli/worker.ts must run as a worker thread");
const session = createTrainingSession((message) => port.postMessage(message), loadMnistSource);
port.on("message", (message: ToWorker) => void session.handle(message));
