/**
 * Pairwise-deletion moments, as R `cov` / `cor` with `use = "pairwise.complete.obs"` (psych's
 * default for alpha): each covariance and correlation from the cases observing both variables,
 * with that pair's own means (and standard deviations, for the correlation) and divisor
 * `n_jl - 1`; item means from all of an item's observations. Pure and browser-safe.
 *
 * @module missing/pairwise
 * @internal
 */
import { InsufficientDataError, NumericalError } from '../errors.js';
import { symmetricEigen } from '../internal/matrix.js';

/** Pairwise moments of k columns (NaN = missing). @internal */
export interface PairwiseMoments {
  /** Means from every observation of each variable. */
  readonly means: number[];
  /** Pairwise covariances, divisor n_jl - 1 (diagonal: variances from all observations). */
  readonly covariance: number[][];
  /** Pairwise correlations (each with the pair's own SDs, as R `cor`); 1 on the diagonal. */
  readonly correlation: number[][];
  /** n_jl: cases observing both j and l (diagonal: cases observing j). */
  readonly counts: number[][];
}

/**
 * Computes the pairwise moments; throws InsufficientDataError `TOO_FEW_CASES` naming a pair with
 * fewer than 3 joint cases, `ZERO_VARIANCE` naming a pair in whose joint cases an item is constant.
 * @internal
 */
export function pairwiseMoments(columns: readonly Float64Array[], names: readonly string[], argument = 'rows'): PairwiseMoments {
  const k = columns.length;
  const rows = k === 0 ? 0 : columns[0]!.length;
  const means: number[] = [];
  const covariance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const correlation = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    const x = columns[j]!;
    let s = 0;
    let c = 0;
    for (let i = 0; i < rows; i++)
      if (!Number.isNaN(x[i]!)) {
        s += x[i]!;
        c++;
      }
    means.push(c > 0 ? s / c : Number.NaN);
  }
  for (let j = 0; j < k; j++) {
    for (let l = j; l < k; l++) {
      const x = columns[j]!;
      const y = columns[l]!;
      let c = 0;
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < rows; i++) {
        if (Number.isNaN(x[i]!) || Number.isNaN(y[i]!)) continue;
        c++;
        sx += x[i]!;
        sy += y[i]!;
      }
      if (c < 3) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `${argument}: only ${c} respondent${c === 1 ? '' : 's'} answered both "${names[j]}" and "${names[l]}"; pairwise deletion needs at least 3 per pair`,
          {
            argument,
            column: names[l],
            expected: 'at least 3 cases per pair',
          },
        );
      }
      const mx = sx / c;
      const my = sy / c;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let i = 0; i < rows; i++) {
        if (Number.isNaN(x[i]!) || Number.isNaN(y[i]!)) continue;
        const dx = x[i]! - mx;
        const dy = y[i]! - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
      if (!(sxx > 0) || !(syy > 0)) {
        const flat = sxx > 0 ? names[l]! : names[j]!;
        throw new InsufficientDataError(
          'ZERO_VARIANCE',
          `${argument}: "${flat}" does not vary among the ${c} respondents who answered both "${names[j]}" and "${names[l]}"`,
          {
            argument,
            column: flat,
            expected: 'an item whose answers vary',
          },
        );
      }
      counts[j]![l] = c;
      counts[l]![j] = c;
      covariance[j]![l] = sxy / (c - 1);
      covariance[l]![j] = sxy / (c - 1);
      const r = j === l ? 1 : sxy / Math.sqrt(sxx * syy);
      correlation[j]![l] = r;
      correlation[l]![j] = r;
    }
  }
  return { means, covariance, correlation, counts };
}

/**
 * Checks that a pairwise matrix is positive definite; otherwise throws NumericalError
 * `NOT_POSITIVE_DEFINITE` naming the pair that loads most on the offending eigenvector.
 * @internal
 */
export function assertPairwisePositiveDefinite(m: PairwiseMoments, names: readonly string[], argument = 'rows'): void {
  const { values, vectors } = symmetricEigen(m.correlation);
  const k = values.length;
  const smallest = values[k - 1]!;
  if (smallest > k * 16 * Number.EPSILON * values[0]!) return;
  const v = vectors.map((row) => row[k - 1]!);
  const order = v.map((x, j) => [Math.abs(x), j] as const).sort((a, b) => b[0] - a[0]);
  const a = order[0]![1];
  const b = order[1]![1];
  throw new NumericalError(
    'NOT_POSITIVE_DEFINITE',
    `${argument}: the pairwise correlation matrix is not positive definite (smallest eigenvalue ${smallest.toPrecision(3)}); the pair most involved is "${names[a]}" and "${names[b]}" (n = ${m.counts[a]![b]} joint cases): use missing: 'fiml' or 'omit'`,
    {
      argument,
      column: names[a],
      expected: 'a positive-definite pairwise matrix',
    },
  );
}
