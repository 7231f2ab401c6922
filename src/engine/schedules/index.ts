// Learning-rate schedules: pure functions of the step, exact to TensorFlow's / PyTorch's definitions.
export * from "./types";
export { getSchedule, learningRate, SCHEDULE_ALIASES, SCHEDULE_NAMES } from "./registry";
export { WARMUP_PARAMS } from "./define";
