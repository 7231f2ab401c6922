/**
 * The Excel edge: without the CustomFunctions global (Node, HyperFormula) errors are CellValueError with
 * code #VALUE!; with it (a mocked Office runtime) they are CustomFunctions.Error(invalidValue, message).
 * The GD functions touch no Excel object model, so this global is the only Office API they use.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import { EngineError } from "../../src/engine/errors";
import { atExcelEdge, CellValueError, valueError } from "../../src/functions/excel-errors";
import { GD_STEP, LR_DECAY } from "../../src/functions/functions";

/** A stand-in for the runtime's CustomFunctions namespace, shaped as @types/custom-functions-runtime declares. */
class MockCustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const mockGlobal = {
  Error: MockCustomFunctionsError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
};

const holder = globalThis as { CustomFunctions?: unknown };

afterEach(() => {
  delete holder.CustomFunctions;
});

function thrown(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("without Office (Node)", () => {
  test("the functions import and run, and bad input throws CellValueError #VALUE! with the engine's message", () => {
    expect(holder.CustomFunctions).toBeUndefined();
    const error = thrown(() => GD_STEP([[1, 2]], [[0.5, -1, 3]]));
    expect(error).toBeInstanceOf(CellValueError);
    expect((error as CellValueError).code).toBe("#VALUE!");
    expect((error as CellValueError).message).toBe("grads has 3 values but params has 2");
    expect((thrown(() => GD_STEP([[1, 2]], [[0.5, -1]], null as never, -1)) as Error).message).toBe(
      "lr must be > 0, got -1",
    );
  });

  test("atExcelEdge passes results through and wraps any failure, keeping its message", () => {
    expect(atExcelEdge(() => 7)).toBe(7);
    const engine = thrown(() =>
      atExcelEdge(() => {
        throw new EngineError("beta1 must be in [0, 1), got 1");
      }),
    );
    expect(engine).toBeInstanceOf(CellValueError);
    expect((engine as Error).message).toBe("beta1 must be in [0, 1), got 1");
    const other = thrown(() =>
      atExcelEdge(() => {
        throw new TypeError("boom");
      }),
    );
    expect((other as Error).message).toBe("boom");
  });
});

describe("inside Office (mocked CustomFunctions global)", () => {
  test("valueError builds CustomFunctions.Error(invalidValue, message)", () => {
    holder.CustomFunctions = mockGlobal;
    const error = valueError("lr must be > 0, got -1");
    expect(error).toBeInstanceOf(MockCustomFunctionsError);
    expect((error as MockCustomFunctionsError).code).toBe("#VALUE!");
    expect(error.message).toBe("lr must be > 0, got -1");
  });

  test("a function's bad input surfaces as CustomFunctions.Error #VALUE! with the exact message", () => {
    holder.CustomFunctions = mockGlobal;
    const error = thrown(() => LR_DECAY(-1, 0, "constant"));
    expect(error).toBeInstanceOf(MockCustomFunctionsError);
    expect((error as MockCustomFunctionsError).code).toBe("#VALUE!");
    expect((error as Error).message).toBe("lr0 must be > 0, got -1");
  });

  test("an error already shaped for the cell is rethrown unchanged", () => {
    holder.CustomFunctions = mockGlobal;
    const original = new MockCustomFunctionsError("#N/A", "no data");
    expect(
      thrown(() =>
        atExcelEdge(() => {
          throw original;
        }),
      ),
    ).toBe(original);
  });
});
