/**
 * The source of src/functions/functions.ts: one JSDoc shell per cell function descriptor. Excel's metadata
 * generator (custom-functions-metadata) reads only top-level `function` declarations with their JSDoc, so
 * the descriptors are written out as such; each body hands its arguments to the descriptor.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tsType, type CellFunction, type CellParam } from "../src/functions/cell-function";

const HEADER = `/**
 * The GD.* Excel custom functions, generated from their descriptors (src/functions/*-functions.ts) by
 * \`npm run functions:shells\`: do not edit by hand (test/functions/shells.test.ts fails when this file is not
 * what the descriptors give). The JSDoc of each top-level function IS its metadata: the webpack build runs
 * custom-functions-metadata-plugin on this file to write functions.json and register the functions with
 * CustomFunctions.associate. Rules that keep the metadata valid (docs/functions.md):
 * - only top-level \`function\` declarations, types number / string / boolean / any, \`T[][]\` is a range and
 *   \`T[][][]\` a repeating range; optional arguments are \`x?: T\` and arrive as null, never default values;
 * - every body runs through atExcelEdge (runCell), so bad input becomes #VALUE! with the engine's message.
 * The functions touch no Office object, so they load in Node (tests, the HyperFormula workbench).
 *
 * The row contract: a step function returns ONE row — new parameters, then every piece of optimizer state
 * the next step needs (ending with the step count t). The next row passes the previous row's spill back.
 */
/* global CustomFunctions */
import { runCell } from "./cell-functions";
`;

const INVOCATION_TYPES = {
  cancelable: "CustomFunctions.CancelableInvocation",
  streaming: "CustomFunctions.StreamingInvocation<any[][]>",
} as const;

function paramDoc(p: CellParam): string {
  return ` * @param ${p.optional ? `[${p.name}]` : p.name} ${p.description}`;
}

function shell(fn: CellFunction): string {
  const doc = [
    "/**",
    ` * ${fn.description}`,
    " * @customfunction",
    ...(fn.invocation ? [` * @${fn.invocation.kind}`] : []),
    ` * @helpurl https://localhost:3000/help/functions.html#${fn.name.toLowerCase()}`,
    ...fn.params.map(paramDoc),
    ...(fn.invocation ? [` * @param invocation ${fn.invocation.description}`] : []),
    ...(fn.returns ? [` * @returns ${fn.returns}`] : []),
    " */",
  ];
  const signature = fn.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${tsType(p)}`);
  if (fn.invocation) signature.push(`invocation?: ${INVOCATION_TYPES[fn.invocation.kind]}`);
  const args = `{ ${fn.params.map((p) => p.name).join(", ")} }`;
  const call = `runCell("${fn.name}", ${args}${fn.invocation ? ", invocation" : ""})`;
  const body = fn.resultType === "void" ? `  ${call};` : `  return ${call} as ${fn.resultType};`;
  const isAsync = fn.resultType.startsWith("Promise<") ? "async " : "";
  return [
    ...doc,
    `export ${isAsync}function ${fn.name}(${signature.join(", ")}): ${fn.resultType} {`,
    body,
    "}",
  ].join("\n");
}

/** Where the shells live. */
export const SHELLS_FILE = "src/functions/functions.ts";

/**
 * functions.ts as the descriptors give it, formatted with the repository's Prettier settings (through its
 * command line, which also runs under Jest, where Prettier's API cannot load its plugins).
 */
export function functionShellsSource(fns: readonly CellFunction[], file: string): string {
  const source = [HEADER, ...fns.map(shell)].join("\n\n");
  const prettier = join(__dirname, "..", "node_modules", "prettier", "bin", "prettier.cjs");
  return execFileSync(process.execPath, [prettier, "--stdin-filepath", file], {
    input: source,
    encoding: "utf8",
  });
}
