// The workbench's spreadsheet: GD.* formulas typed into HyperFormula cells through our plugin, spilled results.
const assert = require("node:assert/strict");
const {
  assertClose,
  cellCenter,
  cellNumber,
  scrollTo,
  cellText,
  cellTitle,
  clickCell,
  goTo,
  openWorkbench,
  typeInCell,
} = require("./helpers.js");

/** The texts of the cells on screen (Glide's accessibility table mirrors the visible part of the canvas). */
async function visibleCellTexts(page) {
  return page.$$eval('td[id^="glide-cell-"]', (cells) =>
    cells.map((td) => ({ id: td.id, text: td.textContent.trim() })),
  );
}

/** Opens an example workbook through the "open example" menu and waits until its sheets are in. */
async function openExample(page, file) {
  await page.selectOption("#wb-example", file);
  await page.waitForFunction(
    () => document.querySelector("#wb-example")?.dataset.loaded !== undefined,
    null,
    {
      timeout: 30000,
    },
  );
  assert.equal(await page.getAttribute("#wb-example", "data-loaded"), file);
}

/** The numbers a chart canvas plotted (its data-chart JSON), once it has been drawn for `sheet`. */
async function chartFor(page, canvas, sheet) {
  await page.waitForFunction(
    ([selector, name]) => {
      const element = document.querySelector(selector);
      return element && !element.hidden && element.dataset.sheet === name && element.dataset.chart;
    },
    [canvas, sheet],
    { timeout: 10000, polling: 50 },
  );
  return JSON.parse(await page.getAttribute(canvas, "data-chart"));
}

function seriesNamed(chart, name) {
  const series = chart.series.find((s) => s.name === name);
  assert.ok(
    series,
    `chart "${chart.title}" should have a series "${name}", has ${chart.series.map((s) => s.name)}`,
  );
  return series;
}

function lastNumber(values) {
  const numbers = values.filter((v) => v !== null);
  return numbers[numbers.length - 1];
}

module.exports = [
  {
    name: "the opening sheet steps y = 2x + 30 with GD.GD_STEP, row by row, from one lr cell",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      assert.equal(await cellText(page, "A1"), "learning rate");
      assert.equal(await cellNumber(page, "B1"), 0.05);
      assert.match(await cellText(page, "C1"), /Try 0\.01/, "one line says what to try");
      // Row 6, the first step from a = b = 0 on (x, y) = (0.3, 30.6): error e = −30.6, dL/da = 2e·x = −18.36,
      // dL/db = 2e = −61.2; lr 0.05: a = 0.918, b = 3.06, t = 1.
      assertClose(await cellNumber(page, "C6"), -18.36, 1e-12, "C6");
      assertClose(await cellNumber(page, "D6"), -61.2, 1e-12, "D6");
      assertClose(await cellNumber(page, "E6"), 0.918, 1e-12, "E6");
      assertClose(await cellNumber(page, "F6"), 3.06, 1e-12, "F6");
      assert.equal(await cellNumber(page, "G6"), 1);
      // F6 is part of E6's spill: the formula bar shows the anchor's formula, greyed.
      await clickCell(page, "F6");
      assert.match(await page.inputValue("#wb-formula"), /^=GD\.GD_STEP\(E5:F5,C6:D6,G5,\$B\$1\)/);
      assert.match((await page.getAttribute("#wb-formula", "class")) ?? "", /wb-formula-spilled/);
      await clickCell(page, "E6");
      assert.match(await page.inputValue("#wb-formula"), /^=GD\.GD_STEP\(E5:F5,C6:D6,G5,\$B\$1\)/);
      assert.doesNotMatch((await page.getAttribute("#wb-formula", "class")) ?? "", /wb-formula-spilled/);
      // The lr cell drives every row: a larger rate moves the first step further (a = 0 − 0.1·(−18.36)).
      await typeInCell(page, "B1", "0.1");
      assertClose(await cellNumber(page, "E6"), 1.836, 1e-12, "E6 with lr 0.1");
      await screenshot("workbench-opening-sheet");
    },
  },
  {
    name: "typing =GD.ADAM_STEP(...) into a cell spills params, moments and t",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await typeInCell(page, "J6", "=GD.ADAM_STEP({1,2},{0.5,-0.5})");
      // Adam's first step (β1 = 0.9, β2 = 0.999, lr = 0.001): m = 0.1·g, v = 0.001·g², and the bias-corrected
      // step is lr·g/(|g| + ε) ≈ 0.001·sign(g): params 1 − 0.001 = 0.999 and 2 + 0.001 = 2.001.
      assertClose(await cellNumber(page, "J6"), 0.999, 1e-8, "a");
      assertClose(await cellNumber(page, "K6"), 2.001, 1e-8, "b");
      assertClose(await cellNumber(page, "L6"), 0.05, 1e-15, "m_a");
      assertClose(await cellNumber(page, "M6"), -0.05, 1e-15, "m_b");
      assertClose(await cellNumber(page, "N6"), 0.00025, 1e-15, "v_a");
      assertClose(await cellNumber(page, "O6"), 0.00025, 1e-15, "v_b");
      assert.equal(await cellNumber(page, "P6"), 1, "t");
      assert.equal(await cellText(page, "Q6"), "", "the spill is exactly 7 wide");
    },
  },
  {
    name: "a bad argument shows #VALUE! with the engine's message",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await typeInCell(page, "J8", "=GD.GD_STEP({1,2},{1,2,3},,0.1)");
      assert.equal(await cellText(page, "J8"), "#VALUE!");
      assert.match((await cellTitle(page, "J8")) ?? "", /grads has 3 values but params has 2/);
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
      await openExample(page, "linear-regression.xlsx");
      const tabs = await page.$$eval(".wb-tab", (buttons) => buttons.map((b) => b.textContent));
      assert.ok(
        tabs.length > 1 && !tabs.includes("y = 2x + 30"),
        `the example's sheets replace the workbench's: ${tabs}`,
      );
      // Its formulas evaluate: spilled step rows, and no #NAME? (every GD.* name resolved by our plugin).
      await page.click('.wb-tab[data-sheet="Adam"]');
      await page.waitForFunction(
        () => document.querySelector("td#glide-cell-1-1")?.textContent.trim() !== "",
      );
      const errors = (await visibleCellTexts(page)).filter((c) => c.text.startsWith("#"));
      assert.deepEqual(errors, [], "no error cells on the Adam sheet");
      // The data lie on y = 2x + 30; after 300 Adam rows (lr 0.5) a and b sit at the line (Adam keeps a small
      // oscillation at a constant rate, hence 1e-3, the tolerance of the sheet tests in Node).
      assert.equal(await cellText(page, "A302"), "300");
      assertClose(await cellNumber(page, "H302"), 2, 1e-3, "a after 300 Adam rows");
      assertClose(await cellNumber(page, "I302"), 30, 1e-3, "b after 300 Adam rows");
      assert.match(
        (await page.getAttribute("#wb-formula", "class")) ?? "",
        /wb-formula-spilled/,
        "I302 is spilled from its row's step formula",
      );
      await screenshot("workbench-example-linear-regression");
    },
  },
  {
    name: "an optimizer sheet charts its parameter path (a, b on two axes) and its loss (log scale)",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await openExample(page, "linear-regression.xlsx");
      await page.click('.wb-tab[data-sheet="Adam"]');
      const path = await chartFor(page, "#wb-chart-parameters", "Adam");
      const a = seriesNamed(path, "a");
      const b = seriesNamed(path, "b");
      // Two axes: b ≈ 30 on a shared axis would flatten a ≈ 2.
      assert.deepEqual([a.axis, b.axis], ["left", "right"]);
      // One point per iteration 0…300, labelled by the sheet's iter column (found by its header, not its letter).
      assert.equal(a.values.length, 301);
      assert.deepEqual([path.xLabels[0], path.xLabels[300]], ["0", "300"]);
      // Iteration 0 starts from a = b = 0; the data lie on y = 2x + 30, where 300 Adam rows (lr 0.5) end
      // within 1e-3 (the tolerance of the sheet tests in Node and of the example test above).
      assert.deepEqual([a.values[0], b.values[0]], [0, 0]);
      assertClose(lastNumber(a.values), 2, 1e-3, "a plotted at iteration 300");
      assertClose(lastNumber(b.values), 30, 1e-3, "b plotted at iteration 300");
      const loss = await chartFor(page, "#wb-chart-loss", "Adam");
      const lossSeries = seriesNamed(loss, "loss");
      assert.equal(lossSeries.scale, "log");
      // Row 0 has no loss (no step yet); the first loss is about (0·x + 0 − y)² ≥ 30², the last one of a fit
      // within 1e-3 is below (1e-3·|x| + 1e-3)², far below 1e-2 for the sheet's x in [0, 6].
      assert.equal(lossSeries.values[0], null);
      assert.ok(lossSeries.values[1] >= 900, `first loss ${lossSeries.values[1]} ≥ 30²`);
      assert.ok(lastNumber(lossSeries.values) < 1e-2, `last loss ${lastNumber(lossSeries.values)} < 1e-2`);
      assert.equal(
        await page.isHidden("#wb-chart"),
        true,
        "the training chart only shows on the Training sheet",
      );
      await screenshot("workbench-optimizer-charts-adam");

      // Switching the tab redraws for that optimizer: plain SGD's path is another one.
      await page.click('.wb-tab[data-sheet="SGD"]');
      const sgd = await chartFor(page, "#wb-chart-parameters", "SGD");
      assert.notDeepEqual(seriesNamed(sgd, "a").values, a.values, "SGD's a path differs from Adam's");
      await screenshot("workbench-optimizer-charts-sgd");
    },
  },
  {
    name: "an optimizer sheet draws its (a, b) path over the loss contours; Compare overlays every sheet",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await openExample(page, "linear-regression.xlsx");
      await page.click('.wb-tab[data-sheet="Adam"]');
      const chart = await chartFor(page, "#wb-chart-plane", "Adam");
      assert.equal(chart.kind, "contour");
      const path = seriesNamed(chart, "Adam");
      // Iteration 0 is a = b = 0; 300 Adam rows end within 1e-3 of the line the data lie on, y = 2x + 30.
      assert.equal(path.a.length, 301);
      assert.deepEqual([path.a[0], path.b[0]], [0, 0]);
      assertClose(lastNumber(path.a), 2, 1e-3, "a at the path's end");
      assertClose(lastNumber(path.b), 30, 1e-3, "b at the path's end");
      // The data are exactly on y = 2x + 30, so the loss is 0 at (2, 30) and the grid's smallest sample is the
      // grid point nearest it: within one grid step (axis span / 59) in each direction.
      const { grid } = chart;
      const stepA = (grid.a[1] - grid.a[0]) / (grid.size[0] - 1);
      const stepB = (grid.b[1] - grid.b[0]) / (grid.size[1] - 1);
      assert.ok(
        grid.a[0] <= 0 && grid.a[1] >= 2 && grid.b[0] <= 0 && grid.b[1] >= 30,
        "grid spans path and minimum",
      );
      assertClose(grid.minimum.a, 2, stepA, "a of the grid's smallest loss");
      assertClose(grid.minimum.b, 30, stepB, "b of the grid's smallest loss");
      // Log-spaced levels: increasing, with a constant ratio between neighbours.
      assert.ok(chart.levels.length >= 8, `${chart.levels.length} contour levels`);
      const ratio = chart.levels[1] / chart.levels[0];
      chart.levels.forEach((level, k) => {
        if (k > 0) assertClose(level / chart.levels[k - 1], ratio, 1e-9, `level ratio ${k}`);
      });
      await screenshot("workbench-contour-adam");

      await page.click("#wb-compare-button");
      await page.waitForFunction(
        () => document.querySelector("#wb-chart-plane")?.dataset.chart?.includes('"name":"SGD"'),
        null,
        { timeout: 10000, polling: 50 },
      );
      const compared = JSON.parse(await page.getAttribute("#wb-chart-plane", "data-chart"));
      assert.ok(compared.series.length >= 10, `${compared.series.length} optimizer paths compared`);
      assert.equal(
        new Set(compared.series.map((s) => s.color)).size,
        compared.series.length,
        "one colour each",
      );
      assert.deepEqual(seriesNamed(compared, "Adam").a, path.a, "Adam's path is the same in the comparison");
      await screenshot("workbench-contour-compare");
      await page.click("#wb-compare-button");
      await page.waitForFunction(
        () =>
          JSON.parse(document.querySelector("#wb-chart-plane")?.dataset.chart ?? "{}").series?.length === 1,
        null,
        { timeout: 10000, polling: 50 },
      );
    },
  },
  {
    name: "Chart selection draws the selected columns against the row and follows recalculation",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await typeInCell(page, "K1", "u");
      await typeInCell(page, "K2", "1");
      await typeInCell(page, "K3", "4");
      await typeInCell(page, "K4", "9");
      await typeInCell(page, "L1", "v");
      await typeInCell(page, "L2", "=2*K2");
      await typeInCell(page, "L3", "=2*K3");
      await typeInCell(page, "L4", "=2*K4");
      // Select K1:L4 as a user would: click one corner, shift-click the other.
      await goTo(page, "A1");
      await clickCell(page, "K1");
      await clickCell(page, "L4", { modifiers: ["Shift"] });
      assert.equal(await page.inputValue("#wb-name"), "K1:L4");
      await page.waitForFunction(
        () => document.querySelectorAll('td[role="gridcell"][aria-selected="true"]').length === 8,
      );
      await page.click("#wb-chart-selection-button");
      let chart = await chartFor(page, "#wb-chart-selection", "y = 2x + 30");
      // Row 1 holds text: it names the series; rows 2–4 are the points, x labelled by row number.
      assert.deepEqual(
        chart.series.map((s) => [s.name, s.values]),
        [
          ["u", [1, 4, 9]],
          ["v", [2, 8, 18]],
        ],
      );
      assert.deepEqual(chart.xLabels, ["2", "3", "4"]);
      await screenshot("workbench-selection-chart");

      // The chart stays with its range: editing a cell redraws it with the recalculated values.
      await typeInCell(page, "K2", "5");
      await page.waitForFunction(() =>
        document.querySelector("#wb-chart-selection")?.dataset.chart?.includes('"values":[10,8,18]'),
      );
      chart = JSON.parse(await page.getAttribute("#wb-chart-selection", "data-chart"));
      assert.deepEqual(seriesNamed(chart, "v").values, [10, 8, 18]);

      // Dragging selects too; a range without a text row is named by its column letters.
      await goTo(page, "A1");
      const from = await scrollTo(page, "K2");
      const to = await cellCenter(page, "K4");
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 5 });
      await page.mouse.up();
      assert.equal(await page.inputValue("#wb-name"), "K2:K4");
      await page.click("#wb-chart-selection-button");
      await page.waitForFunction(() =>
        document.querySelector("#wb-chart-selection")?.dataset.chart?.includes('"name":"K"'),
      );
      chart = JSON.parse(await page.getAttribute("#wb-chart-selection", "data-chart"));
      assert.deepEqual(chart.series, [
        { name: "K", axis: "left", scale: "linear", hidden: false, values: [5, 4, 9] },
      ]);
      await page.click("#wb-chart-remove-button");
      assert.equal(await page.isHidden("#wb-chart-selection"), true, "Remove chart hides it");
    },
  },
];
