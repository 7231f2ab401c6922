export * from "./protocol";
export * from "./config";
export * from "./loop";
export * from "./session";
export { checkOptimizerAndSchedule } from "./update";
export * from "./test-report";
