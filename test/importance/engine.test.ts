/**
 * The all-subsets engine and the Shapley axioms, as property tests on seeded random correlation
 * matrices. The comparisons are against fresh solves written here (Cholesky of each subset's
 * correlation block, then R2 = |L^-1 r|^2) and the Shapley formula over subsets, not against the
 * engine itself.
 */
import { describe, expect, it } from 'vitest';
import { dominanceAnalysis, relativeImportance } from '../../src/index.js';
import { createRandom, type Random } from '../../src/internal/random.js';
import { allSubsets } from '../../src/importance/allSubsets.js';
import { levelContributions } from '../../src/importance/levelContributions.js';

/** Correlation matrix of n seeded random cases of k variables with a few shared factors. */
function randomCorrelation(random: Random, k: number, n = 60): number[][] {
  const factors = 2;
  const loadings = Array.from({ length: k }, () => Array.from({ length: factors }, () => random.normal()));
  const data = Array.from({ length: n }, () => {
    const f = Array.from({ length: factors }, () => random.normal());
    return loadings.map((l) => l.reduce((a, v, i) => a + v * f[i]!, 0) + random.normal());
  });
  const means = Array.from({ length: k }, (_, j) => data.reduce((a, r) => a + r[j]!, 0) / n);
  const cov = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => data.reduce((a, r) => a + (r[i]! - means[i]!) * (r[j]! - means[j]!), 0)),
  );
  return cov.map((row, i) => row.map((v, j) => (i === j ? 1 : v / Math.sqrt(cov[i]![i]! * cov[j]![j]!))));
}

/** R2 of the subset by a fresh Cholesky solve (outcome is the last variable). */
function freshR2(c: number[][], subset: number[]): number {
  const y = c.length - 1;
  const m = subset.length;
  const L: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = c[subset[i]!]![subset[j]!]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = i === j ? Math.sqrt(s) : s / L[j]![j]!;
    }
  }
  let r2 = 0;
  const z: number[] = [];
  for (let i = 0; i < m; i++) {
    let s = c[subset[i]!]![y]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z.push(s / L[i]![i]!);
    r2 += z[i]! * z[i]!;
  }
  return r2;
}

const flat = (c: number[][]): Float64Array => Float64Array.from(c.flat());
const members = (mask: number, p: number): number[] => Array.from({ length: p }, (_, j) => j).filter((j) => mask & (1 << j));
const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Shapley value of R2 from fresh solves: sum over S without j of |S|! (p-|S|-1)! / p! * gain. */
function bruteShapley(c: number[][], p: number): number[] {
  const r2 = Array.from({ length: 2 ** p }, (_, mask) => freshR2(c, members(mask, p)));
  return Array.from({ length: p }, (_, j) => {
    let total = 0;
    for (let mask = 0; mask < 2 ** p; mask++) {
      if (mask & (1 << j)) continue;
      const s = members(mask, p).length;
      total += ((factorial(s) * factorial(p - s - 1)) / factorial(p)) * (r2[mask | (1 << j)]! - r2[mask]!);
    }
    return total;
  });
}

const asInput = (c: number[][]) => {
  const p = c.length - 1;
  const variables = [...Array.from({ length: p }, (_, j) => `x${j}`), 'y'];
  return { data: { correlation: c, variables, n: 1000 }, options: { outcome: 'y', predictors: variables.slice(0, p) } };
};

describe('all-subsets engine', () => {
  it('every subset R2 equals a fresh Cholesky solve (p = 10, 20 seeded matrices), to 1e-13 absolute', () => {
    const random = createRandom(11);
    for (let t = 0; t < 20; t++) {
      const p = 10;
      const c = randomCorrelation(random, p + 1);
      const sums = allSubsets(flat(c), p, true);
      let worst = 0;
      for (let mask = 1; mask < 2 ** p; mask++) {
        // the table's bit p-1-j belongs to predictor j
        const subset = members(mask, p).map((b) => p - 1 - b);
        worst = Math.max(worst, Math.abs(sums.table![mask]! - freshR2(c, subset)));
      }
      expect(worst).toBeLessThan(1e-13);
    }
  });

  it('lmg equals the Shapley formula over fresh solves (p = 2..9), to 1e-12 absolute', () => {
    const random = createRandom(12);
    for (let p = 2; p <= 9; p++) {
      const c = randomCorrelation(random, p + 1);
      const { lmg } = levelContributions(allSubsets(flat(c), p, false));
      const brute = bruteShapley(c, p);
      lmg.forEach((v, j) => expect(Math.abs(v - brute[j]!)).toBeLessThan(1e-12));
    }
  });

  it('rounding does not drift over the walk: 2,000 sampled subsets at p = 18 agree with fresh solves to 1e-12 relative', () => {
    const random = createRandom(13);
    const p = 18;
    const c = randomCorrelation(random, p + 1, 200);
    const sums = allSubsets(flat(c), p, true);
    let worst = 0;
    for (let t = 0; t < 2000; t++) {
      const mask = 1 + random.integer(2 ** p - 1);
      const subset = members(mask, p).map((b) => p - 1 - b);
      const fresh = freshR2(c, subset);
      worst = Math.max(worst, Math.abs(sums.table![mask]! - fresh) / fresh);
    }
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('Shapley axioms on seeded random correlation matrices', () => {
  it('efficiency: lmg sums to R2; and lmg equals general dominance', () => {
    const random = createRandom(21);
    for (let t = 0; t < 30; t++) {
      const p = 2 + (t % 9);
      const { data, options } = asInput(randomCorrelation(random, p + 1));
      const r = relativeImportance(data, { ...options, metrics: ['lmg'] });
      const d = dominanceAnalysis(data, options);
      const total = options.predictors.reduce((a, x) => a + r.importance.lmg![x]!, 0);
      expect(Math.abs(total - r.rSquared)).toBeLessThan(1e-13);
      for (const x of options.predictors) expect(Math.abs(d.generalContribution[x]! - r.importance.lmg![x]!)).toBeLessThan(1e-14);
      // general contribution is the mean of the level contributions
      for (const x of options.predictors) {
        const mean = d.contributionByLevel.reduce((a, level) => a + level[x]!, 0) / p;
        expect(Math.abs(mean - d.generalContribution[x]!)).toBeLessThan(1e-15);
      }
    }
  });

  it('symmetry: exchangeable predictors get equal lmg and tie in every dominance matrix', () => {
    const random = createRandom(22);
    for (let t = 0; t < 20; t++) {
      const p = 3 + (t % 7);
      const c = randomCorrelation(random, p + 1);
      // average the matrix with its image under swapping predictors 0 and 1: still a correlation
      // matrix (a mean of two positive-definite ones), and 0 and 1 are now exchangeable
      const swap = (i: number): number => (i === 0 ? 1 : i === 1 ? 0 : i);
      const s = c.map((row, i) => row.map((v, j) => (v + c[swap(i)]![swap(j)]!) / 2));
      const { data, options } = asInput(s);
      const r = relativeImportance(data, options);
      expect(Math.abs(r.importance.lmg!.x0! - r.importance.lmg!.x1!)).toBeLessThan(1e-15);
      expect(r.ranks.lmg!.x0).toBe(r.ranks.lmg!.x1);
      for (const m of ['first', 'last', 'betasq', 'pratt', 'car', 'johnson'] as const) {
        expect(Math.abs(r.importance[m]!.x0! - r.importance[m]!.x1!)).toBeLessThan(1e-12);
      }
      const d = dominanceAnalysis(data, options);
      expect([d.complete![0]![1], d.conditional[0]![1], d.general[0]![1]]).toEqual([0.5, 0.5, 0.5]);
    }
  });

  it('null player: a predictor uncorrelated with everything gets lmg 0 and is dominated', () => {
    const random = createRandom(23);
    for (let t = 0; t < 10; t++) {
      const p = 3 + (t % 5);
      const c = randomCorrelation(random, p + 1).map((row, i) => row.map((v, j) => (i === j ? 1 : i === 0 || j === 0 ? 0 : v)));
      const { data, options } = asInput(c);
      const r = relativeImportance(data, options);
      expect(Math.abs(r.importance.lmg!.x0!)).toBeLessThan(1e-15);
      const d = dominanceAnalysis(data, options);
      for (let j = 1; j < p; j++) {
        // every other predictor with any correlation with y adds strictly more somewhere
        expect(d.general[0]![j]).toBe(0);
      }
    }
  });

  it('additivity over an orthogonal split: uncorrelated predictors get lmg = r^2', () => {
    const r = relativeImportance(
      {
        correlation: [
          [1, 0, 0, 0.3],
          [0, 1, 0, 0.4],
          [0, 0, 1, 0.5],
          [0.3, 0.4, 0.5, 1],
        ],
        variables: ['a', 'b', 'c', 'y'],
        n: 50,
      },
      { outcome: 'y', predictors: ['a', 'b', 'c'] },
    );
    // R2 = 0.09 + 0.16 + 0.25 = 0.5; every metric equals r^2 when predictors are orthogonal
    expect(Math.abs(r.rSquared - 0.5)).toBeLessThan(1e-15);
    for (const m of ['lmg', 'first', 'last', 'betasq', 'pratt', 'car', 'johnson'] as const) {
      expect(Math.abs(r.importance[m]!.a! - 0.09)).toBeLessThan(1e-15);
      expect(Math.abs(r.importance[m]!.c! - 0.25)).toBeLessThan(1e-15);
    }
  });
});
