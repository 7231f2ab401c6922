/**
 * Sweeps: a numeric field holding a list (`lr = 0.1, 0.5, 3`) runs one run per value, one after another, each
 * kept in its own sheet and listed in Runs. Several lists run every combination (the first field's values
 * outermost). Pure, so Jest checks every message.
 */
import {
  parseTrainForm,
  type ConfigCheck,
  type FieldError,
  type FieldName,
  type FormValues,
} from "./config-form";
import type { TrainConfig } from "../engine/train/protocol";

/** The fields that may hold a list (numbers only: layers and the option fields use commas themselves). */
export const SWEEP_FIELDS = [
  "lr",
  "lambda",
  "epochs",
  "batch",
  "seed",
] as const satisfies readonly FieldName[];

export const MAX_SWEEP_RUNS = 24;

export type SweepResult = { ok: true; configs: TrainConfig[] } | { ok: false; errors: FieldError[] };

/** "0.1, 0.5 , 3" → ["0.1", "0.5", "3"]; a value without a comma is itself. */
function listOf(text: string): string[] {
  return text.includes(",") ? text.split(",").map((v) => v.trim()) : [text];
}

/** Every combination of the listed values, as forms of single values. */
export function expandSweep(values: FormValues): FormValues[] {
  let forms: FormValues[] = [values];
  for (const field of SWEEP_FIELDS) {
    const list = listOf(values[field]);
    if (list.length === 1) continue;
    forms = forms.flatMap((form) => list.map((value) => ({ ...form, [field]: value })));
  }
  return forms;
}

/** The sweep's runs, or every problem: each field's first message once, and a sweep that is too long. */
export function parseSweep(values: FormValues, checkConfig?: ConfigCheck): SweepResult {
  const errors: FieldError[] = [];
  for (const field of SWEEP_FIELDS) {
    const list = listOf(values[field]);
    if (list.length > 1 && list.some((v) => v === "")) {
      errors.push({ field, message: `${field} has an empty value in its list "${values[field]}"` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const forms = expandSweep(values);
  if (forms.length > MAX_SWEEP_RUNS) {
    const field = SWEEP_FIELDS.find((f) => listOf(values[f]).length > 1) ?? "lr";
    return {
      ok: false,
      errors: [
        { field, message: `a sweep runs at most ${MAX_SWEEP_RUNS} runs, these lists make ${forms.length}` },
      ],
    };
  }
  const configs: TrainConfig[] = [];
  for (const form of forms) {
    const parsed = parseTrainForm(form, checkConfig);
    if (parsed.ok) configs.push(parsed.config);
    else for (const e of parsed.errors) if (!errors.some((x) => x.field === e.field)) errors.push(e);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, configs };
}

/** What the pane says about a sweep's run: "sweep: run 2 of 3 (lr 0.5)". */
export function sweepLabel(configs: readonly TrainConfig[], index: number): string {
  if (configs.length < 2) return "";
  const config = configs[index] as TrainConfig;
  const varied = SWEEP_FIELDS.filter((f) => new Set(configs.map((c) => c[f])).size > 1);
  return `sweep: run ${index + 1} of ${configs.length} (${varied.map((f) => `${f} ${config[f]}`).join(", ")})`;
}
