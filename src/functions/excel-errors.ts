/**
 * Errors at the Excel edge. Excel shows a custom message only on #VALUE! and #N/A, so every bad input
 * becomes `CustomFunctions.Error(invalidValue, message)` with the engine's exact message. The functions must
 * also load in Node (tests, the HyperFormula workbench) where the CustomFunctions global is absent: there an
 * equivalent `CellValueError` carries the same code and message.
 */
/* global CustomFunctions */
import { DomainError, EngineError, formatValue, type DomainErrorCode } from "../engine/errors";

/** The error codes a cell function answers with: #VALUE! for bad input, #NUM! / #DIV/0! out of domain. */
export type CellErrorCode = "#VALUE!" | DomainErrorCode;

/** A cell error outside Office (#VALUE! unless out of domain): same `code` and `message` fields as CustomFunctions.Error. */
export class CellValueError extends Error {
  override readonly name = "CellValueError";
  readonly code: CellErrorCode;
  constructor(message: string, code: CellErrorCode = "#VALUE!") {
    super(message);
    this.code = code;
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

/**
 * A #NUM! or #DIV/0! error with `message` (Excel shows no custom message on these codes; the workbench and
 * the error's tooltip in Excel on the web do).
 */
export function domainError(message: string, code: DomainErrorCode): ExcelValueError {
  const office = customFunctionsGlobal();
  if (office) {
    const excelCode = code === "#DIV/0!" ? office.ErrorCode.divisionByZero : office.ErrorCode.invalidNumber;
    return new office.Error(excelCode, message);
  }
  return new CellValueError(message, code);
}

/** The message a thrown value carries to the cell (EngineError, CustomFunctions.Error, or anything else). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === "string") return message;
  }
  return typeof error === "string" ? error : formatValue(error);
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
  if (error instanceof DomainError) return domainError(error.message, error.code);
  if (error instanceof EngineError) return valueError(error.message);
  // V8's resource limits (Invalid array length, Maximum call stack size exceeded, Set maximum size exceeded,
  // Array buffer allocation failed) are RangeErrors: say what they mean for the cell, not V8's words.
  if (error instanceof RangeError) return valueError(RESOURCE_MESSAGE);
  return valueError(messageOf(error));
}

/** What a cell shows when a computation ran out of memory or stack. */
export const RESOURCE_MESSAGE =
  "the arguments need more memory than a cell function may use: use smaller ranges, fewer names or smaller sizes";

/** Runs a custom function's body and turns every failure into a #VALUE! error (see toCellError). */
export function atExcelEdge<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toCellError(error);
  }
}
