/* global __dirname */
/** docs/optimizers.md's defaults table must state exactly the exported defaults, in hyper-parameter order. */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "fs";
import { join } from "path";
import { getOptimizer, OPTIMIZER_NAMES, type HyperValue } from "../../../src/engine/optim";

const DOC = readFileSync(join(__dirname, "../../../docs/optimizers.md"), "utf8");

/** Rows `| optimizer | hyper-parameter | default |` whose first cell names a registered optimizer. */
function documentedDefaults(): Map<string, [string, HyperValue][]> {
  const table = new Map<string, [string, HyperValue][]>();
  for (const line of DOC.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    if (cells.length !== 5) continue;
    const [, optimizer, name, value] = cells as [string, string, string, string];
    if (!OPTIMIZER_NAMES.includes(optimizer)) continue;
    const parsed: HyperValue = value === "true" ? true : value === "false" ? false : Number(value);
    table.set(optimizer, [...(table.get(optimizer) ?? []), [name, parsed]]);
  }
  return table;
}

describe("docs/optimizers.md defaults table", () => {
  const table = documentedDefaults();

  it("documents every optimizer", () => {
    expect([...table.keys()].sort()).toEqual([...OPTIMIZER_NAMES].sort());
  });

  it.each(OPTIMIZER_NAMES.map((name) => [name]))(
    "%s: names, order and values match its DEFAULTS constant",
    (name) => {
      const spec = getOptimizer(name);
      expect(table.get(name)).toEqual(spec.hyperNames.map((hyper) => [hyper, spec.defaults[hyper]]));
    },
  );
});
