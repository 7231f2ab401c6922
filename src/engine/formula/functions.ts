/**
 * The formula language's functions, by upper-case name. Excel's own functions keep Excel's meaning (MAX, MIN,
 * SUM and AVERAGE reduce all their arguments to one value; LOG's base defaults to 10); SIGMOID, RELU,
 * SOFTPLUS, MAXIMUM and MINIMUM are this add-in's extensions and work elementwise.
 */
import {
  Tensor,
  abs,
  add,
  atan,
  constant,
  cos,
  cosh,
  div,
  exp,
  log,
  log10,
  log2,
  maxAll,
  maximum,
  minAll,
  minimum,
  pow,
  relu,
  sigmoid,
  sin,
  sinh,
  softplus,
  sqrt,
  sum,
  tan,
  tanh,
} from "../autograd";
import { FORMULA_LIMITS } from "./limits";

export interface FormulaFunction {
  minArgs: number;
  maxArgs: number;
  apply(args: readonly Tensor[]): Tensor;
}

function arg(args: readonly Tensor[], i: number): Tensor {
  return args[i] as Tensor;
}

function one(fn: (x: Tensor) => Tensor): FormulaFunction {
  return { minArgs: 1, maxArgs: 1, apply: (args) => fn(arg(args, 0)) };
}

function variadic(apply: (args: readonly Tensor[]) => Tensor): FormulaFunction {
  return { minArgs: 1, maxArgs: FORMULA_LIMITS.maxArguments, apply };
}

function isConstantScalar(t: Tensor, value: number): boolean {
  return !t.requiresGrad && t.size === 1 && t.data[0] === value;
}

/** LOG(x, [base]): base 10 by default. Bases 10 and 2 use exact log10/log2 so LOG(1000) is 3, LOG(8,2) is 3. */
function logBase(args: readonly Tensor[]): Tensor {
  const x = arg(args, 0);
  const base = args[1];
  if (base === undefined || isConstantScalar(base, 10)) return log10(x);
  if (isConstantScalar(base, 2)) return log2(x);
  return div(log(x), log(base));
}

/** Excel's MAX/MIN: the extreme over every element of every argument. */
function reduceAll(args: readonly Tensor[], each: (t: Tensor) => Tensor, pair: typeof maximum): Tensor {
  return args.map(each).reduce((acc, t) => pair(acc, t));
}

function sumAll(args: readonly Tensor[]): Tensor {
  return args.map(sum).reduce((acc, t) => add(acc, t));
}

/** Excel's AVERAGE: the sum of all elements of all arguments over their total count. */
function averageAll(args: readonly Tensor[]): Tensor {
  const count = args.reduce((n, t) => n + t.size, 0);
  return div(sumAll(args), count);
}

export const FORMULA_FUNCTIONS: Readonly<Record<string, FormulaFunction>> = {
  EXP: one(exp),
  LN: one(log),
  LOG: { minArgs: 1, maxArgs: 2, apply: logBase },
  LOG10: one(log10),
  SQRT: one(sqrt),
  ABS: one(abs),
  SIN: one(sin),
  COS: one(cos),
  TAN: one(tan),
  TANH: one(tanh),
  SINH: one(sinh),
  COSH: one(cosh),
  ATAN: one(atan),
  POWER: { minArgs: 2, maxArgs: 2, apply: (args) => pow(arg(args, 0), arg(args, 1)) },
  PI: { minArgs: 0, maxArgs: 0, apply: () => constant(Float64Array.of(Math.PI), []) },
  MAX: variadic((args) => reduceAll(args, maxAll, maximum)),
  MIN: variadic((args) => reduceAll(args, minAll, minimum)),
  SUM: variadic(sumAll),
  AVERAGE: variadic(averageAll),
  SIGMOID: one(sigmoid),
  RELU: one(relu),
  SOFTPLUS: one(softplus),
  MAXIMUM: { minArgs: 2, maxArgs: 2, apply: (args) => maximum(arg(args, 0), arg(args, 1)) },
  MINIMUM: { minArgs: 2, maxArgs: 2, apply: (args) => minimum(arg(args, 0), arg(args, 1)) },
};

export function lookupFunction(upperName: string): FormulaFunction | undefined {
  return Object.prototype.hasOwnProperty.call(FORMULA_FUNCTIONS, upperName)
    ? FORMULA_FUNCTIONS[upperName]
    : undefined;
}

/** `LOG takes 1 or 2 arguments, got 3`, `PI takes no arguments, got 1`, `MAX takes 1 to 255 arguments, got 0`. */
export function arityMessage(name: string, fn: FormulaFunction, got: number): string {
  const plural = (n: number): string => (n === 1 ? "argument" : "arguments");
  let expected: string;
  if (fn.maxArgs === 0) expected = "no arguments";
  else if (fn.minArgs === fn.maxArgs) expected = `${fn.minArgs} ${plural(fn.minArgs)}`;
  else if (fn.maxArgs === fn.minArgs + 1) expected = `${fn.minArgs} or ${fn.maxArgs} arguments`;
  else expected = `${fn.minArgs} to ${fn.maxArgs} arguments`;
  return `${name} takes ${expected}, got ${got}`;
}
