/**
 * One descriptor per GD.* cell function: its name, its parameters (type, range or value, optional, whether
 * it changes the result's layout), the engine call, and the result's shape computed with the same coercion
 * as the result. The JSDoc shells Excel's metadata generator reads (functions.ts) are generated from these
 * descriptors (scripts/generate-function-shells.ts); the HyperFormula plugin, the tests and the docs' tables
 * iterate them, so a parameter is described once.
 */
import type { CellInput } from "./coercion";

/** The metadata's parameter types. */
export type ParamType = "number" | "string" | "boolean" | "any";
/** A single value, a range (a 2-D array), or a repeating argument (Excel passes all repeats as one array). */
export type ParamShape = "value" | "range" | "repeating-range" | "repeating-value";

export interface CellParam {
  readonly name: string;
  readonly type: ParamType;
  readonly shape: ParamShape;
  readonly optional: boolean;
  /** Changes the size of the result (HyperFormula reserves the spill before evaluating: type it literally). */
  readonly layout: boolean;
  readonly description: string;
}

/** A call's arguments by parameter name; absent or null = omitted. */
export type CellArgs = Readonly<Record<string, CellInput>>;

/** What a size prediction can know before evaluating: typed literals, and the size of every argument. */
export interface ShapeArgs {
  /** A number, text or TRUE/FALSE typed in the formula; undefined for references, expressions, omitted. */
  literal(name: string): number | string | boolean | undefined;
  /** Cells in the argument (a range's width × height, 1 for a value, 0 when omitted). */
  cells(name: string): number;
  rows(name: string): number;
}

export interface Shape {
  width: number;
  height: number;
}

export type Invocation = { kind: "cancelable" | "streaming"; description: string };

export interface CellFunction {
  readonly name: string;
  /** The metadata's description (the JSDoc's first line). */
  readonly description: string;
  readonly params: readonly CellParam[];
  /** The shell's TypeScript return type, as the metadata generator reads it ("number[][]", "Promise<…>"). */
  readonly resultType: string;
  /** The JSDoc @returns text (absent for streaming functions). */
  readonly returns?: string;
  /** Excel's invocation object: cancelable (TRAIN_MLP) or streaming (TRAIN_MLP_LIVE). */
  readonly invocation?: Invocation;
  /** The body as Excel calls it; bad input throws (the shell turns it into #VALUE! with the message). */
  run(args: CellArgs, invocation?: unknown): unknown;
  /** The body for a synchronous host (HyperFormula), when run is asynchronous or streams. */
  readonly runSync?: (args: CellArgs) => unknown;
  /** The result's size for a spill; absent for a single value. */
  readonly shape?: (args: ShapeArgs) => Shape;
}

/** Parameter builders: the common cases in one word each. */
export function param(
  name: string,
  type: ParamType,
  description: string,
  options: { shape?: ParamShape; optional?: boolean; layout?: boolean } = {},
): CellParam {
  return {
    name,
    type,
    shape: options.shape ?? "value",
    optional: options.optional ?? false,
    layout: options.layout ?? false,
    description,
  };
}

export const optional = (
  name: string,
  type: ParamType,
  description: string,
  options: { shape?: ParamShape; layout?: boolean } = {},
): CellParam => param(name, type, description, { ...options, optional: true });

/** The parameters that change a function's layout, by function: what must be typed literally in HyperFormula. */
export function layoutArguments(fn: CellFunction): string[] {
  return fn.params.filter((p) => p.layout).map((p) => p.name);
}

/** The TypeScript type of a parameter in the shell, as the metadata generator maps it. */
export function tsType(p: CellParam): string {
  switch (p.shape) {
    case "value":
      return p.type;
    case "range":
      return `${p.type}[][]`;
    case "repeating-range":
      return `${p.type}[][][]`;
    case "repeating-value":
      return `${p.type}[]`;
  }
}

export const row = (width: number): Shape => ({ width, height: 1 });
