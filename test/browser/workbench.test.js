// The workbench's spreadsheet: GD.* formulas typed into HyperFormula cells through our plugin, spilled results.
const assert = require("node:assert/strict");
const { assertClose, cellNumber, cellText, cellTitle, openWorkbench, typeInCell } = require("./helpers.js");

module.exports = [
  {
    name: "the opening sheet steps y = ax + b with GD.GD_STEP, row by row",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      // Row 2: a = b = 1, (x, y) = (1, 32): residual 1 + 1 − 32 = −30, dL/da = dL/db = 2·(−30) = −60;
      // plain GD with lr 0.1: a' = b' = 1 − 0.1·(−60) = 7, step count t = 1.
      assert.equal(await cellNumber(page, "E2"), -60);
      assert.equal(await cellNumber(page, "G2"), 7);
      assert.equal(await cellNumber(page, "H2"), 7);
      assert.equal(await cellNumber(page, "I2"), 1);
      // Row 3 starts from that spill: residual 7 + 7 − 32 = −18, gradient −36, a'' = 7 + 3.6 = 10.6, t = 2.
      assertClose(await cellNumber(page, "G3"), 10.6, 1e-12, "G3");
      assertClose(await cellNumber(page, "H3"), 10.6, 1e-12, "H3");
      assert.equal(await cellNumber(page, "I3"), 2);
      const spillClass = await page.getAttribute('td[data-cell="H2"]', "class");
      assert.match(spillClass ?? "", /wb-spill/, "H2 is part of G2's spill");
      await page.click('td[data-cell="G2"]');
      assert.match(await page.inputValue("#wb-formula"), /^=GD\.GD_STEP\(A2:B2,/);
      await screenshot("workbench-opening-sheet");
    },
  },
  {
    name: "typing =GD.ADAM_STEP(...) into a cell spills params, moments and t",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await typeInCell(page, "A6", "=GD.ADAM_STEP({1,2},{0.5,-0.5})");
      // Adam's first step (β1 = 0.9, β2 = 0.999, lr = 0.001): m = 0.1·g, v = 0.001·g², and the bias-corrected
      // step is lr·g/(|g| + ε) ≈ 0.001·sign(g): params 1 − 0.001 = 0.999 and 2 + 0.001 = 2.001.
      assertClose(await cellNumber(page, "A6"), 0.999, 1e-8, "a");
      assertClose(await cellNumber(page, "B6"), 2.001, 1e-8, "b");
      assertClose(await cellNumber(page, "C6"), 0.05, 1e-15, "m_a");
      assertClose(await cellNumber(page, "D6"), -0.05, 1e-15, "m_b");
      assertClose(await cellNumber(page, "E6"), 0.00025, 1e-15, "v_a");
      assertClose(await cellNumber(page, "F6"), 0.00025, 1e-15, "v_b");
      assert.equal(await cellNumber(page, "G6"), 1, "t");
      assert.equal(await cellText(page, "H6"), "", "the spill is exactly 7 wide");
    },
  },
  {
    name: "a bad argument shows #VALUE! with the engine's message",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await typeInCell(page, "A8", "=GD.GD_STEP({1,2},{1,2,3},,0.1)");
      assert.equal(await cellText(page, "A8"), "#VALUE!");
      assert.match((await cellTitle(page, "A8")) ?? "", /grads has 3 values but params has 2/);
    },
  },
  {
    name: "cells are editable: numbers, plain formulas and references recalculate",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await typeInCell(page, "K1", "2");
      await typeInCell(page, "K2", "=K1^3+1");
      assert.equal(await cellNumber(page, "K2"), 9);
      await typeInCell(page, "K1", "3");
      assert.equal(await cellNumber(page, "K2"), 28);
    },
  },
  {
    name: "an example workbook opens (ExcelJS in the browser) and computes through the GD.* plugin",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await page.selectOption("#wb-example", "linear-regression.xlsx");
      await page.waitForFunction(
        () => document.querySelector("#wb-example")?.dataset.loaded !== undefined,
        null,
        {
          timeout: 30000,
        },
      );
      assert.equal(await page.getAttribute("#wb-example", "data-loaded"), "linear-regression.xlsx");
      const tabs = await page.$$eval(".wb-tab", (buttons) => buttons.map((b) => b.textContent));
      assert.ok(
        tabs.length > 1 && !tabs.includes("Sheet1"),
        `the example's sheets replace the workbench's: ${tabs}`,
      );
      // Its formulas evaluate: spilled step rows, and no #NAME? (every GD.* name resolved by our plugin).
      await page.click('.wb-tab[data-sheet="Adam"]');
      assert.ok((await page.locator("td.wb-spill").count()) > 0, "spilled cells on the Adam sheet");
      const errors = await page.$$eval("td.wb-error", (cells) =>
        cells.map((c) => `${c.dataset.cell}: ${c.textContent}`),
      );
      assert.deepEqual(errors, [], "no error cells on the Adam sheet");
      // The data lie on y = 2x + 30; after 300 Adam rows (lr 0.5) a and b sit at the line (Adam keeps a small
      // oscillation at a constant rate, hence 1e-3, the tolerance of the sheet tests in Node).
      assert.equal(await cellText(page, "A302"), "300");
      assertClose(await cellNumber(page, "H302"), 2, 1e-3, "a after 300 Adam rows");
      assertClose(await cellNumber(page, "I302"), 30, 1e-3, "b after 300 Adam rows");
      await screenshot("workbench-example-linear-regression");
    },
  },
];
