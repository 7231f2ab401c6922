/** Marching squares against curves known in closed form: circles of x² + y², straight lines of a plane. */
import { describe, expect, test } from "@jest/globals";
import { type SampledGrid, contourSegments, logLevels } from "../../src/workbench/contour-lines";

function sample(f: (x: number, y: number) => number, low: number, high: number, size: number): SampledGrid {
  const axis = Array.from({ length: size }, (_, k) => low + ((high - low) * k) / (size - 1));
  return { xs: axis, ys: axis, values: axis.map((y) => axis.map((x) => f(x, y))) };
}

describe("contourSegments", () => {
  // 61 samples over [-2, 2]: step h = 4/60 = 1/15.
  const bowl = sample((x, y) => x * x + y * y, -2, 2, 61);

  test("the level r² of x² + y² lies on the circle of radius r, all the way round", () => {
    for (const r of [0.5, 1, 1.7]) {
      const segments = contourSegments(bowl, r * r);
      const points = segments.flatMap((s) => [s.from, s.to]);
      // Along a grid edge x² + y² is t² + const in the edge coordinate t; linear interpolation between the
      // corners errs by at most h²/4 = 1/900 in value, so |ρ² − r²| ≤ 1/900 and |ρ − r| ≤ 1/(1800 r) ≤ 1.2e-3.
      for (const p of points) expect(Math.abs(Math.hypot(p.x, p.y) - r)).toBeLessThanOrEqual(1.2e-3);
      // All the way round: consecutive crossings are at most a cell diagonal √2·h apart, an angle ≤ √2·h/r
      // (+1 % for the chord being shorter than the arc).
      const angles = points.map((p) => Math.atan2(p.y, p.x)).sort((p, q) => p - q);
      let widest = (angles[0] ?? 0) + 2 * Math.PI - (angles[angles.length - 1] ?? 0);
      for (let k = 1; k < angles.length; k++)
        widest = Math.max(widest, (angles[k] ?? 0) - (angles[k - 1] ?? 0));
      expect(widest).toBeLessThan((1.01 * Math.SQRT2) / 15 / r);
      // Its length is the circumference 2πr, within 1 % (chords of a circle are shorter by ~θ²/24).
      const length = segments.reduce((sum, s) => sum + Math.hypot(s.to.x - s.from.x, s.to.y - s.from.y), 0);
      expect(Math.abs(length / (2 * Math.PI * r) - 1)).toBeLessThan(0.01);
    }
  });

  test("a level of a plane is a straight line, exactly (linear interpolation is exact on it)", () => {
    const plane = sample((x) => x, -2, 2, 11);
    const segments = contourSegments(plane, 0.3);
    expect(segments).toHaveLength(10); // one per cell of the column of cells that x = 0.3 crosses
    for (const s of segments) {
      expect(s.from.x).toBeCloseTo(0.3, 12);
      expect(s.to.x).toBeCloseTo(0.3, 12);
    }
  });

  test("a level outside the function's range has no line", () => {
    expect(contourSegments(bowl, 9)).toEqual([]); // max of x² + y² on [-2, 2]² is 8
    expect(contourSegments(bowl, -1)).toEqual([]);
  });

  test("a saddle cell is resolved by its centre value", () => {
    // f(0,0) = 1, f(1,0) = 0, f(1,1) = 1, f(0,1) = 0; the centre mean 0.5 is above the level 0.4, so the
    // low corners (1,0) and (0,1) are cut off: crossings at t = (0.4 − 1)/(0 − 1) = 0.6 along each edge.
    const saddle: SampledGrid = {
      xs: [0, 1],
      ys: [0, 1],
      values: [
        [1, 0],
        [0, 1],
      ],
    };
    const segments = contourSegments(saddle, 0.4);
    const rounded = segments.map((s) =>
      [s.from.x, s.from.y, s.to.x, s.to.y].map((v) => Number(v.toFixed(12))),
    );
    expect(rounded).toEqual([
      [0.6, 0, 1, 0.4], // bottom edge (1 → 0 from x = 0) to right edge (0 → 1 from y = 0)
      [0.4, 1, 0, 0.6], // top edge (1 → 0 from x = 1) to left edge (0 → 1 from y = 1)
    ]);
    // At the level 0.6 the centre (0.5) is below: the high corners (0,0) and (1,1) are cut off instead.
    const other = contourSegments(saddle, 0.6).map((s) =>
      [s.from.x, s.from.y, s.to.x, s.to.y].map((v) => Number(v.toFixed(12))),
    );
    expect(other).toEqual([
      [0, 0.4, 0.4, 0], // left edge to bottom edge, around (0, 0)
      [1, 0.6, 0.6, 1], // right edge to top edge, around (1, 1)
    ]);
  });

  test("a cell with a non-finite corner is left out", () => {
    const grid: SampledGrid = {
      xs: [0, 1, 2],
      ys: [0, 1],
      values: [
        [0, NaN, 0],
        [1, 1, 1],
      ],
    };
    expect(contourSegments(grid, 0.5)).toEqual([]);
  });
});

describe("logLevels", () => {
  test("evenly spaced in log10", () => {
    const levels = logLevels(1, 1000, 4);
    [1, 10, 100, 1000].forEach((v, k) => expect(levels[k]).toBeCloseTo(v, 9));
    expect(logLevels(4, 16, 1)).toEqual([8]); // the geometric mean
  });

  test("no levels without a positive range", () => {
    expect(logLevels(0, 10, 5)).toEqual([]);
    expect(logLevels(10, 10, 5)).toEqual([]);
    expect(logLevels(1, Infinity, 5)).toEqual([]);
  });
});
