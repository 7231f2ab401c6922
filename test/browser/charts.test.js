// The workbench's charts as a learner meets them: opened from the example menu and the sheet tabs, legend entries
// clicked with the mouse, Enlarge pressed. What a chart plotted is read from its data-chart JSON (numbers, not
// pixels), where its legend entries are from data-legend; screenshots show the rest.
const assert = require("node:assert/strict");
const { openWorkbench } = require("./helpers.js");

async function openExample(page, file) {
  await page.selectOption("#wb-example", file);
  await page.waitForFunction((name) => document.querySelector("#wb-example")?.dataset.loaded === name, file, {
    timeout: 30000,
  });
}

/** A chart's data-chart JSON once it is shown and drawn for `sheet`. */
async function chartFor(page, canvas, sheet) {
  await page.waitForFunction(
    ([selector, name]) => {
      const element = document.querySelector(selector);
      return element && !element.hidden && element.dataset.sheet === name && element.dataset.chart;
    },
    [canvas, sheet],
    { timeout: 20000, polling: 50 },
  );
  return JSON.parse(await page.getAttribute(canvas, "data-chart"));
}

/** Clicks a legend entry of a Chart.js chart where it is drawn on the canvas. */
async function clickLegend(page, canvas, text) {
  await page.waitForFunction((selector) => document.querySelector(selector)?.dataset.legend, canvas);
  const entries = JSON.parse(await page.getAttribute(canvas, "data-legend"));
  const entry = entries.find((e) => e.text === text || e.text.startsWith(`${text} (`));
  assert.ok(entry, `legend of ${canvas} has "${text}": ${entries.map((e) => e.text)}`);
  const box = await page.locator(canvas).boundingBox();
  await page.mouse.click(box.x + entry.left + entry.width / 2, box.y + entry.top + entry.height / 2);
}

async function seriesHidden(page, canvas, name) {
  const chart = JSON.parse(await page.getAttribute(canvas, "data-chart"));
  return chart.series.find((s) => s.name === name)?.hidden;
}

module.exports = [
  {
    name: "charts: a legend click hides a series and a second shows it; Enlarge widens the chart",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await openExample(page, "linear-regression.xlsx");
      await page.click('.wb-tab[data-sheet="Adam"]');
      const canvas = "#wb-chart-parameters";
      const chart = await chartFor(page, canvas, "Adam");
      assert.deepEqual(
        chart.series.map((s) => s.name),
        ["a", "b"],
        "parameter columns found under GD.STEP_HEADERS",
      );
      await clickLegend(page, canvas, "b");
      await page.waitForFunction(
        (s) => JSON.parse(document.querySelector(s).dataset.chart).series[1].hidden,
        canvas,
      );
      assert.equal(await seriesHidden(page, canvas, "a"), false);
      await screenshot("charts-legend-b-hidden");
      // a recalculation keeps the choice: switch sheets and back
      await page.click('.wb-tab[data-sheet="SGD"]');
      await chartFor(page, canvas, "SGD");
      assert.equal(await seriesHidden(page, canvas, "b"), true, "b stays hidden on the next sheet");
      await clickLegend(page, canvas, "b");
      await page.waitForFunction(
        (s) => !JSON.parse(document.querySelector(s).dataset.chart).series[1].hidden,
        canvas,
      );

      const figure = page.locator(`figure:has(${canvas})`);
      const before = await figure.boundingBox();
      await figure.getByRole("button", { name: "Enlarge" }).click();
      await page.waitForFunction(
        (s) => document.querySelector(s).closest("figure").dataset.enlarged === "true",
        canvas,
      );
      const after = await figure.boundingBox();
      assert.ok(after.width > 1.5 * before.width, `enlarged ${after.width} px vs ${before.width} px`);
      assert.ok(after.height > 1.5 * before.height, `enlarged ${after.height} px vs ${before.height} px`);
      const drawn = await page.locator(canvas).boundingBox();
      assert.ok(drawn.width > 0.9 * after.width, "the chart fills the enlarged figure");
      await screenshot("charts-enlarged");
      await figure.getByRole("button", { name: "Shrink" }).click();
      const back = await figure.boundingBox();
      assert.ok(Math.abs(back.width - before.width) < 2, "Shrink restores the size");
    },
  },
  {
    name: "charts: Compare optimizers highlights the active sheet's path, readable when enlarged",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await openExample(page, "linear-regression.xlsx");
      await page.click('.wb-tab[data-sheet="Momentum"]');
      await chartFor(page, "#wb-chart-plane", "Momentum");
      await page.click("#wb-compare-button");
      await page.waitForFunction(
        () => JSON.parse(document.querySelector("#wb-chart-plane").dataset.chart).series.length > 1,
      );
      const figure = page.locator("figure:has(#wb-chart-plane)");
      await figure.getByRole("button", { name: "Enlarge" }).click();
      await page.waitForFunction(() => document.querySelector("#wb-chart-plane").width > 800);
      const compared = JSON.parse(await page.getAttribute("#wb-chart-plane", "data-chart"));
      assert.equal(compared.series.length, 14, "every optimizer sheet");
      assert.match(compared.title, /Momentum highlighted/);
      const width = await page.getAttribute("#wb-chart-plane", "width");
      assert.ok(Number(width) > 800, `the compare chart is ${width} px wide`);
      await screenshot("charts-compare-momentum");
      await page.click('.wb-tab[data-sheet="Adam"]');
      await page.waitForFunction(() =>
        document.querySelector("#wb-chart-plane").dataset.chart.includes("Adam highlighted"),
      );
      await screenshot("charts-compare-adam");
    },
  },
  {
    name: "charts: lr-decay.xlsx charts every schedule, each toggled from the legend",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await openExample(page, "lr-decay.xlsx");
      const canvas = "#wb-chart-schedules";
      const chart = await chartFor(page, canvas, "LR_DECAY");
      assert.equal(chart.series.length, 21, chart.series.map((s) => s.name).join(", ")); // SCHEDULE_NAMES
      const step = chart.series.find((s) => s.name === "step");
      assert.equal(step.values.length, 61);
      // step decay, step_size 20, gamma 0.1 from lr0 = 0.1: 0.1 until step 19, 0.01 from step 20
      assert.equal(step.values[0], 0.1);
      assert.ok(Math.abs(step.values[20] - 0.01) < 1e-15);
      assert.deepEqual([chart.xLabels[0], chart.xLabels[60]], ["0", "60"]);
      await clickLegend(page, canvas, "constant");
      await page.waitForFunction(
        (s) =>
          JSON.parse(document.querySelector(s).dataset.chart).series.find((x) => x.name === "constant")
            .hidden,
        canvas,
      );
      await screenshot("charts-lr-decay");
    },
  },
  {
    name: "charts: GRADCHECK's verdicts on a log axis with the tolerance, the wrong column failing",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await openExample(page, "gradcheck.xlsx");
      const chart = await chartFor(page, "#wb-chart-gradcheck", "GRADCHECK");
      const [right, wrong, tolerance] = chart.series;
      assert.equal(right.scale, "log");
      assert.match(right.name, /^right: pass/);
      assert.match(wrong.name, /^wrong: pass/);
      assert.equal(tolerance.name, "tolerance 0.000001");
      assert.ok(
        right.values.every((v) => v < 1e-6),
        `right column passes: ${right.values}`,
      );
      // the wrong dL/da = 2e instead of 2ex: relative error |1 − x| / max(1, |x|) at x = 0.3, −1.5, 1.1, 1.9, −0.7
      const expected = [0.3, -1.5, 1.1, 1.9, -0.7].map((x) => Math.abs(1 - x) / Math.max(1, Math.abs(x)));
      wrong.values.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-6, `row ${i + 2}: ${v}`));
      assert.deepEqual(chart.xLabels, ["2", "3", "4", "5", "6"]);
      await screenshot("charts-gradcheck");
    },
  },
  {
    name: "charts: the XOR network's decision boundary over its inputs, the four points on the right side",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await openExample(page, "xor-network.xlsx");
      const chart = await chartFor(page, "#wb-chart-boundary", "XOR network");
      assert.equal(chart.kind, "boundary");
      assert.deepEqual(chart.grid.size, [50, 50]);
      assert.deepEqual(chart.grid.x1, [-0.5, 1.5]);
      assert.equal(chart.points.length, 4);
      // trained to a loss below 0.02: each point's output is on its target's side of 0.5
      for (const p of chart.points)
        assert.ok(
          p.output > 0.5 === (p.target === 1),
          `(${p.x1}, ${p.x2}) → ${p.output}, target ${p.target}`,
        );
      assert.ok(chart.positiveShare > 0.1 && chart.positiveShare < 0.9, "both classes have a region");
      await page.locator("figure:has(#wb-chart-boundary)").getByRole("button", { name: "Enlarge" }).click();
      await screenshot("charts-xor-boundary");
    },
  },
];
