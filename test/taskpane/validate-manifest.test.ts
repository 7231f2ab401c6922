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
  const run = spawnSync(process.execPath, [join(root, "scripts", "validate-manifest.mjs"), file, ...flags], {
    encoding: "utf8",
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("validate-manifest", () => {
  test("the committed manifest passes", () => {
    const result = validate(manifest);
    expect(result.output).toContain("is valid");
    expect(result.status).toBe(0);
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
});
