/** The two storage types the engine computes in: float64 for cells, float32 for training. */
export type FloatArray = Float32Array | Float64Array;
export type FloatArrayConstructor = Float32ArrayConstructor | Float64ArrayConstructor;
