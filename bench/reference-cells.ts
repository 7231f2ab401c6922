/**
 * Today's cost, kept for comparison in the same run: the GRAD cell path as it was before the compiled
 * kernels — the argument conversion (every range checked with `every(Array.isArray)` and copied with
 * `flat()`, a message string built per cell) feeding the autograd tape, which allocates a tensor per op —
 * and, in HyperFormula, a plugin function REF.GRAD that converts each range argument to nested arrays per
 * call, as the add-in's plugin did. Also two stand-ins that return zeros, to split a sheet's time into
 * HyperFormula's own work and ours: BENCH.STUB (reads nothing) and BENCH.READ (materialises each range,
 * as any function reading a range through HyperFormula must).
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type FunctionPluginDefinition,
} from "hyperformula";
import { EngineError, formatValue, requireSameLength } from "../src/engine/errors";
import { compileFormula, gradientOnTape, programOf } from "../src/engine/formula";
import { nameList } from "../src/functions/coercion";

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

function cellsOf(name: string, input: unknown): unknown[] {
  if (!Array.isArray(input)) return [input];
  const rows = input as unknown[];
  if (rows.length === 0) return [];
  if (!rows.every((row) => Array.isArray(row))) return rows;
  const grid = rows as unknown[][];
  const width = grid[0]?.length ?? 0;
  if (grid.length > 1 && width > 1) {
    throw new EngineError(`${name} must be a single row or column, got ${grid.length}×${width} cells`);
  }
  return grid.flat();
}

function numberOf(name: string, position: number, value: unknown): number {
  const where = position > 0 ? `${name}[${position}]` : name;
  if (isBlank(value)) return 0;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new EngineError(`${where} must be a finite number, got ${value}`);
    return value;
  }
  throw new EngineError(`${where} must be a number, got ${formatValue(value)}`);
}

function numberVector(name: string, input: unknown): number[] {
  const cells = cellsOf(name, input);
  return cells.map((value, i) => numberOf(name, cells.length > 1 ? i + 1 : 0, value));
}

/** GRAD as the add-in computed it before the kernels: general conversion, then the tape. */
export function referenceGrad(
  formula: string,
  namesInput: unknown,
  valuesInput: unknown,
  dataNamesInput: unknown,
  data: readonly unknown[],
): number[][] {
  const names = nameList("names", namesInput);
  const values = numberVector("values", valuesInput);
  requireSameLength("values", values, "names", names);
  const dataNames = nameList("data names", dataNamesInput);
  const bindings: Record<string, number | number[]> = {};
  names.forEach((name, i) => (bindings[name] = values[i] as number));
  dataNames.forEach((name, i) => {
    const vector = numberVector(name, data[i]);
    bindings[name] = vector.length === 1 ? (vector[0] as number) : vector;
  });
  return [gradientOnTape(programOf(compileFormula(formula)), bindings, names).gradient];
}

/** The plugin's conversion of HyperFormula values before the range cache: nested arrays per call. */
function toCellArg(value: unknown): unknown {
  if (value === undefined || value === EmptyValue) return null;
  if (value instanceof SimpleRangeValue) return value.rawData().map((row) => row.map((v) => toCellArg(v)));
  if (value instanceof CellError) return { code: `#${value.type}!` };
  if (typeof value === "object" && value !== null && "val" in value)
    return Number((value as { val: unknown }).val);
  return value;
}

interface Ast {
  args: unknown[];
}
interface Internals {
  evaluateAst(ast: unknown, state: unknown): unknown;
  arraySizeForAst(ast: unknown, state: unknown): ArraySize;
}

const ANY = { argumentType: FunctionArgumentType.ANY };

class ReferencePlugin extends FunctionPlugin {
  static override implementedFunctions = Object.fromEntries(
    ["REF.GRAD", "BENCH.STUB", "BENCH.READ"].map((name) => [
      name,
      {
        method: name.replace(".", "_").toLowerCase(),
        sizeOfResultArrayMethod: "gradSize",
        vectorizationForbidden: true,
        repeatLastArgs: 1,
        parameters: [ANY, ANY, ANY, { ...ANY, optionalArg: true }, { ...ANY, optionalArg: true }],
      },
    ]),
  );

  private get internals(): Internals {
    return this as unknown as Internals;
  }

  private values(ast: Ast, state: unknown): unknown[] {
    return ast.args.map((arg) => this.internals.evaluateAst(arg, state));
  }

  ref_grad(ast: Ast, state: unknown): unknown {
    const args = this.values(ast, state).map(toCellArg);
    return SimpleRangeValue.onlyValues(
      referenceGrad(args[0] as string, args[1], args[2], args[3], args.slice(4)),
    );
  }

  bench_stub(ast: Ast, state: unknown): unknown {
    const width = this.internals.arraySizeForAst(ast.args[2], state).width;
    return SimpleRangeValue.onlyValues([new Array<number>(width).fill(0)]);
  }

  bench_read(ast: Ast, state: unknown): unknown {
    const values = this.values(ast, state);
    for (const v of values) if (v instanceof SimpleRangeValue) v.rawData();
    return this.bench_stub(ast, state);
  }

  gradSize(ast: Ast, state: unknown): ArraySize {
    return new ArraySize(this.internals.arraySizeForAst(ast.args[2], state).width, 1);
  }
}

let registered = false;

export function registerReferenceFunctions(): void {
  if (registered) return;
  const names = Object.keys(ReferencePlugin.implementedFunctions);
  const translations = Object.fromEntries(names.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(ReferencePlugin as unknown as FunctionPluginDefinition, {
    enGB: translations,
    enUS: translations,
  });
  registered = true;
}
