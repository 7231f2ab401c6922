export * from "./spec";
export * from "./init";
export * from "./examples";
export * from "./kernels";
export * from "./cells";
export { createWasmArena, sparseBytes, type WasmArena, type SparseLayerKernel } from "./wasm/arena";
export * from "./unit-rows";
