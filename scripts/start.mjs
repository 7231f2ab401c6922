// `npm start`: the one command that runs the main job.
// - Where Excel can run (Windows/macOS with office-addin-debugging installed), or when given Excel arguments:
//   `office-addin-debugging start manifest.xml [desktop|web] [--document <url>] [--app <app>] …` — every such
//   argument passes through (scripts/excel-args.mjs), so `npm start -- web --document <url>` sideloads into
//   Excel on the web, from Linux too. office-addin-debugging starts the https dev server itself.
// - Elsewhere (Linux, CI) without Excel arguments: build dist/ if it is missing or older than the sources,
//   serve it over http on localhost:3000 with a tiny static server, and print the workbench URL.
//   Workbench options: --port N, --no-build, --workbench (force the workbench even where Excel exists).
// OFFICE_ADDIN_DEBUGGING_CLI names another office-addin-debugging CLI to run (e.g. a global install).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { planOf } from "./excel-args.mjs";
import { serveDirectory } from "./static-server.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(root, "dist");
/** Where start records the server's pid for `npm stop` (ignored by git with node_modules). */
export const PID_FILE = join(root, "node_modules", ".cache", "gradient-steps", "workbench.json");

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** True when dist/ lacks the workbench or a source, asset or build file changed since the last build. */
export function buildIsStale() {
  const built = join(DIST, "workbench.js");
  if (!existsSync(built) || !existsSync(join(DIST, "assets", "mnist", "train-images-idx3-ubyte.gz")))
    return true;
  const sources = ["src", "assets", "manifest.xml", "webpack.config.js", "package.json"].map((p) =>
    join(root, p),
  );
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

export function build() {
  console.log("Building dist/ (webpack --mode production --env localhost)…");
  const result = spawnSync(
    process.execPath,
    [
      join(root, "node_modules", "webpack", "bin", "webpack.js"),
      "--mode",
      "production",
      "--env",
      "localhost",
    ],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error(`webpack failed with exit code ${result.status}`);
}

/** The office-addin-debugging CLI `npm start` / `npm stop` run (OFFICE_ADDIN_DEBUGGING_CLI overrides it). */
export function debuggingCli() {
  return (
    process.env.OFFICE_ADDIN_DEBUGGING_CLI || join(root, "node_modules", "office-addin-debugging", "cli.js")
  );
}

/** The plan for this machine: Excel through office-addin-debugging, the workbench, or a refusal. */
export function planHere(command, argv) {
  return planOf(command, argv, {
    platform: process.platform,
    hasDebugging: existsSync(debuggingCli()),
    defaultPort: Number(process.env.npm_package_config_dev_server_port || 3000),
  });
}

/**
 * Runs office-addin-debugging with `args` (no shell, so a document URL with & or ? stays one argument) and
 * exits with its status. ADDIN_DEV_HTTPS makes the dev server it starts serve https (Office needs it).
 */
export function runOfficeDebugging(args) {
  console.log(`office-addin-debugging ${args.join(" ")}`);
  const child = spawn(process.execPath, [debuggingCli(), ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ADDIN_DEV_HTTPS: "1" },
  });
  child.on("error", (error) => {
    console.error(`could not run office-addin-debugging: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const plan = planHere("start", process.argv.slice(2));
  if (plan.kind === "error") {
    console.error(`npm start: ${plan.message}`);
    process.exit(1);
  }
  if (plan.kind === "excel") {
    runOfficeDebugging(plan.args);
    return;
  }
  const { port } = plan;
  if (plan.build && buildIsStale()) build();
  let server;
  try {
    server = await serveDirectory(DIST, port);
  } catch (error) {
    if (error.code === "EADDRINUSE") {
      console.error(
        `Port ${port} is in use: is the workbench already running? Stop it with \`npm stop\`, or pass --port N.`,
      );
      process.exit(1);
    }
    throw error;
  }
  mkdirSync(dirname(PID_FILE), { recursive: true });
  writeFileSync(PID_FILE, JSON.stringify({ pid: process.pid, port }));
  const stop = () => {
    rmSync(PID_FILE, { force: true });
    server.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  console.log(
    `Serving the local workbench (for Excel: npm start -- desktop on Windows or macOS, npm start -- web --document <workbook URL> anywhere).`,
  );
  console.log(`  Workbench:  http://localhost:${port}/workbench.html`);
  console.log(
    `  Task pane:  http://localhost:${port}/taskpane.html (outside Excel it keeps results in the pane)`,
  );
  console.log("Press Ctrl+C (or run `npm stop`) to stop.");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
