import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The engine must run unchanged in Node, a browser page and a Web Worker, and formulas are parsed, never
 * evaluated as code. These checks read the sources, so a stray import fails here rather than in a bundle.
 */
const root = join(__dirname, "..", "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const engineFiles = sourceFiles(join(root, "engine"));
const allFiles = sourceFiles(root);

describe("engine purity", () => {
  test("finds the engine sources", () => {
    expect(engineFiles.length).toBeGreaterThan(30);
  });

  const nodeOnly = /from\s+["'](node:[^"']+|fs|path|zlib|worker_threads|child_process|os)["']/;
  const hostGlobals = /\b(document|window|Office|Excel|CustomFunctions)\s*\./;

  test.each(engineFiles.map((file) => [relative(root, file), file]))(
    "%s imports no Node-only module",
    (_n, file) => {
      expect(readFileSync(file, "utf8")).not.toMatch(nodeOnly);
    },
  );

  test.each(engineFiles.map((file) => [relative(root, file), file]))(
    "%s uses no DOM or Office global",
    (_n, file) => {
      const code = readFileSync(file, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(code).not.toMatch(hostGlobals);
    },
  );

  test("the checks catch what they look for", () => {
    expect('import { readFileSync } from "node:fs";').toMatch(nodeOnly);
    expect('import * as fs from "fs";').toMatch(nodeOnly);
    expect("const cell = Excel.run(() => 1);").toMatch(hostGlobals);
    expect("document.body").toMatch(hostGlobals);
  });
});

describe("no code is evaluated from strings", () => {
  const evaluators = /\beval\s*\(|new\s+Function\s*\(/;
  test.each(allFiles.map((file) => [relative(root, file), file]))(
    "%s has no eval or new Function",
    (_n, file) => {
      expect(readFileSync(file, "utf8")).not.toMatch(evaluators);
    },
  );

  test("the check catches both forms", () => {
    expect("const f = new Function('x', 'return x');").toMatch(evaluators);
    expect("eval (source)").toMatch(evaluators);
  });
});

describe("the engine barrel", () => {
  test("loads in Node and exposes each part", async () => {
    const engine = await import("../../src/engine");
    expect(typeof engine.compileFormula).toBe("function");
    expect(typeof engine.getOptimizer).toBe("function");
    expect(typeof engine.getSchedule).toBe("function");
    expect(typeof engine.gradCheck).toBe("function");
    expect(typeof engine.train).toBe("function");
    expect(typeof engine.autograd.Tensor).toBe("function");
  });
});
