import { expect, test } from "@jest/globals";
import { formatDuration, runProgress } from "../../src/taskpane/run-progress";

test("half-way through epoch 2 of 4: run 37.5% done, examples/s and time left from the rate so far", () => {
  // 50,000 images in batches of 10: 5,000 batches; epoch index 1, 2,500 batches done.
  // examples = 1 × 50,000 + 2,500 × 10 = 75,000 in 30 s → 2,500 /s; run fraction (1 + 0.5) / 4 = 0.375;
  // remaining = 30 × (1 − 0.375) / 0.375 = 50 s.
  const p = runProgress({
    epoch: 1,
    batch: 2500,
    batches: 5000,
    loss: 0.04321,
    epochs: 4,
    batchSize: 10,
    trainImages: 50000,
    elapsed: 30,
  });
  expect(p.epochFraction).toBe(0.5);
  expect(p.runFraction).toBe(0.375);
  expect(p.examplesPerSecond).toBe(2500);
  expect(p.remaining).toBeCloseTo(50, 12);
  expect(p.text).toBe(
    "epoch 2 of 4 · 50% of the epoch · loss 0.0432 · 2,500 examples/s · 0:30 elapsed · 0:50 left",
  );
});

test("before the first batch the time left is unknown, not infinite", () => {
  const p = runProgress({
    epoch: 0,
    batch: 0,
    batches: 200,
    loss: NaN,
    epochs: 2,
    batchSize: 10,
    trainImages: 2000,
    elapsed: 0,
  });
  expect(p.remaining).toBeUndefined();
  expect(p.text).toBe(
    "epoch 1 of 2 · 0% of the epoch · loss – · 0 examples/s · 0:00 elapsed · time left unknown",
  );
});

test("the last partial batch counts only the images there are", () => {
  // 2,005 images, batch 10: 201 batches; all done = 2,005 examples, not 2,010.
  const p = runProgress({
    epoch: 0,
    batch: 201,
    batches: 201,
    loss: 1,
    epochs: 1,
    batchSize: 10,
    trainImages: 2005,
    elapsed: 1,
  });
  expect(p.examplesPerSecond).toBe(2005);
  expect(p.remaining).toBe(0);
});

test("durations read as m:ss and h:mm:ss", () => {
  expect(formatDuration(0)).toBe("0:00");
  expect(formatDuration(59.6)).toBe("1:00");
  expect(formatDuration(754)).toBe("12:34");
  expect(formatDuration(3723)).toBe("1:02:03");
});
