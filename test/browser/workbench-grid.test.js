// The workbench's grid used as a spreadsheet, with the keyboard and the mouse only: typing and editing, the fill
// handle and Ctrl+D, copy and paste, undo and redo, Point mode, #SPILL! and error messages, sheet tabs, examples.
// Cells are read as the user reads them (the name box selects, the status bar and formula bar say what is there).
const assert = require("node:assert/strict");
const {
  assertClose,
  cellCenter,
  cellNumber,
  cellText,
  clickCell,
  goTo,
  openWorkbench,
  parseCell,
  statusOf,
  typeInCell,
} = require("./helpers.js");

/** The opening workbook's sheet (src/workbench/starter-workbook.ts). */
const STARTER = "y = 2x + 30";

/** Adds a sheet with the tabs' + button; the new, empty sheet is shown. */
async function addSheet(page) {
  const before = await page.locator(".wb-tab").count();
  await page.click(".wb-tab-add");
  await page.waitForFunction((n) => document.querySelectorAll(".wb-tab").length === n + 1, before);
  return (await page.textContent(".wb-tab-active")).trim();
}

async function tabNames(page) {
  return page.$$eval(".wb-tab", (tabs) => tabs.map((t) => t.textContent.trim()));
}

/** Presses a key in the grid (the grid has focus after the name box). */
async function pressInGrid(page, key) {
  await page.keyboard.press(key);
}

async function formulaOf(page, cell) {
  await goTo(page, cell);
  return page.inputValue("#wb-formula");
}

async function editorText(page) {
  return page.inputValue("textarea.wb-cell-editor");
}

/** Types into a selected cell without committing (the editor stays open). */
async function startTyping(page, text) {
  await page.keyboard.type(text.slice(0, 1));
  await page.waitForSelector("textarea.wb-cell-editor");
  await page.keyboard.type(text.slice(1));
}

/**
 * y = 2x + 30 stepped by plain gradient descent, one data point per row, as the sheet below computes it:
 * x = MOD(7·row, 39)/10 − 1.9 (row = the sheet's 1-based row), y = 2x + 30, e = a·x + b − y, dL/da = 2ex,
 * dL/db = 2e, a ← a − lr·dL/da, b ← b − lr·dL/db. Returns (a, b) after the step of `lastRow`.
 */
function descent(firstRow, lastRow, lr) {
  let a = 0;
  let b = 0;
  for (let row = firstRow; row <= lastRow; row++) {
    const x = ((row * 7) % 39) / 10 - 1.9;
    const y = 2 * x + 30;
    const e = a * x + b - y;
    [a, b] = [a - lr * (2 * e * x), b - lr * (2 * e)];
  }
  return { a, b };
}

/** Builds the stepping sheet's header, start row and first step row (row 3) by typing. */
async function typeDescentSheet(page) {
  const cells = [
    ["A1", "x"],
    ["B1", "y"],
    ["C1", "dL/da"],
    ["D1", "dL/db"],
    ["E1", "a"],
    ["F1", "b"],
    ["G1", "t"],
    ["I1", "lr"],
    ["J1", "0.1"],
    ["E2", "0"],
    ["F2", "0"],
    ["A3", "=MOD(ROW()*7,39)/10-1.9"],
    ["B3", "=2*A3+30"],
    ["C3", "=2*(E2*A3+F2-B3)*A3"],
    ["D3", "=2*(E2*A3+F2-B3)"],
    ["E3", "=GD.GD_STEP(E2:F2,C3:D3,G2,$J$1)"],
  ];
  for (const [cell, text] of cells) await typeInCell(page, cell, text);
}

/** Drags the fill handle of the selection (its bottom-right corner is `corner`) down to `target`'s row. */
async function dragFillHandle(page, corner, target) {
  const at = await cellCenter(page, corner);
  const layout = JSON.parse(await page.getAttribute("#wb-grid", "data-layout"));
  const column = parseCell(corner).column;
  const handle = {
    x: at.x + layout.widths[column - layout.firstColumn] / 2 - 2,
    y: at.y + layout.rowHeight / 2 - 2,
  };
  await page.mouse.move(handle.x, handle.y);
  await page.mouse.down();
  const box = await page.locator("#wb-grid canvas").first().boundingBox();
  const targetRow = parseCell(target).row;
  // Hold the mouse just below the grid, as a user drags past its bottom edge: the grid scrolls on until the
  // target row is on screen.
  await page.mouse.move(handle.x, box.y + box.height + 12, { steps: 8 });
  for (let i = 0; i < 400; i++) {
    const now = JSON.parse(await page.getAttribute("#wb-grid", "data-layout"));
    if (now.firstRow + now.rows - 3 >= targetRow) break;
    await page.waitForTimeout(25);
  }
  // Back inside the grid (the scrolling stops). If it scrolled past the target, the wheel brings it back, as a
  // hand would still holding the button; then onto the target row, and let go.
  await page.mouse.move(handle.x, box.y + box.height - 40);
  await page.waitForTimeout(100);
  for (let i = 0; i < 20 && !(await cellCenter(page, target)); i++) {
    const now = JSON.parse(await page.getAttribute("#wb-grid", "data-layout"));
    const middle = now.firstRow + Math.floor(now.rows / 2);
    await page.mouse.wheel(0, (targetRow - middle) * now.rowHeight);
    await page.waitForTimeout(100);
  }
  const end = await cellCenter(page, target);
  assert.ok(end, `${target} came on screen while dragging`);
  await page.mouse.move(handle.x, end.y, { steps: 4 });
  await page.waitForTimeout(50);
  await page.mouse.up();
}

module.exports = [
  {
    name: "grid: from an empty sheet, a hand-made descent filled 200 rows by the fill handle and by Ctrl+D reaches a ≈ 2, b ≈ 30",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await addSheet(page);
      await typeDescentSheet(page);
      // The first step by hand: x = MOD(21, 39)/10 − 1.9 = 0.2, y = 30.4, e = −30.4: dL/da = −12.16,
      // dL/db = −60.8, a = 1.216, b = 6.08, t = 1.
      assertClose(await cellNumber(page, "A3"), 0.2, 1e-12, "x in row 3");
      assertClose(await cellNumber(page, "E3"), 1.216, 1e-12, "a after one step");
      assertClose(await cellNumber(page, "F3"), 6.08, 1e-12, "b after one step");
      assert.equal(await cellNumber(page, "G3"), 1, "t");

      // The fill handle: select A3:E3 and drag the handle down to row 202 (200 steps in one gesture).
      await goTo(page, "A3:E3");
      await dragFillHandle(page, "E3", "E202");
      assert.equal(await page.inputValue("#wb-name"), "A3:E202", "the filled range stays selected");
      await screenshot("grid-fill-handle-200-rows");
      const expected = descent(3, 202, 0.1);
      assertClose(await cellNumber(page, "E202"), expected.a, 1e-9, "a after 200 steps (hand recurrence)");
      assertClose(await cellNumber(page, "F202"), expected.b, 1e-9, "b after 200 steps (hand recurrence)");
      assertClose(await cellNumber(page, "E202"), 2, 1e-3, "a ≈ 2");
      assertClose(await cellNumber(page, "F202"), 30, 1e-3, "b ≈ 30");
      assert.equal(await cellNumber(page, "G202"), 200, "t counts the steps");
      // Relative references moved, $J$1 held.
      assert.equal(await formulaOf(page, "E202"), "=GD.GD_STEP(E201:F201,C202:D202,G201,$J$1)");
      assert.equal(await formulaOf(page, "C150"), "=2*(E149*A150+F149-B150)*A150");

      // One Ctrl+Z undoes the whole fill; Ctrl+D over the same range fills it again, to the same numbers.
      await pressInGrid(page, "Control+z");
      assert.equal(await cellText(page, "E100"), "", "the fill is undone");
      assert.equal(await cellText(page, "A202"), "");
      await goTo(page, "A3:E202");
      await pressInGrid(page, "Control+d");
      assertClose(await cellNumber(page, "E202"), expected.a, 1e-9, "a after Ctrl+D");
      assertClose(await cellNumber(page, "F202"), expected.b, 1e-9, "b after Ctrl+D");
      await screenshot("grid-ctrl-d-200-rows");
    },
  },
  {
    name: "grid: typing replaces, F2 edits in place, Escape cancels, the formula bar and Tab/Enter give the grid its focus back",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await typeInCell(page, "K1", "20");
      await typeInCell(page, "K1", "5");
      assert.equal(await cellText(page, "K1"), "5", "typing over 20 replaces it");
      await goTo(page, "K1");
      await pressInGrid(page, "F2");
      await page.waitForSelector("textarea.wb-cell-editor");
      await page.keyboard.type("0");
      await page.keyboard.press("Enter");
      assert.equal(await cellText(page, "K1"), "50", "F2 edits with the caret at the end");
      await startTyping(page, "9");
      await page.keyboard.press("Escape");
      assert.equal(await cellText(page, "K1"), "50", "Escape leaves the cell as it was");

      // The formula bar: Enter commits and moves down; the arrows then move the selection again.
      await goTo(page, "K2");
      await page.click("#wb-formula");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("=K1+1");
      await page.keyboard.press("Enter");
      assert.equal((await statusOf(page)).cell, "K3");
      await page.keyboard.press("ArrowUp");
      assert.equal((await statusOf(page)).cell, "K2", "the grid has the focus after the formula bar");
      assert.equal((await statusOf(page)).shown, "51");

      // Tab, Tab, Enter: back to the column where the run of Tabs began, one row down.
      await goTo(page, "M3");
      for (const text of ["a", "b", "c"]) {
        await startTyping(page, text);
        await page.keyboard.press(text === "c" ? "Enter" : "Tab");
      }
      assert.equal((await statusOf(page)).cell, "M4");
      assert.equal(await cellText(page, "O3"), "c");

      // Ctrl+arrows jump to the edge of the data block; Ctrl+Home to A1.
      await goTo(page, "A4");
      await page.keyboard.press("Control+ArrowRight");
      assert.equal((await statusOf(page)).cell, "G4", "the opening sheet's header row ends in G (t)");
      await page.keyboard.press("Control+ArrowDown");
      assert.equal((await statusOf(page)).cell, "G6", "over the empty start row to the first step");
      await page.keyboard.press("Control+ArrowDown");
      assert.equal((await statusOf(page)).cell, "G105", "the last of its 100 steps");
      await page.keyboard.press("Control+Home");
      assert.equal((await statusOf(page)).cell, "A1");
    },
  },
  {
    name: "grid: a copied block pastes with its references adjusted; undo three times, redo twice",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await addSheet(page);
      await typeInCell(page, "A1", "1");
      await typeInCell(page, "A2", "2");
      await typeInCell(page, "B1", "=A1*10");
      await typeInCell(page, "B2", "=A2*10+$A$1");
      await goTo(page, "A1:B2");
      await pressInGrid(page, "Control+c");
      await goTo(page, "D5");
      await pressInGrid(page, "Control+v");
      await page.waitForFunction(() => document.querySelector("#wb-name")?.value === "D5:E6");
      assert.equal(await formulaOf(page, "E5"), "=D5*10", "relative reference shifted by the offset");
      assert.equal(await formulaOf(page, "E6"), "=D6*10+$A$1", "the $ reference held");
      assert.equal(await cellNumber(page, "E6"), 21);
      await screenshot("grid-paste-adjusted");

      // Undo: the paste, then B2, then B1. Redo: B1, then B2 (the paste stays undone).
      await goTo(page, "H1");
      for (let i = 0; i < 3; i++) await pressInGrid(page, "Control+z");
      assert.equal(await cellText(page, "D5"), "", "paste undone");
      assert.equal(await cellText(page, "B2"), "", "B2 undone");
      assert.equal(await cellText(page, "B1"), "", "B1 undone");
      assert.equal(await cellText(page, "A2"), "2", "A2 kept");
      await pressInGrid(page, "Control+y");
      await pressInGrid(page, "Control+Shift+z");
      assert.equal(await cellNumber(page, "B1"), 10, "B1 redone");
      assert.equal(await cellNumber(page, "B2"), 21, "B2 redone");
      assert.equal(await cellText(page, "E6"), "", "the paste is still undone");

      // One copied cell pasted onto a larger selection fills it, references adjusted per cell.
      await goTo(page, "B1");
      await pressInGrid(page, "Control+c");
      await goTo(page, "G1:G3");
      await pressInGrid(page, "Control+v");
      await page.waitForFunction(() => document.querySelector("#wb-name")?.value === "G1:G3");
      assert.equal(await formulaOf(page, "G3"), "=F3*10");

      // Cut and paste moves the cells; formulas that pointed at them follow.
      await goTo(page, "A1");
      await pressInGrid(page, "Control+x");
      await goTo(page, "A10");
      await pressInGrid(page, "Control+v");
      await page.waitForFunction(() => document.querySelector("#wb-name")?.value === "A10");
      assert.equal(await formulaOf(page, "B1"), "=A10*10", "the reference follows the moved cell");
      assert.equal(await cellText(page, "A1"), "");
      assert.equal(await cellNumber(page, "B1"), 10);
    },
  },
  {
    name: "grid: Point mode — clicking or arrowing inserts a reference, Shift extends it, F4 cycles the $ signs",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await addSheet(page);
      await typeInCell(page, "A1", "3");
      await typeInCell(page, "A2", "4");
      await goTo(page, "C1");
      await startTyping(page, "=2*");
      await clickCell(page, "A1");
      assert.equal(await editorText(page), "=2*A1", "the click inserted A1");
      await page.keyboard.press("F4");
      assert.equal(await editorText(page), "=2*$A$1");
      await page.keyboard.press("F4");
      assert.equal(await editorText(page), "=2*A$1");
      await page.keyboard.press("Enter");
      assert.equal(await cellNumber(page, "C1"), 6);
      assert.equal(await formulaOf(page, "C1"), "=2*A$1");

      await goTo(page, "C2");
      await startTyping(page, "=SUM(");
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowLeft");
      assert.equal(await editorText(page), "=SUM(A2");
      await page.keyboard.press("Shift+ArrowUp");
      assert.equal(await editorText(page), "=SUM(A1:A2");
      await page.keyboard.type(")");
      await page.keyboard.press("Enter");
      assert.equal(await cellNumber(page, "C2"), 7);
    },
  },
  {
    name: "grid: a #SPILL! clears as soon as the blocking cell is deleted; the status bar says why a cell is #VALUE!",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await typeInCell(page, "K6", "blocker");
      await typeInCell(page, "J6", "=GD.GD_STEP({1,2},{1,1},,0.1)");
      assert.equal(await cellText(page, "J6"), "#SPILL!");
      await goTo(page, "K6");
      await pressInGrid(page, "Delete");
      // params 1, 2 minus 0.1 × gradient 1: 0.9 and 1.9, then t = 1.
      assertClose(await cellNumber(page, "J6"), 0.9, 1e-12, "J6 after the blocker went");
      assertClose(await cellNumber(page, "K6"), 1.9, 1e-12, "K6 spilled");
      assert.equal(await cellNumber(page, "L6"), 1);

      await typeInCell(page, "J8", "=GD.GD_STEP({1,2},{1,2,3},,0.1)");
      await goTo(page, "J8");
      const status = await statusOf(page);
      assert.equal(status.shown, "#VALUE!");
      assert.match(status.detail, /grads has 3 values but params has 2/);
      await screenshot("grid-status-value-error");

      // Sum, Average and Count of a selection: the opening sheet's B6:B7 hold y = 30.6 and 27 (x = 0.3, −1.5).
      await goTo(page, "B6:B7");
      assert.equal(
        (await page.textContent("#wb-status-summary")).trim(),
        "Average: 28.8  Count: 2  Sum: 57.6",
      );
    },
  },
  {
    name: "grid: a momentum typed into a cell that GD_STEP reads widens its spill at once; Ctrl+Z narrows it",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await addSheet(page);
      await typeInCell(page, "A1", "0");
      await typeInCell(page, "B2", "=GD.GD_STEP({1,2},{1,2},,0.1,A1)");
      // momentum 0: params (0.9, 1.8) and t in B2:D2, nothing in E2
      assert.equal(await cellNumber(page, "D2"), 1, "t after the params");
      assert.equal(await cellText(page, "E2"), "");
      await typeInCell(page, "A1", "0.9");
      // momentum 0.9: params, the two momentum buffers (= g on the first step) and t in B2:F2
      assertClose(await cellNumber(page, "B2"), 0.9, 1e-12, "a");
      assertClose(await cellNumber(page, "D2"), 1, 1e-12, "buffer of a = g");
      assertClose(await cellNumber(page, "E2"), 2, 1e-12, "buffer of b = g");
      assert.equal(await cellNumber(page, "F2"), 1, "t after the buffers");
      await goTo(page, "H1");
      await page.keyboard.press("Control+z");
      assert.equal(await cellText(page, "A1"), "0");
      assert.equal(await cellNumber(page, "D2"), 1, "t back after the params");
      assert.equal(await cellText(page, "F2"), "");
    },
  },
  {
    name: "grid: sheet tabs — add, rename by double-click, move from the menu and by dragging, delete; each undone",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      const added = await addSheet(page);
      assert.deepEqual(await tabNames(page), [STARTER, added]);
      await page.dblclick(`.wb-tab[data-sheet="${added}"]`);
      await page.keyboard.press("Control+A");
      await page.keyboard.type("Steps");
      await page.keyboard.press("Enter");
      await page.waitForSelector('.wb-tab[data-sheet="Steps"]');
      await page.click('.wb-tab[data-sheet="Steps"]', { button: "right" });
      await page.click('.wb-tab-menu [role="menuitem"]:text-is("Move left")');
      assert.deepEqual(await tabNames(page), ["Steps", STARTER]);
      await goTo(page, "A1");
      await pressInGrid(page, "Control+z");
      assert.deepEqual(await tabNames(page), [STARTER, "Steps"], "the move is undone");
      await page.dragAndDrop('.wb-tab[data-sheet="Steps"]', `.wb-tab[data-sheet="${STARTER}"]`);
      assert.deepEqual(await tabNames(page), ["Steps", STARTER], "dragged before the starter sheet");
      await screenshot("grid-sheet-tabs");
      await page.click(`.wb-tab[data-sheet="${STARTER}"]`, { button: "right" });
      await page.click('.wb-tab-menu [role="menuitem"]:text-is("Delete")');
      assert.deepEqual(await tabNames(page), ["Steps"]);
      await goTo(page, "A1");
      await pressInGrid(page, "Control+z");
      await page.waitForSelector(`.wb-tab[data-sheet="${STARTER}"]`);
      await page.click(`.wb-tab[data-sheet="${STARTER}"]`);
      // its first step, a = 0 − 0.05·(−18.36) = 0.918, is back
      assertClose(await cellNumber(page, "E6"), 0.918, 1e-12, "the deleted sheet is back with its cells");
      await goTo(page, "A1");
      await pressInGrid(page, "Control+z");
      await pressInGrid(page, "Control+z");
      assert.deepEqual(await tabNames(page), [STARTER, added], "drag and rename undone, newest first");
    },
  },
  {
    name: "grid: a column border in the header drags to a new width",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      const layout = JSON.parse(await page.getAttribute("#wb-grid", "data-layout"));
      const box = await page.locator("#wb-grid canvas").first().boundingBox();
      const border = box.x + layout.rowMarkerWidth + layout.widths[0] - 1;
      const y = box.y + layout.headerHeight / 2;
      await page.mouse.move(border, y);
      await page.mouse.down();
      await page.mouse.move(border + 60, y, { steps: 12 });
      // the last move is drawn before the button comes up, as a hand pauses at the new width
      await page.waitForTimeout(100);
      await page.mouse.move(border + 60, y);
      await page.mouse.up();
      await page.waitForFunction(
        (before) => JSON.parse(document.querySelector("#wb-grid").dataset.layout).widths[0] > before + 40,
        layout.widths[0],
      );
      const after = JSON.parse(await page.getAttribute("#wb-grid", "data-layout"));
      assertClose(after.widths[0], layout.widths[0] + 60, 3, "column A's width");
    },
  },
  {
    name: "grid: every example opens twice in a row, with its sheets and no error",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      const files = await page.$$eval("#wb-example option", (options) =>
        options.map((o) => o.value).filter((v) => v.endsWith(".xlsx")),
      );
      assert.ok(files.length >= 4, `examples in the menu: ${files}`);
      for (const file of files) {
        let tabs;
        for (let time = 1; time <= 2; time++) {
          await page.selectOption("#wb-example", "");
          await page.selectOption("#wb-example", file);
          await page.waitForFunction(
            (name) => document.querySelector("#wb-example")?.dataset.loaded === name,
            file,
            {
              timeout: 30000,
            },
          );
          assert.equal(await page.getAttribute("#wb-example", "title"), null, `${file} (${time}) opened`);
          const now = await tabNames(page);
          if (tabs) assert.deepEqual(now, tabs, `${file}: the same sheets the second time`);
          tabs = now;
          await page.waitForFunction(
            () => document.querySelector("td#glide-cell-1-0")?.textContent.trim() !== "",
          );
          const errors = await page.$$eval('td[id^="glide-cell-"]', (cells) =>
            cells.map((td) => td.textContent.trim()).filter((t) => /^#[A-Z/0]+[!?]?$/.test(t)),
          );
          assert.deepEqual(errors, [], `${file} (${time}): no error on its first sheet`);
        }
        // and a cell of the last sheet, which reads the others, computes
        await page.click(`.wb-tab[data-sheet="${tabs[tabs.length - 1]}"]`);
        await goTo(page, "A2");
        assert.ok(!(await statusOf(page)).shown.startsWith("#"), `${file}: A2 of its last sheet`);
      }
    },
  },
];
