/**
 * NEWTON_STEP: (H + λI)·d = g by Cholesky, p − d. Checked against a 2×2 system solved by hand, against the
 * least-squares line reached in one step (the normal equations' closed form), in HyperFormula from GRAD and
 * HESSIAN spills, and for the messages of an indefinite, a singular and a malformed Hessian.
 */
import { describe, expect, it } from "@jest/globals";
import { newtonStep } from "../../../src/engine/newton";
import { runCell } from "../../../src/functions/cell-functions";
import { buildEngine } from "../../../src/workbench/hyperformula-plugin";
import { expectCloseArray } from "../optim/closeTo";

describe("Newton's step", () => {
  it("2×2 by hand: H = [[2,1],[1,3]], g = (1, 2): H⁻¹ = [[3,−1],[−1,2]]/5, d = (0.2, 0.6)", () => {
    const { params, step } = newtonStep(
      [1, 1],
      [1, 2],
      [
        [2, 1],
        [1, 3],
      ],
    );
    expectCloseArray(step, [0.2, 0.6], 1e-15);
    expectCloseArray(params, [0.8, 0.4], 1e-15);
  });

  it("damping λ: (H + λI)·d = g, with λ = 1: [[3,1],[1,4]]⁻¹·(1, 2) = (2, 5)/11", () => {
    const { step } = newtonStep(
      [0, 0],
      [1, 2],
      [
        [2, 1],
        [1, 3],
      ],
      1,
    );
    expectCloseArray(step, [2 / 11, 5 / 11], 1e-15);
  });

  it("least squares of y = ax + b is solved in one step from any start (a quadratic)", () => {
    const x = [1, 2, 3, 4, 5];
    const y = [2.9, 5.2, 6.8, 9.1, 11.2];
    // Normal equations: a = (nΣxy − ΣxΣy)/(nΣx² − (Σx)²), b = (Σy − aΣx)/n.
    const n = x.length;
    const sx = 15;
    const sy = 35.2;
    const sxy = 2.9 + 10.4 + 20.4 + 36.4 + 56;
    const sxx = 55;
    const a = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const b = (sy - a * sx) / n;
    const args = { formula: "AVERAGE((a*x+b-y)^2)", names: "a,b", values: [[0.5, -3]], data_names: "x,y" };
    const data = [x.map((v) => [v]), y.map((v) => [v])];
    const grads = runCell("GRAD", { ...args, data }) as number[][];
    const hessian = runCell("HESSIAN", { ...args, data }) as number[][];
    const next = runCell("NEWTON_STEP", { params: [[0.5, -3]], grads, hessian }) as number[][];
    expectCloseArray(next[0] as number[], [a, b], 1e-12);
  });

  it("in the workbench, from GRAD and HESSIAN spills", () => {
    const engine = buildEngine({
      S: [
        [1, 3, 0, 0],
        [2, 5],
        [3, 7],
        ['=GD.GRAD("AVERAGE((a*x+b-y)^2)", "a,b", C1:D1, "x,y", A1:A3, B1:B3)'],
        ['=GD.HESSIAN("AVERAGE((a*x+b-y)^2)", "a,b", C1:D1, "x,y", A1:A3, B1:B3)'],
        [],
        ["=GD.NEWTON_STEP(C1:D1, A4:B4, A5:B6)"],
      ],
    });
    const at = (col: number) => engine.getCellValue({ sheet: 0, row: 6, col }) as number;
    expectCloseArray([at(0), at(1)], [2, 1], 1e-12); // y = 2x + 1 exactly
    engine.destroy();
  });
});

describe("messages", () => {
  const message = (h: number[][], damping = 0): string => {
    try {
      newtonStep([0, 0], [1, 1], h, damping);
    } catch (error) {
      return (error as Error).message;
    }
    return "(no error)";
  };

  it("a saddle (indefinite): says so and gives the damping that fixes it", () => {
    // eigenvalues 1 and −1: λ must exceed 1; the smallest power of ten that does is 10.
    expect(
      message([
        [1, 0],
        [0, -1],
      ]),
    ).toBe(
      "hessian is not positive definite (a saddle or a maximum: the Newton step would not go downhill); damping 10 or more makes it positive definite (Levenberg–Marquardt)",
    );
    expect(
      newtonStep(
        [0, 0],
        [1, 1],
        [
          [1, 0],
          [0, -1],
        ],
        10,
      ).step,
    ).toEqual([1 / 11, 1 / 9]);
  });

  it("a singular Hessian", () => {
    expect(
      message([
        [1, 1],
        [1, 1],
      ]),
    ).toBe(
      "hessian is singular (a direction with zero curvature); damping 1e-8 or more makes it positive definite (Levenberg–Marquardt)",
    );
  });

  it("shape, symmetry and damping", () => {
    expect(message([[1, 0]])).toBe("hessian must be 2×2 (one row and column per param), got 1×2");
    expect(
      message([
        [1, 2],
        [0, 1],
      ]),
    ).toBe("hessian must be symmetric: entry (2,1) is 0 but (1,2) is 2");
    expect(
      message(
        [
          [1, 0],
          [0, 1],
        ],
        -1,
      ),
    ).toBe("damping must be >= 0, got -1");
  });
});
