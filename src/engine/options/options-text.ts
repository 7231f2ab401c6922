/**
 * Options text: `momentum=0.9, nesterov=TRUE` (or `;` between pairs) → { momentum: 0.9, nesterov: true }.
 * The one grammar of optimizer and schedule options in a cell (OPTIM_STEP, TRAIN_MLP), the pane's form and
 * the command line (--opt, --schedule-opt):
 * - names are letters, digits and `_`, not starting with a digit, compared case-insensitively (kept lower
 *   case, as the registries spell them); a name given twice is refused, as is `__proto__`;
 * - values are decimal numbers or TRUE/FALSE in any case; blank text is no options.
 */
import { EngineError, formatValue } from "../errors";
import { isDecimal } from "./values";

export type OptionValue = number | boolean;
export type OptionsRecord = Record<string, OptionValue>;

const PAIR = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/;
/** Written like a number but not decimal: 0x1, 0b1, 0o7. */
const NON_DECIMAL = /^[+-]?0[xob]/i;

/** One option's value; `label` names it in messages (`options: momentum`, `--momentum`). */
export function parseOptionValue(label: string, raw: string, field = label): OptionValue {
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  if (NON_DECIMAL.test(text)) {
    throw new EngineError(`${label} must be a decimal number, got ${formatValue(text)}`, field);
  }
  const value = Number(text);
  if (!isDecimal(text) || !Number.isFinite(value)) {
    throw new EngineError(`${label} must be a number, got ${formatValue(text)}`, field);
  }
  return value;
}

/** Adds one name=value to `into`, refusing a name it already holds. */
function addOption(field: string, into: OptionsRecord, key: string, value: OptionValue): void {
  if (key === "__proto__") throw new EngineError(`${field}: __proto__ cannot be an option name`, field);
  if (Object.hasOwn(into, key)) throw new EngineError(`${field} sets ${key} twice`, field);
  into[key] = value;
}

/**
 * Parses options text; `field` names the input in messages ("options", "opt", "--opt"). Pairs are added to
 * `into` when given (the command line's repeated --opt), so a name set twice across them is refused too.
 */
export function parseOptions(field: string, text: string, into: OptionsRecord = {}): OptionsRecord {
  for (const part of text.split(/[,;]/)) {
    const item = part.trim();
    if (item === "") continue;
    const match = PAIR.exec(item);
    if (!match || match[1] === undefined || match[2] === undefined) {
      throw new EngineError(`${field}: ${formatValue(item)} is not name=value`, field);
    }
    const key = match[1].toLowerCase();
    addOption(field, into, key, parseOptionValue(`${field}: ${key}`, match[2], field));
  }
  return into;
}

/** Options given one at a time (the command line's `--momentum 0.9`), with the same checks. */
export function addOptionText(field: string, into: OptionsRecord, key: string, raw: string): void {
  addOption(field, into, key, parseOptionValue(field, raw));
}

/** The inverse of parseOptions for a form: `momentum=0.9, nesterov=true`. */
export function formatOptions(options: Readonly<OptionsRecord>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}
