/** Layer sizes as typed: "2,4,1" (units per layer, input first). */
import { EngineError, formatValue } from "../errors";
import { isDecimal } from "./values";

/**
 * "2, 4, 1" → [2, 4, 1]. Each size is a decimal number ("1e3" is 1000; "0x2", "" and "Infinity" are refused
 * here); whether the sizes make a network (at least two, whole, ≥ 1, within the parameter limit) is
 * validateMlpSpec's check.
 */
export function parseLayers(field: string, text: string): number[] {
  const parts = text.split(",");
  if (!parts.every(isDecimal)) {
    throw new EngineError(
      `${field} must be sizes separated by commas, such as "2,4,1", got ${formatValue(text)}`,
      field,
    );
  }
  return parts.map(Number);
}
