/**
 * Lists every error message the add-in can throw and whether some test asserts it ("every message tested",
 * docs/TEAM-NOTES.md). Run: `npx tsx scripts/audit-error-messages.ts [--all]` (prints untested ones; --all
 * prints every message). Exit code 1 when a message has no test.
 *
 * What counts as a message: the first argument of `new <Something>Error(...)` (throw sites, and helpers
 * that build an error to throw later), plus `require*("name", ...)` calls of src/engine/errors.ts with a
 * literal name (their message starts with that name). A message is "tested" when a file under test/ holds
 * every fixed piece of it (the text between `${...}` holes, pieces of 4+ characters; at least one piece).
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["src/engine", "src/functions", "src/cli", "src/taskpane"];
const TEST_DIR = "test";
/** Marks computed text inside a helper's message; pieces are split there. */
const HOLE = "\u0000";

/**
 * Messages built by a function rather than written at the throw site: the fixed text that function puts in
 * every message it builds.
 */
const MESSAGE_BUILDERS: Record<string, string[]> = {
  arityMessage: [" takes ", ", got "],
};

/** The fixed text of each requireX helper's message after the name (src/engine/errors.ts). */
const HELPER_MESSAGES: Record<string, (args: readonly ts.Expression[]) => string[]> = {
  requireFinite: () => [" must be a finite number, got "],
  requirePositive: () => [" must be > 0, got "],
  requireNonNegative: () => [" must be >= 0, got "],
  requireInHalfOpen: (args) => [` must be in [${literal(args[2])}, ${literal(args[3])}), got `],
  requireInClosed: (args) => [` must be in [${literal(args[2])}, ${literal(args[3])}], got `],
  requireInteger: (args) => [` must be an integer >= ${literal(args[2])}, got `],
  requireSameLength: (args) => [" has ", ` values but ${literal(args[2])} has `],
  requireAllFinite: () => ["[", "] must be a finite number, got "],
};

interface Message {
  file: string;
  line: number;
  kind: string;
  pieces: string[];
  shown: string;
}

/** An argument's text in a message: literal text as is, anything computed as a HOLE. */
function literal(node: ts.Expression | undefined): string {
  if (!node) return HOLE;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return node.text;
  if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) return `-${node.operand.text}`;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => HOLE + span.literal.text).join("");
  }
  return HOLE;
}

/** Fixed pieces of a message expression (string, template, or concatenation). */
function piecesOf(node: ts.Expression): { pieces: string[]; shown: string } {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return { pieces: [node.text], shown: node.text };
  }
  if (ts.isTemplateExpression(node)) {
    const pieces = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
    const shown =
      node.head.text +
      node.templateSpans.map((s) => "${" + s.expression.getText() + "}" + s.literal.text).join("");
    return { pieces, shown };
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = piecesOf(node.left);
    const right = piecesOf(node.right);
    return { pieces: [...left.pieces, ...right.pieces], shown: left.shown + right.shown };
  }
  if (ts.isParenthesizedExpression(node)) return piecesOf(node.expression);
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    const built = MESSAGE_BUILDERS[node.expression.text];
    if (built) return { pieces: built, shown: `${node.getText()} → …${built.join("…")}…` };
  }
  return { pieces: [], shown: "${" + node.getText() + "}" };
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

function collect(file: string): Message[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const messages: Message[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText()) && node.arguments?.length) {
      const first = node.arguments[0] as ts.Expression;
      // `new FormulaError(detail, position)` where detail is a variable or call: report the call site.
      const { pieces, shown } = piecesOf(first);
      messages.push({ file, line: lineOf(node), kind: node.expression.getText(), pieces, shown });
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const helper = HELPER_MESSAGES[node.expression.text];
      const nameArg = node.arguments[0];
      if (helper && nameArg && (ts.isStringLiteral(nameArg) || ts.isNoSubstitutionTemplateLiteral(nameArg))) {
        const tail = helper(node.arguments);
        const pieces = [nameArg.text + (tail[0] ?? ""), ...tail.slice(1)].flatMap((p) => p.split(HOLE));
        messages.push({
          file,
          line: lineOf(node),
          kind: node.expression.text,
          pieces,
          shown: (nameArg.text + tail.join("…") + "…").split(HOLE).join("${…}"),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return messages;
}

function main(): void {
  const showAll = process.argv.includes("--all");
  const tests = sourceFiles(TEST_DIR).map((f) => fs.readFileSync(path.join(ROOT, f), "utf8"));
  const messages = SOURCE_DIRS.flatMap(sourceFiles).flatMap(collect);
  let tested = 0;
  let passedThrough = 0;
  const untested: Message[] = [];
  for (const m of messages) {
    const significant = m.pieces.map((p) => p.trim()).filter((p) => p.length >= 4);
    if (m.pieces.every((p) => p.trim() === "")) {
      // `new CellValueError(message)`: re-throws a message built elsewhere (and audited there).
      passedThrough++;
      if (showAll) console.log(`passes   ${m.file}:${m.line} [${m.kind}] ${m.shown}`);
      continue;
    }
    const ok = significant.length > 0 && tests.some((t) => significant.every((p) => t.includes(p)));
    if (ok) tested++;
    else untested.push(m);
    if (showAll || !ok)
      console.log(`${ok ? "tested  " : "UNTESTED"} ${m.file}:${m.line} [${m.kind}] ${m.shown}`);
  }
  console.log(
    `\n${messages.length - passedThrough} messages (${passedThrough} pass-through sites not counted), ` +
      `${tested} tested, ${untested.length} untested`,
  );
  process.exitCode = untested.length > 0 ? 1 : 0;
}

main();
