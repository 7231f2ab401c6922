/** Writes src/functions/functions.ts from the cell function descriptors (npm run functions:shells). */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { CELL_FUNCTIONS } from "../src/functions/cell-functions";
import { SHELLS_FILE, functionShellsSource } from "./function-shells";

const file = resolve(__dirname, "..", SHELLS_FILE);
writeFileSync(file, functionShellsSource(CELL_FUNCTIONS, file));
