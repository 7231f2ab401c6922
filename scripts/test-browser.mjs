// `npm run test:browser`: the workbench in Debian's Chromium (playwright-core; never downloads a browser).
// Builds dist/ if missing or stale (or reuses `npm run build`'s), serves it on a free localhost port, runs
// every test/browser/*.test.js (CommonJS, each exports [{ name, run({ page, baseUrl, screenshot }) }]) in a
// fresh page, and ends with "N passed, N failed"; the exit code is non-zero when anything failed.
// Screenshots: node_modules/.cache/gradient-steps/screenshots/ (or $SCREENSHOT_DIR).
// Each test file runs in its own Node process (its own server and browser): a process that dies of a signal (a
// native crash, not a failed assertion) is reported with what it printed on stderr and run once more; a test that
// fails is never re-run.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MISSING_CHROMIUM, chromiumIsInstalled, launchChromium, localContext } from "./chromium.mjs";
import { DIST, build, buildIsStale } from "./start.mjs";
import { serveDirectory } from "./static-server.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TEST_TIMEOUT_MS = 120000;
const screenshotDir =
  process.env.SCREENSHOT_DIR || join(root, "node_modules", ".cache", "gradient-steps", "screenshots");

const CHILD_FLAG = "--file=";

/** Runs one test file in a child process; resolves with its tally, or with the signal that killed it. */
function runFileInChild(file, passThrough) {
  return new Promise((resolvePromise) => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(import.meta.url), `${CHILD_FLAG}${file}`, ...passThrough],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (stderr.length > 20000) stderr = stderr.slice(-20000);
    });
    child.on("close", (code, signal) => {
      const tally = /(\d+) passed, (\d+) failed\s*$/.exec(stdout);
      resolvePromise({
        code,
        signal,
        stderr,
        passed: tally ? Number(tally[1]) : 0,
        failed: tally ? Number(tally[2]) : 0,
      });
    });
  });
}

async function supervise() {
  if (!chromiumIsInstalled()) {
    console.error(MISSING_CHROMIUM);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
  if (process.argv.includes("--rebuild") || buildIsStale()) build();
  else console.log("Reusing dist/ (up to date with the sources).");

  const passThrough = process.argv.slice(2).filter((a) => a.startsWith("--grep="));
  const files = readdirSync(join(root, "test", "browser"))
    .filter((f) => f.endsWith(".test.js"))
    .sort();
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  for (const file of files) {
    let result = await runFileInChild(file, passThrough);
    if (result.signal) {
      console.log(
        `  ! ${file}: the test process died of ${result.signal} after ${result.passed} passed, ${result.failed} failed;` +
          ` its stderr ended with:\n${result.stderr.slice(-3000)}\n  ! running ${file} once more in a new process`,
      );
      result = await runFileInChild(file, passThrough);
      if (result.signal) {
        console.log(`  ✗ ${file}: died of ${result.signal} again; stderr:\n${result.stderr.slice(-3000)}`);
        result.failed += 1;
      }
    } else if (result.code !== 0 && result.failed === 0) {
      console.log(
        `  ✗ ${file}: the test process exited with ${result.code}; stderr:\n${result.stderr.slice(-3000)}`,
      );
      result.failed += 1;
    }
    passed += result.passed;
    failed += result.failed;
  }
  console.log(
    `\nBrowser tests took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${screenshotDir}`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

/** Child: one test file against its own server and browser; prints "N passed, N failed" last. */
async function runFile(file) {
  const server = await serveDirectory(DIST, 0);
  const baseUrl = `http://127.0.0.1:${server.address().port}/`;
  mkdirSync(screenshotDir, { recursive: true });
  const browser = await launchChromium();
  const filter = process.argv.find((a) => a.startsWith("--grep="))?.slice("--grep=".length);
  let passed = 0;
  let failed = 0;
  try {
    const tests = (await import(pathToFileURL(join(root, "test", "browser", file)).href)).default;
    console.log(`\n${file}`);
    for (const test of tests) {
      if (filter && !test.name.includes(filter)) continue;
      const context = await localContext(browser, baseUrl);
      const page = await context.newPage();
      const pageErrors = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      // The server's Content-Security-Policy (scripts/static-server.mjs) must not block anything a page does.
      page.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) pageErrors.push(message.text());
      });
      const screenshot = async (name) => {
        const path = join(screenshotDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      };
      const t0 = Date.now();
      let timer;
      try {
        await Promise.race([
          test.run({ page, baseUrl, screenshot }),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)),
              TEST_TIMEOUT_MS,
            );
          }),
        ]);
        if (pageErrors.length > 0) throw new Error(`uncaught page error: ${pageErrors.join("; ")}`);
        passed++;
        console.log(`  ✓ ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        const shot = await screenshot(`FAILED-${test.name.replace(/[^\w]+/g, "-")}`).catch(() => "");
        console.log(
          `  ✗ ${test.name}\n    ${String(error?.stack ?? error)
            .split("\n")
            .slice(0, 6)
            .join("\n    ")}`,
        );
        if (shot) console.log(`    screenshot: ${shot}`);
      } finally {
        clearTimeout(timer);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

async function main() {
  const file = process.argv.find((a) => a.startsWith(CHILD_FLAG))?.slice(CHILD_FLAG.length);
  if (file) await runFile(file);
  else await supervise();
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
