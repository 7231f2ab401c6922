export * from "./idx";
export * from "./dataset";
export * from "./idx-stream";
