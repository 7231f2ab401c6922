// `npm stop`: mirrors `npm start`.
// - Where Excel runs: `office-addin-debugging stop manifest.xml` (unloads the add-in, stops the dev server).
// - Elsewhere: stops the workbench server that `npm start` recorded in its pid file (and only that process).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PID_FILE } from "./start.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

if (
  ["win32", "darwin"].includes(process.platform) &&
  existsSync(join(root, "node_modules", "office-addin-debugging", "package.json")) &&
  !process.argv.includes("--workbench")
) {
  const child = spawn("npx", ["office-addin-debugging", "stop", "manifest.xml"], {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  child.on("exit", (code) => process.exit(code ?? 0));
} else if (!existsSync(PID_FILE)) {
  console.log("No workbench server is recorded as running (nothing to stop).");
} else {
  const { pid, port } = JSON.parse(readFileSync(PID_FILE, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    console.log(`Stopped the workbench server (pid ${pid}, port ${port}).`);
  } catch (error) {
    if (error.code !== "ESRCH") throw error;
    console.log(`The workbench server (pid ${pid}) was no longer running.`);
  }
  rmSync(PID_FILE, { force: true });
}
