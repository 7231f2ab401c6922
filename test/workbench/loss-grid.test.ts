/** The loss grid against the mean squared error written out in the test, and the least-squares line by hand. */
import { describe, expect, test } from "@jest/globals";
import { leastSquaresLine, lineLossAt, lossGrid } from "../../src/workbench/loss-grid";

// Four points off any line, so the loss is nowhere 0.
const points = { x: [-1, 0, 1, 2], y: [1, 3, 2, 7] };

/** mean((a·x + b − y)²), written out independently of the formula engine. */
function meanSquaredError(a: number, b: number): number {
  let sum = 0;
  points.x.forEach((x, k) => {
    const r = a * x + b - (points.y[k] ?? 0);
    sum += r * r;
  });
  return sum / points.x.length;
}

describe("lineLossAt", () => {
  test("is the mean squared error", () => {
    expect(lineLossAt(points, 0, 0)).toBeCloseTo(63 / 4, 12); // (1 + 9 + 4 + 49)/4
    // a = 1, b = 2: residuals 0, −1, 1, −3 → (0 + 1 + 1 + 9)/4 = 2.75
    expect(lineLossAt(points, 1, 2)).toBeCloseTo(2.75, 12);
  });
});

describe("lossGrid", () => {
  const grid = lossGrid(points, { aMin: -1, aMax: 3, bMin: 0, bMax: 4 }, 5);

  test("samples L(a, b) at evenly spaced a (columns) and b (rows)", () => {
    expect(grid.xs).toEqual([-1, 0, 1, 2, 3]);
    expect(grid.ys).toEqual([0, 1, 2, 3, 4]);
    for (const [i, j] of [
      [0, 0],
      [2, 2],
      [4, 1],
      [1, 4],
      [3, 3],
    ] as const)
      expect(grid.values[j]?.[i]).toBeCloseTo(meanSquaredError(grid.xs[i] ?? NaN, grid.ys[j] ?? NaN), 10);
  });

  test("reports its smallest sample", () => {
    let best = { a: NaN, b: NaN, loss: Infinity };
    for (const b of [0, 1, 2, 3, 4])
      for (const a of [-1, 0, 1, 2, 3]) {
        const loss = meanSquaredError(a, b);
        if (loss < best.loss) best = { a, b, loss };
      }
    // The least-squares line is a = 1.7, b = 2.4 (below): the nearest grid point is (2, 2).
    expect(best).toMatchObject({ a: 2, b: 2 });
    expect(grid.minimum.a).toBe(best.a);
    expect(grid.minimum.b).toBe(best.b);
    expect(grid.minimum.loss).toBeCloseTo(best.loss, 10);
  });
});

describe("leastSquaresLine", () => {
  test("slope cov/var and intercept ȳ − slope·x̄, by hand", () => {
    // x̄ = 0.5, ȳ = 13/4; Σ(x − x̄)² = 2.25 + 0.25 + 0.25 + 2.25 = 5;
    // Σ(x − x̄)(y − ȳ) = (−1.5)(−2.25) + (−0.5)(−0.25) + (0.5)(−1.25) + (1.5)(3.75) = 8.5;
    // slope 8.5/5 = 1.7, intercept 3.25 − 0.85 = 2.4.
    const line = leastSquaresLine(points);
    expect(line?.a).toBeCloseTo(1.7, 12);
    expect(line?.b).toBeCloseTo(2.4, 12);
  });

  test("recovers an exact line and needs two distinct x", () => {
    const x = [0.3, -1.5, 1.1, -0.7];
    const line = leastSquaresLine({ x, y: x.map((v) => 2 * v + 30) });
    expect(line?.a).toBeCloseTo(2, 12);
    expect(line?.b).toBeCloseTo(30, 12);
    expect(leastSquaresLine({ x: [1, 1], y: [2, 3] })).toBeUndefined();
    expect(leastSquaresLine({ x: [1], y: [2] })).toBeUndefined();
  });
});
