import type { StatisticsSource, MatrixInput } from '../summary/matrixInput.js';
import type { ReadOptions } from '../internal/validate.js';
import type { CovarianceMissingPolicy, MissingReport, Row } from '../types.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { alphaResult, intervalSettings, type AlphaAnalysis, type AlphaIntervalOptions } from './alphaResult.js';
import { normalizeScale } from './normalizeScales.js';
import { readItems } from './readItems.js';
import type { ScaleDefinition } from './types.js';

/** Options of {@link cronbachAlpha}. */
export interface CronbachAlphaOptions extends Omit<ReadOptions, 'missing'>, AlphaIntervalOptions {
  /** `'omit'` (listwise, default), `'fail'`, `'pairwise'` or `'fiml'` (see docs/guides/missing-data.md). */
  readonly missing?: CovarianceMissingPolicy;
  /** Name of the scale, used in messages (default `"items"`). */
  readonly name?: string;
}

const CRONBACH_ALPHA_KEYS = optionKeys<CronbachAlphaOptions>({
  name: true,
  confidenceLevel: true,
  intervalMethod: true,
  bootstrap: true,
  missing: true,
  missingCodes: true,
});

/** Result of {@link cronbachAlpha}: alpha (`estimate`), its interval, the item analysis, and provenance. */
export interface CronbachAlphaResult extends AlphaAnalysis {
  readonly method: 'cronbach-alpha';
  /** Whether the statistics came from rows or a summary matrix. */
  readonly source: StatisticsSource;
  /** Rows in, rows used (complete on every item), and missing counts per item. */
  readonly missing: MissingReport;
}

/**
 * Cronbach's alpha of one multi-item scale, with standardized alpha, a confidence interval and
 * the item analysis users read to prune a scale: alpha if each item were deleted, corrected
 * item-total correlations, item means and standard deviations.
 *
 * Method: on the complete cases (every item answered; reverse-worded items recoded
 * `min + max - x` first), from the item covariance matrix C (denominator n - 1):
 * alpha `= k/(k-1) (1 - tr C / 1'C1)` (Cronbach 1951), standardized alpha
 * `= k rbar / (1 + (k-1) rbar)`, corrected item-total = correlation of an item with the sum of
 * the others. Standard error by Duhachek & Iacobucci (2004). Intervals: Feldt (1965) (default),
 * normal theory with that standard error, or a seeded percentile bootstrap.
 * Reference: R psych::alpha (`raw_alpha`, `std.alpha`, `alpha.drop`, `r.drop`, `ase`) and
 * psych::alpha.ci, matched to 1e-9 in the tests.
 *
 * @param data - Rows (plain objects keyed by column), or a summary: {@link SufficientStatistics},
 *   `{ covariance, variables, n, means? }` or `{ correlation, variables, n }` (alpha is then the
 *   standardized alpha; no bootstrap).
 * @param items - Item names (at least two), or a {@link ScaleDefinition} with reverse-worded items and range.
 * @param options - `confidenceLevel` (0.95), `intervalMethod` ('feldt' | 'duhachek'),
 *   `bootstrap` (false, or `{ replicates, seed, confidenceLevel? }` for a percentile interval),
 *   `missing` ('omit' listwise | 'fail'), `missingCodes`, `name`. Unknown keys are refused.
 * @returns A {@link CronbachAlphaResult}: `estimate` (alpha), `standardError`, `confidenceInterval`,
 *   `confidenceLevel`, `intervalMethod`, `bootstrap`, `standardizedAlpha`,
 *   `alphaIfDeleted`, `correctedItemTotal`, `itemMeans`, `itemStandardDeviations`, `n`, `missing`...
 * @throws InputError `INVALID_OPTION` (fewer than two items, a reverse item without min/max, bad
 *   or unknown option), `COLUMN_NOT_FOUND` (an item not in the data), `NOT_NUMERIC`, `OUT_OF_RANGE`,
 *   `MISSING_VALUE` (with `missing: 'fail'`); InsufficientDataError `TOO_FEW_CASES` (fewer than
 *   two complete cases), `ZERO_VARIANCE` (an item everybody answered alike).
 *
 * @example
 * ```ts
 * import { cronbachAlpha } from 'loyalty-drivers';
 * const rows = [
 *   { q1: 1, q2: 2, q3: 2 }, { q1: 2, q2: 2, q3: 3 }, { q1: 3, q2: 4, q3: 3 },
 *   { q1: 4, q2: 4, q3: 5 }, { q1: 5, q2: 4, q3: 4 },
 * ];
 * const a = cronbachAlpha(rows, ['q1', 'q2', 'q3']);
 * a.estimate; // => 0.9140625  (item variances 2.5 + 1.2 + 1.3 = 5, total variance 12.8: 3/2 (1 - 5/12.8))
 * a.correctedItemTotal.q1; // => 0.914991421995628 (psych r.drop)
 * a.confidenceInterval; // => [0.5657894188..., 0.9904296753...] (Feldt; psych::alpha.ci)
 * a.intervalMethod; // => 'feldt'
 * a.n; // => 5
 * ```
 */
export function cronbachAlpha(
  data: readonly Row[] | MatrixInput,
  items: readonly string[] | ScaleDefinition,
  options: CronbachAlphaOptions = {},
): CronbachAlphaResult {
  checkOptions(options, CRONBACH_ALPHA_KEYS);
  const name = options.name ?? 'items';
  const scale = normalizeScale(name, items, 'items', 2);
  const settings = intervalSettings(options);
  const itemData = readItems(data, [scale], { argument: 'rows', missing: options.missing, missingCodes: options.missingCodes, minimum: 2 });
  return {
    method: 'cronbach-alpha',
    ...alphaResult(itemData, 0, settings),
    source: itemData.source,
    missing: itemData.missing,
  };
}
