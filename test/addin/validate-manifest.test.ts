import { describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/* global __dirname, process */

// scripts/validate-manifest.mjs is what `npm run validate` runs; here it checks broken copies of manifest.xml.
const root = join(__dirname, "..", "..");
const manifest = readFileSync(join(root, "manifest.xml"), "utf8");
const work = mkdtempSync(join(tmpdir(), "manifest-"));

function validate(xml: string, ...flags: string[]): { status: number | null; output: string } {
  const file = join(work, "manifest.xml");
  writeFileSync(file, xml);
  const run = spawnSync(
    process.execPath,
    [join(root, "scripts", "validate-manifest.mjs"), file, "--offline", ...flags],
    { encoding: "utf8" },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("validate-manifest", () => {
  test("the committed manifest passes", () => {
    const result = validate(manifest);
    expect(result.output).toContain("is valid");
    expect(result.output).toContain("office-addin-manifest validate: skipped (--offline).");
    expect(result.status).toBe(0);
  });

  test("the committed manifest has no TaskpaneId, the functions.js Script, and every ribbon icon size", () => {
    expect(manifest).not.toMatch(/<TaskpaneId>/);
    expect(manifest).toContain(
      '<bt:Url id="Functions.Script.Url" DefaultValue="https://localhost:3000/functions.js"/>',
    );
    // Two <Icon> lists (group and button), each with the eight sizes Office accepts.
    for (const size of [16, 20, 24, 32, 40, 48, 64, 80]) {
      expect(manifest.split(`<bt:Image size="${size}" resid="Icon.${size}x${size}"/>`)).toHaveLength(3);
    }
  });

  test.each([
    [
      "a shared-runtime resid that differs",
      (xml: string) =>
        xml.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Other.Url"/>'),
      [
        'resid "Other.Url" on <FunctionFile>',
        "shared runtime resids differ (all must be equal): Runtime=Taskpane.Url, CustomFunctions Page=Taskpane.Url, FunctionFile=Other.Url",
      ],
    ],
    [
      "no SharedRuntime requirement",
      (xml: string) => xml.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', ""),
      ['missing <Set Name="SharedRuntime" MinVersion="1.1"/> in <Requirements>'],
    ],
    [
      "a missing icon file",
      (xml: string) => xml.replace("assets/icon-80.png", "assets/icon-81.png"),
      ["icon Icon.80x80 → https://localhost:3000/assets/icon-81.png: assets/icon-81.png does not exist"],
    ],
    [
      "an http URL",
      (xml: string) =>
        xml.replace("https://localhost:3000/functions.json", "http://localhost:3000/functions.json"),
      ["URL http://localhost:3000/functions.json"],
    ],
    [
      "a TaskpaneId on the shared-runtime button",
      (xml: string) =>
        xml.replace(
          '<Action xsi:type="ShowTaskpane">',
          '<Action xsi:type="ShowTaskpane">\n<TaskpaneId>Pane</TaskpaneId>',
        ),
      ["<TaskpaneId> on line", "a shared-runtime add-in's ShowTaskpane action must not have one"],
    ],
    [
      "a ribbon icon list without 20 px",
      (xml: string) => xml.replace('<bt:Image size="20" resid="Icon.20x20"/>', ""),
      ["<Icon> on line", "lacks the sizes 20 px"],
    ],
    [
      "an icon size Office does not accept",
      (xml: string) =>
        xml.replace('<bt:Image size="20" resid="Icon.20x20"/>', '<bt:Image size="96" resid="Icon.20x20"/>'),
      ['<bt:Image size="96"> on line', "Office accepts 16, 20, 24, 32, 40, 48, 64, 80"],
    ],
    [
      "an icon whose file has another size",
      (xml: string) =>
        xml.replace(
          '<bt:Image id="Icon.20x20" DefaultValue="https://localhost:3000/assets/icon-20.png"/>',
          '<bt:Image id="Icon.20x20" DefaultValue="https://localhost:3000/assets/icon-16.png"/>',
        ),
      ["icon size 20 on line", "is icon-16.png, a 16×16 image"],
    ],
    [
      "a high-resolution icon of the wrong size",
      (xml: string) =>
        xml.replace(
          '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
          '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
        ),
      ["<HighResolutionIconUrl> must be a 64×64 PNG, icon-32.png is 32×32"],
    ],
    [
      "the functions' Script pointing at the pane's bundle",
      (xml: string) =>
        xml.replace("https://localhost:3000/functions.js", "https://localhost:3000/taskpane.js"),
      [
        "CustomFunctions <Script> is https://localhost:3000/taskpane.js, expected the self-contained functions.js",
      ],
    ],
    [
      "no SupportUrl",
      (xml: string) => xml.replace(/<SupportUrl [^>]*\/>/, ""),
      ["missing <SupportUrl> (a help page)"],
    ],
    ["malformed XML", (xml: string) => xml.replace("</Hosts>", ""), ["not well-formed XML: line"]],
    [
      "a broader permission than needed",
      (xml: string) =>
        xml.replace(
          "<Permissions>ReadWriteDocument</Permissions>",
          "<Permissions>ReadWriteMailbox</Permissions>",
        ),
      ["<Permissions> must be ReadWriteDocument"],
    ],
  ])("fails on %s with a clear message", (_, breakIt, messages) => {
    const result = validate(breakIt(manifest));
    expect(result.status).toBe(1);
    for (const message of messages) expect(result.output).toContain(message);
  });

  test("a production manifest must not point at localhost", () => {
    const result = validate(manifest, "--production");
    expect(result.status).toBe(1);
    expect(result.output).toContain(
      "production manifest still points at https://localhost:3000/taskpane.html",
    );
  });

  test("Microsoft's validator is reported as skipped, with the reason, when its service does not answer", () => {
    // A closed local port stands for an unreachable service; the probe must decide within its time box.
    const probe = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { officeValidatorReachable } from ${JSON.stringify(join(root, "scripts", "office-validator.mjs"))};
         const started = Date.now();
         const result = await officeValidatorReachable({ host: "127.0.0.1", timeoutMs: 1500 });
         console.log(JSON.stringify({ ...result, ms: Date.now() - started }));`,
      ],
      { encoding: "utf8" },
    );
    const result = JSON.parse(probe.stdout) as { ok: boolean; reason: string; ms: number };
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(
      /^127\.0\.0\.1: (ECONNREFUSED|ECONNRESET)|no answer from 127\.0\.0\.1 within 1\.5 s/,
    );
    expect(result.ms).toBeLessThan(5000);
  });
});
