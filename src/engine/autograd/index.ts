// Reverse-mode autograd on float64 tensors: ops with their local derivatives, backward, Jacobian, Hessian.
export * from "./shape";
export * from "./tensor";
export * from "./elementwise";
export * from "./reduce";
export * from "./linalg";
export * from "./backward";
export * from "./derivatives";
