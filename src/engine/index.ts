// The engine's public surface: pure TypeScript, no DOM, no Office globals.
export * from "./errors";
