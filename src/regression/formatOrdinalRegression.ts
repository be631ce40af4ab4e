import type { OrdinalResult } from './ordinalRegression.js';

function num(x: number, digits = 4): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e6 ? x.toFixed(digits) : x.toExponential(2);
}

function pValue(p: number): string {
  return p < 2.2e-16 ? '<2e-16' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

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
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  const line = (r: readonly string[]): string => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  const nc = result.coefficients.length;
  const r2 = result.pseudoRSquared;
  return [
    `Ordinal regression (${result.link} link) of ${result.outcome} on ${result.predictors.join(', ')} (n = ${result.n}${result.options.weights ? `, weights ${result.options.weights}` : ''}, levels ${result.levels.join(', ')})`,
    [line(header), ...body.slice(0, nc).map(line), 'thresholds', ...body.slice(nc).map(line)].join('\n'),
    `Log-likelihood ${num(result.logLikelihood, 2)} (null ${num(result.nullLogLikelihood, 2)}); residual deviance ${num(result.deviance, 2)}; AIC ${num(result.aic, 2)}`,
    `Pseudo R-squared: McFadden ${num(r2.mcFadden)}, Cox-Snell ${num(r2.coxSnell)}, Nagelkerke ${num(r2.nagelkerke)}, Estrella ${num(r2.estrella)}`,
    `Newton-Raphson iterations: ${result.convergence.iterations} (${result.convergence.converged ? 'converged' : 'not converged'}, max |gradient| ${result.convergence.maxAbsGradient.toExponential(1)})`,
  ].join('\n');
}
