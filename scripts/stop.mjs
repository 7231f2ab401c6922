// `npm stop`: mirrors `npm start`, with the same arguments.
// - Where Excel runs, or with Excel arguments (`npm stop -- web`, `desktop`, `--prod`):
//   `office-addin-debugging stop manifest.xml [platform] [options]` (unloads the add-in, stops the dev server).
// - Elsewhere, or with --workbench: stops the workbench server that `npm start` recorded in its pid file (and
//   only that process).
import { existsSync, readFileSync, rmSync } from "node:fs";
import { PID_FILE, planHere, runOfficeDebugging } from "./start.mjs";

const plan = planHere("stop", process.argv.slice(2));
if (plan.kind === "error") {
  console.error(`npm stop: ${plan.message}`);
  process.exit(1);
} else if (plan.kind === "excel") {
  runOfficeDebugging(plan.args);
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
