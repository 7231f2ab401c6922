// The grid benchmark's arithmetic: percentiles, frame statistics, the table, and the expected descent.
/* global console */

/** The q-quantile (0..1) of `values` by the nearest-rank method. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function summary(values) {
  return { median: quantile(values, 0.5), p95: quantile(values, 0.95), count: values.length };
}

/**
 * Frame intervals from requestAnimationFrame timestamps, and the frames dropped against the display's interval
 * `vsync` (an interval of about k·vsync drops k − 1 frames).
 */
export function frameStats(timestamps, vsync) {
  const intervals = [];
  for (let i = 1; i < timestamps.length; i++) intervals.push(timestamps[i] - timestamps[i - 1]);
  let dropped = 0;
  for (const dt of intervals) dropped += Math.max(0, Math.round(dt / vsync) - 1);
  return { ...summary(intervals), dropped };
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : "—");

/** rows: { label, stats: { median, p95, count, dropped? }, peer?: { label, stats } }; prints the ratios to the peer. */
export function printTable(title, rows) {
  const lines = [["measurement", "n", "median ms", "p95 ms", "dropped", "vs peer (median, p95)"]];
  for (const { label, stats, peer } of rows) {
    const ratio = peer
      ? `${(stats.median / peer.stats.median).toFixed(2)}×, ${(stats.p95 / peer.stats.p95).toFixed(2)}× ${peer.label}`
      : "";
    lines.push([
      label,
      String(stats.count),
      ms(stats.median),
      ms(stats.p95),
      stats.dropped === undefined ? "" : String(stats.dropped),
      ratio,
    ]);
  }
  const widths = lines[0].map((_, c) => Math.max(...lines.map((line) => line[c].length)));
  console.log(`\n${title}`);
  for (const [i, line] of lines.entries()) {
    console.log(
      line.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

/**
 * The (a, b) plain gradient descent reaches on squared error after one step per point (x, y), from a = b = 0,
 * with learning rate lr: a ← a − lr·2(ax + b − y)x, b ← b − lr·2(ax + b − y).
 */
export function descend(points, lr) {
  let a = 0;
  let b = 0;
  for (const [x, y] of points) {
    const error = a * x + b - y;
    const dA = 2 * error * x;
    const dB = 2 * error;
    a -= lr * dA;
    b -= lr * dB;
  }
  return { a, b };
}
