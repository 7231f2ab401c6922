/**
 * A formula program lowered to flat typed arrays for the allocation-free kernels (kernel-sweeps.ts): one node
 * per primitive operation, the same primitives the autograd tape records (SUM, AVERAGE, MAX and MIN are
 * spelled out into sums, adds and pairwise extremes exactly as formula/functions.ts builds them), ordered as
 * the tape's reverse sweep visits them, so that every rounding happens in the same order and the kernels give
 * the tape's numbers bit for bit. A plan depends on which names are data columns and which are
 * differentiated (its signature), not on the values or the column length.
 */
import { EngineError } from "../errors";
import type { Instruction, Program } from "./program";

export const Op = {
  CONST: 0,
  LOAD: 1,
  /** AVERAGE's divisor: k (scalar arguments) + k2 · n (column arguments). */
  COUNT: 2,
  NEG: 3,
  PERCENT: 4,
  ADD: 5,
  SUB: 6,
  MUL: 7,
  DIV: 8,
  POW: 9,
  MAXIMUM: 10,
  MINIMUM: 11,
  SUM: 12,
  MAX_ALL: 13,
  MIN_ALL: 14,
  EXP: 15,
  LN: 16,
  LOG10: 17,
  LOG2: 18,
  SQRT: 19,
  ABS: 20,
  SIN: 21,
  COS: 22,
  TAN: 23,
  TANH: 24,
  SINH: 25,
  COSH: 26,
  ATAN: 27,
  SIGMOID: 28,
  RELU: 29,
  SOFTPLUS: 30,
  /** LOG(x, base) with a base that is not differentiated: log10/log2 when it is the scalar 10/2, as the tape. */
  LOG_BASE: 31,
  /** SUM(u^2) of a column u in one pass: the tape's pow-then-sum, fused (Math.pow(u, 2) is u·u). */
  SUM_SQUARE: 32,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

/** How each name is bound: a column of data, a differentiated scalar, or a plain scalar. */
export const NameKind = { Scalar: 0, Column: 1, Wrt: 2 } as const;
export type NameKindCode = (typeof NameKind)[keyof typeof NameKind];

export interface KernelPlan {
  readonly size: number;
  readonly op: Uint8Array;
  /** Operand node indices, -1 where absent. Operands precede their node. */
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** 1 where the node's value has one entry per data row (else one value). */
  readonly vector: Uint8Array;
  /** 1 where the node depends on a differentiated name. */
  readonly active: Uint8Array;
  /** CONST: its value; LOAD: the name's index in `names`; COUNT: the number of scalar arguments. */
  readonly k: Float64Array;
  /** COUNT: the number of column arguments. */
  readonly k2: Float64Array;
  readonly output: number;
  /** The program's names (lower-cased), indexed by LOAD's k. */
  readonly names: readonly string[];
}

function entries<T>(record: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(record));
}

const UNARY: ReadonlyMap<string, OpCode> = entries({
  EXP: Op.EXP,
  LN: Op.LN,
  LOG10: Op.LOG10,
  SQRT: Op.SQRT,
  ABS: Op.ABS,
  SIN: Op.SIN,
  COS: Op.COS,
  TAN: Op.TAN,
  TANH: Op.TANH,
  SINH: Op.SINH,
  COSH: Op.COSH,
  ATAN: Op.ATAN,
  SIGMOID: Op.SIGMOID,
  RELU: Op.RELU,
  SOFTPLUS: Op.SOFTPLUS,
});

const BINARY: ReadonlyMap<string, OpCode> = entries({
  "+": Op.ADD,
  "-": Op.SUB,
  "*": Op.MUL,
  "/": Op.DIV,
  "^": Op.POW,
  POWER: Op.POW,
  MAXIMUM: Op.MAXIMUM,
  MINIMUM: Op.MINIMUM,
});

const REDUCING: ReadonlyMap<string, { each: OpCode; pair: OpCode }> = entries({
  SUM: { each: Op.SUM, pair: Op.ADD },
  AVERAGE: { each: Op.SUM, pair: Op.ADD },
  MAX: { each: Op.MAX_ALL, pair: Op.MAXIMUM },
  MIN: { each: Op.MIN_ALL, pair: Op.MINIMUM },
});

interface Draft {
  op: OpCode;
  a: number;
  b: number;
  k: number;
  k2: number;
  vector: boolean;
  active: boolean;
}

/** Builds the nodes in program order; `lower` then renumbers them into the tape's order. */
class Builder {
  readonly nodes: Draft[] = [];
  constructor(private readonly kinds: readonly NameKindCode[]) {}

  private push(op: OpCode, a: number, b: number, k = 0, k2 = 0): number {
    const left = this.nodes[a];
    const right = this.nodes[b];
    let vector = (left?.vector ?? false) || (right?.vector ?? false);
    let active = (left?.active ?? false) || (right?.active ?? false);
    if (op === Op.SUM || op === Op.SUM_SQUARE || op === Op.MAX_ALL || op === Op.MIN_ALL) vector = false;
    if (op === Op.LOAD) {
      vector = this.kinds[k] === NameKind.Column;
      active = this.kinds[k] === NameKind.Wrt;
    }
    this.nodes.push({ op, a, b, k, k2, vector, active });
    return this.nodes.length - 1;
  }

  constant(value: number): number {
    return this.push(Op.CONST, -1, -1, value);
  }
  load(nameIndex: number): number {
    return this.push(Op.LOAD, -1, -1, nameIndex);
  }
  unary(op: OpCode, x: number): number {
    return this.push(op, x, -1);
  }
  binary(op: OpCode, x: number, y: number): number {
    return this.push(op, x, y);
  }

  /** formula/functions.ts: args.map(each).reduce(pair); AVERAGE then divides by the element count. */
  reduce(name: string, args: readonly number[]): number {
    const { each, pair } = REDUCING.get(name) as { each: OpCode; pair: OpCode };
    const parts = args.map((x) =>
      each === Op.SUM && this.isColumnSquare(x) ? this.sumSquare(x) : this.unary(each, x),
    );
    let acc = parts[0] as number;
    for (let i = 1; i < parts.length; i++) acc = this.binary(pair, acc, parts[i] as number);
    if (name !== "AVERAGE") return acc;
    const columns = args.filter((x) => this.nodes[x]?.vector).length;
    const count = this.push(Op.COUNT, -1, -1, args.length - columns, columns);
    return this.binary(Op.DIV, acc, count);
  }

  /** A column raised to the constant 2. */
  private isColumnSquare(x: number): boolean {
    const node = this.nodes[x];
    const exponent = node === undefined ? undefined : this.nodes[node.b];
    return (
      node?.op === Op.POW &&
      node.vector &&
      exponent?.op === Op.CONST &&
      exponent.k === 2 &&
      (this.nodes[node.a]?.vector ?? false)
    );
  }

  /** SUM over the square node x, fused: the square is never stored (nothing in the reverse sweep reads it). */
  private sumSquare(x: number): number {
    return this.push(Op.SUM_SQUARE, (this.nodes[x] as Draft).a, -1);
  }

  /** LOG(x, [base]): log10 without a base; a differentiated base is ln(x)/ln(base), as the tape builds it. */
  log(args: readonly number[]): number {
    const x = args[0] as number;
    const base = args[1];
    if (base === undefined) return this.unary(Op.LOG10, x);
    if (this.nodes[base]?.active) return this.binary(Op.DIV, this.unary(Op.LN, x), this.unary(Op.LN, base));
    return this.binary(Op.LOG_BASE, x, base);
  }

  call(name: string, args: readonly number[]): number {
    const unary = UNARY.get(name);
    if (unary !== undefined) return this.unary(unary, args[0] as number);
    const binary = BINARY.get(name);
    if (binary !== undefined) return this.binary(binary, args[0] as number, args[1] as number);
    if (REDUCING.has(name)) return this.reduce(name, args);
    if (name === "LOG") return this.log(args);
    if (name === "PI") return this.constant(Math.PI);
    throw new EngineError(`no kernel for the function ${name}`);
  }

  instruction(ins: Instruction, stack: number[], nameIndex: ReadonlyMap<string, number>): void {
    switch (ins.kind) {
      case "constant":
        stack.push(this.constant(ins.number));
        return;
      case "load":
        stack.push(this.load(nameIndex.get(ins.name) as number));
        return;
      case "negate":
        stack.push(this.unary(Op.NEG, stack.pop() as number));
        return;
      case "percent":
        stack.push(this.unary(Op.PERCENT, stack.pop() as number));
        return;
      case "binary": {
        const right = stack.pop() as number;
        stack.push(this.binary(BINARY.get(ins.operator) as OpCode, stack.pop() as number, right));
        return;
      }
      case "call":
        stack.push(this.call(ins.name, stack.splice(stack.length - ins.argc, ins.argc)));
        return;
    }
  }
}

/**
 * Post-order from the output over operands a then b: the order of the tape's topological sort, whose
 * reverse is the order its backward sweep adds gradient contributions into a shared name.
 */
function tapeOrder(nodes: readonly Draft[], output: number): number[] {
  const order: number[] = [];
  const visited = new Uint8Array(nodes.length);
  const stack: number[] = [output];
  const next: number[] = [0];
  visited[output] = 1;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = nodes[stack[top] as number] as Draft;
    const i = next[top] as number;
    const operand = i === 0 ? node.a : i === 1 ? node.b : -2;
    if (operand === -2) {
      order.push(stack.pop() as number);
      next.pop();
      continue;
    }
    next[top] = i + 1;
    if (operand >= 0 && !visited[operand]) {
      visited[operand] = 1;
      stack.push(operand);
      next.push(0);
    }
  }
  return order;
}

/** The plan for `program` with names bound as `kinds` (one per program name). */
export function planKernel(program: Program, kinds: readonly NameKindCode[]): KernelPlan {
  const builder = new Builder(kinds);
  const nameIndex = new Map(program.names.map((use, i) => [use.name, i]));
  const stack: number[] = [];
  for (const ins of program.instructions) builder.instruction(ins, stack, nameIndex);
  const drafts = builder.nodes;
  const order = tapeOrder(drafts, stack[0] as number);
  const renumber = new Int32Array(drafts.length).fill(-1);
  order.forEach((old, i) => (renumber[old] = i));
  const size = order.length;
  const plan: KernelPlan = {
    size,
    op: new Uint8Array(size),
    a: new Int32Array(size),
    b: new Int32Array(size),
    vector: new Uint8Array(size),
    active: new Uint8Array(size),
    k: new Float64Array(size),
    k2: new Float64Array(size),
    output: size - 1,
    names: program.names.map((use) => use.name),
  };
  order.forEach((old, i) => {
    const d = drafts[old] as Draft;
    plan.op[i] = d.op;
    plan.a[i] = d.a >= 0 ? (renumber[d.a] as number) : -1;
    plan.b[i] = d.b >= 0 ? (renumber[d.b] as number) : -1;
    plan.vector[i] = d.vector ? 1 : 0;
    plan.active[i] = d.active ? 1 : 0;
    plan.k[i] = d.k;
    plan.k2[i] = d.k2;
  });
  return plan;
}
