// Your workbooks in the workbench: Save (Ctrl+S) downloads an .xlsx, the work is kept in the browser and comes
// back after a reload, a saved file opens again with every formula and value, a damaged file changes nothing
// and says why on screen, opening anything over unsaved work asks first, and the layout holds at 900 px.
// Keyboard and mouse only; files go in through the file chooser and come out through the download event.
const assert = require("node:assert/strict");
const { mkdtempSync, readFileSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const {
  assertClose,
  cellNumber,
  cellSelector,
  cellText,
  goTo,
  openWorkbench,
  typeInCell,
} = require("./helpers.js");

const STARTER_TAB = "y = 2x + 30";
const dir = mkdtempSync(join(tmpdir(), "workbench-files-"));

async function fileState(page, state) {
  await page.waitForFunction((s) => document.querySelector("#wb-file-state")?.dataset.state === s, state, {
    timeout: 10000,
  });
}

/** Waits for the message bar to show text matching `pattern`; returns that text. */
async function message(page, pattern) {
  await page.waitForFunction(
    (source) => {
      const bar = document.querySelector("#wb-message");
      return bar && !bar.hidden && new RegExp(source).test(bar.textContent);
    },
    pattern.source,
    { timeout: 60000 },
  );
  assert.equal(await page.isVisible("#wb-message-text"), true, "the message is on screen");
  return (await page.textContent("#wb-message-text")).trim();
}

/** Ctrl+S; returns the downloaded file's path, copied under `name`. */
async function saveWithCtrlS(page, name) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Control+s")]);
  const path = join(dir, name);
  await download.saveAs(path);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  return path;
}

/** Open… through the file chooser. */
async function openThroughChooser(page, path) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#wb-open-button")]);
  await chooser.setFiles(path);
}

async function tabs(page) {
  return page.$$eval(".wb-tab", (buttons) => buttons.map((b) => b.textContent));
}

/** The formula bar's text for a cell, as a user reads it after selecting the cell. */
async function formulaOf(page, cell) {
  await goTo(page, cell);
  return page.inputValue("#wb-formula");
}

/** A few cells typed over the opening workbook: a value, a formula of it, a spilling GD step, text. */
async function typeSomeWork(page) {
  await typeInCell(page, "K1", "7");
  await typeInCell(page, "K2", "=K1*6");
  await typeInCell(page, "K3", "=GD.GD_STEP({1,2},{1,1},,0.5)");
  await typeInCell(page, "K4", "mine");
}

/** K1:M4 as typeSomeWork left them: 7, 42, and the GD step 1 − 0.5·1 = 0.5, 2 − 0.5·1 = 1.5, t = 1. */
async function assertSomeWork(page) {
  assert.equal(await cellNumber(page, "K1"), 7);
  assert.equal(await cellNumber(page, "K2"), 42);
  assertClose(await cellNumber(page, "K3"), 0.5, 1e-15, "K3");
  assertClose(await cellNumber(page, "L3"), 1.5, 1e-15, "L3");
  assert.equal(await cellNumber(page, "M3"), 1);
  assert.equal(await cellText(page, "K4"), "mine");
}

module.exports = [
  {
    name: "files: Ctrl+S downloads the workbook; a reload restores the work, and asks first when unsaved",
    async run({ page, baseUrl, screenshot }) {
      const dialogs = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.type());
        void dialog.accept();
      });
      await openWorkbench(page, baseUrl);
      await fileState(page, "saved");
      await typeSomeWork(page);
      await fileState(page, "kept");
      assert.equal(await page.textContent("#wb-file-state"), "unsaved changes, kept in this browser");
      const saved = await saveWithCtrlS(page, "ctrl-s.xlsx");
      assert.ok(readFileSync(saved).subarray(0, 2).toString() === "PK", "the download is a zip (an .xlsx)");
      await fileState(page, "saved");
      assert.match(await message(page, /^Saved /), /Saved my-gradient-steps\.xlsx \(1 sheet\)/);

      await page.reload();
      await page.waitForSelector(cellSelector("A1"), { state: "attached" });
      await message(page, /^Restored /);
      assert.deepEqual(dialogs, [], "nothing unsaved: the reload does not ask");
      await assertSomeWork(page);
      assert.equal(await formulaOf(page, "K2"), "=K1*6");
      assert.deepEqual(await tabs(page), [STARTER_TAB]);
      await fileState(page, "saved");

      // Unsaved work: the browser asks before the page goes, and the work is back after it.
      await typeInCell(page, "K5", "=K2+1");
      await fileState(page, "kept");
      await page.reload();
      await page.waitForSelector(cellSelector("A1"), { state: "attached" });
      await message(page, /^Restored .*not saved to a file/);
      assert.deepEqual(dialogs, ["beforeunload"], "leaving with unsaved changes asks first");
      assert.equal(await cellNumber(page, "K5"), 43);
      await assertSomeWork(page);
      await fileState(page, "kept");
      await screenshot("workbench-files-restored");
    },
  },
  {
    name: "files: a saved workbook opens again with every formula and value",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await typeSomeWork(page);
      const saved = await saveWithCtrlS(page, "round-trip.xlsx");
      // Something else in between (saved, so nothing is asked), then the saved file back.
      await page.selectOption("#wb-example", "gradcheck.xlsx");
      await message(page, /^Opened gradcheck\.xlsx/);
      assert.ok(!(await tabs(page)).includes(STARTER_TAB));
      await openThroughChooser(page, saved);
      assert.match(await message(page, /^Opened round-trip\.xlsx/), /\(1 sheet\)/);
      assert.deepEqual(await tabs(page), [STARTER_TAB]);
      assert.equal(await page.textContent("#wb-file-name"), "round-trip.xlsx");
      await assertSomeWork(page);
      assert.equal(await formulaOf(page, "K2"), "=K1*6");
      assert.equal(await formulaOf(page, "K3"), "=GD.GD_STEP({1,2},{1,1},,0.5)");
      // The opening workbook's own cells: the lr cell, the header formula and the step rows with their spills.
      assert.equal(await cellNumber(page, "B1"), 0.05);
      assert.equal(await formulaOf(page, "E4"), '=GD.STEP_HEADERS("sgd","a,b")');
      assert.deepEqual(
        [await cellText(page, "E4"), await cellText(page, "F4"), await cellText(page, "G4")],
        ["a", "b", "t"],
      );
      assert.equal(await formulaOf(page, "C6"), "=2*(E5*A6+F5-B6)*A6");
      assert.equal(await formulaOf(page, "E6"), "=GD.GD_STEP(E5:F5,C6:D6,G5,$B$1)");
      // First step by hand (a = b = 0, x = 0.3, y = 30.6, lr 0.05): a = 0.918, b = 3.06.
      assertClose(await cellNumber(page, "E6"), 0.918, 1e-12, "E6");
      assertClose(await cellNumber(page, "F6"), 3.06, 1e-12, "F6");
      assert.equal(await formulaOf(page, "E105"), "=GD.GD_STEP(E104:F104,C105:D105,G104,$B$1)");
      assert.equal(await cellNumber(page, "G105"), 100);
      // The data lie on y = 2x + 30: after 100 plain steps at lr 0.05 a and b approach 2 and 30.
      assertClose(await cellNumber(page, "F105"), 30, 0.5, "b after 100 steps");
      await screenshot("workbench-files-reopened");
    },
  },
  {
    name: "files: a corrupt file leaves the workbook unchanged and says why on screen",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await typeSomeWork(page);
      const saved = await saveWithCtrlS(page, "whole.xlsx");
      await typeInCell(page, "K6", "after saving");
      await fileState(page, "kept");
      const bytes = readFileSync(saved);
      const truncated = join(dir, "truncated.xlsx");
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const text = join(dir, "notes.xlsx");
      writeFileSync(text, "x,y\n1,32\n");

      // Unsaved work: asked first; open anyway; the file fails; nothing changed.
      await openThroughChooser(page, truncated);
      await page.waitForSelector("#wb-confirm[open]");
      await page.click('#wb-confirm button[value="discard"]');
      const why = await message(page, /^Could not open truncated\.xlsx/);
      assert.match(why, /: it could not be read as an Excel workbook: .+\. Your workbook is unchanged\.$/);
      assert.equal(await page.getAttribute("#wb-message", "data-kind"), "error");
      await screenshot("workbench-files-corrupt");
      await assertSomeWork(page);
      assert.equal(await cellText(page, "K6"), "after saving");
      assert.deepEqual(await tabs(page), [STARTER_TAB]);
      assertClose(await cellNumber(page, "E6"), 0.918, 1e-12, "E6 still computes");
      await fileState(page, "kept"); // still unsaved: the failed open discarded nothing

      await openThroughChooser(page, text);
      await page.waitForSelector("#wb-confirm[open]");
      await page.click('#wb-confirm button[value="discard"]');
      assert.match(
        await message(page, /^Could not open notes\.xlsx/),
        /not an \.xlsx file \(an \.xlsx is a zip archive; this one is not\)\. Your workbook is unchanged\./,
      );
      await assertSomeWork(page);
      assert.equal(await cellText(page, "K6"), "after saving");
    },
  },
  {
    name: "files: opening an example over unsaved work asks; Escape keeps the work, Open without saving opens",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      // Nothing typed yet: an example opens without a question.
      await page.selectOption("#wb-example", "gradcheck.xlsx");
      await message(page, /^Opened gradcheck\.xlsx/);
      assert.equal(await page.isVisible("#wb-confirm"), false);
      await page.selectOption("#wb-example", "starter");
      await message(page, /^Opened my-gradient-steps\.xlsx/);
      await typeSomeWork(page);
      await fileState(page, "kept");

      await page.selectOption("#wb-example", "linear-regression.xlsx");
      await page.waitForSelector("#wb-confirm[open]");
      assert.match(
        await page.textContent("#wb-confirm-text"),
        /not saved to a file\. Opening linear-regression\.xlsx/,
      );
      await screenshot("workbench-files-confirm");
      await page.keyboard.press("Escape");
      await message(page, /linear-regression\.xlsx was not opened; your workbook is as it was/);
      assert.equal(await page.isVisible("#wb-confirm"), false);
      assert.deepEqual(await tabs(page), [STARTER_TAB]);
      await assertSomeWork(page);

      await page.selectOption("#wb-example", "linear-regression.xlsx");
      await page.waitForSelector("#wb-confirm[open]");
      await page.click('#wb-confirm button[value="discard"]');
      await message(page, /^Opened linear-regression\.xlsx \(15 sheets\)/);
      assert.ok((await tabs(page)).includes("Adam"));
      await fileState(page, "saved");
      // The same example again (nothing unsaved now): it opens again, computing.
      await page.click("#wb-message-close");
      await page.selectOption("#wb-example", "linear-regression.xlsx");
      await message(page, /^Opened linear-regression\.xlsx/);
      await page.click('.wb-tab[data-sheet="Adam"]');
      assertClose(await cellNumber(page, "H302"), 2, 1e-3, "a after 300 Adam rows");

      // "Save a copy first" downloads the work, then opens.
      await typeInCell(page, "K1", "5");
      await fileState(page, "kept");
      await page.selectOption("#wb-example", "gradcheck.xlsx");
      await page.waitForSelector("#wb-confirm[open]");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.click('#wb-confirm button[value="save"]'),
      ]);
      assert.equal(download.suggestedFilename(), "linear-regression.xlsx");
      await message(page, /^Opened gradcheck\.xlsx/);
    },
  },
  {
    name: "files: an .xlsx dropped on the page opens; every example opens twice in a row",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await typeSomeWork(page);
      const saved = await saveWithCtrlS(page, "dropped.xlsx");
      await page.selectOption("#wb-example", "lr-decay.xlsx");
      await message(page, /^Opened lr-decay\.xlsx/);
      // Playwright cannot drag a file from the desktop: the drop carries the saved file in a DataTransfer built
      // in the page (test input only; the app is not touched), dispatched as the browser would.
      const dataTransfer = await page.evaluateHandle(
        ({ bytes, name }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(bytes)], name));
          return transfer;
        },
        { bytes: [...readFileSync(saved)], name: "dropped.xlsx" },
      );
      await page.dispatchEvent("body", "dragover", { dataTransfer });
      await page.dispatchEvent("body", "drop", { dataTransfer });
      await message(page, /^Opened dropped\.xlsx \(1 sheet\)/);
      await assertSomeWork(page);
      assert.deepEqual(await tabs(page), [STARTER_TAB]);

      for (const file of ["linear-regression.xlsx", "gradcheck.xlsx", "lr-decay.xlsx", "xor-network.xlsx"]) {
        const seen = [];
        for (let time = 1; time <= 2; time++) {
          await page.click("#wb-message-close");
          await page.selectOption("#wb-example", file);
          await message(page, new RegExp(`^Opened ${file.replace(".", "\\.")} \\(\\d+ sheets?\\)`));
          seen.push(await tabs(page));
        }
        assert.deepEqual(seen[1], seen[0], `${file} opened twice has the same sheets`);
        assert.ok(!seen[1].includes(STARTER_TAB));
      }
      // The last one, opened a second time, holds its cells: the XOR sheet's learning-rate cell.
      assert.equal(await cellNumber(page, "B7"), 0.1);
      await screenshot("workbench-files-examples-twice");
    },
  },
  {
    name: "layout: at 900 px the sheet tabs stay readable and the pane collapses and expands",
    async run({ page, baseUrl, screenshot }) {
      await page.setViewportSize({ width: 900, height: 700 });
      await openWorkbench(page, baseUrl);
      await page.selectOption("#wb-example", "linear-regression.xlsx");
      await message(page, /^Opened linear-regression\.xlsx/);
      for (const tab of await page.$$(".wb-tab")) {
        const box = await tab.boundingBox();
        assert.ok(
          box && box.height >= 18 && box.width >= 30,
          `tab ${await tab.textContent()}: ${JSON.stringify(box)}`,
        );
      }
      const gridBefore = (await page.locator("#wb-grid").boundingBox()).width;
      assert.ok(gridBefore >= 480, `the grid keeps ${gridBefore} px beside the pane`);
      await screenshot("workbench-900px");
      assert.equal(await page.getAttribute("#wb-pane-toggle", "aria-expanded"), "true");
      await page.click("#wb-pane-toggle");
      assert.equal(await page.isVisible("#app"), false, "the pane is collapsed");
      assert.equal(await page.getAttribute("#wb-pane-toggle", "aria-expanded"), "false");
      const gridAfter = (await page.locator("#wb-grid").boundingBox()).width;
      assert.ok(gridAfter > gridBefore + 300, `the grid widens from ${gridBefore} to ${gridAfter} px`);
      await screenshot("workbench-900px-pane-collapsed");
      await page.click("#wb-pane-toggle");
      assert.equal(await page.isVisible("#app"), true, "the pane is back");
      assert.equal(await page.isVisible("#gd-train"), true);
    },
  },
];
