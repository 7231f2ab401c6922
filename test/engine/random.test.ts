import { describe, expect, it } from "@jest/globals";
import { createRng } from "../../src/engine/random";
import { EngineError } from "../../src/engine/errors";

describe("createRng", () => {
  it("matches an independent Python implementation of splitmix32-seeded xoshiro128**", () => {
    // Reference: a separate Python transcription of splitmix32 (state += 0x9e3779b9; two xor-shift-multiply
    // rounds) filling s0..s3, then xoshiro128** (result = rotl(s1*5, 7)*9), as published by Blackman & Vigna.
    const expected: Record<number, number[]> = {
      1: [2442144158, 3238099751, 3819917871, 2104621829],
      42: [2837322924, 544945897, 479756282, 3500138142],
    };
    for (const [seed, words] of Object.entries(expected)) {
      const rng = createRng(Number(seed));
      expect(words.map(() => rng.next() * 2 ** 32)).toEqual(words);
    }
  });

  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = Array.from({ length: 20 }, () => a.normal());
    expect(Array.from({ length: 20 }, () => b.normal())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.normal())).not.toEqual(seqA);
  });

  it("draws uniforms in [0, 1) and standard normals with the right moments", () => {
    const rng = createRng(3);
    const n = 200000;
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Mean of n N(0,1) draws has standard error 1/sqrt(n) ≈ 0.0022: 5 standard errors is 0.011.
    expect(Math.abs(sum / n)).toBeLessThan(0.011);
    // Variance estimate has standard error sqrt(2/n) ≈ 0.0032: 5 standard errors is 0.016.
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.016);
  });

  it("draws integers in [0, n) covering every value, and rejects a bad n", () => {
    const rng = createRng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => rng.int(0)).toThrow(new EngineError("n must be an integer >= 1, got 0"));
    expect(() => rng.int(2.5)).toThrow(new EngineError("n must be an integer >= 1, got 2.5"));
  });

  it("shuffles in place to a permutation, reproducibly", () => {
    const values = Int32Array.from({ length: 100 }, (_, i) => i);
    const shuffled = createRng(9).shuffle(values);
    expect(shuffled).toBe(values);
    expect(Array.from(values).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(values)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    const again = createRng(9).shuffle(Uint32Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(again)).toEqual(Array.from(values));
  });

  it("rejects a non-finite seed", () => {
    expect(() => createRng(Number.NaN)).toThrow(new EngineError("seed must be a finite number, got NaN"));
  });
});
