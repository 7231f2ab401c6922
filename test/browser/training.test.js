// The MNIST pane in the workbench: a real run in the real Web Worker on the bundled gzip assets, rows written
// to the "Training" sheet, Stop, and form validation.
const assert = require("node:assert/strict");
const path = require("node:path");
const {
  cellNumber,
  cellText,
  epochRowsInSheet,
  openWorkbench,
  paneState,
  setField,
  trainUntilDone,
  waitForState,
} = require("./helpers.js");

module.exports = [
  {
    name: "network.py preset: 2 epochs on 2,000 images in the Web Worker write rows well above chance",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await page.selectOption("#gd-preset", "network.py");
      await trainUntilDone(page, 2000, 2);

      // The grid switched to the Training sheet: header, then one row per epoch.
      assert.equal(await page.textContent(".wb-tab-active"), "Training");
      assert.deepEqual(
        await Promise.all(["A1", "B1", "C1", "D1", "E1", "F1"].map((c) => cellText(page, c))),
        ["epoch", "train loss", "validation accuracy", "test accuracy", "seconds", "lr"],
      );
      assert.deepEqual(await epochRowsInSheet(page), [1, 2]);
      // Chance is 10% for ten digits; network.py's net on 2,000 images for 2 epochs gets well past 40%.
      for (const cell of ["C3", "D3"]) {
        const accuracy = await cellNumber(page, cell);
        assert.ok(
          accuracy > 0.4 && accuracy <= 1,
          `${cell} accuracy ${accuracy} should be well above chance (0.1)`,
        );
      }
      assert.equal(await cellNumber(page, "F2"), 3, "lr column holds network.py's η = 3");
      assert.equal(
        await page.locator("#gd-epochs tbody tr").count(),
        2,
        "the pane's table shows both epochs",
      );
      // The canvas chart has lines drawn on it (coloured pixels, not just the white background and grid).
      const coloured = await page.$eval("#wb-chart", (canvas) => {
        const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - data[i + 2]) > 60) count++;
        return count;
      });
      assert.ok(coloured > 200, `chart should show coloured lines, found ${coloured} coloured pixels`);
      await screenshot("workbench-after-training");
    },
  },
  {
    name: "modern preset (ReLU, softmax, Adam through the engine's registries) learns in one epoch on 2,000 images",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await page.selectOption("#gd-preset", "modern (ReLU+Adam)");
      assert.equal(await page.inputValue("#gd-field-optimizer"), "adam");
      await trainUntilDone(page, 2000, 1);
      assert.deepEqual(await epochRowsInSheet(page), [1]);
      const accuracy = await cellNumber(page, "D2");
      assert.ok(accuracy > 0.5, `test accuracy ${accuracy} should be well above chance (0.1)`);
    },
  },
  {
    name: "IDX files picked by the user (.gz) are read, transferred to the worker and trained on",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      const mnist = path.join(__dirname, "..", "..", "dist", "assets", "mnist");
      await page.check("#gd-data-files");
      await page.setInputFiles("#gd-file-train-images", path.join(mnist, "train-images-idx3-ubyte.gz"));
      await page.setInputFiles("#gd-file-train-labels", path.join(mnist, "train-labels-idx1-ubyte.gz"));
      await page.setInputFiles("#gd-file-test-images", path.join(mnist, "t10k-images-idx3-ubyte.gz"));
      await page.setInputFiles("#gd-file-test-labels", path.join(mnist, "t10k-labels-idx1-ubyte.gz"));
      await trainUntilDone(page, 2000, 1);
      assert.deepEqual(await epochRowsInSheet(page), [1]);
      assert.ok((await cellNumber(page, "D2")) > 0.2, "learned something in one epoch");
    },
  },
  {
    name: "a missing picked file is reported and nothing starts",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await page.check("#gd-data-files");
      await page.click("#gd-train");
      await page.waitForSelector("#gd-errors li");
      assert.match(await page.textContent("#gd-errors"), /pick the training images file/);
      assert.equal(await paneState(page), "idle");
    },
  },
  {
    name: "Stop ends a full-size run: state becomes stopped and no more rows arrive",
    async run({ page, baseUrl, screenshot }) {
      await openWorkbench(page, baseUrl);
      await setField(page, "trainLimit", 0);
      await setField(page, "epochs", 30);
      await page.click("#gd-train");
      await waitForState(page, ["running"], 60000);
      // Let one full epoch (50,000 images) land in the sheet, then stop during the second.
      await page.waitForFunction(() => document.querySelectorAll("#gd-epochs tbody tr").length >= 1, null, {
        timeout: 60000,
        polling: 50,
      });
      await page.click("#gd-stop");
      assert.equal(await waitForState(page, ["stopped", "done", "error"], 10000), "stopped");
      const rows = await epochRowsInSheet(page);
      assert.ok(rows.length >= 1 && rows.length < 30, `stopped early, after ${rows.length} of 30 epochs`);
      assert.match(await page.textContent("#gd-status"), /stopped after \d+ epoch/);
      await page.waitForTimeout(1500);
      assert.deepEqual(await epochRowsInSheet(page), rows, "no rows after Stop");
      assert.equal(await paneState(page), "stopped");
      assert.equal(await page.isEnabled("#gd-train"), true, "Train is available again");
      await screenshot("workbench-stopped");
    },
  },
  {
    name: "invalid input is explained next to the field and nothing starts",
    async run({ page, baseUrl }) {
      await openWorkbench(page, baseUrl);
      await setField(page, "lr", -1);
      await setField(page, "layers", "784,30,9");
      await page.click("#gd-train");
      assert.equal(await page.textContent("#gd-field-lr-error"), "lr must be > 0, got -1");
      assert.equal(
        await page.textContent("#gd-field-layers-error"),
        "layers must end with 10 (digits), got 9",
      );
      assert.equal(await paneState(page), "idle");
      assert.equal(
        await page.locator(".wb-tab", { hasText: "Training" }).count(),
        0,
        "no Training sheet yet",
      );
    },
  },
  {
    name: "the task pane page loads on its own (outside Excel) with the same form",
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}taskpane.html`);
      await page.waitForSelector("#gd-train");
      assert.equal(await page.inputValue("#gd-field-layers"), "784,30,10");
      assert.match(await page.textContent("#gd-destination"), /this pane only/);
    },
  },
];
