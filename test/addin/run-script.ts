import { spawnSync } from "node:child_process";
import { join } from "node:path";

/* global __dirname, process */

export const ROOT = join(__dirname, "..", "..");

/**
 * Calls an export of an ES-module script (scripts/*.mjs) in a child Node process and returns its JSON result:
 * Jest's CommonJS transform cannot import .mjs files itself.
 */
export function callScript<T>(script: string, exportName: string, ...args: unknown[]): T {
  const file = JSON.stringify(join(ROOT, "scripts", script));
  const run = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const m = await import(${file});
       const result = await m[${JSON.stringify(exportName)}](...${JSON.stringify(args)});
       process.stdout.write(JSON.stringify(result instanceof Map ? [...result.keys()] : result));`,
    ],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`${script} ${exportName} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
