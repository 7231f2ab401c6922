// What `npm run test:excel` does on this machine (pure: nothing is started here).
//
// It takes `npm start`'s arguments (scripts/excel-args.mjs): Excel desktop by default on Windows and macOS,
// `-- web --document <workbook URL>` for Excel on the web from anywhere. Where neither can run (Linux without
// --document) it is skipped, saying why; the same cases run in the workbench's formula engine in Jest.
import { MANIFEST, planOf } from "./excel-args.mjs";

export const TEST_MANIFEST = "excel-test-manifest.xml";
export const TEST_PAGE = "excel-test.html";

/**
 *   { kind: "skip", reason }            nothing to run here
 *   { kind: "error", message }          refuse, saying why
 *   { kind: "excel", start, stop }      office-addin-debugging argument lists
 * `manifestPath` is where the test manifest is written.
 */
export function excelTestPlan(argv, { platform, hasDebugging, manifestPath }) {
  const plan = planOf("start", argv, { platform, hasDebugging });
  if (plan.kind === "error") return plan;
  if (plan.kind === "workbench" && ["win32", "darwin"].includes(platform) && !hasDebugging) {
    return { kind: "error", message: "office-addin-debugging is not installed: run npm ci first" };
  }
  if (plan.kind === "workbench") {
    return {
      kind: "skip",
      reason:
        `npm run test:excel needs Excel, and Excel does not run on ${platform}: run it on Windows or macOS with Excel ` +
        "desktop (npm run test:excel), or against Excel on the web (npm run test:excel -- web --document <workbook URL>). " +
        "The same cells are checked in the workbench's formula engine by Jest (test/excel/cell-cases.test.ts).",
    };
  }
  const rest = plan.args.slice(2);
  const devServer = ["--dev-server", "npm run dev-server -- --env excelTest"];
  return {
    kind: "excel",
    start: ["start", manifestPath, ...devServer, ...rest],
    stop: ["stop", manifestPath, ...rest.filter((a) => a === "desktop" || a === "web")],
  };
}

/** The add-in's manifest with the test page as its shared runtime and task pane, under its own name. */
export function testManifestOf(manifestXml) {
  if (!manifestXml.includes("taskpane.html")) {
    throw new Error(
      `${MANIFEST} names no taskpane.html page: the test manifest cannot point at ${TEST_PAGE}`,
    );
  }
  return manifestXml
    .replaceAll("taskpane.html", TEST_PAGE)
    .replace(/(<DisplayName DefaultValue=")([^"]*)"/, '$1$2 (end-to-end test)"');
}
