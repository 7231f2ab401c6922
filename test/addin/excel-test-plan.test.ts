import { describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, callScript, callScriptMany } from "./run-script";

/* global process */

// `npm run test:excel`: where Excel can run it sideloads a test manifest whose runtime is the test page; where
// it cannot, it says why and passes (the same cells are checked in HyperFormula by test/excel).

const MANIFEST = "/cache/excel-test-manifest.xml";
const DOC = "https://contoso.sharepoint.com/:x:/r/sites/x/Book.xlsx?d=w1&e=AbC";
type Plan =
  | { kind: "skip"; reason: string }
  | { kind: "error"; message: string }
  | { kind: "excel"; start: string[]; stop: string[] };

const [linux, windows, linuxWeb, macWithoutDebugging, linuxWebNoDocument] = callScriptMany<Plan>(
  "excel-test-plan.mjs",
  "excelTestPlan",
  [
    [[], { platform: "linux", hasDebugging: true, manifestPath: MANIFEST }],
    [[], { platform: "win32", hasDebugging: true, manifestPath: MANIFEST }],
    [["web", "--document", DOC], { platform: "linux", hasDebugging: true, manifestPath: MANIFEST }],
    [[], { platform: "darwin", hasDebugging: false, manifestPath: MANIFEST }],
    [["web"], { platform: "linux", hasDebugging: true, manifestPath: MANIFEST }],
  ],
);

describe("where test:excel runs", () => {
  test("Linux without a web document: skipped, saying why and what to run instead", () => {
    expect(linux).toEqual({
      kind: "skip",
      reason: expect.stringContaining("Excel does not run on linux"),
    });
    expect((linux as { reason: string }).reason).toContain(
      "npm run test:excel -- web --document <workbook URL>",
    );
  });

  test("Windows: Excel desktop with the test manifest and the test page's dev server", () => {
    expect(windows).toEqual({
      kind: "excel",
      start: ["start", MANIFEST, "--dev-server", "npm run dev-server -- --env excelTest"],
      stop: ["stop", MANIFEST],
    });
  });

  test("Excel on the web from Linux: the document passes through unchanged", () => {
    expect(linuxWeb).toEqual({
      kind: "excel",
      start: [
        "start",
        MANIFEST,
        "--dev-server",
        "npm run dev-server -- --env excelTest",
        "web",
        "--document",
        DOC,
      ],
      stop: ["stop", MANIFEST, "web"],
    });
  });

  test("macOS without office-addin-debugging installed is refused: Excel is there, the sideloader is not", () => {
    expect(macWithoutDebugging).toEqual({
      kind: "error",
      message: "office-addin-debugging is not installed: run npm ci first",
    });
  });

  test("Excel on the web without a document is refused with npm start's message", () => {
    expect(linuxWebNoDocument).toEqual({
      kind: "error",
      message: expect.stringContaining("Excel on the web needs the workbook to open"),
    });
  });
});

describe("the test manifest", () => {
  const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
  const test_ = callScript<string>("excel-test-plan.mjs", "testManifestOf", manifest);

  test("every page of the add-in is the test page; nothing else changes but the name", () => {
    expect(test_).not.toContain("taskpane.html");
    expect(test_.split("excel-test.html").length - 1).toBe(manifest.split("taskpane.html").length - 1);
    expect(test_).toContain('<DisplayName DefaultValue="Gradient Steps (end-to-end test)"');
    const normalise = (xml: string): string =>
      xml.replaceAll("excel-test.html", "taskpane.html").replace(" (end-to-end test)", "");
    expect(normalise(test_)).toBe(manifest);
  });

  test("a manifest without the pane's page is refused", () => {
    expect(() => callScript("excel-test-plan.mjs", "testManifestOf", "<OfficeApp/>")).toThrow(
      /names no taskpane\.html page/,
    );
  });
});

(process.platform === "linux" ? test : test.skip)(
  "npm run test:excel on Linux says it is skipped and why, and passes",
  () => {
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "test-excel.mjs")], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^test:excel skipped: npm run test:excel needs Excel/);
  },
);
