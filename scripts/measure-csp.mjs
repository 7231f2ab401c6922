// `node scripts/measure-csp.mjs`: which Content-Security-Policy directives the built pages need. Serves dist/
// with the shipped policies (and a control that must report violations) in Debian's Chromium,
// opens each page, uses it briefly (the workbench opens an example workbook, so HyperFormula, ExcelJS,
// Glide Data Grid and Chart.js all run) and prints the CSP violations the console reports.
// docs/security.md records the result.
import { chromium } from "playwright-core";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PAGE_POLICIES, serveDirectory } from "./static-server.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const shots = process.env.SCREENSHOT_DIR;
const candidates = {
  "control: no scripts (must report violations)": { default: "script-src 'none'" },
  shipped: PAGE_POLICIES,
};

async function visit(context, baseUrl, page, label) {
  const tab = await context.newPage();
  const violations = [];
  tab.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  tab.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  await tab.goto(`${baseUrl}${page}`);
  await tab.waitForTimeout(3000);
  // Under a policy that blocks the page's scripts the controls never appear: record that and go on.
  await use(tab, page).catch((error) =>
    violations.push(`could not use the page: ${error.message.split("\n")[0]}`),
  );
  if (shots) await tab.screenshot({ path: join(shots, `csp-${label.replace(/\W+/g, "-")}-${page}.png`) });
  await tab.close();
  return violations;
}

async function use(tab, page) {
  tab.setDefaultTimeout(5000);
  if (page === "workbench.html") {
    // An example workbook: ExcelJS reads it, HyperFormula computes it, the grid and the charts draw it.
    const files = await tab
      .locator("#wb-example option")
      .evaluateAll((options) => options.map((o) => o.value));
    await tab.selectOption("#wb-example", files.find((f) => f !== "") ?? "");
    await tab.waitForTimeout(5000);
  } else {
    // A short training run: the worker starts, fetches and inflates the bundled MNIST.
    await tab.click("#gd-train");
    await tab.waitForTimeout(8000);
    await tab.click("#gd-stop").catch(() => undefined);
    const status = await tab.locator("body").innerText();
    console.log(`  pane after 8 s: …${status.slice(-160).replace(/\s+/g, " ")}`);
  }
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const [label, policies] of Object.entries(candidates)) {
    const server = await serveDirectory(join(root, "dist"), 0, "127.0.0.1", policies);
    const baseUrl = `http://127.0.0.1:${server.address().port}/`;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route(
      (url) => !url.href.startsWith(baseUrl),
      (route) => route.abort(),
    );
    for (const page of ["workbench.html", "taskpane.html"]) {
      const violations = await visit(context, baseUrl, page, label);
      console.log(`${label}: ${page}: ${violations.length} violation(s)`);
      for (const text of [...new Set(violations.map((v) => v.slice(0, 160)))].slice(0, 5))
        console.log(`  ${text}`);
    }
    await context.close();
    server.close();
  }
} finally {
  await browser.close();
}
