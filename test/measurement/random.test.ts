import { describe, expect, it } from 'vitest';
import { createRandom, randomFromState } from '../../src/internal/random.js';

describe('xoshiro128** (src/internal/random.ts)', () => {
  it('matches the reference algorithm from state [1, 2, 3, 4]', () => {
    // Worked by hand from Blackman & Vigna's xoshiro128starstar.c:
    //   output = rotl(s1 * 5, 7) * 9.
    //   1st: s1 = 2 -> rotl(10, 7) = 1280 -> 11520; state becomes
    //        t = 2 << 9 = 1024, s2 = 3^1 = 2, s3 = 4^2 = 6, s1 = 2^2 = 0, s0 = 1^6 = 7,
    //        s2 = 2^1024 = 1026, s3 = rotl(6, 11) = 12288.
    //   2nd: s1 = 0 -> 0; state s2 = 1026^7 = 1029, s3 = 12288^0, s1 = 0^1029 = 1029,
    //        s0 = 7^12288 = 12295, s2 = 1029^0, s3 = rotl(12288, 11) = 25165824.
    //   3rd: s1 = 1029 -> rotl(5145, 7) = 658560 -> x 9 = 5927040.
    const r = randomFromState([1, 2, 3, 4]);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('reproduces a stream from the same seed and differs across seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    const xb = Array.from({ length: 5 }, () => b.uniform());
    const xc = Array.from({ length: 5 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('uniform() lies in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = createRandom(7);
    const n = 200000;
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
    }
    expect(outside).toBe(0);
    const m = s / n;
    // SE of the mean = sqrt(1/12 / n) = 6.5e-4; allow 5 SE.
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - m * m - 1 / 12)).toBeLessThan(2e-3);
  });

  it('integer(n) is unbiased over [0, n): chi-square on 7 cells', () => {
    const r = createRandom(3);
    const counts = new Array<number>(7).fill(0);
    const n = 70000;
    for (let i = 0; i < n; i++) counts[r.integer(7)]!++;
    const chi = counts.reduce((acc, c) => acc + (c - n / 7) ** 2 / (n / 7), 0);
    // 6 df: P(chi2 > 22.46) = 0.001.
    expect(chi).toBeLessThan(22.46);
    expect(() => r.integer(0)).toThrow(RangeError);
    expect(() => r.integer(1.5)).toThrow(RangeError);
    expect(r.integer(1)).toBe(0);
  });

  it('normal() has mean 0 and variance 1', () => {
    const r = createRandom(11);
    const n = 100000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});
