/**
 * Errors at the Excel edge. Excel shows a custom message only on #VALUE! and #N/A, so every bad input
 * becomes `CustomFunctions.Error(invalidValue, message)` with the engine's exact message. The functions must
 * also load in Node (tests, the HyperFormula workbench) where the CustomFunctions global is absent: there an
 * equivalent `CellValueError` carries the same code and message.
 */
/* global CustomFunctions */
import { EngineError } from "../engine/errors";

/** The #VALUE! error outside Office: same `code` and `message` fields as CustomFunctions.Error. */
export class CellValueError extends Error {
  override readonly name = "CellValueError";
  readonly code = "#VALUE!";
  constructor(message: string) {
    super(message);
  }
}

/** What a custom function throws: CustomFunctions.Error inside Office, CellValueError elsewhere. */
export type ExcelValueError = CustomFunctions.Error | CellValueError;

interface CustomFunctionsGlobal {
  Error: typeof CustomFunctions.Error;
  ErrorCode: typeof CustomFunctions.ErrorCode;
}

function customFunctionsGlobal(): CustomFunctionsGlobal | undefined {
  const candidate = (globalThis as { CustomFunctions?: Partial<CustomFunctionsGlobal> }).CustomFunctions;
  if (candidate && typeof candidate.Error === "function" && candidate.ErrorCode) {
    return candidate as CustomFunctionsGlobal;
  }
  return undefined;
}

/** A #VALUE! error with `message`, in the form the current host understands. */
export function valueError(message: string): ExcelValueError {
  const office = customFunctionsGlobal();
  if (office) return new office.Error(office.ErrorCode.invalidValue, message);
  return new CellValueError(message);
}

/** The message a thrown value carries to the cell (EngineError, CustomFunctions.Error, or anything else). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === "string") return message;
  }
  return String(error);
}

/** True for errors already shaped for a cell (so they are rethrown unchanged). */
function isCellError(error: unknown): error is ExcelValueError {
  if (error instanceof CellValueError) return true;
  const office = customFunctionsGlobal();
  return office !== undefined && error instanceof office.Error;
}

/**
 * Any failure as a #VALUE! error with a readable message: errors already shaped for a cell unchanged,
 * EngineError messages as they are, unexpected failures with their message too (a cell that says why is
 * better than a bare #VALUE!).
 */
export function toCellError(error: unknown): ExcelValueError {
  if (isCellError(error)) return error;
  if (error instanceof EngineError) return valueError(error.message);
  return valueError(messageOf(error));
}

/** Runs a custom function's body and turns every failure into a #VALUE! error (see toCellError). */
export function atExcelEdge<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toCellError(error);
  }
}
