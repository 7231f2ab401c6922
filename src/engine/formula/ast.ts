/** The parsed formula: a tree whose nodes remember where they were typed (1-based positions). */
export type FormulaNode =
  | { kind: "number"; value: number; position: number }
  | { kind: "name"; name: string; position: number }
  | { kind: "negate"; operand: FormulaNode; position: number }
  | { kind: "percent"; operand: FormulaNode; position: number }
  | { kind: "binary"; operator: BinaryOperator; left: FormulaNode; right: FormulaNode; position: number }
  | { kind: "call"; name: string; args: FormulaNode[]; position: number };

export type BinaryOperator = "+" | "-" | "*" | "/" | "^";
