import { expect, test } from "@jest/globals";
import { EPOCH_HEADERS, EPOCH_NUMBER_FORMATS, accuracy, epochRow } from "../../src/taskpane/epoch-sink";

test("a row is epoch, loss, accuracies as fractions, test images correct, lr, seconds", () => {
  // network.py's epoch 0 line "Epoch 0: 9022 / 10000" is 0.9022 as a fraction.
  expect(
    epochRow({
      epoch: 0,
      trainLoss: 0.25,
      validationCorrect: 9150,
      validationTotal: 10000,
      testCorrect: 9022,
      testTotal: 10000,
      seconds: 1.5,
      lr: 3,
    }),
  ).toEqual([0, 0.25, 0.915, 0.9022, 9022, 3, 1.5]);
  expect(EPOCH_HEADERS).toHaveLength(7);
  expect(EPOCH_NUMBER_FORMATS).toHaveLength(7);
});

test("an empty split gives a blank accuracy, not NaN", () => {
  expect(accuracy(0, 0)).toBe("");
  expect(accuracy(1, 4)).toBe(0.25);
});
