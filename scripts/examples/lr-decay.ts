/** lr-decay.xlsx: every engine schedule side by side, from one lr0 cell, one row per step. */
import { getSchedule, SCHEDULE_NAMES } from "../../src/engine/schedules";
import { columnName } from "../../src/workbench/cell-format";
import { SheetBuilder, type SheetModel, type WorkbookModel } from "../../src/xlsx/sheet-model";

/** Example parameters for each schedule parameter name (positional order comes from the registry). */
const SCHEDULE_EXAMPLES: Readonly<Record<string, string>> = {
  decay_steps: "20",
  decay_rate: "0.5",
  boundaries: '"20,40"',
  values: '"0.1,0.05,0.01"',
  first_decay_steps: "20",
  step_size: "20",
  milestones: '"20,35,50"',
  max_lr: "0.5",
  step_size_up: "10",
  t_max: "20",
  t_0: "10",
  total_steps: "61", // steps 0..60 are the cycle's 61 steps (PyTorch OneCycleLR counts total_steps steps from 0)
};

/** Parameters one schedule needs where the shared example would not do (ExponentialLR's gamma is required). */
const SCHEDULE_OVERRIDES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  exponential_lr: { gamma: "0.95" },
};

export const LR_STEPS = 61;

export function scheduleArgs(name: string): string[] {
  const params = getSchedule(name).params;
  let end = 0;
  const args = params.map((p, i) => {
    const example = SCHEDULE_OVERRIDES[name]?.[p.name] ?? SCHEDULE_EXAMPLES[p.name];
    if (example !== undefined) end = i + 1;
    return example ?? "";
  });
  return args.slice(0, end);
}

/** The initial rate every schedule starts from, and its cell: the column after the schedules' and a blank one. */
export const LR0 = { value: 0.1, row: 1, col: SCHEDULE_NAMES.length + 2 } as const;

function lrDecaySheet(): SheetModel {
  const s = new SheetBuilder("LR_DECAY");
  s.header(0, ["step", ...SCHEDULE_NAMES]);
  s.header(0, ["lr0"], LR0.col);
  s.set(LR0.row, LR0.col, LR0.value);
  const lr0 = `$${columnName(LR0.col)}$${LR0.row + 1}`;
  s.header(1, ["parameters", ...SCHEDULE_NAMES.map((n) => scheduleArgs(n).join(", ") || "(none)")]);
  for (let step = 0; step < LR_STEPS; step++) {
    const r = step + 2;
    s.set(r, 0, step);
    SCHEDULE_NAMES.forEach((name, i) => {
      const args = scheduleArgs(name);
      s.set(r, i + 1, `=GD.LR_DECAY(${lr0},$A${r + 1},"${name}"${args.map((a) => `,${a}`).join("")})`);
    });
  }
  return s.build(`every engine schedule from lr0 = ${LR0.value} (one cell), side by side`);
}

export function lrDecayWorkbook(): WorkbookModel {
  return { file: "lr-decay.xlsx", sheets: [lrDecaySheet()] };
}
