import { num, pValue, tableLines } from './textFormat.js';
import type { OrdinalResult } from './ordinalRegression.js';

/**
 * Formats an {@link OrdinalResult} as plain text in the style of `formatLogisticRegression`:
 * coefficients, then thresholds, each with Wald z, p and interval; log-likelihood, AIC and the
 * pseudo-R^2s; the Newton-Raphson iterations.
 *
 * @param result - The result of `ordinalRegression`.
 * @returns Multi-line text (no trailing newline).
 *
 * @example
 * ```ts
 * import { ordinalRegression, formatOrdinalRegression } from 'loyalty-drivers';
 * const rows = [1, 2, 3, 1, 2, 3, 2, 3, 1, 3].map((y, i) => ({ y, x: [1, 2, 3, 2, 1, 3, 3, 2, 2, 1][i] }));
 * const text = formatOrdinalRegression(ordinalRegression(rows, { outcome: 'y', predictors: ['x'] }));
 * text.split('\n')[0]; // => 'Ordinal regression (logit link) of y on x (n = 10, levels 1, 2, 3)'
 * ```
 */
export function formatOrdinalRegression(result: OrdinalResult): string {
  const level = Math.round(result.options.confidenceLevel * 100);
  const header = ['term', 'estimate', 'std. error', 'z value', 'p value', `${level}% CI`];
  const row = (c: OrdinalResult['coefficients'][number]) => [
    c.term,
    num(c.estimate),
    num(c.standardError),
    num(c.zStatistic, 3),
    pValue(c.pValue),
    `[${num(c.confidenceInterval[0], 3)}, ${num(c.confidenceInterval[1], 3)}]`,
  ];
  const body = [...result.coefficients.map(row), ...result.thresholds.map(row)];
  const nc = result.coefficients.length;
  const lines = tableLines(header, body);
  const r2 = result.pseudoRSquared;
  return [
    `Ordinal regression (${result.link} link) of ${result.outcome} on ${result.predictors.join(', ')} (n = ${result.n}${result.options.weights ? `, weights ${result.options.weights}` : ''}, levels ${result.levels.join(', ')})`,
    [...lines.slice(0, nc + 1), 'thresholds', ...lines.slice(nc + 1)].join('\n'),
    `Log-likelihood ${num(result.logLikelihood, 2)} (null ${num(result.nullLogLikelihood, 2)}); residual deviance ${num(result.deviance, 2)}; AIC ${num(result.aic, 2)}`,
    `Pseudo R-squared: McFadden ${num(r2.mcFadden)}, Cox-Snell ${num(r2.coxSnell)}, Nagelkerke ${num(r2.nagelkerke)}, Estrella ${num(r2.estrella)}`,
    `Newton-Raphson iterations: ${result.convergence.iterations} (${result.convergence.converged ? 'converged' : 'not converged'}, max |gradient| ${result.convergence.maxAbsGradient.toExponential(1)})`,
  ].join('\n');
}
