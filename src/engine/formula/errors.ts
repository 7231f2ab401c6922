import { EngineError } from "../errors";

/**
 * A formula the engine cannot read or evaluate. `position` is the 1-based character position in the string
 * as passed in (a leading "=" and spaces count), the way a user counts characters in a cell; the message then
 * ends with " at <position>", e.g. `Unexpected ")" at 12`. Whole-formula errors (empty, too long) have none.
 */
export class FormulaError extends EngineError {
  constructor(
    readonly detail: string,
    readonly position: number | null,
  ) {
    super(position === null ? detail : `${detail} at ${position}`);
  }
}
