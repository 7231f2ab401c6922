/**
 * Compiles a formula tree once into a flat postfix program; running it with tensors for the names builds the
 * autograd graph. The tree is walked with an explicit stack (a long `x+x+…` is a deep left spine), and
 * running the program is a loop, so neither can overflow the JS stack.
 */
import { Tensor, add, constant, div, mul, neg, pow, sub } from "../autograd";
import { BinaryOperator, FormulaNode } from "./ast";
import { FormulaFunction, lookupFunction } from "./functions";

export type Instruction =
  | { kind: "constant"; number: number; value: Tensor }
  | { kind: "load"; name: string }
  | { kind: "negate" }
  | { kind: "percent" }
  | { kind: "binary"; operator: BinaryOperator; apply: (a: Tensor, b: Tensor) => Tensor }
  | { kind: "call"; name: string; fn: FormulaFunction; argc: number };

/** Where a name first appears, as typed, for `Unknown name "C" at 5`. */
export interface NameUse {
  name: string;
  text: string;
  position: number;
}

export interface Program {
  readonly instructions: readonly Instruction[];
  /** Lower-cased names in first-appearance order, with where each first appears. */
  readonly names: readonly NameUse[];
}

const BINARY: Record<BinaryOperator, (a: Tensor, b: Tensor) => Tensor> = {
  "+": add,
  "-": sub,
  "*": mul,
  "/": div,
  "^": pow,
};

function children(node: FormulaNode): readonly FormulaNode[] {
  switch (node.kind) {
    case "negate":
    case "percent":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "call":
      return node.args;
    default:
      return [];
  }
}

function instructionFor(node: FormulaNode): Instruction {
  switch (node.kind) {
    case "number":
      return { kind: "constant", number: node.value, value: constant(Float64Array.of(node.value), []) };
    case "name":
      return { kind: "load", name: node.name };
    case "negate":
      return { kind: "negate" };
    case "percent":
      return { kind: "percent" };
    case "binary":
      return { kind: "binary", operator: node.operator, apply: BINARY[node.operator] };
    case "call":
      // The parser has checked the name and the arity.
      return {
        kind: "call",
        name: node.name,
        fn: lookupFunction(node.name) as FormulaFunction,
        argc: node.args.length,
      };
  }
}

/** Post-order (operands before their operator), left to right; names recorded in first-appearance order. */
export function compileTree(root: FormulaNode, typed: (position: number) => string): Program {
  const instructions: Instruction[] = [];
  const names: NameUse[] = [];
  const seen = new Set<string>();
  const pending: { node: FormulaNode; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (pending.length > 0) {
    const top = pending.pop() as { node: FormulaNode; expanded: boolean };
    const kids = children(top.node);
    if (top.expanded || kids.length === 0) {
      const node = top.node;
      if (node.kind === "name" && !seen.has(node.name)) {
        seen.add(node.name);
        names.push({ name: node.name, text: typed(node.position), position: node.position });
      }
      instructions.push(instructionFor(node));
    } else {
      pending.push({ node: top.node, expanded: true });
      for (let i = kids.length - 1; i >= 0; i--)
        pending.push({ node: kids[i] as FormulaNode, expanded: false });
    }
  }
  return { instructions, names };
}

/** Called after each instruction with its operands and result (the tape's domain check). */
export type InstructionCheck = (ins: Instruction, operands: readonly Tensor[], result: Tensor) => void;

/** Runs the program; `load` gives the tensor bound to a (lower-cased) name. */
export function runProgram(
  program: Program,
  load: (name: string) => Tensor,
  check?: InstructionCheck,
): Tensor {
  const stack: Tensor[] = [];
  const pop = (): Tensor => stack.pop() as Tensor;
  for (const ins of program.instructions) {
    switch (ins.kind) {
      case "constant":
        stack.push(ins.value);
        break;
      case "load":
        stack.push(load(ins.name));
        break;
      case "negate": {
        const x = pop();
        const result = neg(x);
        check?.(ins, [x], result);
        stack.push(result);
        break;
      }
      case "percent": {
        const x = pop();
        const result = div(x, 100);
        check?.(ins, [x], result);
        stack.push(result);
        break;
      }
      case "binary": {
        const right = pop();
        const left = pop();
        const result = ins.apply(left, right);
        check?.(ins, [left, right], result);
        stack.push(result);
        break;
      }
      case "call": {
        const args = stack.splice(stack.length - ins.argc, ins.argc);
        const result = ins.fn.apply(args);
        check?.(ins, args, result);
        stack.push(result);
        break;
      }
    }
  }
  return stack[0] as Tensor;
}
