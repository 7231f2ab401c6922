/**
 * The fast path of every formula evaluation: a program's kernel plan for the way its names are bound, built
 * once and cached with its buffers, then run over the data by the typed-array sweeps. Values and first
 * derivatives equal the autograd tape's (kernel-sweeps.ts says why); second derivatives stay on the tape.
 */
import { EngineError } from "../errors";
import type { ResolvedValues } from "./bindings";
import { KernelPlan, NameKind, NameKindCode, Op, planKernel } from "./kernel-plan";
import { Workspace, bindInputs, createWorkspace, forward, reverse } from "./kernel-sweeps";
import { LruCache } from "./lru";
import type { Program } from "./program";

interface Compiled {
  readonly plan: KernelPlan;
  workspace: Workspace | null;
}

/** Binding signatures per program: a sheet binds one formula one way, or a few (LOSS and GRAD of it). */
const SIGNATURES_PER_PROGRAM = 8;
const kernels = new WeakMap<Program, LruCache<string, Compiled>>();

/** A kernel bound to values, ready to run. */
export interface BoundKernel {
  readonly plan: KernelPlan;
  readonly workspace: Workspace;
}

function kindsOf(program: Program, resolved: ResolvedValues): NameKindCode[] {
  return program.names.map((use) => {
    if (resolved.wrt.includes(use.name)) return NameKind.Wrt;
    return typeof resolved.values.get(use.name) === "number" ? NameKind.Scalar : NameKind.Column;
  });
}

function rowsOf(program: Program, resolved: ResolvedValues): number {
  for (const use of program.names) {
    const value = resolved.values.get(use.name);
    if (value !== undefined && typeof value !== "number") return value.length;
  }
  return 1;
}

/** The cached plan and buffers for `program` bound as `resolved`, with the values loaded. */
export function bindKernel(program: Program, resolved: ResolvedValues): BoundKernel {
  let cache = kernels.get(program);
  if (cache === undefined) {
    cache = new LruCache(SIGNATURES_PER_PROGRAM);
    kernels.set(program, cache);
  }
  const kinds = kindsOf(program, resolved);
  const signature = kinds.join("");
  let compiled = cache.get(signature);
  if (compiled === undefined) {
    compiled = { plan: planKernel(program, kinds), workspace: null };
    cache.set(signature, compiled);
  }
  const n = rowsOf(program, resolved);
  if (compiled.workspace === null || compiled.workspace.n !== n) {
    compiled.workspace = createWorkspace(compiled.plan, n);
  }
  bindInputs(compiled.plan, compiled.workspace, resolved.values);
  return { plan: compiled.plan, workspace: compiled.workspace };
}

/** The output: a number, or one number per row when the formula reads columns without reducing them. */
export function kernelValue(kernel: BoundKernel): number | number[] {
  const out = forward(kernel.plan, kernel.workspace);
  return kernel.plan.vector[kernel.plan.output] ? Array.from(out) : (out[0] as number);
}

function requireOneValue(kernel: BoundKernel, label: string): void {
  if (kernel.plan.vector[kernel.plan.output]) {
    throw new EngineError(
      `${label} gives ${kernel.workspace.n} values; wrap it in SUM or AVERAGE to get one loss`,
    );
  }
}

/** Value and d(value)/d(name) for each of `wrt` (lower-cased); the value must be one number. */
export function kernelGradient(
  kernel: BoundKernel,
  wrt: readonly string[],
  label = "formula",
): { value: number; gradient: number[] } {
  const out = forward(kernel.plan, kernel.workspace);
  requireOneValue(kernel, label);
  reverse(kernel.plan, kernel.workspace);
  const { names } = kernel.plan;
  const { nameGradient, touched } = kernel.workspace;
  const gradient = wrt.map((name) => {
    const i = names.indexOf(name);
    return i >= 0 && touched[i] ? (nameGradient[i] as number) : 0;
  });
  return { value: out[0] as number, gradient };
}

/**
 * True when the last forward sweep stayed inside every operation's domain: every node finite, no 0^0 and
 * no LOG base <= 0 (whose values are finite). One pass over the buffers; on false the caller replays the
 * formula on the tape, which names the failing operation (domain.ts).
 */
export function kernelInDomain(kernel: BoundKernel): boolean {
  const { plan, workspace: ws } = kernel;
  const n = ws.n;
  for (let k = 0; k < plan.size; k++) {
    const values = ws.values[k] as Float64Array;
    const len = plan.vector[k] ? n : 1;
    for (let i = 0; i < len; i++) if (!Number.isFinite(values[i] as number)) return false;
    const code = plan.op[k];
    if (code !== Op.POW && code !== Op.LOG_BASE) continue;
    const A = ws.values[plan.a[k] as number] as Float64Array;
    const B = ws.values[plan.b[k] as number] as Float64Array;
    const sa = plan.vector[plan.a[k] as number] ? 1 : 0;
    const sb = plan.vector[plan.b[k] as number] ? 1 : 0;
    for (let i = 0; i < len; i++) {
      const base = B[i * sb] as number;
      if (code === Op.LOG_BASE ? !(base > 0) : base === 0 && A[i * sa] === 0) return false;
    }
  }
  return true;
}
