/**
 * Gradient checking: compare an analytic gradient (the engine's, or numbers a user derived by hand) with
 * finite differences of the function, entry by entry, as CS231n's notes recommend.
 */
import { EngineError, formatValue, requireAllFinite, requirePositive, requireSameLength } from "./errors";
import { type Bindings, type CompiledFormula, boundFormula, formulaGradient } from "./formula";

export type GradCheckMethod = "centred" | "forward";

/**
 * Defaults, and why (float64 throughout):
 * - h = 1e-5: the centred difference's truncation error is about h²·|f'''|/6 ≈ 1e-10·|f'''| and its rounding
 *   error about ε·|f|/h ≈ 2e-11·|f| (ε = 2.2e-16); h = 1e-5 keeps both near 1e-10, close to the best h for
 *   a centred difference, (3ε)^(1/3) ≈ 1e-5.
 * - method "centred": (f(x+h) − f(x−h)) / 2h. The forward difference (f(x+h) − f(x)) / h has error
 *   h·|f''|/2 ≈ 5e-6·|f''|, so on a curved function its relative error is ~1e-5 and it fails the tolerance
 *   below: that is the point of offering it.
 * - tolerance 1e-6 on the relative error |a − n| / max(|a|, |n|, tiny): a correct gradient of a smooth,
 *   well-scaled function checks at 1e-7 or better (CS231n: "1e-7 and less you should be happy"), leaving a
 *   10× margin, while a real mistake (a wrong sign, a missing factor, a dropped term) gives 1e-3 to 1. For
 *   functions with kinks (ABS, RELU, MAX) near a kink, CS231n's 1e-4 may be the realistic level: pass it.
 * - tiny = 1e-8: the denominator's floor, so two (near-)zero entries compare absolutely instead of dividing
 *   by zero. Near a minimum, where the true gradient is ~0, the numeric one is rounding noise (~ε·|f|/h):
 *   relative error is then meaningless; raise tiny to the noise level (e.g. 1e-11·|f|·1e3) if that bites.
 */
export const GRADCHECK_DEFAULTS = Object.freeze({
  h: 1e-5,
  method: "centred" as GradCheckMethod,
  tolerance: 1e-6,
  tiny: 1e-8,
});

export interface GradCheckOptions {
  h?: number;
  method?: GradCheckMethod;
  tolerance?: number;
  tiny?: number;
}

export interface GradCheckEntry {
  /** 0-based position in x. */
  index: number;
  analytic: number;
  numeric: number;
  relativeError: number;
  pass: boolean;
}

export interface GradCheckResult {
  entries: GradCheckEntry[];
  maxRelativeError: number;
  pass: boolean;
  h: number;
  method: GradCheckMethod;
  tolerance: number;
}

export function relativeError(analytic: number, numeric: number, tiny: number): number {
  return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), tiny);
}

function evaluateAt(f: (x: readonly number[]) => number, x: readonly number[], label: string): number {
  const value = f(x);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new EngineError(`f(${label}) must be a finite number, got ${formatValue(value)}`);
  }
  return value;
}

/** The finite-difference estimate of ∂f/∂x[i]. */
function numericPartial(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  i: number,
  h: number,
  method: GradCheckMethod,
  fx: number,
): number {
  const shifted = (delta: number): number[] => x.map((v, j) => (j === i ? v + delta : v));
  const plus = evaluateAt(f, shifted(h), `x[${i + 1}] + h`);
  if (method === "forward") return (plus - fx) / h;
  const minus = evaluateAt(f, shifted(-h), `x[${i + 1}] - h`);
  return (plus - minus) / (2 * h);
}

/**
 * Checks `analytic` (∂f/∂x, one entry per x) against finite differences of `f` at `x`.
 * Every entry passes when its relative error is <= tolerance; the result passes when every entry does.
 */
export function gradCheck(
  f: (x: readonly number[]) => number,
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
  const fx = method === "forward" ? evaluateAt(f, x, "x") : NaN;
  const entries = x.map((_v, index) => {
    const a = analytic[index] as number;
    const numeric = numericPartial(f, x, index, h, method, fx);
    const error = relativeError(a, numeric, tiny);
    return { index, analytic: a, numeric, relativeError: error, pass: error <= tolerance };
  });
  const maxRelativeError = Math.max(...entries.map((e) => e.relativeError));
  return { entries, maxRelativeError, pass: entries.every((e) => e.pass), h, method, tolerance };
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
  const value = boundFormula(formula, bindings, wrt);
  return gradCheck((x) => value(x) as number, at, gradient, options);
}

/** The binding's own key for a name (keys match case-insensitively). formulaGradient has checked it exists. */
function bindingKey(bindings: Bindings, name: string): string {
  const lower = name.toLowerCase();
  return Object.keys(bindings).find((key) => key.toLowerCase() === lower) as string;
}
