/**
 * `npm run train -- [options]`: trains on MNIST in a worker_threads worker that speaks the same protocol as
 * the task pane's Web Worker, printing network.py's per-epoch line. Exit codes: 0 done (or stopped by
 * Ctrl-C), 1 training error, 2 bad options.
 */
import { writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import process from "node:process";
import { fileURLToPath, URL } from "node:url";
import { EngineError } from "../engine/errors";
import { resolveTrainConfig } from "../engine/train/config";
import type { FromWorker, ToWorker, TrainConfig } from "../engine/train/protocol";
import { checkOptimizerAndSchedule } from "../engine/train/update";
import { parseTrainArgs, USAGE, type CliOptions } from "./args";
import { epochLine, progressBar } from "./format";
import { DEFAULT_DATA_DIR } from "./load-mnist";

function println(line: string): void {
  process.stdout.write(`${line}\n`);
}

function parseOrExit(argv: readonly string[]): { cli: CliOptions; config: TrainConfig } {
  try {
    const cli = parseTrainArgs(argv);
    if (cli.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const config = resolveTrainConfig(cli.config);
    checkOptimizerAndSchedule(config);
    return { cli, config };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    process.stderr.write(`train: ${error.message}\n(see npm run train -- --help)\n`);
    process.exit(2);
  }
}

function main(): void {
  const { cli, config } = parseOrExit(process.argv.slice(2));
  const directory = cli.dataDir ?? DEFAULT_DATA_DIR;
  const tty = process.stdout.isTTY === true;
  const started = Date.now();
  // tsx's CommonJS hook makes the worker's TypeScript loadable (`--import tsx` is not honoured in workers).
  const worker = new Worker(fileURLToPath(new URL("./worker.ts", import.meta.url)), {
    execArgv: ["--require", "tsx/cjs"],
  });
  const send = (message: ToWorker): void => worker.postMessage(message);
  let loaded: Extract<FromWorker, { type: "loaded" }> | null = null;
  let interrupted = false;
  process.on("SIGINT", () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write("\nstopping after the current batch (Ctrl-C again to quit now)\n");
    send({ type: "stop" });
  });
  const clearBar = (): void => {
    if (tty) process.stdout.write("\r\x1b[K");
  };

  worker.on("message", (message: FromWorker) => {
    switch (message.type) {
      case "loaded":
        loaded = message;
        println(
          `MNIST: ${message.train} train, ${message.validation} validation, ${message.test} test (${message.seconds.toFixed(2)} s)`,
        );
        break;
      case "progress":
        if (tty)
          process.stdout.write(
            `\r${progressBar(message.epoch, message.batch, message.batches, message.loss)}`,
          );
        break;
      case "epoch":
        clearBar();
        println(epochLine(message.result));
        break;
      case "done": {
        clearBar();
        if (message.stopped) println(`Stopped after ${message.epochs.length} complete epochs.`);
        const peakMb = process.resourceUsage().maxRSS / 1024;
        println(`Peak memory (RSS high-water mark): ${peakMb.toFixed(0)} MB`);
        if (cli.jsonFile) {
          const json = {
            config,
            data: loaded,
            epochs: message.epochs,
            stopped: message.stopped,
            peakRssMb: peakMb,
          };
          writeFileSync(
            cli.jsonFile,
            `${JSON.stringify({ ...json, wallSeconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
          );
        }
        void worker.terminate();
        break;
      }
      case "error":
        clearBar();
        process.stderr.write(`train: ${message.message}\n`);
        process.exitCode = 1;
        void worker.terminate();
        break;
    }
  });
  worker.on("error", (error) => {
    process.stderr.write(`train: worker failed: ${error.message}\n`);
    process.exitCode = 1;
  });
  send({ type: "start", config, data: { kind: "path", directory } });
}

main();
