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

/** Rows `| \`optimizer\` | update rule | state |` of the update-rule table, by optimizer: the state cell. */
function documentedState(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of DOC.split("\n")) {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim()); // "\|g\|" is text, not a border
    const name = /^`([a-z0-9_]+)`$/.exec(cells[1] ?? "")?.[1];
    if (cells.length === 5 && name !== undefined) rows.set(name, cells[3] as string);
  }
  return rows;
}

describe("docs/optimizers.md update-rule table", () => {
  const rows = documentedState();

  it("has a row for every optimizer and none for an optimizer that does not exist", () => {
    expect([...rows.keys()].sort()).toEqual([...OPTIMIZER_NAMES].sort());
  });

  it.each(OPTIMIZER_NAMES.filter((name) => !(rows.get(name) ?? "").startsWith("as ")).map((name) => [name]))(
    "%s: the state column names every state cell the step keeps",
    (name) => {
      const state = rows.get(name) ?? "";
      // Labels of one parameter "a" with the defaults: "m_a", "mu_product", … ("t" is every row's own).
      const kept = getOptimizer(name)
        .stateLabels(["a"])
        .filter((label) => label !== "t")
        .map((label) => label.replace(/_a$/, ""));
      for (const slot of kept) expect([slot, state.includes(`\`${slot}\``)]).toEqual([slot, true]);
    },
  );
});
