// CommonJS on purpose (like webpack.config.js): loaded by scripts/test-browser.mjs.
// Shared steps for the browser tests: they drive the workbench as a user would (cells, formula bar, pane).
const assert = require("node:assert/strict");

// The grid is Glide Data Grid: cells are drawn on a canvas, and the visible ones are mirrored in its
// accessibility table (td#glide-cell-<column+1>-<row>; column 0 is the row numbers). Cells are reached as a user
// reaches them: the name box (type B7, Enter) selects and scrolls to a cell, the status bar says what the active
// cell holds; the mouse clicks where the grid says its visible cells are drawn (its data-layout).

// Reading or typing a cell moves the selection, so calls are queued (a test may start several in Promise.all).
let queue = Promise.resolve();
function inTurn(step) {
  const run = queue.then(step);
  queue = run.catch(() => undefined);
  return run;
}

/** "H302" → { column: 7, row: 301 } (0-based). */
function parseCell(cell) {
  const match = /^([A-Z]+)(\d+)$/.exec(cell);
  assert.ok(match, `not a cell name: ${cell}`);
  let column = 0;
  for (const ch of match[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column: column - 1, row: Number(match[2]) - 1 };
}

/** The accessibility-table cell of `cell` (present while the cell is on screen). */
function cellSelector(cell) {
  const { column, row } = parseCell(cell);
  return `td#glide-cell-${column + 1}-${row}`;
}

async function openWorkbench(page, baseUrl) {
  await page.goto(`${baseUrl}workbench.html`);
  try {
    await page.waitForSelector(cellSelector("A1"), { state: "attached", timeout: 20000 });
  } catch {
    // Rarely (once in a CI run, not reproduced since) the grid stays blank on a fresh page: reload once, as a
    // person would, and say so; a second blank page fails the test.
    console.log("    the grid was not drawn 20 s after loading the page: reloading once");
    await page.reload();
    await page.waitForSelector(cellSelector("A1"), { state: "attached" });
  }
  await page.waitForSelector("#gd-train");
}

/** Selects a cell or range with the name box (type it, Enter); focus goes back to the grid. */
async function goTo(page, cell) {
  await page.click("#wb-name");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(cell);
  await page.keyboard.press("Enter");
  const active = cell.split(":")[0];
  await page.waitForFunction(
    (name) => document.querySelector("#wb-status-cell")?.textContent === name,
    active,
  );
}

/** Where the grid draws `cell` on the page, from the grid's data-layout; undefined when it is off screen. */
async function cellCenter(page, cell) {
  const { column, row } = parseCell(cell);
  const layout = JSON.parse((await page.getAttribute("#wb-grid", "data-layout")) ?? "{}");
  const box = await page.locator("#wb-grid canvas").first().boundingBox();
  if (row < layout.firstRow || column < layout.firstColumn) return undefined;
  if (row >= layout.firstRow + layout.rows || column >= layout.firstColumn + layout.columns) return undefined;
  let x = box.x + layout.rowMarkerWidth + layout.tx;
  for (let c = layout.firstColumn; c < column; c++) x += layout.widths[c - layout.firstColumn];
  x += layout.widths[column - layout.firstColumn] / 2;
  const y =
    box.y +
    layout.headerHeight +
    layout.ty +
    (row - layout.firstRow) * layout.rowHeight +
    layout.rowHeight / 2;
  const inside = (v, from, size) => v > from + 4 && v < from + size - 12;
  return inside(x, box.x, box.width) && inside(y, box.y, box.height) ? { x, y } : undefined;
}

/** Scrolls the grid with the mouse wheel until `cell` is on screen (the selection stays as it is). */
async function scrollTo(page, cell) {
  const { column, row } = parseCell(cell);
  const box = await page.locator("#wb-grid canvas").first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let attempt = 0; attempt < 20; attempt++) {
    const at = await cellCenter(page, cell);
    if (at) return at;
    const layout = JSON.parse((await page.getAttribute("#wb-grid", "data-layout")) ?? "{}");
    const middleRow = layout.firstRow + Math.floor(layout.rows / 2);
    const middleColumn = layout.firstColumn + Math.floor(layout.columns / 2);
    await page.mouse.wheel((column - middleColumn) * 84, (row - middleRow) * layout.rowHeight);
    await page.waitForTimeout(50);
  }
  return cellCenter(page, cell);
}

/** Clicks a cell with the mouse (scrolling the grid to it first when it is off screen). */
async function clickCell(page, cell, options = {}) {
  const at = (await cellCenter(page, cell)) ?? (await scrollTo(page, cell));
  assert.ok(at, `${cell} is on screen`);
  if (options.modifiers) for (const key of options.modifiers) await page.keyboard.down(key);
  await page.mouse.click(at.x, at.y, { clickCount: options.clickCount ?? 1 });
  if (options.modifiers) for (const key of options.modifiers) await page.keyboard.up(key);
}

/** Selects a cell, types like a user (typing on a cell starts editing it), presses Enter. */
function typeInCell(page, cell, text) {
  return inTurn(() => typeAfterGoTo(page, cell, text));
}

async function typeAfterGoTo(page, cell, text) {
  await goTo(page, cell);
  await page.keyboard.type(text.slice(0, 1));
  await page.waitForSelector("textarea.wb-cell-editor");
  await page.keyboard.type(text.slice(1));
  await page.keyboard.press("Enter");
  await page.waitForSelector("textarea.wb-cell-editor", { state: "detached" });
  // Glide commits the entry just after the editor closes, then moves down: wait for the move.
  const { row } = parseCell(cell);
  const below = `${cell.replace(/\d+$/, "")}${row + 2}`;
  await page.waitForFunction(
    (name) => document.querySelector("#wb-status-cell")?.textContent === name,
    below,
  );
}

/** The status bar's account of the active cell: { cell, shown, detail }. */
async function statusOf(page) {
  const read = async (id) => ((await page.textContent(id)) ?? "").trim();
  return {
    cell: await read("#wb-status-cell"),
    shown: await read("#wb-status-shown"),
    detail: await read("#wb-status-detail"),
  };
}

/** What the cell shows (selected with the name box, read from the status bar). */
function cellText(page, cell) {
  return inTurn(async () => {
    await goTo(page, cell);
    return (await statusOf(page)).shown;
  });
}

/** The cell's full value (unrounded), or an error's message; null when there is nothing more than it shows. */
function cellTitle(page, cell) {
  return inTurn(async () => {
    await goTo(page, cell);
    const { shown, detail } = await statusOf(page);
    if (detail) return detail;
    return shown === "" || shown === "TRUE" || shown === "FALSE" || shown.startsWith("#") ? null : shown;
  });
}

async function cellNumber(page, cell) {
  const text = (await cellTitle(page, cell)) ?? (await cellText(page, cell));
  const value = Number(text);
  assert.ok(Number.isFinite(value), `${cell} should hold a number, shows ${JSON.stringify(text)}`);
  return value;
}

function assertClose(actual, expected, tolerance, what) {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: expected ${expected} ± ${tolerance}, got ${actual}`,
  );
}

async function paneState(page) {
  return page.getAttribute("#gd-status", "data-state");
}

async function waitForState(page, states, timeout = 90000) {
  await page.waitForFunction(
    (wanted) => wanted.includes(document.querySelector("#gd-status")?.getAttribute("data-state")),
    states,
    { timeout, polling: 100 },
  );
  return paneState(page);
}

/** Rows of the active sheet whose column A holds a number (the epoch rows of the Training sheet), 0-based. */
async function epochRowsInSheet(page) {
  // Ctrl+End goes to the last used cell: its row bounds the walk down column A with the arrow key.
  await goTo(page, "A1");
  await page.keyboard.press("Control+End");
  const last = parseCell((await statusOf(page)).cell).row;
  await goTo(page, "A2");
  const rows = [];
  for (let row = 1; row <= last; row++) {
    if (row > 1) {
      await page.keyboard.press("ArrowDown");
      await page.waitForFunction(
        (name) => document.querySelector("#wb-status-cell")?.textContent === name,
        `A${row + 1}`,
      );
    }
    const { shown } = await statusOf(page);
    if (shown !== "" && Number.isFinite(Number(shown))) rows.push(row);
  }
  return rows;
}

async function setField(page, field, value) {
  await page.fill(`#gd-field-${field}`, String(value));
}

/** Trains `epochs` epochs on the first `trainLimit` images; fails, with the status, unless it ends done. */
async function trainUntilDone(page, trainLimit, epochs) {
  await setField(page, "trainLimit", trainLimit);
  await setField(page, "epochs", epochs);
  await page.click("#gd-train");
  assert.equal(
    await waitForState(page, ["done", "error", "stopped"]),
    "done",
    await page.textContent("#gd-status"),
  );
}

module.exports = {
  parseCell,
  cellSelector,
  goTo,
  cellCenter,
  scrollTo,
  clickCell,
  statusOf,
  openWorkbench,
  typeInCell,
  cellText,
  cellTitle,
  cellNumber,
  assertClose,
  paneState,
  waitForState,
  epochRowsInSheet,
  setField,
  trainUntilDone,
};
