/**
 * The parameters as a sheet shows them best: one row per unit, layer after layer — the unit's weights (one per
 * input of its layer) then its bias, blank cells after it up to the widest layer. A 784-30-10 network is a
 * 40 × 785 block (Excel has 16,384 columns; one column of 23,860 values would be unreadable). Converts to and from
 * the documented layout (per layer W row-major, outputs × inputs, then b).
 */
import { EngineError } from "../errors";
import { parameterLayout } from "./spec";

/** Rows and columns of the block for these layers. */
export function unitRowsShape(layers: readonly number[]): { rows: number; columns: number } {
  const layout = parameterLayout(layers);
  return {
    rows: layout.layers.reduce((n, l) => n + l.outputs, 0),
    columns: Math.max(...layout.layers.map((l) => l.inputs + 1)),
  };
}

/** The block, rows padded with "" (blank cells) to the widest layer. */
export function unitRows(layers: readonly number[], params: ArrayLike<number>): (number | "")[][] {
  const layout = parameterLayout(layers);
  const { columns } = unitRowsShape(layers);
  const rows: (number | "")[][] = [];
  for (const layer of layout.layers) {
    for (let j = 0; j < layer.outputs; j++) {
      const row: (number | "")[] = new Array<number | "">(columns).fill("");
      for (let k = 0; k < layer.inputs; k++)
        row[k] = params[layer.weightOffset + j * layer.inputs + k] as number;
      row[layer.inputs] = params[layer.biasOffset + j] as number;
      rows.push(row);
    }
  }
  return rows;
}

/** The documented layout from a block of unit rows (`cell(r, c)` reads the block; blanks after each row are ignored). */
export function paramsFromUnitRows(
  layers: readonly number[],
  rowCount: number,
  columnCount: number,
  cell: (row: number, column: number) => number,
): Float64Array {
  const layout = parameterLayout(layers);
  const shape = unitRowsShape(layers);
  if (rowCount !== shape.rows || columnCount < shape.columns) {
    throw new EngineError(
      `params as unit rows for layers ${layers.join(",")} needs ${shape.rows} rows of at least ${shape.columns} cells (weights then bias), got ${rowCount}×${columnCount}`,
    );
  }
  const params = new Float64Array(layout.size);
  let r = 0;
  for (const layer of layout.layers) {
    for (let j = 0; j < layer.outputs; j++, r++) {
      for (let k = 0; k < layer.inputs; k++) params[layer.weightOffset + j * layer.inputs + k] = cell(r, k);
      params[layer.biasOffset + j] = cell(r, layer.inputs);
    }
  }
  return params;
}
