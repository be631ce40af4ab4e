// Test data for the SQL engines, and an exact reference for its moments.
//
// Every value is a dyadic rational on a fixed grid (the 1e8 column on 2^-20, which doubles near
// 1e8 hold exactly since their spacing there is 2^-26; the others on 2^-10), so sums of powers
// are exact in BigInt and the exact means and centred co-moments are rationals, rounded once to
// double: an independent reference for both the JS and the SQL paths.
import type { Row } from '../../src/types.js';

/** A small seeded generator (mulberry32) and standard normals by Box-Muller. */
function generator(seed: number): { uniform: () => number; normal: () => number } {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

const grid = (x: number, bits: number): number => Math.round(x * 2 ** bits) / 2 ** bits;

/**
 * `n` rows: `big` (mean 1e8, SD 1), `y` and `z` correlated with it, `item1..3` (1-7, some
 * missing, -99 a missing code), `w` (weights, some 0), `g` (a, b, c, or null).
 */
export function surveyRows(n: number, seed = 7): Row[] {
  const r = generator(seed);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const e = r.normal();
    const big = 1e8 + grid(e, 20);
    const y = grid(5 + 0.5 * e + r.normal(), 10);
    const z = grid(-2 + 0.3 * y + 0.8 * r.normal(), 10);
    const item = (): number | null => {
      const u = r.uniform();
      if (u < 0.03) return null;
      if (u < 0.05) return -99;
      return Math.min(7, Math.max(1, Math.round(4 + 0.6 * (y - 5) + 1.2 * r.normal())));
    };
    const u = r.uniform();
    const w = u < 0.02 ? 0 : grid(0.25 + 1.5 * r.uniform(), 10);
    const gu = r.uniform();
    const g = gu < 0.05 ? null : gu < 0.4 ? 'a' : gu < 0.75 ? 'b' : 'c';
    rows.push({ big, y, z: r.uniform() < 0.04 ? null : z, item1: item(), item2: item(), item3: item(), w, g });
  }
  return rows;
}

/** `num / den` rounded to double (num, den BigInt, den > 0). */
function ratio(num: bigint, den: bigint): number {
  const neg = num < 0n;
  const q = ((neg ? -num : num) << 96n) / den;
  const x = Number(q) / 2 ** 96;
  return neg ? -x : x;
}

/**
 * Exact (weighted) means and centred co-moments of `columns` over the rows where all are
 * present, each column scaled to integers by 2^bits[j], weights by 2^10.
 */
export function exactMoments(
  rows: readonly Row[],
  columns: readonly string[],
  bits: readonly number[],
  weights?: string,
): { means: number[]; sscp: number[][]; weightSum: number } {
  const k = columns.length;
  let W = 0n;
  const S1 = new Array<bigint>(k).fill(0n);
  const S2 = columns.map(() => new Array<bigint>(k).fill(0n));
  for (const row of rows) {
    const xs = columns.map((c) => row[c]);
    if (xs.some((x) => x === null || x === undefined)) continue;
    const wv = weights === undefined ? 1 : (row[weights] as number);
    const w = BigInt(Math.round(wv * 1024));
    const X = xs.map((x, j) => BigInt(Math.round((x as number) * 2 ** bits[j]!)));
    W += w;
    for (let j = 0; j < k; j++) {
      S1[j]! += w * X[j]!;
      for (let l = 0; l < k; l++) S2[j]![l]! += w * X[j]! * X[l]!;
    }
  }
  // With w scaled by 2^10: mean_j = S1_j / (W 2^b_j); S_jl = (W S2_jl - S1_j S1_l) / (W 2^10 2^b_j 2^b_l).
  const means = S1.map((s, j) => ratio(s, W << BigInt(bits[j]!)));
  const sscp = S2.map((row, j) => row.map((s, l) => ratio(W * s - S1[j]! * S1[l]!, (W << 10n) << BigInt(bits[j]! + bits[l]!))));
  return { means, sscp, weightSum: ratio(W, 1024n) };
}
