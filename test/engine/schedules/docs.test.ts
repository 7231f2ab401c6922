/* global __dirname */
/**
 * docs/schedules.md's tables must state exactly what the registry holds: a row per schedule with its own
 * parameters in the order LR_DECAY's options take them and the defaults it applies, and every alias beside
 * the schedule it names.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "fs";
import { join } from "path";
import { getSchedule, SCHEDULE_ALIASES, SCHEDULE_NAMES } from "../../../src/engine/schedules";
import { WARMUP_PARAMS } from "../../../src/engine/schedules/define";

const DOC = readFileSync(join(__dirname, "../../../docs/schedules.md"), "utf8");
const WARMUP = new Set(WARMUP_PARAMS.map((param) => param.name));

/** `| \`name\` | parameters | lr(step) | reference |` rows of the schedules table, by name. */
function documentedParameters(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of DOC.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const name = /^`([a-z0-9_]+)`$/.exec(cells[1] ?? "")?.[1];
    if (cells.length === 6 && name !== undefined) rows.set(name, cells[2] as string);
  }
  return rows;
}

/** "decay_steps; end_lr (1e-4); staircase (FALSE)" → [["decay_steps", undefined], ["end_lr", "1e-4"], …]. */
function parametersOf(cell: string): [string, string | undefined][] {
  if (cell === "—") return [];
  return cell.split(";").map((part) => {
    const match = /^([a-z0-9_]+)(?: \((.+)\))?$/.exec(part.trim());
    if (match === null) throw new Error(`unreadable parameter "${part}" in docs/schedules.md`);
    return [match[1] as string, match[2]];
  });
}

/** A documented default as the engine holds it: TRUE/FALSE, a number, or a fraction like 1/3. */
function documentedValue(text: string): unknown {
  if (text === "TRUE" || text === "FALSE") return text === "TRUE";
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  if (fraction !== null) return Number(fraction[1]) / Number(fraction[2]);
  return Number(text);
}

describe("docs/schedules.md", () => {
  const rows = documentedParameters();

  it("has a row for every schedule and none for a schedule that does not exist", () => {
    expect([...rows.keys()].sort()).toEqual([...SCHEDULE_NAMES].sort());
  });

  it.each(SCHEDULE_NAMES.filter((name) => !(rows.get(name) ?? "").startsWith("as ")).map((name) => [name]))(
    "%s: parameters in order, with the defaults the engine applies",
    (name) => {
      const own = getSchedule(name).params.filter((param) => !WARMUP.has(param.name));
      const documented = parametersOf(rows.get(name) ?? "");
      expect(documented.map(([param]) => param)).toEqual(own.map((param) => param.name));
      for (const [param, text] of documented) {
        const spec = own.find((candidate) => candidate.name === param);
        // No default written ("step_size", or "(= up)"): the engine has none of its own either.
        const expected = text === undefined || text.startsWith("=") ? undefined : documentedValue(text);
        expect([param, spec?.default]).toEqual([param, expected]);
      }
    },
  );

  it("names every alias beside the schedule it stands for", () => {
    for (const [alias, target] of Object.entries(SCHEDULE_ALIASES)) {
      expect(DOC).toContain(`\`${target}\` = \`${alias}\``);
    }
  });
});
