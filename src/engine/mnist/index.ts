export * from "./idx";
export * from "./dataset";
