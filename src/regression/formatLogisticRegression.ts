import { num, pValue, tableLines } from './textFormat.js';
import type { LogisticResult } from './types.js';
import { warningLines } from '../internal/warningLines.js';

/**
 * Formats a {@link LogisticResult} as plain text in the layout of R's `summary.glm`: the
 * coefficient table with odds ratios, the deviances, AIC, McFadden's R^2, the likelihood-ratio
 * test and the number of IRLS iterations.
 *
 * @param result - The result of `logisticRegression`.
 * @returns Multi-line text (no trailing newline).
 *
 * @example
 * ```ts
 * import { logisticRegression, formatLogisticRegression } from 'loyalty-drivers';
 * const rows = [
 *   { retained: 1, trust: 6 }, { retained: 0, trust: 2 }, { retained: 1, trust: 5 },
 *   { retained: 0, trust: 4 }, { retained: 1, trust: 3 }, { retained: 0, trust: 1 },
 *   { retained: 1, trust: 7 }, { retained: 0, trust: 5 },
 * ];
 * const text = formatLogisticRegression(logisticRegression(rows, { outcome: 'retained', predictors: ['trust'] }));
 * text.split('\n')[0]; // => 'Logistic regression of retained on trust (n = 8)'
 * console.log(text);
 * // Logistic regression of retained on trust (n = 8)
 * // term         estimate  std. error  z value  p value  odds ratio  95% CI (odds ratio)
 * // (Intercept)   -3.5494      2.6983   -1.315   0.1884       0.029       [0.000, 5.693]
 * // trust          0.8483      0.5961    1.423   0.1547       2.336       [0.726, 7.513]
 * // Null deviance 11.09 on 7 df; residual deviance 7.86 on 6 df
 * // AIC 11.86; McFadden R-squared 0.2911; LR chi-square 3.23 on 1 df, p = 0.0724
 * // IRLS iterations: 4 (converged, relative deviance change 8.6e-10)
 * ```
 */
export function formatLogisticRegression(result: LogisticResult): string {
  const level = Math.round(result.options.confidenceLevel * 100);
  const header = [
    'term',
    'estimate',
    'std. error',
    result.design ? 't value' : 'z value',
    'p value',
    'odds ratio',
    `${level}% CI (odds ratio)`,
  ];
  const body = result.coefficients.map((c) => [
    c.term,
    num(c.estimate),
    num(c.standardError),
    num(c.zStatistic, 3),
    pValue(c.pValue),
    num(c.oddsRatio, 3),
    `[${num(c.oddsRatioInterval[0], 3)}, ${num(c.oddsRatioInterval[1], 3)}]`,
  ]);
  const lr = result.likelihoodRatio;
  return [
    `Logistic regression of ${result.outcome} on ${result.predictors.join(', ')} (n = ${result.n}${result.options.weights ? `, weights ${result.options.weights}` : ''})`,
    tableLines(header, body).join('\n'),
    `Null deviance ${num(result.nullDeviance, 2)} on ${result.dfNull} df; residual deviance ${num(result.deviance, 2)} on ${result.dfResidual} df`,
    lr
      ? `AIC ${num(result.aic, 2)}; McFadden R-squared ${num(result.mcFaddenRSquared)}; LR chi-square ${num(lr.chiSquare, 2)} on ${lr.df} df, p ${lr.pValue < 2.2e-16 ? '< 2.2e-16' : `= ${pValue(lr.pValue)}`}`
      : designLine(result),
    `IRLS iterations: ${result.convergence.iterations} (converged, relative deviance change ${result.convergence.finalChange.toExponential(1)})`,
    ...warningLines(result.warnings),
  ].join('\n');
}

/** The design line of a design-based fit: its Wald F, strata, PSUs and degrees of freedom. */
function designLine(result: LogisticResult): string {
  const t = result.designWaldTest;
  const d = result.design;
  const test = t
    ? `design-based Wald F ${num(t.fStatistic, 2)} on ${t.df} and ${t.dfResidual} df, p ${t.pValue < 2.2e-16 ? '< 2.2e-16' : `= ${pValue(t.pValue)}`}`
    : '';
  return `McFadden R-squared ${num(result.mcFaddenRSquared)}; ${test}${d ? ` (${d.strata} strata, ${d.clusters} PSUs, ${d.degreesOfFreedom} design df${d.finitePopulationCorrection ? ', fpc' : ''}; t intervals)` : ''}`;
}
