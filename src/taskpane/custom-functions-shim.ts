/*
 * Pages without Office's custom-functions runtime (the workbench, or the pane opened outside Excel) still load
 * src/functions/functions.ts, to which the webpack metadata plugin appends `CustomFunctions.associate(...)`
 * calls. A no-op `associate` keeps those calls harmless. No `Error` member on purpose: the functions then use
 * their own CellValueError (src/functions/excel-errors.ts). Import this module before the functions.
 */
const host = globalThis as { CustomFunctions?: { associate?: unknown } };
if (host.CustomFunctions === undefined) {
  host.CustomFunctions = { associate: () => undefined };
}
export {};
