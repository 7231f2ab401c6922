import { describe, expect, test } from "@jest/globals";
import { classify, downsample } from "../../src/taskpane/digit-classifier";
import { pixelPickerNetwork } from "./trained-fixture";

describe("the digit pad: a drawing reduced to 28×28 inputs and classified", () => {
  test("each input is the mean red level of its block, over 255", () => {
    // 56×56 RGBA: block (0,0) is 2×2 pixels of white; block (0,1) has two of its four pixels at 255.
    const rgba = new Uint8ClampedArray(56 * 56 * 4);
    const white = (x: number, y: number) => rgba.set([255, 255, 255, 255], (y * 56 + x) * 4);
    [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 0],
      [3, 1],
    ].forEach(([x, y]) => white(x as number, y as number));
    const inputs = downsample(rgba, 56, 56);
    expect(inputs).toHaveLength(784);
    expect(inputs[0]).toBe(1);
    expect(inputs[1]).toBe(0.5);
    expect(inputs.slice(2).every((v) => v === 0)).toBe(true);
  });

  test("the digit is the largest output of the trained network", () => {
    // The picker network's output j is input j: input 6 brightest → digit 6.
    const inputs = new Float64Array(784);
    inputs.set([0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.9, 0.2, 0.1, 0.1]);
    const answer = classify(pixelPickerNetwork(), inputs);
    expect(answer.digit).toBe(6);
    expect(answer.outputs[6]).toBeCloseTo(0.9, 12);
  });
});
