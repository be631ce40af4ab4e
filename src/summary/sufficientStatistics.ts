import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { centredCrossProducts } from '../internal/sums.js';
import { readColumns, type ReadOptions } from '../internal/validate.js';
import type { MissingReport } from '../types.js';

/**
 * Sufficient statistics for linear models and importance: counts, (weighted) means and the
 * centred sums of squares and cross-products (SSCP) of a set of variables. Regression and
 * importance can run on these instead of rows, so large data never has to sit in memory as rows;
 * chunks of a file merge exactly with {@link mergeSufficientStatistics}.
 */
export interface SufficientStatistics {
  readonly kind: 'sufficient-statistics';
  /** Variable names, in the order of `means` and `sscp`. */
  readonly variables: readonly string[];
  /** Number of complete cases with a positive weight (zero-weight cases do not count, as in R's lm). */
  readonly n: number;
  /** Sum of the weights (equals `n` when unweighted). */
  readonly weightSum: number;
  readonly weighted: boolean;
  /** (Weighted) means. */
  readonly means: readonly number[];
  /** Centred (weighted) sums of squares and cross-products, `sum w (x_j - m_j)(x_l - m_l)`. */
  readonly sscp: readonly (readonly number[])[];
  /** Cases dropped by the missing-value policy (summed over merged chunks). */
  readonly missing: MissingReport;
}

/** Options of {@link sufficientStatistics}. */
export interface SufficientStatisticsOptions extends ReadOptions {
  /** Numeric columns to summarise. */
  readonly columns: readonly string[];
  /** Column of sampling weights (>= 0). */
  readonly weights?: string;
}

/** The keys of {@link SufficientStatisticsOptions}. */
const KEYS = optionKeys<SufficientStatisticsOptions>({ columns: true, weights: true, missing: true, missingCodes: true });

/**
 * Computes {@link SufficientStatistics} from rows, listwise on the requested columns (and weight).
 *
 * Method: corrected two-pass means and centred cross-products, accumulated in blocks of 1,024
 * rows with compensated addition of block totals (Chan, Golub & LeVeque 1983).
 *
 * @param rows - Plain objects keyed by column name.
 * @param options - `columns` to summarise, optional `weights` column, `missing` policy, `missingCodes`.
 * @returns Counts, means, SSCP and the missing-value report.
 * @throws InputError `EMPTY_INPUT`, `COLUMN_NOT_FOUND`, `NOT_NUMERIC`; InsufficientDataError `TOO_FEW_CASES`.
 *
 * @example
 * ```ts
 * import { sufficientStatistics } from 'loyalty-drivers';
 * const s = sufficientStatistics([{ x: 1, y: 2 }, { x: 2, y: 4 }, { x: 3, y: 7 }], { columns: ['x', 'y'] });
 * // => { n: 3, means: [2, 4.333...], sscp: [[2, 5], [5, 12.666...]], ... }
 * ```
 */
export function sufficientStatistics(rows: unknown, options: SufficientStatisticsOptions): SufficientStatistics {
  checkOptions(options, KEYS);
  if (options === null || typeof options !== 'object' || !Array.isArray(options.columns) || options.columns.length === 0) {
    throw new InputError('INVALID_OPTION', 'options.columns: expected a non-empty array of column names', {
      argument: 'options.columns',
      expected: 'a non-empty array of column names',
    });
  }
  const sample = readColumns(
    rows,
    options.columns.map((column) => ({ column })),
    { missing: options.missing, missingCodes: options.missingCodes, weights: options.weights },
  );
  const { means, sscp, weightSum } = centredCrossProducts(sample.columns, sample.weights);
  // Zero-weight cases carry no information: like R's lm, they do not count towards n (and df).
  let n = sample.index.length;
  if (sample.weights) for (const w of sample.weights) if (w === 0) n--;
  return {
    kind: 'sufficient-statistics',
    variables: [...options.columns],
    n,
    weightSum,
    weighted: sample.weights !== undefined,
    means,
    sscp,
    missing: sample.missing,
  };
}

/**
 * Merges the sufficient statistics of two disjoint chunks of the same variables into those of
 * their union, exactly as if computed in one pass (the pairwise update of Chan, Golub & LeVeque
 * 1979): `m = m_a + d W_b / W`, `S = S_a + S_b + d d' W_a W_b / W` with `d = m_b - m_a`.
 *
 * @throws InputError `INVALID_OPTION` when the variables or weighting differ.
 *
 * @example
 * ```ts
 * import { sufficientStatistics, mergeSufficientStatistics } from 'loyalty-drivers';
 * const a = sufficientStatistics([{ x: 1 }, { x: 2 }], { columns: ['x'] });
 * const b = sufficientStatistics([{ x: 3 }], { columns: ['x'] });
 * mergeSufficientStatistics(a, b).sscp; // => [[2]]  (same as all three rows at once)
 * ```
 */
export function mergeSufficientStatistics(a: SufficientStatistics, b: SufficientStatistics): SufficientStatistics {
  const same = a.variables.length === b.variables.length && a.variables.every((v, i) => v === b.variables[i]);
  if (!same || a.weighted !== b.weighted) {
    throw new InputError(
      'INVALID_OPTION',
      'mergeSufficientStatistics: both inputs must summarise the same variables, in the same order, with the same weighting',
      {
        argument: 'b',
        expected: `variables ${a.variables.join(', ')}${a.weighted ? ', weighted' : ''}`,
      },
    );
  }
  const wa = a.weightSum;
  const wb = b.weightSum;
  const w = wa + wb;
  const k = a.variables.length;
  const d = a.means.map((m, j) => b.means[j]! - m);
  const f = w === 0 ? 0 : (wa * wb) / w;
  const means = a.means.map((m, j) => (w === 0 ? m : m + (d[j]! * wb) / w));
  const sscp: number[][] = [];
  for (let j = 0; j < k; j++) {
    const row: number[] = [];
    for (let l = 0; l < k; l++) row.push(a.sscp[j]![l]! + b.sscp[j]![l]! + d[j]! * d[l]! * f);
    sscp.push(row);
  }
  const byColumn: Record<string, number> = { ...a.missing.byColumn };
  for (const [c, v] of Object.entries(b.missing.byColumn)) byColumn[c] = (byColumn[c] ?? 0) + v;
  return {
    kind: 'sufficient-statistics',
    variables: a.variables,
    n: a.n + b.n,
    weightSum: w,
    weighted: a.weighted,
    means,
    sscp,
    missing: {
      policy: a.missing.policy,
      rowsIn: a.missing.rowsIn + b.missing.rowsIn,
      rowsUsed: a.missing.rowsUsed + b.missing.rowsUsed,
      rowsDropped: a.missing.rowsDropped + b.missing.rowsDropped,
      byColumn,
    },
  };
}
