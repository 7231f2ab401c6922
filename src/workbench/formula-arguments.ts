/**
 * The arguments of a formula's outermost function call as typed, split at its top-level commas (not inside
 * quotes, parentheses or array braces): `=GD.GRADCHECK("(a*x+b-y)^2","a,b",A2:B2,E2:F2,,"x,y",C2,D2)` →
 * `"(a*x+b-y)^2"`, `"a,b"`, `A2:B2`, `E2:F2`, ``, `"x,y"`, `C2`, `D2`. Returns undefined when the formula does
 * not start with a call of `name` (case-insensitive).
 */
export function formulaArguments(formula: string, name: string): string[] | undefined {
  const prefix = `=${name}(`;
  if (formula.slice(0, prefix.length).toUpperCase() !== prefix.toUpperCase()) return undefined;
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of formula.slice(prefix.length)) {
    if (quoted) {
      current += ch;
      if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === "(" || ch === "{") depth++;
    else if (ch === ")" || ch === "}") {
      if (depth === 0) {
        args.push(current.trim());
        return args;
      }
      depth--;
    } else if (ch === "," && depth === 0) {
      args.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  return undefined; // unbalanced: not a finished call
}
