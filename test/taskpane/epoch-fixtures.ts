import type { EpochResult } from "../../src/engine/train/protocol";
import { FakeBook, createExcelMock } from "./fake-excel";

/** network.py's published first epochs: "Epoch 0: 9129 / 10000", "Epoch 1: 9295 / 10000". */
export const EPOCH_0: EpochResult = {
  epoch: 0,
  trainLoss: 0.0123,
  validationCorrect: 9100,
  validationTotal: 10000,
  testCorrect: 9129,
  testTotal: 10000,
  seconds: 2.5,
  lr: 3,
};
export const EPOCH_1: EpochResult = {
  ...EPOCH_0,
  epoch: 1,
  trainLoss: 0.0101,
  validationCorrect: 9280,
  testCorrect: 9295,
};

export function installExcel(book: FakeBook): void {
  (globalThis as { Excel?: unknown }).Excel = createExcelMock(book);
}

export function uninstallExcel(): void {
  delete (globalThis as { Excel?: unknown }).Excel;
}
