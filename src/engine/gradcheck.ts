/**
 * Gradient checking: compare an analytic gradient (the engine's, or numbers a user derived by hand) with
 * finite differences of the function, entry by entry, as CS231n's notes recommend.
 */
import { EngineError, formatValue, requireAllFinite, requirePositive, requireSameLength } from "./errors";
import {
  type Bindings,
  type CompiledFormula,
  boundFormula,
  compileFormula,
  formulaGradient,
} from "./formula";

export type GradCheckMethod = "centred" | "forward";

/**
 * Defaults, and why (float64 throughout):
 * - h = 1e-5, scaled per entry to h·max(1, |x|): the centred difference's truncation error is about
 *   h²·|f'''|/6 and its rounding error about ε·|f|/h (ε = 2.2e-16); h = 1e-5 keeps both near 1e-10 for a
 *   well-scaled function, close to the best h for a centred difference, (3ε)^(1/3) ≈ 1e-5. A fixed h would
 *   be lost in the rounding of a large x (1e6 ± 1e-5 keeps 6 digits of the step), so it scales with |x|.
 * - method "centred": (f(x+h) − f(x−h)) / 2h. The forward difference (f(x+h) − f(x)) / h has error
 *   h·|f''|/2 ≈ 5e-6·|f''|, so on a curved function its relative error is ~1e-5 and it fails the tolerance
 *   below: that is the point of offering it.
 * - tolerance 1e-6 on the relative error |a − n| / max(|a|, |n|, floor): a correct gradient of a smooth,
 *   well-scaled function checks at 1e-7 or better (CS231n: "1e-7 and less you should be happy"), leaving a
 *   10× margin, while a real mistake (a wrong sign, a missing factor, a dropped term) gives 1e-3 to 1.
 * - floor = max(tiny, noise / tolerance), tiny = 1e-8: two (near-)zero entries compare absolutely instead
 *   of dividing by zero, and a difference within the rounding noise of f passes. The noise of the numeric
 *   partial is ROUNDING_ULPS·ε·|f|/h (|f| the largest of f(x), f(x±h)): where f is 1e8 + (a−1)², f(x±h)
 *   keep only the last digits of the change, and no finite difference can say more than that.
 * - kinks (ABS, RELU, MAX, MIN, ...) within ±h: a centred difference across a kink averages the two slopes,
 *   so it "confirms" a wrong gradient and fails the right one. When the one-sided slopes
 *   (f(x) − f(x−h))/h and (f(x+h) − f(x))/h disagree by more than the tolerance and more than curvature
 *   explains (their difference must halve as the step halves, as s·f'' does), the entry is a kink: no
 *   verdict, both slopes reported (docs/functions.md#gradcheck lists the engine's subgradient conventions).
 */
export const GRADCHECK_DEFAULTS = Object.freeze({
  h: 1e-5,
  method: "centred" as GradCheckMethod,
  tolerance: 1e-6,
  tiny: 1e-8,
});

/** Rounding error allowed per evaluation of f, in units of ε·|f|. */
export const ROUNDING_ULPS = 8;
/** A one-sided disagreement that departs from the curvature's halving by more than this share is a kink. */
const KINK_DEPARTURE = 0.1;

export interface GradCheckOptions {
  h?: number;
  method?: GradCheckMethod;
  tolerance?: number;
  tiny?: number;
  /**
   * reads[i] false: f provably does not depend on x[i] (the formula never reads that name); its numeric
   * partial is exactly 0 and f is not evaluated for it.
   */
  reads?: readonly boolean[];
}

export interface GradCheckEntry {
  /** 0-based position in x. */
  index: number;
  analytic: number;
  numeric: number;
  relativeError: number;
  pass: boolean;
  /** The step used for this entry: h·max(1, |x|). */
  step: number;
  /** A kink within ±step: no verdict for this entry (pass is false, relativeError 0). */
  kink: boolean;
  /** (f(x) − f(x−step))/step and (f(x+step) − f(x))/step. */
  slopes: readonly [left: number, right: number];
}

export type GradCheckVerdict = "pass" | "fail" | "kink";

export interface GradCheckResult {
  entries: GradCheckEntry[];
  /** The largest relative error among the entries that are not kinks (0 if all are). */
  maxRelativeError: number;
  /** "fail" when an entry without a kink fails; else "kink" when an entry has one; else "pass". */
  verdict: GradCheckVerdict;
  pass: boolean;
  h: number;
  method: GradCheckMethod;
  tolerance: number;
}

export function relativeError(analytic: number, numeric: number, tiny: number): number {
  return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), tiny);
}

type Objective = (x: readonly number[]) => number;

function evaluateAt(f: Objective, x: readonly number[], label: string): number {
  const value = f(x);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new EngineError(`f(${label}) must be a finite number, got ${formatValue(value)}`);
  }
  return value;
}

interface Settings {
  h: number;
  method: GradCheckMethod;
  tolerance: number;
  tiny: number;
}

/** f with x[i] moved by delta. */
type Probe = (delta: number, label: string) => number;

/** One entry: the numeric partial, its noise floor, and the kink test. */
function checkEntry(
  f: Objective,
  x: readonly number[],
  i: number,
  analytic: number,
  fx: number,
  s: Settings,
): GradCheckEntry {
  const xi = x[i] as number;
  const step = s.h * Math.max(1, Math.abs(xi));
  const moved = x.slice();
  const at: Probe = (delta, label) => {
    moved[i] = xi + delta;
    return evaluateAt(f, moved, label);
  };
  const plus = at(step, `x[${i + 1}] + h`);
  const minus = at(-step, `x[${i + 1}] - h`);
  const left = (fx - minus) / step;
  const right = (plus - fx) / step;
  const numeric = s.method === "centred" ? (plus - minus) / (2 * step) : right;
  const magnitude = Math.max(Math.abs(fx), Math.abs(plus), Math.abs(minus));
  const floor = Math.max(s.tiny, (ROUNDING_ULPS * Number.EPSILON * magnitude) / step / s.tolerance);
  const kink = isKink(at, i, fx, step, [left, right], floor, magnitude, s.tolerance);
  const error = kink ? 0 : relativeError(analytic, numeric, floor);
  return {
    index: i,
    analytic,
    numeric,
    relativeError: error,
    pass: !kink && error <= s.tolerance,
    step,
    kink,
    slopes: [left, right],
  };
}

/** An entry for a name f does not read: the numeric partial is exactly 0, with f(x)'s noise floor. */
function unreadEntry(
  i: number,
  analytic: number,
  x: readonly number[],
  fx: number,
  s: Settings,
): GradCheckEntry {
  const step = s.h * Math.max(1, Math.abs(x[i] as number));
  const floor = Math.max(s.tiny, (ROUNDING_ULPS * Number.EPSILON * Math.abs(fx)) / step / s.tolerance);
  const error = relativeError(analytic, 0, floor);
  return {
    index: i,
    analytic,
    numeric: 0,
    relativeError: error,
    pass: error <= s.tolerance,
    step,
    kink: false,
    slopes: [0, 0],
  };
}

/**
 * D(s) = (f(x+s) − 2f(x) + f(x−s))/s is the one-sided slopes' disagreement: s·f'' for a smooth f (it
 * halves with s); across a kink it keeps the jump or drops to 0. A kink: D(h) beyond the tolerance and the
 * noise, and D(h/2) or D(h/4) departing from D(h)/2, D(h)/4 by more than KINK_DEPARTURE·|D(h)|. (Two
 * ratios: a kink at |δ| = h/3 from x gives D(h/2) = D(h)/2 exactly, but then D(h/4) = 0.)
 */
function isKink(
  at: Probe,
  i: number,
  fx: number,
  step: number,
  [left, right]: readonly [number, number],
  floor: number,
  magnitude: number,
  tolerance: number,
): boolean {
  const disagreement = right - left;
  if (Math.abs(disagreement) <= tolerance * Math.max(Math.abs(left), Math.abs(right), floor)) return false;
  // D(s) carries rounding noise up to 4·ULPS·ε·|f|/s: at s = h/4 it must stay far below the departure.
  const noiseAtQuarter = (4 * ROUNDING_ULPS * Number.EPSILON * magnitude) / (step / 4);
  if (KINK_DEPARTURE * Math.abs(disagreement) <= 10 * noiseAtQuarter) return false;
  for (const share of [0.5, 0.25]) {
    const s = step * share;
    const d = (at(s, `x[${i + 1}] + h`) - 2 * fx + at(-s, `x[${i + 1}] - h`)) / s;
    if (Math.abs(d - disagreement * share) > KINK_DEPARTURE * Math.abs(disagreement)) return true;
  }
  return false;
}

/**
 * Checks `analytic` (∂f/∂x, one entry per x) against finite differences of `f` at `x`.
 * An entry passes when its relative error is <= tolerance; an entry with a kink within ±h gets no
 * verdict; the result passes when every entry does.
 */
export function gradCheck(
  f: Objective,
  x: readonly number[],
  analytic: readonly number[],
  options: GradCheckOptions = {},
): GradCheckResult {
  const h = requirePositive("h", options.h ?? GRADCHECK_DEFAULTS.h);
  const tolerance = requirePositive("tolerance", options.tolerance ?? GRADCHECK_DEFAULTS.tolerance);
  const tiny = requirePositive("tiny", options.tiny ?? GRADCHECK_DEFAULTS.tiny);
  const method = options.method ?? GRADCHECK_DEFAULTS.method;
  if (method !== "centred" && method !== "forward") {
    throw new EngineError(`method must be "centred" or "forward", got ${formatValue(method)}`);
  }
  if (x.length === 0) throw new EngineError("x has no values");
  requireAllFinite("x", x);
  requireSameLength("analytic", analytic, "x", x);
  requireAllFinite("analytic", analytic);
  const settings = { h, method, tolerance, tiny };
  const fx = evaluateAt(f, x, "x");
  const entries = x.map((_v, i) =>
    options.reads?.[i] === false
      ? unreadEntry(i, analytic[i] as number, x, fx, settings)
      : checkEntry(f, x, i, analytic[i] as number, fx, settings),
  );
  let maxRelativeError = 0;
  for (const e of entries) if (!e.kink) maxRelativeError = Math.max(maxRelativeError, e.relativeError);
  const failed = entries.some((e) => !e.kink && !e.pass);
  const verdict: GradCheckVerdict = failed ? "fail" : entries.some((e) => e.kink) ? "kink" : "pass";
  return { entries, maxRelativeError, verdict, pass: verdict === "pass", h, method, tolerance };
}

/** The formula as a function of `names` (the rest of `bindings` fixed), and which names it reads at all. */
export interface FormulaObjective {
  f: Objective;
  reads: boolean[];
}

/**
 * The data are bound once (boundFormula); `reads` lets gradCheck skip the names the formula never reads
 * (8,000 names, each evaluated twice, made GRADCHECK take minutes). `valueOf` turns the formula's value into
 * the one number checked (it throws when the formula gives several).
 */
export function formulaObjective(
  formula: CompiledFormula | string,
  bindings: Bindings,
  names: readonly string[],
  valueOf: (value: number | number[]) => number,
): FormulaObjective {
  const compiled = typeof formula === "string" ? compileFormula(formula) : formula;
  const read = new Set(compiled.names);
  const value = boundFormula(compiled, bindings, names);
  return { f: (x) => valueOf(value(x)), reads: names.map((name) => read.has(name.toLowerCase())) };
}

function oneLoss(value: number | number[]): number {
  if (typeof value === "number") return value;
  throw new EngineError(`formula gives ${value.length} values; wrap it in SUM or AVERAGE to get one loss`);
}

/**
 * Checks the engine's own gradient of a one-value formula with respect to `wrt` (names bound to numbers)
 * against finite differences of the same formula: the autograd path against plain evaluation.
 */
export function gradCheckFormula(
  formula: CompiledFormula | string,
  bindings: Bindings,
  wrt: readonly string[],
  options: GradCheckOptions = {},
): GradCheckResult {
  const { gradient } = formulaGradient(formula, bindings, wrt);
  const at = wrt.map((name) => Number(bindings[bindingKey(bindings, name)]));
  const { f, reads } = formulaObjective(formula, bindings, wrt, oneLoss);
  return gradCheck(f, at, gradient, { ...options, reads });
}

/** The binding's own key for a name (keys match case-insensitively). formulaGradient has checked it exists. */
function bindingKey(bindings: Bindings, name: string): string {
  const lower = name.toLowerCase();
  return Object.keys(bindings).find((key) => key.toLowerCase() === lower) as string;
}
