import type { Dense } from '../internal/matrix.js';

/** Cronbach's alpha and item statistics of one item set, from its covariance matrix. @internal */
export interface AlphaStatistics {
  readonly alpha: number;
  readonly standardizedAlpha: number;
  readonly averageCorrelation: number;
  /** Duhachek & Iacobucci (2004) asymptotic standard error (psych's `ase`). */
  readonly standardError: number;
  readonly alphaIfDeleted: (number | null)[];
  readonly standardizedAlphaIfDeleted: (number | null)[];
  readonly correctedItemTotal: number[];
  readonly itemTotal: number[];
  readonly itemStandardDeviations: number[];
  /** Standard deviation of the mean score, `sqrt(1' C 1) / k`. */
  readonly scaleStandardDeviation: number;
}

function sumAll(c: Dense): number {
  let s = 0;
  for (const row of c) for (const v of row) s += v;
  return s;
}

function trace(c: Dense): number {
  let s = 0;
  for (let j = 0; j < c.length; j++) s += c[j]![j]!;
  return s;
}

/** Raw alpha `k/(k-1) (1 - tr C / 1'C1)`; null for a single item. */
export function rawAlpha(c: Dense): number | null {
  const k = c.length;
  if (k < 2) return null;
  return (k / (k - 1)) * (1 - trace(c) / sumAll(c));
}

/** Standardized alpha `k rbar / (1 + (k-1) rbar)` from a correlation matrix; null for a single item. */
function standardizedFromCorrelation(r: Dense): number | null {
  const k = r.length;
  if (k < 2) return null;
  const rbar = (sumAll(r) - k) / (k * (k - 1));
  return (k * rbar) / (1 + (k - 1) * rbar);
}

function drop(c: Dense, j: number): number[][] {
  const out: number[][] = [];
  for (let a = 0; a < c.length; a++) {
    if (a === j) continue;
    const row: number[] = [];
    for (let b = 0; b < c.length; b++) if (b !== j) row.push(c[a]![b]!);
    out.push(row);
  }
  return out;
}

/**
 * Alpha and item statistics from the item covariance matrix `c` (any common divisor: every
 * statistic here is invariant to it, except the standard deviations, which assume `n - 1`).
 *
 * - alpha `= k/(k-1) (1 - sum c_jj / 1'C1)` (Cronbach 1951);
 * - standardized alpha `= k rbar / (1 + (k-1) rbar)`, rbar the mean inter-item correlation;
 * - corrected item-total `r(x_j, T - x_j) = ((C1)_j - c_jj) / sqrt(c_jj (1'C1 - 2 (C1)_j + c_jj))`;
 * - item-total `r(x_j, T) = (C1)_j / sqrt(c_jj 1'C1)`;
 * - `correlation`, when given, replaces `cov2cor(c)` for the standardized statistics (pairwise deletion);
 * - standard error: Duhachek & Iacobucci (2004), `sqrt(Q / n)` with
 *   `Q = 2k^2 / ((k-1)^2 (1'C1)^3) [1'C1 (tr C^2 + (tr C)^2) - 2 tr C (1'C^2 1)]`.
 * @internal
 */
export function alphaStatistics(c: Dense, n: number, correlation?: Dense): AlphaStatistics {
  const k = c.length;
  const sd = c.map((row, j) => Math.sqrt(row[j]!));
  // Pairwise deletion passes its own correlations (each pair's SDs), as psych::alpha uses cor().
  const r = correlation ?? c.map((row, j) => row.map((v, l) => (j === l ? 1 : v / (sd[j]! * sd[l]!))));
  const total = sumAll(c);
  const tr = trace(c);
  const rowSums = c.map((row) => row.reduce((a, b) => a + b, 0));
  let trC2 = 0;
  for (let j = 0; j < k; j++) for (let l = 0; l < k; l++) trC2 += c[j]![l]! * c[l]![j]!;
  const oneC2one = rowSums.reduce((a, s) => a + s * s, 0);
  const q = ((2 * k * k) / ((k - 1) ** 2 * total ** 3)) * (total * (trC2 + tr * tr) - 2 * tr * oneC2one);
  return {
    alpha: rawAlpha(c)!,
    standardizedAlpha: standardizedFromCorrelation(r)!,
    averageCorrelation: (sumAll(r) - k) / (k * (k - 1)),
    standardError: Math.sqrt(Math.max(q, 0) / n),
    alphaIfDeleted: c.map((_, j) => rawAlpha(drop(c, j))),
    standardizedAlphaIfDeleted: r.map((_, j) => standardizedFromCorrelation(drop(r, j))),
    correctedItemTotal: c.map((row, j) => {
      const rest = total - 2 * rowSums[j]! + row[j]!;
      return (rowSums[j]! - row[j]!) / Math.sqrt(row[j]! * rest);
    }),
    itemTotal: c.map((row, j) => rowSums[j]! / Math.sqrt(row[j]! * total)),
    itemStandardDeviations: sd,
    scaleStandardDeviation: Math.sqrt(total) / k,
  };
}
