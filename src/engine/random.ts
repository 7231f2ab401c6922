/**
 * Seeded pseudo-random numbers for reproducible training: xoshiro128** (32-bit state words, exact in JS
 * integer arithmetic) seeded through splitmix32, with Box–Muller normals. The same seed gives the same
 * sequence on every engine, so a training run is repeatable bit for bit.
 */
import { requireFinite, requireInteger } from "./errors";

export interface Rng {
  /** Uniform on [0, 1), 32 random bits. */
  next(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T extends Int32Array | Uint32Array>(values: T): T;
}

const TWO_POW_32 = 4294967296;

/** splitmix32: spreads a small seed (1, 2, 3, ...) over all four state words so nearby seeds differ. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  requireFinite("seed", seed);
  // Seeds beyond 32 bits fold their high part in, so 2**32 + 1 and 1 differ.
  const seeder = splitmix32((seed >>> 0) ^ Math.floor(seed / TWO_POW_32));
  let s0 = seeder();
  let s1 = seeder();
  let s2 = seeder();
  let s3 = seeder();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point of xoshiro

  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  }

  const next = (): number => nextUint32() / TWO_POW_32;

  // Box–Muller makes normals in pairs; the second is kept for the next call.
  let spare = 0;
  let hasSpare = false;
  function normal(): number {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = 1 - next(); // (0, 1]: log(u1) is finite
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  }

  function int(n: number): number {
    requireInteger("n", n, 1);
    return Math.floor(next() * n);
  }

  function shuffle<T extends Int32Array | Uint32Array>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const held = values[i] as number;
      values[i] = values[j] as number;
      values[j] = held;
    }
    return values;
  }

  return { next, normal, int, shuffle };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
