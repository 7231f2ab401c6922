/**
 * Recursive descent with Excel's precedence, loosest first:
 *   + −  (binary, left-assoc)  <  * /  (left-assoc)  <  ^ (left-assoc, as in Excel: 2^3^2 = 64)
 *   <  %  (postfix, x/100)  <  unary − +  (so -2^2 = (-2)^2 = 4, as Excel's =-2^2 gives 4).
 * Only parentheses and function calls recurse, and they are depth-bounded, so no input can overflow the
 * stack; operator chains and runs of signs are loops.
 */
import { FormulaNode, BinaryOperator } from "./ast";
import { FormulaError } from "./errors";
import { FORMULA_LIMITS } from "./limits";
import { Token, tokenize } from "./lexer";
import { arityMessage, lookupFunction } from "./functions";

function unexpected(token: Token): FormulaError {
  if (token.kind === "end") return new FormulaError("Unexpected end of formula", token.position);
  return new FormulaError(`Unexpected "${token.text}"`, token.position);
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseFormula(): FormulaNode {
    const node = this.parseAdditive();
    const next = this.peek();
    if (next.kind !== "end") throw unexpected(next);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private take(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }

  private isOperator(...ops: string[]): boolean {
    const token = this.peek();
    return token.kind === "operator" && ops.includes(token.text);
  }

  private parseAdditive(): FormulaNode {
    return this.parseLeftAssociative(["+", "-"], () => this.parseMultiplicative());
  }

  private parseMultiplicative(): FormulaNode {
    return this.parseLeftAssociative(["*", "/"], () => this.parsePower());
  }

  private parsePower(): FormulaNode {
    return this.parseLeftAssociative(["^"], () => this.parsePercent());
  }

  /** operand (op operand)*, grouped to the left: a loop, so long chains do not recurse. */
  private parseLeftAssociative(ops: readonly BinaryOperator[], operand: () => FormulaNode): FormulaNode {
    let left = operand();
    while (this.isOperator(...ops)) {
      const op = this.take();
      const right = operand();
      left = { kind: "binary", operator: op.text as BinaryOperator, left, right, position: op.position };
    }
    return left;
  }

  private parsePercent(): FormulaNode {
    let node = this.parseSigned();
    while (this.isOperator("%")) {
      const op = this.take();
      node = { kind: "percent", operand: node, position: op.position };
    }
    return node;
  }

  /** Any run of unary signs, then an operand. Unary + changes nothing, as in Excel. */
  private parseSigned(): FormulaNode {
    const minuses: number[] = [];
    while (this.isOperator("+", "-")) {
      const sign = this.take();
      if (sign.text === "-") minuses.push(sign.position);
    }
    let node = this.parsePrimary();
    for (let i = minuses.length - 1; i >= 0; i--) {
      node = { kind: "negate", operand: node, position: minuses[i] as number };
    }
    return node;
  }

  private parsePrimary(): FormulaNode {
    const token = this.take();
    if (token.kind === "number") return { kind: "number", value: token.value, position: token.position };
    if (token.kind === "name") {
      if (this.peek().kind === "(") return this.parseCall(token);
      return { kind: "name", name: token.text.toLowerCase(), position: token.position };
    }
    if (token.kind === "(") {
      this.enter(token);
      const inner = this.parseAdditive();
      this.close(token);
      return inner;
    }
    throw unexpected(token);
  }

  private parseCall(nameToken: Token): FormulaNode {
    const name = nameToken.text.toUpperCase();
    const fn = lookupFunction(name);
    if (fn === undefined) throw new FormulaError(`Unknown function "${name}"`, nameToken.position);
    const open = this.take();
    this.enter(open);
    const args: FormulaNode[] = [];
    if (this.peek().kind !== ")") {
      args.push(this.parseAdditive());
      while (this.peek().kind === ",") {
        this.take();
        args.push(this.parseAdditive());
      }
    }
    this.close(open);
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      throw new FormulaError(arityMessage(name, fn, args.length), nameToken.position);
    }
    return { kind: "call", name, args, position: nameToken.position };
  }

  private enter(open: Token): void {
    this.depth++;
    if (this.depth > FORMULA_LIMITS.maxDepth) {
      throw new FormulaError(`Formula nests deeper than ${FORMULA_LIMITS.maxDepth} levels`, open.position);
    }
  }

  private close(open: Token): void {
    const token = this.peek();
    if (token.kind === "end") throw new FormulaError('Missing ")" to close "("', open.position);
    if (token.kind !== ")") throw unexpected(token);
    this.take();
    this.depth--;
  }
}

/** Parses a formula string (an optional leading "=" is ignored) into its tree. */
export function parseFormula(source: string): FormulaNode {
  if (source.length > FORMULA_LIMITS.maxLength) {
    throw new FormulaError(
      `Formula is ${source.length} characters long; the limit is ${FORMULA_LIMITS.maxLength}`,
      null,
    );
  }
  const start = source.search(/\S/);
  if (start === -1 || (source[start] === "=" && source.slice(start + 1).trim() === "")) {
    throw new FormulaError("Formula is empty", null);
  }
  const tokens = tokenize(source, source[start] === "=" ? start + 1 : start);
  return new Parser(tokens).parseFormula();
}
