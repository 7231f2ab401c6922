import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, callScript } from "./run-script";

// The functions' helpUrls and the manifest's SupportUrl open pages rendered from the repository's Markdown
// (scripts/help-pages.mjs, run by the webpack build). Every helpUrl's page must exist and have its anchor.

const pages = callScript<Record<string, string>>("help-pages.mjs", "renderHelpPages", ROOT);
const idsOf = (html: string): Set<string> =>
  new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));

describe("help pages", () => {
  test("README becomes help/index.html and each docs/*.md its own page", () => {
    expect(Object.keys(pages)).toEqual(
      expect.arrayContaining(["help/index.html", "help/functions.html", "help/training.html"]),
    );
    expect(Object.keys(pages)).not.toContain("help/TEAM-NOTES.html");
    expect(pages["help/index.html"]).toContain("<title>Gradient Steps — an Excel add-in");
    // Styled from a file: the pages' Content-Security-Policy allows no inline style.
    expect(pages["help/index.html"]).toContain('<link rel="stylesheet" href="help.css">');
    expect(pages["help/index.html"]).not.toContain("<style");
    expect(pages["help/help.css"]).toContain("font:");
  });

  test("every @helpurl of src/functions/functions.ts opens a rendered page that has its anchor", () => {
    const source = readFileSync(join(ROOT, "src", "functions", "functions.ts"), "utf8");
    const urls = [...source.matchAll(/@helpurl (\S+)/g)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThanOrEqual(17);
    for (const url of urls) {
      const match = /^https:\/\/localhost:3000\/(help\/[\w-]+\.html)#([\w-]+)$/.exec(url);
      expect(match).not.toBeNull();
      const [, page, fragment] = match as RegExpExecArray;
      expect(pages[page as string]).toBeDefined();
      expect(idsOf(pages[page as string] as string).has(fragment as string)).toBe(true);
    }
  });

  test("headings get GitHub's ids and links between the Markdown files point at the pages", () => {
    const functions = pages["help/functions.html"] as string;
    expect(functions).toContain('<h3 id="train_mlp_live">TRAIN_MLP_LIVE</h3>');
    expect(idsOf(functions).has("saving-workbooks-two-file-format-traps")).toBe(true);
    const index = pages["help/index.html"] as string;
    expect(index).toContain('href="functions.html#gd_step"');
    expect(index).not.toMatch(/href="docs\/[\w-]+\.md/);
  });

  test.each([
    ["docs/functions.md#gd_step", "functions.html#gd_step"],
    ["functions.md", "functions.html"],
    ["../README.md#the-two-commands", "index.html#the-two-commands"],
    ["#what-a-blank-cell-means", "#what-a-blank-cell-means"],
    ["https://github.com/x/y.md", "https://github.com/x/y.md"],
    ["examples/xor-network.xlsx", "examples/xor-network.xlsx"],
  ])("link %s → %s", (href, expected) => {
    expect(callScript<string>("help-pages.mjs", "rewriteLink", href)).toBe(expected);
  });
});
