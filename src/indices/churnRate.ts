import { checkOptions } from '../internal/options.js';
import { RETENTION_KEYS } from './retentionRate.js';
import { retentionRate, type PeriodCounts, type RetentionOptions, type RetentionResult } from './retentionRate.js';

/**
 * Churn rate `1 - retention`, from a 0/1 retained column or period counts (see
 * {@link retentionRate}, whose interval it mirrors: `[1 - upper, 1 - lower]`; the SE is the same).
 *
 * @param data - An array of 0/1 retained flags (1 = retained), or `{ atStart, atEnd, acquired }`.
 * @param options - `weights` or `design` (table form; arrays aligned with `data`), confidence level, missing
 *   policy. Unknown keys are refused (`INVALID_OPTION`).
 * @returns The churn rate with the count of churned customers, n, SE and interval.
 * @throws As {@link retentionRate}.
 *
 * @example
 * ```ts
 * import { churnRate } from 'loyalty-drivers';
 * churnRate({ atStart: 200, atEnd: 210, acquired: 40 }).estimate; // => 0.15
 * ```
 */
export function churnRate(data: readonly unknown[] | PeriodCounts, options: RetentionOptions = {}): RetentionResult {
  checkOptions(options, RETENTION_KEYS);
  const r = retentionRate(data, options);
  return {
    ...r,
    method: 'churn-rate',
    estimate: 1 - r.estimate,
    count: r.n - r.count,
    confidenceInterval: [1 - r.confidenceInterval[1], 1 - r.confidenceInterval[0]],
  };
}
