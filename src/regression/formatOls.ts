import { num, pValue, tableLines } from './textFormat.js';
import type { OlsResult } from './types.js';
import { warningLines } from '../internal/warningLines.js';

/**
 * Formats an {@link OlsResult} as a plain-text summary in the layout of R's `summary.lm`:
 * the coefficient table (with standardized betas and VIF), the residual standard error, R^2 and
 * the F test, and what was dropped.
 *
 * @param result - The result of `ols`.
 * @returns Multi-line text (no trailing newline).
 *
 * @example
 * ```ts
 * import { ols, formatOls } from 'loyalty-drivers';
 * const rows = [
 *   { recommend: 9, satisfaction: 6.0, trust: 5.7 }, { recommend: 7, satisfaction: 5.3, trust: 4.0 },
 *   { recommend: 4, satisfaction: 3.0, trust: 3.3 }, { recommend: 8, satisfaction: 6.3, trust: 5.0 },
 *   { recommend: 6, satisfaction: 4.0, trust: 4.7 }, { recommend: 3, satisfaction: 2.7, trust: 2.0 },
 * ];
 * const text = formatOls(ols(rows, { outcome: 'recommend', predictors: ['satisfaction', 'trust'] }));
 * text.split('\n')[0]; // => 'OLS of recommend on satisfaction, trust (n = 6, from rows)'
 * console.log(text);
 * // OLS of recommend on satisfaction, trust (n = 6, from rows)
 * // term          estimate  std. error  t value  p value             95% CI   beta   VIF
 * // (Intercept)    -1.0462      0.5263   -1.988   0.1410  [-2.7211, 0.6287]
 * // satisfaction    0.9239      0.1934    4.778   0.0174   [0.3085, 1.5392]  0.614  3.48
 * // trust           0.7310      0.2246    3.255   0.0473   [0.0163, 1.4457]  0.418  3.48
 * // Residual standard error 0.3571 on 3 df; R-squared 0.9857, adjusted 0.9762
 * // F = 103.74 on 2 and 3 df, p = 0.0017
 * ```
 */
export function formatOls(result: OlsResult): string {
  const level = Math.round(result.options.confidenceLevel * 100);
  const body = result.coefficients.map((c) => [
    c.term,
    num(c.estimate),
    num(c.standardError),
    num(c.tStatistic, 3),
    pValue(c.pValue),
    `[${num(c.confidenceInterval[0])}, ${num(c.confidenceInterval[1])}]`,
    c.standardizedEstimate === null ? '' : num(c.standardizedEstimate, 3),
    result.vif[c.term] === undefined ? '' : num(result.vif[c.term]!, 2),
  ]);
  const weights = result.options.weights ? `, weights ${result.options.weights}` : '';
  const fiml = result.standardErrorType === 'observed-information';
  const d = result.design;
  const se =
    result.standardErrorType === 'classical'
      ? result.missing.policy === 'pairwise'
        ? ' (pairwise deletion; n = the smallest pair count)'
        : ''
      : fiml
        ? ' (FIML; observed-information standard errors, z tests)'
        : result.standardErrorType === 'design' && d
          ? ` (design-based standard errors: ${d.strata} strata, ${d.clusters} PSUs, ${d.degreesOfFreedom} design df${d.finitePopulationCorrection ? ', fpc' : ''})`
          : ` (${result.standardErrorType} robust standard errors)`;
  const dropped =
    result.missing.rowsDropped > 0 ? `\n${result.missing.rowsDropped} of ${result.missing.rowsIn} rows dropped for missing values` : '';
  return [
    `${result.method.toUpperCase()} of ${result.outcome} on ${result.predictors.join(', ')} (n = ${result.n}${weights}, from ${result.source})${se}`,
    tableLines(['term', 'estimate', 'std. error', fiml ? 'z value' : 't value', 'p value', `${level}% CI`, 'beta', 'VIF'], body).join('\n'),
    `Residual standard error ${num(result.sigma)} on ${result.dfResidual} df; R-squared ${num(result.rSquared)}, adjusted ${num(result.adjustedRSquared)}`,
    `F = ${num(result.fStatistic, 2)} on ${result.dfModel} and ${result.dfResidual} df, p ${result.fPValue < 2.2e-16 ? '< 2.2e-16' : `= ${pValue(result.fPValue)}`}${dropped}`,
    ...warningLines(result.warnings),
  ].join('\n');
}
