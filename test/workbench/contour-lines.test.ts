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

  /** Segments as sorted, undirected [x0, y0, x1, y1] (d3-contour's ring order and direction are its own). */
  const undirected = (segments: ReturnType<typeof contourSegments>) =>
    segments
      .map((s) => {
        const [p, q] = [
          [s.from.x, s.from.y],
          [s.to.x, s.to.y],
        ].map((pt) => pt.map((v) => Number(v.toFixed(12)))) as [number[], number[]];
        return String(p) < String(q) ? [...p, ...q] : [...q, ...p];
      })
      .sort((a, b) => String(a).localeCompare(String(b)));

  test("a saddle cell is split into two pieces, each cutting off a corner on the crossing points", () => {
    // f(0,0) = 1, f(1,0) = 0, f(1,1) = 1, f(0,1) = 0: the level 0.4 crosses each edge where linear interpolation
    // says, t = (0.4 − 1)/(0 − 1) = 0.6 from a high corner; the two pieces join those four points in pairs.
    const saddle: SampledGrid = {
      xs: [0, 1],
      ys: [0, 1],
      values: [
        [1, 0],
        [0, 1],
      ],
    };
    const segments = undirected(contourSegments(saddle, 0.4));
    expect(segments).toHaveLength(2);
    const points = new Set(segments.flatMap((s) => [String(s.slice(0, 2)), String(s.slice(2))]));
    expect([...points].sort()).toEqual(["0,0.6", "0.4,1", "0.6,0", "1,0.4"]);
  });

  test("a non-finite sample counts as below every level (no NaN coordinates)", () => {
    const grid: SampledGrid = {
      xs: [0, 1, 2],
      ys: [0, 1],
      values: [
        [0, NaN, 0],
        [1, 1, 1],
      ],
    };
    // bottom row below 0.5, top row above: the line runs at y = 0.5 over the finite columns x = 0 and x = 2
    // and bends up to the top sample over the NaN (interpolating from −∞ puts the crossing at the finite end)
    const points = contourSegments(grid, 0.5).flatMap((s) => [s.from, s.to]);
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      expect(p.y).toBeGreaterThanOrEqual(0.5 - 1e-12);
      expect(p.y).toBeLessThanOrEqual(1 + 1e-12);
    }
    for (const p of points.filter((q) => q.x === 0 || q.x === 2)) expect(p.y).toBeCloseTo(0.5, 12);
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
