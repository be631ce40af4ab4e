/**
 * Report section: the regression of each outcome on the drivers (linear for continuous
 * outcomes, logistic for binary ones).
 * @internal
 */
import { logisticRows, olsRows } from '../regression/regressionRows.js';
import type { LogisticResult, OlsResult } from '../regression/types.js';
import { at, LEVEL, listOf, messages, name, num, pText, type Ref, sentenceName, table } from './markup.js';
import { reportRows } from './resultCells.js';
import type { ReportSection, SectionContext } from './section.js';

/** `at 5%`: the significance level matching the fit's confidence level. */
function levelText(fit: Ref): string {
  return num(fit, ['options', 'confidenceLevel'], { ...LEVEL, complement: true });
}

/** Index of the driver with the largest absolute standardized effect among those with p below `alpha` (-1: none). */
function strongest(fit: OlsResult | LogisticResult, alpha = 1.1): number {
  let best = -1;
  fit.coefficients.forEach((c, k) => {
    if (c.term === '(Intercept)' || c.standardizedEstimate === null || !(c.pValue < alpha)) return;
    if (best < 0 || Math.abs(c.standardizedEstimate) > Math.abs(fit.coefficients[best]!.standardizedEstimate!)) best = k;
  });
  return best;
}

function olsReading(fit: OlsResult, r: Ref): string {
  const alpha = 1 - fit.options.confidenceLevel;
  const k = strongest(fit, alpha);
  const explained = `The drivers explain ${num(r, 'rSquared', { percent: true, digits: 1 })} of the variance in ${name(fit.outcome)}`;
  if (k < 0) return `${explained}, and none of them is significant at ${levelText(r)}.`;
  const weak = fit.coefficients.filter((c) => c.term !== '(Intercept)' && !(c.pValue < alpha)).map((c) => name(c.term));
  const top = `; ${name(fit.coefficients[k]!.term)} has the largest effect (${num(r, ['coefficients', k, 'estimate'], { digits: 2, signed: true })} points per scale point, ${pText(r, ['coefficients', k, 'pValue'])})`;
  const rest =
    weak.length === 0
      ? ` and every driver is significant at ${levelText(r)}`
      : `, while ${listOf(weak)} ${weak.length === 1 ? 'is' : 'are'} not significant at ${levelText(r)}`;
  return `${explained}${top}${rest}.`;
}

function logisticReading(fit: LogisticResult, r: Ref): string {
  const k = strongest(fit, 1 - fit.options.confidenceLevel);
  if (k < 0)
    return `No driver moves ${name(fit.outcome)} significantly at ${levelText(r)} (McFadden R² ${num(r, 'mcFaddenRSquared', { digits: 3 })}).`;
  return `${sentenceName(fit.coefficients[k]!.term)} moves ${name(fit.outcome)} most: each scale point multiplies its odds by ${num(r, ['coefficients', k, 'oddsRatio'], { digits: 2 })} (${pText(r, ['coefficients', k, 'pValue'])}).`;
}

function olsBody(fit: OlsResult, r: Ref): string {
  const cases =
    fit.missing.policy === 'fiml'
      ? 'respondents by full-information maximum likelihood (every answer used; z tests)'
      : fit.missing.policy === 'pairwise'
        ? 'respondents in the smallest pair (pairwise deletion)'
        : 'complete cases';
  const fitLine = `<p>${fit.method === 'wls' ? 'Weighted least squares' : 'Ordinary least squares'} on ${num(r, 'n', { digits: 0, grouped: true })} ${cases}:
R² ${num(r, 'rSquared', { digits: 3 })}, adjusted R² ${num(r, 'adjustedRSquared', { digits: 3 })}, residual standard error ${num(r, 'sigma', { digits: 3 })},
F = ${num(r, 'fStatistic', { digits: 1 })} on ${num(r, 'dfModel', { digits: 0 })} and ${num(r, 'dfResidual', { digits: 0, grouped: true })} degrees of freedom (p ${num(r, 'fPValue', { pValue: true })}).</p>`;
  const t = reportRows(olsRows(fit), r, [
    { id: 'term', format: 'name' },
    { id: 'estimate', format: { digits: 3 } },
    { id: 'standardError', format: { digits: 3 } },
    { id: 'tStatistic', format: { digits: 2 } },
    { id: 'pValue', format: { pValue: true } },
    { id: 'lower', format: { digits: 3 } },
    { id: 'upper', format: { digits: 3 } },
    { id: 'standardized', format: { digits: 3 } },
    { id: 'vif', format: { digits: 2 } },
  ]);
  return (
    fitLine +
    table(
      `Coefficients of ${name(fit.outcome)} (${num(r, ['options', 'confidenceLevel'], LEVEL)} confidence intervals${fit.standardErrorType === 'classical' ? '' : `, ${name(fit.standardErrorType)} standard errors`})`,
      t.columns,
      t.rows,
      'Estimate: change in the outcome for one more point on the driver, the other drivers held fixed. Standardized: the same in standard deviations.',
    )
  );
}

function logisticBody(fit: LogisticResult, r: Ref): string {
  const lr = at(r, 'likelihoodRatio');
  const fitLine = `<p>Logistic regression (maximum likelihood) on ${num(r, 'n', { digits: 0, grouped: true })} complete cases:
McFadden R² ${num(r, 'mcFaddenRSquared', { digits: 3 })}, deviance ${num(r, 'deviance', { digits: 1 })} against ${num(r, 'nullDeviance', { digits: 1 })} without drivers,
likelihood-ratio χ² = ${num(lr, 'chiSquare', { digits: 1 })} on ${num(lr, 'df', { digits: 0 })} degrees of freedom (p ${num(lr, 'pValue', { pValue: true })}), AIC ${num(r, 'aic', { digits: 1 })}.</p>`;
  const t = reportRows(logisticRows(fit), r, [
    { id: 'term', format: 'name' },
    { id: 'estimate', format: { digits: 3 } },
    { id: 'standardError', format: { digits: 3 } },
    { id: 'zStatistic', format: { digits: 2 } },
    { id: 'pValue', format: { pValue: true } },
    { id: 'oddsRatio', format: { digits: 3 } },
    { id: 'oddsRatioLower', format: { digits: 3 } },
    { id: 'oddsRatioUpper', format: { digits: 3 } },
  ]);
  return (
    fitLine +
    table(
      `Coefficients of ${name(fit.outcome)} on the log-odds scale, with odds ratios (${num(r, ['options', 'confidenceLevel'], LEVEL)} Wald intervals)`,
      t.columns,
      t.rows,
      'Odds ratio: how the odds of the outcome are multiplied by one more point on the driver, the other drivers held fixed.',
    )
  );
}

/** The regression section, or undefined when no outcome was analysed. */
export function regressionSection(ctx: SectionContext): ReportSection | undefined {
  const outcomes = ctx.analysis.outcomes;
  if (outcomes.length === 0) return undefined;
  const refs = outcomes.map((_, k) => at(ctx.root, 'outcomes', k, 'regression'));
  const first = outcomes.findIndex((o) => o.regression.method !== 'logistic');
  const reading =
    first >= 0
      ? olsReading(outcomes[first]!.regression as OlsResult, refs[first]!)
      : logisticReading(outcomes[0]!.regression as LogisticResult, refs[0]!);
  const body = outcomes
    .map((o, k) => {
      const fit = o.regression;
      const heading = `<h3>${sentenceName(o.outcome)}: ${fit.method === 'logistic' ? 'logistic' : 'linear'} regression</h3>`;
      const extra = fit.method === 'logistic' && k !== 0 && first >= 0 ? `<p>${logisticReading(fit, refs[k]!)}</p>` : '';
      return `${heading}\n${extra}${fit.method === 'logistic' ? logisticBody(fit, refs[k]!) : olsBody(fit, refs[k]!)}${messages(fit.warnings.map((w) => w.message))}`;
    })
    .join('\n');
  return { id: 'regression', title: 'Regression on the drivers', reading, body };
}
