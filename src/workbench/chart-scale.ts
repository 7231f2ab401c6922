/** Axis ranges and tick positions for the hand-drawn loss-contour chart: pure numbers, no canvas. */

export interface ChartAxis {
  scale: "linear";
  /** Bottom and top of the axis in data units. */
  min: number;
  max: number;
  /** Values labelled on the axis, bottom to top. */
  ticks: number[];
}

/** A step of 1, 2 or 5 × 10^k that cuts `span` into about `count` parts (a chart's usual "nice" ticks). */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const mantissa = raw / power;
  return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
}

/**
 * A linear axis over the finite `values`, widened to contain `include` (the training chart passes [0, 1] so
 * accuracies keep their 0–1 frame), with ends on multiples of a nice step.
 */
export function linearAxis(values: readonly number[], include: readonly number[] = [], count = 4): ChartAxis {
  let low = Infinity;
  let high = -Infinity;
  for (const v of [...values, ...include]) {
    if (!Number.isFinite(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (low > high) [low, high] = [0, 1];
  if (low === high) [low, high] = [low - (Math.abs(low) || 1) / 2, high + (Math.abs(high) || 1) / 2];
  const step = niceStep(high - low, count);
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  // k·step, rounded to the step's precision, so 0.1·3 is labelled 0.3 and not 0.30000000000000004.
  const ticks = Array.from({ length: last - first + 1 }, (_, k) =>
    Number(((first + k) * step).toPrecision(12)),
  );
  return { scale: "linear", min: first * step, max: last * step, ticks };
}

/**
 * A linear axis that ends a `margin` fraction of the span beyond the finite `values` (not on a tick), so points at
 * the extremes (a path's start, the loss minimum) stay clear of the frame; ticks at the nice-step multiples
 * inside it.
 */
export function paddedLinearAxis(values: readonly number[], margin = 0.05, count = 4): ChartAxis {
  const data = linearAxis(values, [], count);
  const finite = values.filter((v) => Number.isFinite(v));
  const [low, high] = finite.length > 0 ? [Math.min(...finite), Math.max(...finite)] : [data.min, data.max];
  const span = high > low ? high - low : data.max - data.min;
  const [min, max] = [low - margin * span, high + margin * span];
  const step = niceStep(span, count);
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step); k * step <= max; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { scale: "linear", min, max, ticks };
}

/** Where `value` sits on the axis: 0 at the bottom, 1 at the top; NaN when the axis cannot show it. */
export function axisFraction(axis: ChartAxis, value: number): number {
  if (!Number.isFinite(value)) return NaN;
  return (value - axis.min) / (axis.max - axis.min);
}
