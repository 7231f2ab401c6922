/**
 * The GD.* custom functions inside HyperFormula (a spreadsheet formula engine that runs in Node and the
 * browser): the sheet tests and the browser workbench evaluate real sheets with the SAME implementations
 * Excel calls. HyperFormula needs each array result's size when it parses a formula, so every function has a
 * size predictor built from its arguments' ranges and literal values (a hyper-parameter that changes the
 * state layout, such as amsgrad or momentum, must be typed literally for HyperFormula; Excel has no such
 * limit). Thrown errors become #VALUE! with the function's message, as in Excel.
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
  type FunctionPluginDefinition,
  type ImplementedFunctions,
} from "hyperformula";
import {
  ADADELTA_STEP,
  ADAGRAD_STEP,
  ADAM_STEP,
  GD_STEP,
  GRAD,
  GRADCHECK,
  HESSIAN,
  JACOBIAN,
  LOSS,
  LR_DECAY,
  MLP_PREDICT,
  OPTIM_STEP,
  RMSPROP_STEP,
  STEP_HEADERS,
  TRAIN_HEADERS,
} from "../functions/functions";
import { messageOf, atExcelEdge } from "../functions/excel-errors";
import {
  trainMlpRow,
  trainMlpRunSync,
  trainRowWidth,
  layerSizes,
  type TrainRunArgs,
} from "../functions/mlp-cells";
import { hyperFromOptions, optimizerRowWidth, stepFunctionSetup } from "../functions/optimizer-cells";
import { STEP_FUNCTIONS, type StepFunctionName } from "../functions/step-table";
import { nameList, optionalNumber } from "../functions/coercion";
import { formulaList } from "../functions/formula-tools";
import { parameterCount } from "../engine/mlp";

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
}

/** A cell value as our functions take it (what Excel would pass). */
type CellArg = unknown;
type Implementation = (...args: CellArg[]) => unknown;

interface Entry {
  name: string;
  /** Positional arguments: how many are required, the total (the last may repeat). */
  required: number;
  total: number;
  repeatLast?: boolean;
  run: Implementation;
  /** Result size from the call's syntax; undefined for scalar results. */
  size?: (args: ArgReader) => { width: number; height: number };
}

/** What a size predictor can know at parse time about each argument. */
interface ArgReader {
  count: number;
  /** Cells in argument i (a range's width × height, 1 for a scalar). */
  cells(i: number): number;
  rows(i: number): number;
  /** A literal number/string/boolean typed in the formula, or undefined (references, expressions, absent). */
  literal(i: number): number | string | boolean | undefined;
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

const row = (width: number) => ({ width, height: 1 });

function stepSize(fn: StepFunctionName) {
  return (a: ArgReader) => {
    const optional = STEP_FUNCTIONS[fn].args.map((_, i) => a.literal(i + 3));
    const { optimizer, hyper } = stepFunctionSetup(fn, optional);
    return row(optimizerRowWidth(optimizer, a.cells(0), hyper));
  };
}

function trainArgs(read: (i: number) => CellArg): TrainRunArgs {
  return {
    layers: read(0),
    X: read(1),
    Y: read(2),
    previous: read(3),
    optimizer: read(4),
    lr: read(5),
    epochs: read(6),
    batch: read(7),
    seed: read(8),
    activation: read(9),
    output: read(10),
    loss: read(11),
    result: read(12),
    options: read(13),
    schedule: read(14),
    scheduleOptions: read(15),
  };
}

/** TRAIN_MLP without Excel's async/cancel wrapper: HyperFormula evaluates synchronously. */
function trainMlpSync(...args: CellArg[]): unknown {
  const read = (i: number): CellArg => args[i] ?? null;
  const runArgs = trainArgs(read);
  return atExcelEdge(() => {
    const epochs = optionalNumber("epochs", runArgs.epochs) ?? 0;
    return epochs === 0 ? trainMlpRow(runArgs) : trainMlpRunSync(runArgs);
  });
}

function trainSize(a: ArgReader): { width: number; height: number } {
  const args = trainArgs((i) => a.literal(i) ?? null);
  const epochs = typeof args.epochs === "number" ? args.epochs : 0;
  if (epochs === 0) return row(trainRowWidth(args));
  if (String(args.result ?? "loss").toLowerCase() === "params")
    return row(parameterCount(layerSizes(args.layers)));
  return { width: 1, height: epochs };
}

function namesCount(a: ArgReader, i: number): number {
  const literal = a.literal(i);
  return typeof literal === "string" ? nameList("names", literal).length : a.cells(i);
}

const ENTRIES: readonly Entry[] = [
  { name: "GD_STEP", required: 2, total: 9, run: GD_STEP as Implementation, size: stepSize("GD_STEP") },
  {
    name: "ADAM_STEP",
    required: 2,
    total: 10,
    run: ADAM_STEP as Implementation,
    size: stepSize("ADAM_STEP"),
  },
  {
    name: "ADAGRAD_STEP",
    required: 2,
    total: 8,
    run: ADAGRAD_STEP as Implementation,
    size: stepSize("ADAGRAD_STEP"),
  },
  {
    name: "ADADELTA_STEP",
    required: 2,
    total: 7,
    run: ADADELTA_STEP as Implementation,
    size: stepSize("ADADELTA_STEP"),
  },
  {
    name: "RMSPROP_STEP",
    required: 2,
    total: 9,
    run: RMSPROP_STEP as Implementation,
    size: stepSize("RMSPROP_STEP"),
  },
  {
    name: "OPTIM_STEP",
    required: 3,
    total: 7,
    run: OPTIM_STEP as Implementation,
    size: (a) =>
      row(optimizerRowWidth(String(a.literal(0)), a.cells(1), hyperFromOptions(a.literal(4), a.literal(5)))),
  },
  {
    name: "STEP_HEADERS",
    required: 2,
    total: 3,
    run: STEP_HEADERS as Implementation,
    size: (a) =>
      row(optimizerRowWidth(String(a.literal(0)), namesCount(a, 1), hyperFromOptions(null, a.literal(2)))),
  },
  {
    name: "GRAD",
    required: 3,
    total: 5,
    repeatLast: true,
    run: repeating(GRAD as Implementation, 4),
    size: (a) => row(a.cells(2)),
  },
  { name: "LOSS", required: 3, total: 5, repeatLast: true, run: repeating(LOSS as Implementation, 4) },
  {
    name: "JACOBIAN",
    required: 3,
    total: 5,
    repeatLast: true,
    run: repeating(JACOBIAN as Implementation, 4),
    size: (a) => {
      const literal = a.literal(0);
      return {
        width: a.cells(2),
        height: typeof literal === "string" ? formulaList(literal).length : a.cells(0),
      };
    },
  },
  {
    name: "HESSIAN",
    required: 3,
    total: 5,
    repeatLast: true,
    run: repeating(HESSIAN as Implementation, 4),
    size: (a) => ({ width: a.cells(2), height: a.cells(2) }),
  },
  {
    name: "GRADCHECK",
    required: 4,
    total: 7,
    repeatLast: true,
    run: repeating(GRADCHECK as Implementation, 6),
    size: (a) => row(a.cells(2) + 2),
  },
  {
    name: "LR_DECAY",
    required: 3,
    total: 4,
    repeatLast: true,
    run: repeating(LR_DECAY as Implementation, 3),
  },
  { name: "TRAIN_MLP", required: 3, total: 16, run: trainMlpSync, size: trainSize },
  {
    name: "TRAIN_HEADERS",
    required: 1,
    total: 3,
    run: TRAIN_HEADERS as Implementation,
    size: (a) =>
      row(
        trainRowWidth({
          layers: a.literal(0),
          X: null,
          Y: null,
          optimizer: a.literal(1),
          options: a.literal(2),
        }),
      ),
  },
  {
    name: "MLP_PREDICT",
    required: 3,
    total: 5,
    run: MLP_PREDICT as Implementation,
    size: (a) => {
      const sizes = layerSizes(a.literal(0));
      return { width: sizes[sizes.length - 1] ?? 1, height: a.rows(2) };
    },
  },
];

/** Excel passes a repeating argument as ONE array of its values; HyperFormula spreads them. */
function repeating(fn: Implementation, from: number): Implementation {
  return (...args: CellArg[]) => fn(...args.slice(0, from), args.slice(from));
}

function methodName(entry: Entry): string {
  return `gd_${entry.name.toLowerCase()}`;
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

/** Why a result does not fit the cells HyperFormula reserved for it. */
function spillMismatch(width: number, height: number, predicted: ArraySize): string {
  return (
    `the result is ${height}×${width} but ${predicted.height}×${predicted.width} cells were reserved: in this ` +
    "workbench, type the arguments that change the layout (momentum, amsgrad, centered, options, layers, " +
    "epochs, result) as literals, not cell references"
  );
}

/** The plugin class: one method and one size method per function, generated from ENTRIES. */
class GdFunctionsPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    ENTRIES.map((entry) => [
      `${NAMESPACE}.${entry.name}`,
      {
        method: methodName(entry),
        ...(entry.size ? { sizeOfResultArrayMethod: `${methodName(entry)}_size` } : {}),
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
    const args = values.map((v) => toCellArg(v));
    // Scalar errors short-circuit, as in Excel (which does not call a function with an error argument).
    for (const v of values) if (v instanceof CellError) return v;
    let result: unknown;
    try {
      result = entry.run(...args);
    } catch (error) {
      return new CellError(ErrorType.VALUE, messageOf(error));
    }
    // HyperFormula reserved the spill at parse time; a different size would make it throw, so say why instead.
    if (Array.isArray(result) && entry.size) {
      const rows = result as unknown[][];
      const predicted = this.predictSize(entry, ast, state);
      const width = rows[0]?.length ?? 0;
      if (!predicted.isScalar() && (predicted.width !== width || predicted.height !== rows.length)) {
        return new CellError(ErrorType.VALUE, spillMismatch(width, rows.length, predicted));
      }
    }
    return fromResult(result);
  }

  predictSize(entry: Entry, ast: ProcedureAst, state: InterpreterState): ArraySize {
    if (!entry.size) return ArraySize.scalar();
    const reader: ArgReader = {
      count: ast.args.length,
      cells: (i) => {
        const arg = ast.args[i];
        if (arg === undefined) return 0;
        const size = this.internals.arraySizeForAst(arg, state);
        return size.width * size.height;
      },
      rows: (i) => {
        const arg = ast.args[i];
        return arg === undefined ? 0 : this.internals.arraySizeForAst(arg, state).height;
      },
      literal: (i) => literalOf(ast.args[i]),
    };
    try {
      const { width, height } = entry.size(reader);
      return width >= 1 && height >= 1 ? new ArraySize(width, height) : ArraySize.error();
    } catch {
      return ArraySize.error();
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
export const GD_FUNCTION_NAMES: readonly string[] = ENTRIES.map((e) => `${NAMESPACE}.${e.name}`);

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
  return HyperFormula.buildFromSheets(sheets, EXCEL_LIKE_CONFIG);
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
