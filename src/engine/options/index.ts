// The grammar of what users type, shared by the cells, the task pane and the command line.
export * from "./choices";
export * from "./values";
export * from "./options-text";
export * from "./layers";
