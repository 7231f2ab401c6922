// CommonJS on purpose (like webpack.config.js): loaded by scripts/test-browser.mjs.
// Shared steps for the browser tests: they drive the workbench as a user would (cells, formula bar, pane).
const assert = require("node:assert/strict");

async function openWorkbench(page, baseUrl) {
  await page.goto(`${baseUrl}workbench.html`);
  await page.waitForSelector('td[data-cell="A1"]');
  await page.waitForSelector("#gd-train");
}

/** Selects a cell by clicking it, types like a user (typing starts the edit in the formula bar), presses Enter. */
async function typeInCell(page, cell, text) {
  await page.click(`td[data-cell="${cell}"]`);
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

async function cellText(page, cell) {
  return (await page.textContent(`td[data-cell="${cell}"]`))?.trim() ?? "";
}

/** The cell's full value (the tooltip holds it unrounded; an error's tooltip holds its message). */
async function cellTitle(page, cell) {
  return page.getAttribute(`td[data-cell="${cell}"]`, "title");
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

/** Rows of the active sheet whose column A holds a number (the epoch rows of the Training sheet). */
async function epochRowsInSheet(page) {
  return page.$$eval('td[data-column="0"]', (cells) =>
    cells
      .filter(
        (td) =>
          td.dataset.row !== "0" && td.textContent.trim() !== "" && Number.isFinite(Number(td.textContent)),
      )
      .map((td) => Number(td.dataset.row)),
  );
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
