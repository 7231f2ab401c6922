// The engine's public surface: pure TypeScript, no DOM, no Office globals (Node, browser page, worker).
export * from "./errors";
// Tensor-level ops have short common names (add, sum, log): they stay under one namespace.
export * as autograd from "./autograd";
export * from "./formula";
export * from "./gradcheck";
export * from "./optim";
export * from "./schedules";
export * from "./random";
export * from "./mnist";
export * from "./mlp";
export * from "./train";
