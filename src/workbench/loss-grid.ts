/**
 * The full-batch loss of the line y = a·x + b over a rectangle of (a, b), sampled on a grid for the contour
 * chart: evaluated with the same formula engine (and the same formula text) as the example sheets' GD.LOSS.
 */
import { compileFormula, evaluateFormula } from "../engine/formula";
import type { SampledGrid } from "./contour-lines";

/** The example sheets' loss, mean squared error over the data points. */
export const LINE_LOSS_FORMULA = "AVERAGE((a*x+b-y)^2)";
const lineLoss = compileFormula(LINE_LOSS_FORMULA);

export interface DataPoints {
  x: readonly number[];
  y: readonly number[];
}

export interface PlaneExtent {
  aMin: number;
  aMax: number;
  bMin: number;
  bMax: number;
}

/** A loss grid: `values[j][i]` = L(as[i], bs[j]), and its smallest sample. */
export interface LossGrid extends SampledGrid {
  minimum: { a: number; b: number; loss: number };
}

/** Mean squared error of y ≈ a·x + b over the points, through the formula engine. */
export function lineLossAt(points: DataPoints, a: number, b: number): number {
  const value = evaluateFormula(lineLoss, { a, b, x: points.x, y: points.y });
  return typeof value === "number" ? value : NaN;
}

/** `size` evenly spaced values from `low` to `high`, both included. */
function spaced(low: number, high: number, size: number): number[] {
  return Array.from({ length: size }, (_, k) => low + ((high - low) * k) / (size - 1));
}

/** The loss at size × size points spanning `extent` (a along the columns, b along the rows). */
export function lossGrid(points: DataPoints, extent: PlaneExtent, size = 60): LossGrid {
  const xs = spaced(extent.aMin, extent.aMax, size);
  const ys = spaced(extent.bMin, extent.bMax, size);
  let minimum = { a: NaN, b: NaN, loss: Infinity };
  const values = ys.map((b) =>
    xs.map((a) => {
      const loss = lineLossAt(points, a, b);
      if (loss < minimum.loss) minimum = { a, b, loss };
      return loss;
    }),
  );
  return { xs, ys, values, minimum };
}

/**
 * The least-squares line through the points (slope cov(x, y)/var(x), intercept ȳ − slope·x̄): where the loss is
 * smallest, so the chart's axes can include it before the grid is sampled. Undefined without two distinct x.
 */
export function leastSquaresLine(points: DataPoints): { a: number; b: number } | undefined {
  const n = Math.min(points.x.length, points.y.length);
  if (n < 2) return undefined;
  let [sx, sy] = [0, 0];
  for (let k = 0; k < n; k++) {
    sx += points.x[k] ?? 0;
    sy += points.y[k] ?? 0;
  }
  const [mx, my] = [sx / n, sy / n];
  let [sxx, sxy] = [0, 0];
  for (let k = 0; k < n; k++) {
    const dx = (points.x[k] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((points.y[k] ?? 0) - my);
  }
  if (!(sxx > 0)) return undefined;
  const a = sxy / sxx;
  return { a, b: my - a * mx };
}
