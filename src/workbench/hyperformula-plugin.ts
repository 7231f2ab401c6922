/**
 * The GD.* custom functions inside HyperFormula (a spreadsheet formula engine that runs in Node and the
 * browser): the sheet tests and the browser workbench evaluate real sheets with the SAME implementations
 * Excel calls. HyperFormula needs each array result's size when it parses a formula, so every function has a
 * size predictor built from its arguments' ranges and literal values; a hyper-parameter that changes the
 * state layout, such as amsgrad or momentum, is a literal or a reference to a cell holding a constant
 * (layout-cells.ts; Excel has no such limit). Thrown errors become #VALUE! with the function's message, as in
 * Excel.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ConfigParams,
  type SimpleCellAddress,
  type FunctionPluginDefinition,
  type ImplementedFunctions,
} from "hyperformula";
import {
  layoutArguments,
  type CellArgs,
  type CellFunction,
  type ShapeArgs,
} from "../functions/cell-function";
import { CELL_FUNCTIONS } from "../functions/cell-functions";
import { messageOf, atExcelEdge } from "../functions/excel-errors";
import { requireFiniteResult } from "../functions/finite-results";
import { constantOfCell, reenterLayoutReaders, type ReferenceAst } from "./layout-cells";

/** The namespace our functions carry in a cell: =GD.ADAM_STEP(...). */
export const NAMESPACE = "GD";

/**
 * The parts of HyperFormula's parse tree we read. Its AST and interpreter types are not exported from the
 * package entry, so these structural types stand in for them.
 */
interface Ast {
  type: string;
  value?: unknown;
  procedureName?: string;
  args?: Ast[];
}
interface ProcedureAst {
  args: Ast[];
}
/** Opaque to us: passed back to HyperFormula unchanged. */
type InterpreterState = unknown;
/** What HyperFormula evaluates an argument to (a scalar, a RichNumber, a range, an error, EmptyValue). */
type InterpreterValue = unknown;
/** The protected FunctionPlugin helpers we call, typed structurally. */
interface PluginInternals {
  evaluateAst(ast: Ast, state: InterpreterState): InterpreterValue;
  arraySizeForAst(ast: Ast, state: InterpreterState): ArraySize;
  dependencyGraph: {
    getRange(start: unknown, end: unknown): RangeCache | undefined;
    getCell(address: SimpleCellAddress): unknown;
  };
}

/** Where the formula being parsed or evaluated sits (HyperFormula's InterpreterState). */
function formulaAddressOf(state: InterpreterState): SimpleCellAddress {
  return (state as { formulaAddress: SimpleCellAddress }).formulaAddress;
}

/** HyperFormula's per-range cache (what its own SUM uses), emptied whenever a cell of the range changes. */
interface RangeCache {
  getFunctionValue(key: string): unknown;
  setFunctionValue(key: string, value: unknown): void;
}

/** Our key in a range's cache: the range's numbers as the formula functions read a data range. */
const NUMBERS_KEY = "GD.NUMBERS";

/** A cell value as our functions take it (what Excel would pass). */
type CellArg = unknown;

interface Entry {
  fn: CellFunction;
  /** Positional arguments: how many are required, the total (the last may repeat). */
  required: number;
  total: number;
  repeatLast: boolean;
}

/** Every descriptor HyperFormula can evaluate: all but streaming functions without a synchronous body. */
const ENTRIES: readonly Entry[] = CELL_FUNCTIONS.filter(
  (fn) => fn.invocation?.kind !== "streaming" || fn.runSync !== undefined,
).map((fn) => ({
  fn,
  required: fn.params.filter((p) => !p.optional).length,
  total: fn.params.length,
  repeatLast: fn.params[fn.params.length - 1]?.shape.startsWith("repeating") ?? false,
}));

/** Positional values → arguments by name; a repeating last parameter gets all its repeats as one array (as Excel passes them). */
function namedArgs(entry: Entry, values: readonly CellArg[]): CellArgs {
  const args: Record<string, CellArg> = {};
  entry.fn.params.forEach((p, i) => {
    args[p.name] = entry.repeatLast && i === entry.total - 1 ? values.slice(i) : (values[i] ?? null);
  });
  return args;
}

function run(entry: Entry, values: readonly CellArg[]): unknown {
  const body = entry.fn.runSync ?? entry.fn.run;
  return atExcelEdge(() => {
    const result = body(namedArgs(entry, values));
    requireFiniteResult(entry.fn.name, result);
    return result;
  });
}

const ERROR_CODES: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.REF]: "#REF!",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.NAME]: "#NAME?",
};

/** HyperFormula's internal values → what Excel hands a custom function (numbers, text, booleans, null, 2-D arrays). */
function toCellArg(value: InterpreterValue | undefined): CellArg {
  if (value === undefined || value === EmptyValue) return null;
  if (value instanceof SimpleRangeValue) return value.rawData().map((row) => row.map((v) => toCellArg(v)));
  if (value instanceof CellError) return { code: ERROR_CODES[value.type] ?? `#${value.type}!` };
  if (typeof value === "object" && value !== null && "val" in value)
    return Number((value as { val: unknown }).val);
  return value;
}

/** The HyperFormula error type of a thrown cell error: #NUM! and #DIV/0! keep their code, the rest is #VALUE!. */
function errorTypeOf(error: unknown): ErrorType {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "#NUM!") return ErrorType.NUM;
  if (code === "#DIV/0!") return ErrorType.DIV_BY_ZERO;
  return ErrorType.VALUE;
}

/** Our results → HyperFormula values. */
function fromResult(result: unknown): InterpreterValue {
  if (Array.isArray(result)) {
    const rows = (result as unknown[][]).map((row) =>
      row.map((v) =>
        typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : String(v),
      ),
    );
    return SimpleRangeValue.onlyValues(rows);
  }
  if (typeof result === "number" || typeof result === "string" || typeof result === "boolean") return result;
  return new CellError(ErrorType.VALUE, `unexpected result ${String(result)}`);
}

function methodName(entry: Entry): string {
  return `gd_${entry.fn.name.toLowerCase()}`;
}

function literalOf(ast: Ast | undefined): number | string | boolean | undefined {
  if (ast === undefined) return undefined;
  const inner = ast.value as Ast | undefined;
  switch (ast.type) {
    case "NUMBER":
      return typeof ast.value === "number" ? ast.value : undefined;
    case "STRING":
      return typeof ast.value === "string" ? ast.value : undefined;
    case "MINUS_UNARY_OP":
      return inner?.type === "NUMBER" && typeof inner.value === "number" ? -inner.value : undefined;
    case "PLUS_UNARY_OP":
      return inner?.type === "NUMBER" && typeof inner.value === "number" ? inner.value : undefined;
    case "FUNCTION_CALL":
      if (ast.args?.length === 0 && ast.procedureName === "TRUE") return true;
      if (ast.args?.length === 0 && ast.procedureName === "FALSE") return false;
      return undefined;
    default:
      return undefined;
  }
}

/** Every cell a number (or a formatted number, as toCellArg reads it) → the numbers in order; else undefined. */
function numbersOf(rows: readonly (readonly InterpreterValue[])[]): Float64Array | undefined {
  const width = rows[0]?.length ?? 0;
  const out = new Float64Array(rows.length * width);
  let i = 0;
  for (const row of rows) {
    for (const v of row) {
      if (typeof v === "number") out[i++] = v;
      else if (typeof v === "object" && v !== null && "val" in v)
        out[i++] = Number((v as { val: unknown }).val);
      else return undefined;
    }
  }
  return out;
}

/** Argument i is a data range of numbers (GRAD's x and y: a repeating range parameter). */
function isDataArgument(entry: Entry, i: number): boolean {
  const p = entry.fn.params[Math.min(i, entry.total - 1)];
  return p !== undefined && p.shape === "repeating-range" && p.type === "number";
}

/** Why a result does not fit the cells HyperFormula reserved for it. */
export function spillMismatch(fn: CellFunction, width: number, height: number, predicted: ArraySize): string {
  const reserved = `the result is ${height}×${width} but ${predicted.height}×${predicted.width} cells were reserved`;
  const layout = layoutArguments(fn);
  if (layout.length === 0) return reserved;
  return `${reserved}: in this workbench, the arguments that change the layout (${layout.join(", ")}) must be literals or cells holding a constant (not a formula)`;
}

/** Spill sizes that follow from a call's syntax alone (literals, ranges' sizes): one per parsed call. */
const reservedSizes = new WeakMap<ProcedureAst, ArraySize>();
/** Spill sizes read from cells (layout-cells.ts): per call and per formula address, as HyperFormula reserved them. */
const reservedAt = new WeakMap<ProcedureAst, Map<string, ArraySize>>();

function addressKey(address: SimpleCellAddress): string {
  return `${address.sheet}:${address.row}:${address.col}`;
}

/** The plugin class: one method and one size method per function, generated from ENTRIES. */
class GdFunctionsPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    ENTRIES.map((entry) => [
      `${NAMESPACE}.${entry.fn.name}`,
      {
        method: methodName(entry),
        ...(entry.fn.shape ? { sizeOfResultArrayMethod: `${methodName(entry)}_size` } : {}),
        vectorizationForbidden: true,
        ...(entry.repeatLast ? { repeatLastArgs: 1 } : {}),
        parameters: Array.from({ length: entry.total }, (_, i) => ({
          argumentType: FunctionArgumentType.ANY,
          ...(i >= entry.required ? { optionalArg: true } : {}),
        })),
      },
    ]),
  );

  private get internals(): PluginInternals {
    return this as unknown as PluginInternals;
  }

  evaluateEntry(entry: Entry, ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    const values = ast.args.map((arg) => this.internals.evaluateAst(arg, state));
    const args = values.map((v, i) => (isDataArgument(entry, i) && this.numbersOfRange(v)) || toCellArg(v));
    // Scalar errors short-circuit, as in Excel (which does not call a function with an error argument).
    for (const v of values) if (v instanceof CellError) return v;
    let result: unknown;
    try {
      result = run(entry, args);
    } catch (error) {
      return new CellError(errorTypeOf(error), messageOf(error));
    }
    // HyperFormula reserved the spill at parse time from the arguments' sizes: a range's blank cells, which
    // the functions skip (names, formulas), leave reserved cells empty; a larger result would make it throw,
    // so say why instead.
    if (Array.isArray(result) && entry.fn.shape) {
      const rows = result as unknown[][];
      const predicted = this.reservedSize(entry, ast, state);
      const width = rows[0]?.length ?? 0;
      if (!predicted.isScalar() && (width > predicted.width || rows.length > predicted.height)) {
        return new CellError(ErrorType.VALUE, spillMismatch(entry.fn, width, rows.length, predicted));
      }
    }
    return fromResult(result);
  }

  /**
   * A one-row or one-column range of numbers as a Float64Array, kept in HyperFormula's cache of the range so
   * that the 2,000 rows of a sheet reading the same data convert it once per recalculation, not once per
   * cell; HyperFormula empties the cache when a cell of the range changes. Anything else (blanks, text,
   * errors, a 2-D block, a computed array) → undefined, and the general conversion with its messages.
   */
  numbersOfRange(value: InterpreterValue): Float64Array | undefined {
    if (!(value instanceof SimpleRangeValue) || value.isAdHoc() || value.range === undefined)
      return undefined;
    if (value.width() !== 1 && value.height() !== 1) return undefined;
    const cache = this.internals.dependencyGraph.getRange(value.range.start, value.range.end);
    const cached = cache?.getFunctionValue(NUMBERS_KEY);
    if (cached instanceof Float64Array) return cached;
    const numbers = numbersOf(value.rawData());
    if (numbers !== undefined) cache?.setFunctionValue(NUMBERS_KEY, numbers);
    return numbers;
  }

  /**
   * The size HyperFormula reserved when it parsed the call (predictSize, below): kept per parsed call, or per
   * call and address when a layout argument was read from a cell, so a recalculation need not predict it again
   * and never predicts it differently from the cells HyperFormula holds for it.
   */
  reservedSize(entry: Entry, ast: ProcedureAst, state: InterpreterState): ArraySize {
    return (
      reservedSizes.get(ast) ??
      reservedAt.get(ast)?.get(addressKey(formulaAddressOf(state))) ??
      this.predictSize(entry, ast, state)
    );
  }

  /** HyperFormula's size method: called when a formula is parsed (or entered again). */
  predictSize(entry: Entry, ast: ProcedureAst, state: InterpreterState): ArraySize {
    const { size, fromCells } = this.sizeOfCall(entry, ast, state);
    if (!fromCells) reservedSizes.set(ast, size);
    else {
      let sizes = reservedAt.get(ast);
      if (!sizes) reservedAt.set(ast, (sizes = new Map()));
      sizes.set(addressKey(formulaAddressOf(state)), size);
    }
    return size;
  }

  sizeOfCall(
    entry: Entry,
    ast: ProcedureAst,
    state: InterpreterState,
  ): { size: ArraySize; fromCells: boolean } {
    const shape = entry.fn.shape;
    if (!shape) return { size: ArraySize.scalar(), fromCells: false };
    const index = (name: string): number => entry.fn.params.findIndex((p) => p.name === name);
    const sizeOf = (name: string): ArraySize | undefined => {
      const arg = ast.args[index(name)];
      return arg === undefined ? undefined : this.internals.arraySizeForAst(arg, state);
    };
    let fromCells = false;
    const reader: ShapeArgs = {
      cells: (name) => {
        const size = sizeOf(name);
        return size === undefined ? 0 : size.width * size.height;
      },
      rows: (name) => sizeOf(name)?.height ?? 0,
      literal: (name) => {
        const arg = ast.args[index(name)];
        const literal = literalOf(arg);
        if (literal !== undefined || arg?.type !== "CELL_REFERENCE") return literal;
        fromCells = true;
        return constantOfCell(this.internals.dependencyGraph, arg as ReferenceAst, formulaAddressOf(state));
      },
    };
    try {
      const { width, height } = shape(reader);
      return {
        size: width >= 1 && height >= 1 ? new ArraySize(width, height) : ArraySize.error(),
        fromCells,
      };
    } catch {
      return { size: ArraySize.error(), fromCells };
    }
  }
}

for (const entry of ENTRIES) {
  const proto = GdFunctionsPlugin.prototype as unknown as Record<string, unknown>;
  proto[methodName(entry)] = function (this: GdFunctionsPlugin, ast: ProcedureAst, state: InterpreterState) {
    return this.evaluateEntry(entry, ast, state);
  };
  proto[`${methodName(entry)}_size`] = function (
    this: GdFunctionsPlugin,
    ast: ProcedureAst,
    state: InterpreterState,
  ) {
    return this.predictSize(entry, ast, state);
  };
}

/** Every function's name in a cell, e.g. "GD.ADAM_STEP". */
export const GD_FUNCTION_NAMES: readonly string[] = ENTRIES.map((e) => `${NAMESPACE}.${e.fn.name}`);

const TRANSLATIONS = Object.fromEntries(GD_FUNCTION_NAMES.map((name) => [name, name]));

let registered = false;

/** Registers the GD.* functions with HyperFormula (once per process/page). */
export function registerGdFunctions(): void {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(GdFunctionsPlugin as unknown as FunctionPluginDefinition, {
    enGB: TRANSLATIONS,
    enUS: TRANSLATIONS,
  });
  registered = true;
}

/**
 * HyperFormula settings that match Excel for our sheets: Excel keeps 15 significant digits, HyperFormula
 * rounds to 10 unless `precisionRounding` is raised (and `smartRounding` would hide the rest).
 */
export const EXCEL_LIKE_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  precisionRounding: 15,
  smartRounding: false,
  useArrayArithmetic: true,
};

/** A HyperFormula instance with our functions, built from sheets of raw cell contents. */
export function buildEngine(sheets: Record<string, (string | number | boolean | null)[][]>): HyperFormula {
  registerGdFunctions();
  const hf = HyperFormula.buildFromSheets(sheets, EXCEL_LIKE_CONFIG);
  // Layout arguments in cells built after their formula (below, right, a later sheet) are known now.
  hf.batch(() => reenterLayoutReaders(hf));
  hf.clearUndoStack();
  return hf;
}

const FILE_PREFIX = "_xldudf_";

/**
 * How Excel stores an add-in's custom function in a saved formula: `GD.ADAM_STEP(` is written as
 * `_xldudf_GD_ADAM_STEP(` (the namespace's dot becomes an underscore). A file written that way binds to the
 * add-in when opened; a bare `GD.ADAM_STEP(` in the XML opens as #NAME? until each cell is re-entered.
 */
export function toFileFormula(formula: string): string {
  return formula.replace(new RegExp(`\\b${NAMESPACE}\\.([A-Z_]+)\\(`, "g"), `${FILE_PREFIX}${NAMESPACE}_$1(`);
}

/** The reverse of toFileFormula: a formula read from an .xlsx → the form typed in a cell (and HyperFormula's). */
export function fromFileFormula(formula: string): string {
  return formula.replace(new RegExp(`${FILE_PREFIX}${NAMESPACE}_([A-Z_]+)\\(`, "gi"), `${NAMESPACE}.$1(`);
}
