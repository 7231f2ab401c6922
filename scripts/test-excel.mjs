// `npm run test:excel`: the add-in proved in real Excel, as Microsoft's Excel-Custom-Functions template does.
// Writes a test manifest whose shared runtime is test/excel/excel-test-page.ts (after functions.js), starts
// office-addin-test-server, sideloads with office-addin-debugging (its dev server built with --env excelTest),
// waits for the page to report what the cells of test/excel/cell-cases.ts show, compares them with their
// hand-derived values and stops Excel's debugging session. Skipped, saying why, where no Excel can run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { excelTestPlan, TEST_MANIFEST, testManifestOf } from "./excel-test-plan.mjs";
import { debuggingCli } from "./start.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const RESULT_TIMEOUT_MS = 5 * 60 * 1000;

function officeDebugging(args) {
  console.log(`office-addin-debugging ${args.join(" ")}`);
  const result = spawnSync(process.execPath, [debuggingCli(), ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ADDIN_DEV_HTTPS: "1" },
  });
  return result.status ?? 1;
}

async function main() {
  const manifestPath = join(root, "node_modules", ".cache", "gradient-steps", TEST_MANIFEST);
  const plan = excelTestPlan(process.argv.slice(2), {
    platform: process.platform,
    hasDebugging: existsSync(debuggingCli()),
    manifestPath,
  });
  if (plan.kind === "skip") {
    console.log(`test:excel skipped: ${plan.reason}`);
    return 0;
  }
  if (plan.kind === "error") {
    console.error(`test:excel: ${plan.message}`);
    return 1;
  }
  mkdirSync(dirname(manifestPath), { recursive: true });
  writeFileSync(manifestPath, testManifestOf(readFileSync(join(root, "manifest.xml"), "utf8")));

  const { TestServer } = await import("office-addin-test-server");
  const { tsImport } = await import("tsx/esm/api");
  const { EXCEL_CELL_CASES, compareCellResults } = await tsImport(
    "../test/excel/cell-cases.ts",
    import.meta.url,
  );
  const server = new TestServer(4201);
  await server.startTestServer(true);
  let problems;
  try {
    if (officeDebugging(plan.start) !== 0) throw new Error("office-addin-debugging could not start Excel");
    const results = await Promise.race([
      server.getTestResults(),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`Excel reported nothing within ${RESULT_TIMEOUT_MS / 60000} minutes`)),
          RESULT_TIMEOUT_MS,
        ),
      ),
    ]);
    problems = results.error
      ? [`the test page failed in Excel: ${results.error}`]
      : compareCellResults(EXCEL_CELL_CASES, results.shown ?? []);
  } catch (error) {
    problems = [String(error instanceof Error ? error.message : error)];
  } finally {
    officeDebugging(plan.stop);
    await server.stopTestServer();
  }
  for (const c of EXCEL_CELL_CASES) {
    const failed = problems.filter((p) => p.startsWith(`${c.name}:`));
    console.log(`  ${failed.length === 0 ? "✓" : "✗"} ${c.name}: ${c.formula}`);
    for (const p of failed) console.log(`      ${p}`);
  }
  for (const p of problems.filter((p) => !EXCEL_CELL_CASES.some((c) => p.startsWith(`${c.name}:`)))) {
    console.log(`  ✗ ${p}`);
  }
  console.log(
    problems.length === 0 ? "Excel showed every value." : `${problems.length} problem(s) in Excel.`,
  );
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
