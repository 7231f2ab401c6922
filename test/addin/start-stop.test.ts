import { describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, callScriptMany } from "./run-script";

/* global process */

// `npm start` / `npm stop` hand Excel arguments to office-addin-debugging unchanged (Microsoft's route into
// Excel on the web, from Linux too) and keep the workbench as the default where no Excel exists.

type Plan =
  | { kind: "excel"; args: string[] }
  | { kind: "workbench"; port: number; build: boolean }
  | { kind: "error"; message: string };

type Case = [command: "start" | "stop", argv: string[], platform: string, hasDebugging?: boolean];
const key = ([command, argv, platform, hasDebugging = true]: Case): string =>
  JSON.stringify([command, argv, platform, hasDebugging]);
const plans = new Map<string, Plan>();
/** Every plan a test asks for, computed up front in one child process (planOf is pure). */
function planAll(cases: Case[]): void {
  const results = callScriptMany<Plan>(
    "excel-args.mjs",
    "planOf",
    cases.map(([command, argv, platform, hasDebugging = true]) => [
      command,
      argv,
      { platform, hasDebugging },
    ]),
  );
  cases.forEach((c, i) => plans.set(key(c), results[i] as Plan));
}
const plan = (command: "start" | "stop", argv: string[], platform: string, hasDebugging = true): Plan =>
  plans.get(key([command, argv, platform, hasDebugging])) as Plan;

const DOC = "https://contoso.sharepoint.com/:x:/r/sites/x/Book.xlsx?d=w1&csf=1&web=1&e=AbC";

const PLANS: [command: "start" | "stop", argv: string[], platform: string, expected: Plan][] = [
  ["start", [], "win32", { kind: "excel", args: ["start", "manifest.xml"] }],
  ["start", [], "darwin", { kind: "excel", args: ["start", "manifest.xml"] }],
  ["start", [], "linux", { kind: "workbench", port: 3000, build: true }],
  ["start", ["--port", "3100", "--no-build"], "linux", { kind: "workbench", port: 3100, build: false }],
  ["start", ["--workbench"], "win32", { kind: "workbench", port: 3000, build: true }],
  [
    "start",
    ["web", "--document", DOC],
    "linux",
    { kind: "excel", args: ["start", "manifest.xml", "web", "--document", DOC] },
  ],
  [
    "start",
    ["desktop", "--app", "excel", "--no-debug"],
    "darwin",
    { kind: "excel", args: ["start", "manifest.xml", "desktop", "--app", "excel", "--no-debug"] },
  ],
  [
    "start",
    [`--document=${DOC}`, "web"],
    "win32",
    { kind: "excel", args: ["start", "manifest.xml", `--document=${DOC}`, "web"] },
  ],
  ["stop", [], "win32", { kind: "excel", args: ["stop", "manifest.xml"] }],
  ["stop", ["web"], "linux", { kind: "excel", args: ["stop", "manifest.xml", "web"] }],
  ["stop", [], "linux", { kind: "workbench", port: 3000, build: true }],
];

const REFUSALS: [argv: string[], platform: string, message: string][] = [
  [
    ["desktop"],
    "linux",
    "Excel desktop runs on Windows and macOS, not linux: use Excel on the web, npm start -- web --document <workbook URL>, or the workbench (npm start)",
  ],
  [
    ["web"],
    "linux",
    "Excel on the web needs the workbook to open: npm start -- web --document <workbook URL> (in Excel on the web: Share > Copy link)",
  ],
  [["web", "--document"], "linux", "--document needs a value (the workbook's URL"],
  [["web", "--document", "--app"], "win32", "--document needs a value"],
  [["web", "desktop"], "win32", "choose one of desktop or web, got web and desktop"],
  [
    ["--workbench", "web", "--document", DOC],
    "linux",
    `--workbench runs the local workbench; it cannot be combined with web --document ${DOC}`,
  ],
  [["--port", "x"], "linux", "--port must be a port number (1-65535), got x"],
  [["excel"], "win32", 'unknown argument "excel": expected desktop, web,'],
];

planAll([
  ...PLANS.map(([command, argv, platform]): Case => [command, argv, platform]),
  ...REFUSALS.map(([argv, platform]): Case => ["start", argv, platform]),
  ["start", ["web", "--document", DOC], "linux", false],
  ["start", [], "win32", false],
]);

describe("npm start / npm stop plans", () => {
  test.each(PLANS)("%s %j on %s", (command, argv, platform, expected) => {
    expect(plan(command, argv, platform)).toEqual(expected);
  });

  test.each(REFUSALS)("refuses %j on %s", (argv, platform, message) => {
    const result = plan("start", argv, platform);
    expect(result.kind).toBe("error");
    expect((result as { message: string }).message).toContain(message);
  });

  test("Excel arguments without office-addin-debugging installed say what to do", () => {
    expect(plan("start", ["web", "--document", DOC], "linux", false)).toEqual({
      kind: "error",
      message: "office-addin-debugging is not installed: run npm ci first",
    });
    expect(plan("start", [], "win32", false)).toEqual({ kind: "workbench", port: 3000, build: true });
  });
});

describe("the scripts run office-addin-debugging with the arguments", () => {
  // A stand-in office-addin-debugging: records its argv and environment, exits with status 7.
  const work = mkdtempSync(join(tmpdir(), "debugging-"));
  const record = join(work, "argv.json");
  const stub = join(work, "office-addin-debugging.js");
  writeFileSync(
    stub,
    `require("fs").writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), https: process.env.ADDIN_DEV_HTTPS, cwd: process.cwd() }));
process.exit(7);`,
  );
  const env = { ...process.env, OFFICE_ADDIN_DEBUGGING_CLI: stub };

  const recorded = (): { argv: string[]; https: string; cwd: string } =>
    JSON.parse(readFileSync(record, "utf8")) as { argv: string[]; https: string; cwd: string };

  test("npm start -- web --document <url> reaches office-addin-debugging intact (a URL with & and ?)", () => {
    const run = spawnSync("npm", ["start", "--silent", "--", "web", "--document", DOC], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(run.status).toBe(7); // its exit status comes back
    expect(recorded()).toEqual({
      argv: ["start", "manifest.xml", "web", "--document", DOC],
      https: "1",
      cwd: ROOT,
    });
  });

  test("npm stop -- web stops the web session the same way", () => {
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "stop.mjs"), "web"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(run.status).toBe(7);
    expect(recorded().argv).toEqual(["stop", "manifest.xml", "web"]);
  });

  test("a refused combination exits 1 with the message and runs nothing", () => {
    writeFileSync(record, "{}");
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "start.mjs"), "web"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("npm start: Excel on the web needs the workbook to open");
    expect(readFileSync(record, "utf8")).toBe("{}");
  });
});
