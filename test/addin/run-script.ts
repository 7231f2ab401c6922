import { spawnSync } from "node:child_process";
import { join } from "node:path";

/* global __dirname, process */

export const ROOT = join(__dirname, "..", "..");

/**
 * Calls an export of an ES-module script (scripts/*.mjs) in a child Node process and returns its JSON result:
 * Jest's CommonJS transform cannot import .mjs files itself.
 */
export function callScript<T>(script: string, exportName: string, ...args: unknown[]): T {
  return callScriptMany<T>(script, exportName, [args])[0] as T;
}

/** The same for many calls in one child process (one result per argument list). */
export function callScriptMany<T>(script: string, exportName: string, argLists: unknown[][]): T[] {
  const file = JSON.stringify(join(ROOT, "scripts", script));
  const run = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const m = await import(${file});
       const results = [];
       for (const args of ${JSON.stringify(argLists)}) results.push(await m[${JSON.stringify(exportName)}](...args));
       process.stdout.write(JSON.stringify(results));`,
    ],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`${script} ${exportName} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T[];
}
