/** Iso-lines of a function sampled on a rectangular grid (marching squares): pure numbers, no canvas. */

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

/** Where f crosses `level` on the edge from p (value fp) to q (value fq), by linear interpolation. */
function crossing(p: Point, fp: number, q: Point, fq: number, level: number): Point {
  const t = (level - fp) / (fq - fp);
  return { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) };
}

/**
 * The segments of the level-`level` iso-line of a sampled function: in each grid cell, the points where f
 * crosses the level on the cell's edges (linear interpolation along the edge) are joined in pairs. A saddle
 * cell (crossings on all four edges) is resolved by the cell's mean value, the usual choice. Cells with a
 * non-finite corner are skipped: the line breaks there instead of passing through a guess.
 */
export function contourSegments(grid: SampledGrid, level: number): ContourSegment[] {
  const { xs, ys, values } = grid;
  const segments: ContourSegment[] = [];
  for (let j = 0; j + 1 < ys.length; j++) {
    const row = values[j];
    const above = values[j + 1];
    const y0 = ys[j];
    const y1 = ys[j + 1];
    if (!row || !above || y0 === undefined || y1 === undefined) continue;
    for (let i = 0; i + 1 < xs.length; i++) {
      const x0 = xs[i];
      const x1 = xs[i + 1];
      // Corners counter-clockwise from bottom-left.
      const f = [row[i], row[i + 1], above[i + 1], above[i]];
      if (x0 === undefined || x1 === undefined || !f.every((v) => v !== undefined && Number.isFinite(v)))
        continue;
      const fv = f as [number, number, number, number];
      const corners: Point[] = [
        { x: x0, y: y0 },
        { x: x1, y: y0 },
        { x: x1, y: y1 },
        { x: x0, y: y1 },
      ];
      // Edge k joins corner k and k+1; it is crossed when exactly one end is at or above the level.
      const hits: Point[] = [];
      for (let k = 0; k < 4; k++) {
        const a = fv[k] as number;
        const b = fv[(k + 1) % 4] as number;
        if (a >= level !== b >= level)
          hits.push(crossing(corners[k] as Point, a, corners[(k + 1) % 4] as Point, b, level));
      }
      if (hits.length === 2) segments.push({ from: hits[0] as Point, to: hits[1] as Point });
      else if (hits.length === 4) {
        // Saddle: edges 0..3 in order. Joining 0–1 and 2–3 separates the corner 1 and corner 3 regions;
        // that is right when the centre is on the other side from corners 1 and 3.
        const centreAbove = (fv[0] + fv[1] + fv[2] + fv[3]) / 4 >= level;
        const corner1Above = fv[1] >= level;
        const [e0, e1, e2, e3] = hits as [Point, Point, Point, Point];
        if (centreAbove !== corner1Above) {
          segments.push({ from: e0, to: e1 }, { from: e2, to: e3 });
        } else {
          segments.push({ from: e3, to: e0 }, { from: e1, to: e2 });
        }
      }
    }
  }
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
