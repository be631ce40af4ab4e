/**
 * Average R2 contributions by subset size, and lmg, from the all-subsets sums.
 *
 * @internal
 */
import type { AllSubsetsSums } from './allSubsets.js';

/** Binomial coefficients C(n, k) for k = 0..n, exact for n <= 50 (products stay below 2^53). */
function binomialRow(n: number): Float64Array {
  const row = new Float64Array(n + 1);
  row[0] = 1;
  for (let k = 1; k <= n; k++) row[k] = (row[k - 1]! * (n - k + 1)) / k;
  return row;
}

/** Average R2 gains by level and their mean (lmg), from the engine's sums. */
export interface LevelContributions {
  /** `byLevel[k][j]`: average gain of predictor j over the subsets of size k without j. */
  readonly byLevel: number[][];
  /** `lmg[j]`: mean of `byLevel[k][j]` over k = 0..p-1 (the Shapley value of R2). */
  readonly lmg: number[];
}

/**
 * Turns subset sums into average contributions: for predictor j at level k,
 * `(sum_{T contains j, |T| = k+1} R2(T) - sum_{T without j, |T| = k} R2(T)) / C(p-1, k)`, where the
 * second sum is the level total minus the sum over the subsets containing j. The large sums are
 * double-double, so the difference keeps its accuracy (about eps * R2 absolute).
 */
export function levelContributions(sums: AllSubsetsSums): LevelContributions {
  const { p, levelHigh, levelLow, containingHigh, containingLow } = sums;
  const P = p + 1;
  const binom = binomialRow(p - 1);
  const byLevel: number[][] = [];
  for (let k = 0; k < p; k++) byLevel.push(new Array<number>(p).fill(0));
  const lmg = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    let total = 0;
    for (let k = 0; k < p; k++) {
      const withHigh = containingHigh[j * P + k + 1]!;
      const withLow = containingLow[j * P + k + 1]!;
      // sum over T without j at size k = level[k] - containing[j][k]
      const withoutHigh = levelHigh[k]! - containingHigh[j * P + k]!;
      const withoutLow = levelLow[k]! - containingLow[j * P + k]!;
      const difference = withHigh - withoutHigh + (withLow - withoutLow);
      const value = difference / binom[k]!;
      byLevel[k]![j] = value;
      total += value;
    }
    lmg[j] = total / p;
  }
  return { byLevel, lmg };
}
