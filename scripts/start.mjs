// `npm start`: the one command that runs the main job.
// - Where Excel can run (Windows/macOS with office-addin-debugging installed): sideload manifest.xml into
//   Excel with `office-addin-debugging start manifest.xml` (it starts the https dev server itself).
// - Elsewhere (our Linux machines, CI): build dist/ if it is missing or older than the sources, serve it over
//   http on localhost:3000 with a tiny static server, and print the workbench URL.
//   Options: --port N, --no-build, --workbench (force the workbench even where Excel exists).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
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
  console.log("Building dist/ (webpack --mode production)…");
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

function canRunExcel() {
  return (
    ["win32", "darwin"].includes(process.platform) &&
    existsSync(join(root, "node_modules", "office-addin-debugging", "package.json"))
  );
}

async function main() {
  const args = process.argv.slice(2);
  const portArg = args.indexOf("--port");
  const port =
    portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.npm_package_config_dev_server_port || 3000);
  if (canRunExcel() && !args.includes("--workbench")) {
    const child = spawn("npx", ["office-addin-debugging", "start", "manifest.xml"], {
      cwd: root,
      stdio: "inherit",
      shell: process.platform === "win32",
    });
    child.on("exit", (code) => process.exit(code ?? 0));
    return;
  }
  if (!args.includes("--no-build") && buildIsStale()) build();
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
  console.log(`Excel is not available on ${process.platform}: serving the local workbench instead.`);
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
