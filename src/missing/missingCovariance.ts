/**
 * The covariance matrix of some columns under `missing: 'pairwise'` or `'fiml'`, as the
 * {@link CovarianceInput} that regression and importance accept, with the missing-value report.
 * Pairwise: each covariance from the rows answering both (R `cov(use = "pairwise.complete.obs")`),
 * checked positive definite, `n` = the smallest pair count (what every standard error computed
 * from the matrix then assumes; stated in the docs). FIML: the EM estimate of the saturated
 * normal model (lavaan `lavCor(missing = "ml")`), `n` = rows with any answer, stored with
 * divisor n - 1 as every CovarianceInput is (so n/(n-1) times the ML matrix).
 * @internal
 */
import type { CovarianceInput } from '../summary/matrixInput.js';
import type { CovarianceMissingPolicy, MissingReport } from '../types.js';
import { emSaturated, patternStatistics, type EmFit, type PatternData } from './em.js';
import { readIncompleteColumns } from './incompleteColumns.js';
import { assertPairwisePositiveDefinite, pairwiseMoments } from './pairwise.js';

/** A covariance matrix under a missing-data policy. */
export interface MissingCovariance {
  readonly input: CovarianceInput & { readonly missing: MissingReport };
  /** The incomplete columns (NaN = missing) the matrix was computed from. */
  readonly columns: readonly Float64Array[];
  /**
   * Under pairwise: the pairwise correlations (each pair's own SDs, as R `cor(use =
   * "pairwise.complete.obs")`), which are not the covariance scaled by the variances of all answers.
   */
  readonly correlation?: readonly (readonly number[])[];
  /** Under FIML: the pattern statistics and the EM fit. */
  readonly fiml?: { readonly data: PatternData; readonly fit: EmFit };
}

/** Reads `names` from rows and computes their covariance under `policy` (`'pairwise'` or `'fiml'`). */
export function missingCovariance(
  rows: unknown,
  names: readonly string[],
  policy: Extract<CovarianceMissingPolicy, 'pairwise' | 'fiml'>,
  options: { readonly missingCodes?: readonly number[]; readonly argument?: string } = {},
): MissingCovariance {
  const argument = options.argument ?? 'rows';
  const read = readIncompleteColumns(rows, names, policy, { missingCodes: options.missingCodes, argument, minimum: 3 });
  const k = names.length;
  if (policy === 'pairwise') {
    const m = pairwiseMoments(read.columns, names, argument);
    assertPairwisePositiveDefinite(m, names, argument);
    const off = m.counts.flatMap((row, j) => row.filter((_, l) => l !== j));
    const counts = off.length > 0 ? off : [m.counts[0]![0]!];
    const min = Math.min(...counts);
    return {
      columns: read.columns,
      correlation: m.correlation,
      input: {
        covariance: m.covariance,
        means: m.means,
        n: min,
        variables: [...names],
        missing: { ...read.missing, pairwise: { items: [...names], counts: m.counts, min, max: Math.max(...counts) } },
      },
    };
  }
  const data = patternStatistics(read.columns);
  const fit = emSaturated(data, names);
  const n = read.n;
  const covariance = names.map((_, j) => names.map((__, l) => (fit.covariance[j * k + l]! * n) / (n - 1)));
  return {
    columns: read.columns,
    fiml: { data, fit },
    input: {
      covariance,
      means: Array.from(fit.means),
      n,
      variables: [...names],
      missing: {
        ...read.missing,
        fiml: {
          method: 'em',
          iterations: fit.iterations,
          maxChange: fit.maxChange,
          tolerance: fit.tolerance,
          logLikelihood: fit.logLikelihood,
          patterns: fit.patterns,
        },
      },
    },
  };
}
