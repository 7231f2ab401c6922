import { beforeEach, describe, expect, test } from "@jest/globals";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, callScript } from "./run-script";

// scripts/check-build.mjs is what `npm run validate` runs on dist/ after the gate's build. Here it checks small
// hand-made builds, each with one thing wrong, so that every check is seen to fail when it should.

const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");

/** functions.js as webpack writes it for a self-contained entry: plain code ending in associate calls. */
const WORKING_FUNCTIONS = `(() => {
  function GD_STEP(params) { return [[params]]; }
  function LOSS() { return 1; }
  CustomFunctions.associate("GD_STEP", GD_STEP);
  CustomFunctions.associate("LOSS", LOSS);
})();`;

/** What taskpane.js is under runtimeChunk "single": it only queues a chunk for runtime.js, registering nothing. */
const CHUNK_ONLY = `(self.webpackChunkgradient_steps = self.webpackChunkgradient_steps || []).push([[1], {}]);`;

const HELP = `<!doctype html><h3 id="gd_step">GD_STEP</h3><h3 id=loss>LOSS</h3>`;

function makeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), "dist-"));
  mkdirSync(join(dist, "assets"));
  mkdirSync(join(dist, "help"));
  for (const size of [16, 20, 24, 32, 40, 48, 64, 80]) {
    copyFileSync(join(ROOT, "assets", `icon-${size}.png`), join(dist, "assets", `icon-${size}.png`));
  }
  writeFileSync(join(dist, "manifest.xml"), manifest);
  writeFileSync(
    join(dist, "functions.json"),
    JSON.stringify({
      functions: [
        { id: "GD_STEP", helpUrl: "https://localhost:3000/help/functions.html#gd_step" },
        { id: "LOSS", helpUrl: "https://localhost:3000/help/functions.html#loss" },
      ],
    }),
  );
  writeFileSync(join(dist, "functions.js"), WORKING_FUNCTIONS);
  writeFileSync(join(dist, "taskpane.js"), "console.log('pane');");
  writeFileSync(join(dist, "taskpane.html"), "<!doctype html>");
  writeFileSync(join(dist, "workbench.js"), "const licenseKey = 'gpl-v3'; class HyperFormula {}");
  writeFileSync(join(dist, "exceljs.js"), "const part = 'xl/workbook.xml';");
  writeFileSync(join(dist, "help", "index.html"), "<!doctype html>");
  writeFileSync(join(dist, "help", "functions.html"), HELP);
  return dist;
}

const check = (dist: string): string[] => callScript<string[]>("check-build.mjs", "checkBuild", dist);

describe("check-build on a build", () => {
  let dist: string;
  beforeEach(() => {
    dist = makeBuild();
  });

  test("a consistent build passes", () => {
    expect(check(dist)).toEqual([]);
  });

  test("functions.js that only queues a webpack chunk registers nothing", () => {
    writeFileSync(join(dist, "functions.js"), CHUNK_ONLY);
    expect(check(dist)).toEqual([
      "functions.js does not register GD_STEP (listed in functions.json)",
      "functions.js does not register LOSS (listed in functions.json)",
    ]);
  });

  test("functions.js that needs the pane's page (window, Office) fails when loaded alone", () => {
    writeFileSync(join(dist, "functions.js"), `window.Office.onReady(); ${WORKING_FUNCTIONS}`);
    expect(check(dist)).toEqual(["dist/functions.js fails when loaded alone: window is not defined"]);
  });

  test("a function missing from the bundle, and one functions.json does not list", () => {
    writeFileSync(
      join(dist, "functions.js"),
      WORKING_FUNCTIONS.replace('"LOSS", LOSS', '"LOSS_EXTRA", LOSS'),
    );
    expect(check(dist)).toEqual([
      "functions.js does not register LOSS (listed in functions.json)",
      "functions.js registers LOSS_EXTRA, which functions.json does not list",
    ]);
  });

  test("a manifest URL without its file in dist/ (the Script here)", () => {
    writeFileSync(
      join(dist, "manifest.xml"),
      manifest.replace("https://localhost:3000/functions.js", "https://localhost:3000/js/functions.js"),
    );
    expect(check(dist)).toEqual([
      "Url Functions.Script.Url https://localhost:3000/js/functions.js → dist/js/functions.js does not exist",
    ]);
  });

  test("a manifest URL outside the add-in's base", () => {
    writeFileSync(
      join(dist, "manifest.xml"),
      manifest.replace(
        "https://localhost:3000/help/index.html",
        "https://gradient-steps.example.com/help/index.html",
      ),
    );
    expect(check(dist)).toEqual([
      "SupportUrl https://gradient-steps.example.com/help/index.html is outside the add-in's base https://localhost:3000/",
    ]);
  });

  test("a helpUrl whose anchor the page lacks, and one that opens raw Markdown", () => {
    writeFileSync(join(dist, "help", "functions.html"), HELP.replace('id="gd_step"', 'id="gd-step"'));
    writeFileSync(
      join(dist, "functions.json"),
      JSON.stringify({
        functions: [
          { id: "GD_STEP", helpUrl: "https://localhost:3000/help/functions.html#gd_step" },
          { id: "LOSS", helpUrl: "https://localhost:3000/docs/functions.md#loss" },
        ],
      }),
    );
    expect(check(dist)).toEqual([
      'GD_STEP\'s helpUrl https://localhost:3000/help/functions.html#gd_step: dist/help/functions.html has no id="gd_step"',
      "LOSS's helpUrl https://localhost:3000/docs/functions.md#loss is not an HTML page of the add-in (https://localhost:3000/)",
    ]);
  });

  test("a workbench library inside an add-in bundle", () => {
    writeFileSync(join(dist, "taskpane.js"), "const licenseKey = 'gpl-v3';");
    writeFileSync(join(dist, "functions.js"), `${WORKING_FUNCTIONS}\nconst part = 'xl/workbook.xml';`);
    expect(check(dist)).toEqual([
      'dist/taskpane.js contains HyperFormula ("gpl-v3")',
      'dist/functions.js contains ExcelJS ("xl/workbook.xml")',
    ]);
  });
});
