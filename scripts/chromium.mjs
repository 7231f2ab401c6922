// Debian's Chromium for the browser tests and the grid benchmark (playwright-core; never downloads a browser).
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const CHROMIUM_ARGS = Object.freeze([
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--no-first-run",
  "--disable-quic",
  "--disable-component-update",
  "--disable-sync",
  // Containers often give /dev/shm 64 MB; Chromium then crashes drawing large canvases.
  "--disable-dev-shm-usage",
]);

/** What to print when Chromium is missing. */
export const MISSING_CHROMIUM =
  `${CHROMIUM} is missing. Install Debian's Chromium (no browser download):\n` +
  "  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium";

export function chromiumIsInstalled() {
  return existsSync(CHROMIUM);
}

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}

/** A fresh context from which nothing leaves the machine: every request not to `baseUrl` is refused. */
export async function localContext(browser, baseUrl, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  await context.route(
    (url) => !url.href.startsWith(baseUrl),
    (route) => route.abort(),
  );
  return context;
}
