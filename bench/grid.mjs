// `npm run bench:grid`: the workbench grid at scale, in Debian's Chromium, driven with the keyboard and mouse.
// 1. ms per edit: a new learning rate in B1 (every GD_STEP row reads it) and a number in an unrelated cell, on
//    a sheet of 20 GD_STEP rows (the peer) and of 2,000 (filled down with Ctrl+D), from the Enter key press until
//    a frame shows the new value (bench/grid-observer.mjs);
// 2. ms per frame while the mouse wheel scrolls through the grid's 10,000 rows, filled with 10,000 GD_STEP rows,
//    against the same scroll over the opening 100-row sheet and the idle page;
// and checks the 2,000th row against the same descent computed here. Serves dist/ on 127.0.0.1 only, refuses
// every other request, exits 1 on any failure. Building dist/ first when it is stale.
/* global window, console, process, setTimeout */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import helpers from "../test/browser/helpers.js";
import { MISSING_CHROMIUM, chromiumIsInstalled, launchChromium, localContext } from "../scripts/chromium.mjs";
import { DIST, build, buildIsStale } from "../scripts/start.mjs";
import { serveDirectory } from "../scripts/static-server.mjs";
import { gridObserver } from "./grid-observer.mjs";
import { descend, frameStats, printTable, summary } from "./grid-numbers.mjs";

const { openWorkbench, goTo, typeInCell, cellCenter, parseCell, cellNumber } = helpers;

const EDITS = 20;
const IDLE_MS = 2000;
/** The opening sheet: y = 2x + 30, one step per point, in this order (src/workbench/starter-workbook.ts). */
const XS = [
  0.3, -1.5, 1.1, -0.7, 1.9, -0.1, -1.9, 0.7, -1.1, 1.5, 0.1, -0.3, 1.3, -1.7, 0.9, -0.9, 1.7, -1.3, 0.5,
  -0.5,
];
const lineY = (x) => Math.round((2 * x + 30) * 10) / 10;
const FIRST_STEP_ROW = 6;
const LR_CELL = "B1";
const WATCHED_STEP = `E${FIRST_STEP_ROW}`;
const PLAIN_CELL = "I2";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const screenshots = join(root, "node_modules", ".cache", "gradient-steps", "screenshots");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The inside of a visible cell's rectangle in page pixels (its borders, where the selection ring goes, left out). */
async function cellArea(page, cell) {
  const at = await cellCenter(page, cell);
  assert.ok(at, `${cell} is on screen`);
  const layout = JSON.parse((await page.getAttribute("#wb-grid", "data-layout")) ?? "{}");
  const width = layout.widths[parseCell(cell).column - layout.firstColumn];
  const height = layout.rowHeight;
  return { x: at.x - width / 2 + 3, y: at.y - height / 2 + 3, width: width - 6, height: height - 6 };
}

/** Waits until the header says the workbook is kept in the browser (the page is done with the last edit). */
function settled(page) {
  return page.waitForSelector('#wb-file-state[data-state="kept"]', { timeout: 60000 });
}

/** Types each value into `cell` (name box, type, Enter); ms from Enter until `watched` shows the change. */
async function editTimes(page, cell, watched, values) {
  await goTo(page, cell);
  const area = await cellArea(page, watched);
  await page.evaluate((rect) => window.__gridBench.watch(rect), area);
  const before = (await page.evaluate(() => window.__gridBench.edits())).length;
  for (const [i, value] of values.entries()) {
    await typeInCell(page, cell, String(value));
    await page.waitForFunction((n) => window.__gridBench.edits().length >= n, before + i + 1, {
      timeout: 15000,
    });
    await settled(page);
  }
  await page.evaluate(() => window.__gridBench.watch(undefined));
  const times = (await page.evaluate(() => window.__gridBench.edits())).slice(before);
  assert.ok(
    times.every(Number.isFinite),
    `${watched} did not change within 10 s of an edit of ${cell}: ${times.join(", ")}`,
  );
  return summary(times);
}

/** Fills the first row of `range` down through it with Ctrl+D. */
async function fillDown(page, range) {
  await goTo(page, range);
  await page.keyboard.press("Control+d");
  await settled(page);
}

/** Scrolls the mouse wheel `events` times by `delta(i)` px, one event per display frame; the frame times. */
async function wheelFrames(page, events, delta) {
  const box = await page.locator("#wb-grid canvas").first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => window.__gridBench.record());
  const start = Date.now();
  for (let i = 0; i < events; i++) {
    await page.mouse.wheel(0, delta(i));
    const wait = start + (i + 1) * 16 - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await sleep(50);
  return page.evaluate(() => window.__gridBench.stop());
}

async function firstVisibleRow(page) {
  return JSON.parse((await page.getAttribute("#wb-grid", "data-layout")) ?? "{}").firstRow;
}

async function measure(page) {
  await openWorkbench(page, baseUrl);
  await settledOrFresh(page);

  // The idle page: the display's frame interval, and the peer of the scrolling frames.
  await page.evaluate(() => window.__gridBench.record());
  await sleep(IDLE_MS);
  const idleFrames = await page.evaluate(() => window.__gridBench.stop());
  const idle = frameStats(idleFrames, 1000 / 60);
  const vsync = idle.median;

  // Scrolling the grid's 10,000 rows over the opening sheet (100 rows filled), 15 rows per wheel event.
  const layout = JSON.parse((await page.getAttribute("#wb-grid", "data-layout")) ?? "{}");
  const rowsPerEvent = 25;
  const events = Math.ceil(10000 / rowsPerEvent);
  const step = () => rowsPerEvent * layout.rowHeight;
  const scroll100 = frameStats(await wheelFrames(page, events, step), vsync);
  assert.ok((await firstVisibleRow(page)) > 9900, "the wheel reached the 10,000th row");

  // 20 GD_STEP rows: clear the opening sheet's steps after the 20th.
  const last20 = FIRST_STEP_ROW + 19;
  await goTo(page, `A${last20 + 1}:G${FIRST_STEP_ROW + 99}`);
  await page.keyboard.press("Delete");
  await settled(page);
  const lrs20 = Array.from({ length: EDITS }, (_, i) => Number((0.04 + 0.0005 * (i + 1)).toFixed(4)));
  const lr20 = await editTimes(page, LR_CELL, WATCHED_STEP, lrs20);
  const plain20 = await editTimes(
    page,
    PLAIN_CELL,
    PLAIN_CELL,
    lrs20.map((_, i) => i + 1),
  );

  // 2,000 GD_STEP rows: fill the 20th down.
  const last2000 = FIRST_STEP_ROW + 1999;
  await fillDown(page, `A${last20}:G${last2000}`);
  const lrs2000 = lrs20.map((lr) => Number((lr + 0.01).toFixed(4)));
  const lr2000 = await editTimes(page, LR_CELL, WATCHED_STEP, lrs2000);
  const plain2000 = await editTimes(
    page,
    PLAIN_CELL,
    PLAIN_CELL,
    lrs2000.map((_, i) => 100 + i),
  );
  await page.screenshot({ path: join(screenshots, "bench-grid-2000.png") });

  // The 2,000th step is the descent over the 20 points and then the 20th point 1,980 times more.
  const points = XS.map((x) => [x, lineY(x)]);
  const lastPoint = points[points.length - 1];
  for (let i = 20; i < 2000; i++) points.push(lastPoint);
  const expected = descend(points, lrs2000[lrs2000.length - 1]);
  for (const [cell, want] of [
    [`E${last2000}`, expected.a],
    [`F${last2000}`, expected.b],
  ]) {
    const got = await cellNumber(page, cell);
    assert.ok(
      Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)),
      `${cell}: expected ${want}, got ${got}`,
    );
  }

  // 10,000 GD_STEP rows, scrolled through from the top as before.
  await fillDown(page, `A${last2000}:G${FIRST_STEP_ROW + 9999}`);
  await goTo(page, "A1");
  await sleep(300);
  const scroll10000 = frameStats(await wheelFrames(page, events, step), vsync);
  assert.ok((await firstVisibleRow(page)) > 9900, "the wheel reached the 10,000th row");
  await page.screenshot({ path: join(screenshots, "bench-grid-10000.png") });

  const edit20 = { label: "@20 rows" };
  printTable(`Grid edits: ms from the Enter key until a frame shows the new value (${EDITS} edits each)`, [
    { label: "learning rate (B1), 20 GD_STEP rows", stats: lr20 },
    { label: "learning rate (B1), 2,000 GD_STEP rows", stats: lr2000, peer: { ...edit20, stats: lr20 } },
    { label: `plain number (${PLAIN_CELL}), 20 GD_STEP rows`, stats: plain20 },
    {
      label: `plain number (${PLAIN_CELL}), 2,000 GD_STEP rows`,
      stats: plain2000,
      peer: { ...edit20, stats: plain20 },
    },
  ]);
  printTable(
    `Grid scrolling: ms per frame, mouse wheel through 10,000 rows (${events} events of ${rowsPerEvent} rows)`,
    [
      { label: "idle page", stats: idle },
      { label: "100 rows filled", stats: scroll100, peer: { label: "idle", stats: idle } },
      { label: "10,000 GD_STEP rows", stats: scroll10000, peer: { label: "idle", stats: idle } },
      { label: "10,000 GD_STEP rows", stats: scroll10000, peer: { label: "@100 rows", stats: scroll100 } },
    ],
  );
  console.log(`\nChecked: ${`E${last2000}`} and ${`F${last2000}`} match the descent computed here (±1e-9).`);
}

/** A fresh context keeps nothing, so the opening workbook shows; it is "saved" until the first edit. */
async function settledOrFresh(page) {
  await page.waitForSelector("#wb-file-state[data-state]", { state: "attached" });
}

let baseUrl;

async function main() {
  if (!chromiumIsInstalled()) throw new Error(MISSING_CHROMIUM);
  if (buildIsStale()) build();
  else console.log("Reusing dist/ (up to date with the sources).");
  mkdirSync(screenshots, { recursive: true });
  const server = await serveDirectory(DIST, 0, "127.0.0.1");
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  const started = Date.now();
  try {
    const context = await localContext(browser, baseUrl);
    await context.addInitScript(gridObserver);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await measure(page);
    assert.deepEqual(errors, [], "uncaught page errors");
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`Grid benchmark took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
