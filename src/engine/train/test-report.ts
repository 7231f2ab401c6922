/**
 * What a trained network does on the test set: a confusion matrix and a few digits with their predictions (the
 * first test images, then the first misclassified ones), for the pane and the run's sheet. Struct of arrays, so a
 * worker transfers every buffer without copying.
 */
import { EngineError } from "../errors";
import { createWorkspace, forwardBatch, type Examples, type MlpSpec } from "../mlp";

export interface DigitSamples {
  /** How many samples; each array below holds `count` rows. */
  count: number;
  /** Pixels of each sample, row-major, `pixelsPerImage` bytes each (0-255). */
  pixels: Uint8Array;
  pixelsPerImage: number;
  /** Index of the sample in the test set. */
  index: Int32Array;
  label: Uint8Array;
  predicted: Uint8Array;
  /** The network's outputs per sample, `classes` each. */
  outputs: Float32Array;
}

export interface TestReport {
  classes: number;
  /** confusion[t·classes + p]: test examples of true class t predicted as p. */
  confusion: Int32Array;
  samples: DigitSamples;
}

export interface ReportOptions {
  /** The first test images shown whatever their outcome (default 16). */
  first?: number;
  /** Misclassified images after those (default 8). */
  misclassified?: number;
  /** Examples per forward pass (default 1,000). */
  chunk?: number;
}

function argmax(values: Float32Array, offset: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) {
    if ((values[offset + i] as number) > (values[offset + best] as number)) best = i;
  }
  return best;
}

/** Runs the network (documented parameter layout) over labelled examples and reports. */
export function testReport(
  spec: MlpSpec,
  params: Float32Array,
  examples: Examples,
  options: ReportOptions = {},
): TestReport {
  const { inputs, targets } = examples;
  if (targets.kind !== "labels") throw new EngineError("a test report needs class labels as targets");
  const classes = targets.classes;
  const outputsWidth = spec.layers[spec.layers.length - 1] as number;
  if (outputsWidth !== classes) {
    throw new EngineError(`the network has ${outputsWidth} outputs but the labels have ${classes} classes`);
  }
  const first = Math.min(options.first ?? 16, inputs.rows);
  const wrongWanted = options.misclassified ?? 8;
  const chunk = Math.max(1, Math.min(options.chunk ?? 1000, inputs.rows || 1));
  const ws = createWorkspace(spec, chunk, Float32Array);
  const out = ws.activations[ws.activations.length - 1] as Float32Array;
  const confusion = new Int32Array(classes * classes);
  const chosen: { index: number; predicted: number; outputs: Float32Array }[] = [];
  let wrong = 0;
  for (let start = 0; start < inputs.rows; start += chunk) {
    const count = Math.min(chunk, inputs.rows - start);
    const view = { ...inputs, rowStart: inputs.rowStart.subarray(start) };
    forwardBatch(ws, params, view, ws.identity, 0, count);
    for (let s = 0; s < count; s++) {
      const index = start + s;
      const label = targets.labels[index] as number;
      const predicted = argmax(out, s * classes, classes);
      (confusion[label * classes + predicted] as number)++;
      const keep = index < first || (predicted !== label && wrong < wrongWanted);
      if (index >= first && predicted !== label && wrong < wrongWanted) wrong++;
      if (keep) {
        chosen.push({ index, predicted, outputs: out.slice(s * classes, (s + 1) * classes) });
      }
    }
  }
  const pixelsPerImage = inputs.columns;
  const samples: DigitSamples = {
    count: chosen.length,
    pixels: new Uint8Array(chosen.length * pixelsPerImage),
    pixelsPerImage,
    index: new Int32Array(chosen.length),
    label: new Uint8Array(chosen.length),
    predicted: new Uint8Array(chosen.length),
    outputs: new Float32Array(chosen.length * classes),
  };
  chosen.forEach((c, k) => {
    samples.index[k] = c.index;
    samples.label[k] = targets.labels[c.index] as number;
    samples.predicted[k] = c.predicted;
    samples.outputs.set(c.outputs, k * classes);
    const from = inputs.rowStart[c.index] as number;
    const to = inputs.rowStart[c.index + 1] as number;
    for (let e = from; e < to; e++) {
      // Stored values are bytes for MNIST (scale 1/255); other data is shown scaled back to 0-255.
      const value = (inputs.value[e] as number) * inputs.scale * 255;
      samples.pixels[k * pixelsPerImage + (inputs.index[e] as number)] = Math.round(
        Math.max(0, Math.min(255, value)),
      );
    }
  });
  return { classes, confusion, samples };
}

/** The buffers of a report, to transfer with postMessage. */
export function reportBuffers(report: TestReport): ArrayBuffer[] {
  const s = report.samples;
  return [report.confusion, s.pixels, s.index, s.label, s.predicted, s.outputs].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
