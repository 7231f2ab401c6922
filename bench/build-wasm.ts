/** `npx tsx bench/build-wasm.ts`: regenerates src/engine/mlp/wasm/sparse-wasm.ts from sparse.wat. */
import { writeFileSync } from "node:fs";
import process from "node:process";
import { compileSparseWat, sparseWasmSource, SPARSE_WASM_TS } from "./wat";

void compileSparseWat().then((binary) => {
  writeFileSync(SPARSE_WASM_TS, sparseWasmSource(binary));
  process.stdout.write(`${SPARSE_WASM_TS}: ${binary.length} bytes of WebAssembly\n`);
});
