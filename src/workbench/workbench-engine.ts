import type { HyperFormula } from "hyperformula";
import { buildEngine } from "./hyperformula-plugin";

/**
 * The sheet the workbench opens with: y = ax + b stepped by plain gradient descent, one row per iteration.
 * Row 2 holds a = b = 1 and their hand-derived gradients for the data point (x, y) = (1, 32):
 *   loss = (a·x + b − y)², ∂/∂a = 2(a·x + b − y)·x, ∂/∂b = 2(a·x + b − y).
 * G2 steps with GD.GD_STEP (lr 0.1) and spills a', b', t into G2:I2; row 3 starts from that spill and
 * passes t on as the state, exactly the row contract of the examples/ workbooks.
 */
const WELCOME_SHEET: (string | number | null)[][] = [
  ["a", "b", "x", "y", "dL/da", "dL/db", "a'", "b'", "t"],
  [1, 1, 1, 32, "=2*(A2*C2+B2-D2)*C2", "=2*(A2*C2+B2-D2)", "=GD.GD_STEP(A2:B2, E2:F2, , 0.1)"],
  ["=G2", "=H2", 1, 32, "=2*(A3*C3+B3-D3)*C3", "=2*(A3*C3+B3-D3)", "=GD.GD_STEP(A3:B3, E3:F3, I2, 0.1)"],
];

/**
 * A HyperFormula instance configured like Excel, with our GD.* functions registered by hyperformula-plugin.ts
 * (HyperFormula is GPL-3.0, a devDependency used only by this local page and the tests: licenseKey "gpl-v3").
 */
export function createWorkbenchEngine(): HyperFormula {
  return buildEngine({ Sheet1: WELCOME_SHEET });
}
