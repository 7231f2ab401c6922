/**
 * `npx tsx bench/work-budget.ts`: how long the formula tools take at the edge of the work budget
 * (src/engine/work-budget.ts), for README's Reliability section. For each family of inputs it finds the
 * largest one the budget accepts, times it (best of 2) and checks that the next size up is refused
 * before computing (timed too: a refusal must be immediate).
 */
import { performance } from "node:perf_hooks";
import { GRAD, GRADCHECK, HESSIAN, JACOBIAN } from "../src/functions/functions";
import { WORK_BUDGET } from "../src/engine/work-budget";

const NONE = undefined as unknown as number;
type Run = (k: number) => unknown;

function names(k: number): string[] {
  return Array.from({ length: k }, (_v, i) => `a${i + 1}`);
}
function sumOfSquares(k: number): string {
  return names(k)
    .map((n) => `${n}^2`)
    .join("+");
}
function point(k: number): number[] {
  return Array.from({ length: k }, (_v, i) => (i + 1) / k);
}

function time(run: () => unknown): { ms: number; refused: string | undefined } {
  let best = Infinity;
  let refused: string | undefined;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    try {
      run();
    } catch (error) {
      refused = (error as Error).message;
    }
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, refused };
}

/** The largest k in [1, max] that `run` accepts (refusals are immediate, so bisection is cheap). */
function largestAccepted(run: Run, max: number): number {
  const accepted = (k: number): boolean => {
    try {
      run(k);
      return true;
    } catch (error) {
      return !/budget|sheet holds|limit of/.test((error as Error).message);
    }
  };
  let [low, high] = [1, max];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (accepted(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

const families: { label: string; run: Run; max: number }[] = [
  {
    label: "GRADCHECK, a formula reading k names (a1^2+…+ak^2)",
    run: (k) => GRADCHECK(sumOfSquares(k), [names(k)], [point(k)], [point(k).map((v) => 2 * v)], NONE),
    max: 1300,
  },
  {
    label: "HESSIAN, a formula reading k names",
    run: (k) => HESSIAN(sumOfSquares(k), [names(k)], [point(k)]),
    max: 1300,
  },
  {
    label: "JACOBIAN, k copies of a formula reading 300 names",
    run: (k) =>
      JACOBIAN(
        Array.from({ length: k }, () => [sumOfSquares(300)]),
        [names(300)],
        [point(300)],
      ),
    max: 2000,
  },
  {
    label: "GRADCHECK of AVERAGE((a*x+b-y)^2) over k data rows",
    run: (k) => {
      const x = Array.from({ length: k }, (_v, i) => [i / k]);
      const y = x.map(([v]) => [2 * (v as number) + 1]);
      return GRADCHECK("AVERAGE((a*x+b-y)^2)", [["a", "b"]], [[1, 2]], [[0, 0]], NONE, [["x", "y"]], [x, y]);
    },
    max: 1_048_576,
  },
];

console.log(`Work budget ${WORK_BUDGET.units} units, at most ${WORK_BUDGET.resultCells} result cells.`);
for (const family of families) {
  const k = largestAccepted(family.run, family.max);
  const at = time(() => family.run(k));
  const above = time(() => family.run(k + 1));
  console.log(
    `${family.label}: largest accepted k = ${k}, ${at.ms.toFixed(0)} ms${at.refused ? ` (refused: ${at.refused})` : ""}; ` +
      `k = ${k + 1} ${above.refused ? `refused in ${above.ms.toFixed(1)} ms` : `accepted (${above.ms.toFixed(0)} ms)`}`,
  );
}
const wide = time(() => GRAD("a1", [names(20000)], [point(20000)]));
console.log(`GRAD with 20,000 names (cannot spill): refused in ${wide.ms.toFixed(1)} ms: ${wide.refused}`);
const big = time(() => HESSIAN("a1", [names(12000)], [point(12000)]));
console.log(`HESSIAN with 12,000 names: refused in ${big.ms.toFixed(1)} ms: ${big.refused}`);
