import { HyperFormula } from "hyperformula";

/** Cell values that show the workbench at work when it opens (the examples/ workbooks go much further). */
const WELCOME_SHEET: (string | number | null)[][] = [
  [
    "Gradient Steps workbench: type formulas here (e.g. =GD.GD_STEP(...)); the pane on the right trains MNIST.",
  ],
];

/**
 * A HyperFormula instance configured like Excel (GPL-3.0 licence key: HyperFormula is a devDependency used
 * only by this local page and the tests), with our GD.* functions registered by hyperformula-plugin.ts.
 */
export function createWorkbenchEngine(): HyperFormula {
  return HyperFormula.buildFromSheets({ Sheet1: WELCOME_SHEET }, { licenseKey: "gpl-v3" });
}
