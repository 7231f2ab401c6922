/** Iso-lines of a function sampled on a rectangular grid (d3-contour): pure numbers, no canvas. */
import { contours } from "d3-contour";

/** f sampled at every (xs[i], ys[j]): `values[j][i]`; xs and ys increasing. */
export interface SampledGrid {
  xs: readonly number[];
  ys: readonly number[];
  values: readonly (readonly number[])[];
}

export interface Point {
  x: number;
  y: number;
}

/** One piece of an iso-line, inside one grid cell. */
export interface ContourSegment {
  from: Point;
  to: Point;
}

/** Grid index coordinate (d3-contour puts sample k at k + 0.5) → the axis value, interpolating between samples. */
function axisValue(axis: readonly number[], coordinate: number): number {
  const t = Math.min(Math.max(coordinate - 0.5, 0), axis.length - 1);
  const k = Math.min(Math.floor(t), axis.length - 2);
  const from = axis[k] ?? 0;
  const to = axis[k + 1] ?? from;
  return from + (t - k) * (to - from);
}

/**
 * The segments of the level-`level` iso-line of a sampled function, by d3-contour's marching squares (linear
 * interpolation along cell edges): each ring of its polygons, less the pieces that run along the grid's frame. Non-finite samples count as below every level.
 */
export function contourSegments(grid: SampledGrid, level: number): ContourSegment[] {
  const { xs, ys, values } = grid;
  const [n, m] = [xs.length, ys.length];
  if (n < 2 || m < 2) return [];
  const flat = ys.flatMap((_, j) =>
    xs.map((__, i) => {
      const v = values[j]?.[i] ?? NaN;
      return Number.isFinite(v) ? v : -Infinity;
    }),
  );
  // d3-contour closes a region that runs off the grid through points on its frame (coordinate 0 or n):
  // pieces touching the frame are not part of the iso-line.
  const onFrame = (p: readonly number[]) => p[0] === 0 || p[0] === n || p[1] === 0 || p[1] === m;
  const onBorder = (p: readonly number[], q: readonly number[]) => onFrame(p) || onFrame(q);
  const segments: ContourSegment[] = [];
  for (const polygon of contours().size([n, m]).thresholds([level])(flat)[0]?.coordinates ?? [])
    for (const ring of polygon)
      ring.forEach((p, k) => {
        const q = ring[k + 1];
        if (!q || onBorder(p, q)) return;
        segments.push({
          from: { x: axisValue(xs, p[0] ?? 0), y: axisValue(ys, p[1] ?? 0) },
          to: { x: axisValue(xs, q[0] ?? 0), y: axisValue(ys, q[1] ?? 0) },
        });
      });
  return segments;
}

/**
 * `count` levels spaced evenly in log10 between `low` and `high` (both > 0), so a bowl-shaped loss shows
 * rings near its minimum as well as far out; empty when the range is not positive.
 */
export function logLevels(low: number, high: number, count: number): number[] {
  if (!(low > 0) || !(high > low) || !Number.isFinite(high) || count < 1) return [];
  if (count === 1) return [Math.sqrt(low * high)];
  const [l, h] = [Math.log10(low), Math.log10(high)];
  return Array.from({ length: count }, (_, k) => 10 ** (l + ((h - l) * k) / (count - 1)));
}
