/**
 * Report section: the regression of each outcome on the drivers (linear for continuous
 * outcomes, logistic for binary ones).
 * @internal
 */
import type { LogisticResult, OlsResult } from '../regression/types.js';
import { at, LEVEL, listOf, name, num, pText, type Ref, sentenceName, table } from './markup.js';
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
  const rest = weak.length === 0
    ? ` and every driver is significant at ${levelText(r)}`
    : `, while ${listOf(weak)} ${weak.length === 1 ? 'is' : 'are'} not significant at ${levelText(r)}`;
  return `${explained}${top}${rest}.`;
}

function logisticReading(fit: LogisticResult, r: Ref): string {
  const k = strongest(fit, 1 - fit.options.confidenceLevel);
  if (k < 0) return `No driver moves ${name(fit.outcome)} significantly at ${levelText(r)} (McFadden R² ${num(r, 'mcFaddenRSquared', { digits: 3 })}).`;
  return `${sentenceName(fit.coefficients[k]!.term)} moves ${name(fit.outcome)} most: each scale point multiplies its odds by ${num(r, ['coefficients', k, 'oddsRatio'], { digits: 2 })} (${pText(r, ['coefficients', k, 'pValue'])}).`;
}

function olsBody(fit: OlsResult, r: Ref): string {
  const fitLine = `<p>${fit.method === 'wls' ? 'Weighted least squares' : 'Ordinary least squares'} on ${num(r, 'n', { digits: 0, grouped: true })} complete cases:
R² ${num(r, 'rSquared', { digits: 3 })}, adjusted R² ${num(r, 'adjustedRSquared', { digits: 3 })}, residual standard error ${num(r, 'sigma', { digits: 3 })},
F = ${num(r, 'fStatistic', { digits: 1 })} on ${num(r, 'dfModel', { digits: 0 })} and ${num(r, 'dfResidual', { digits: 0, grouped: true })} degrees of freedom (p ${num(r, 'fPValue', { pValue: true })}).</p>`;
  const rows = fit.coefficients.map((c, k) => {
    const co = at(r, 'coefficients', k);
    return [
      name(c.term), num(co, 'estimate', { digits: 3 }), num(co, 'standardError', { digits: 3 }), num(co, 'tStatistic', { digits: 2 }), num(co, 'pValue', { pValue: true }),
      num(co, ['confidenceInterval', 0], { digits: 3 }), num(co, ['confidenceInterval', 1], { digits: 3 }), num(co, 'standardizedEstimate', { digits: 3 }), num(r, ['vif', c.term], { digits: 2 }),
    ];
  });
  return fitLine + table(
    `Coefficients of ${name(fit.outcome)} (${num(r, ['options', 'confidenceLevel'], LEVEL)} confidence intervals${fit.standardErrorType === 'classical' ? '' : `, ${name(fit.standardErrorType)} standard errors`})`,
    [
      { label: 'Term' }, { label: 'Estimate', numeric: true }, { label: 'Standard error', numeric: true }, { label: 't', numeric: true }, { label: 'p', numeric: true },
      { label: 'Lower', numeric: true }, { label: 'Upper', numeric: true }, { label: 'Standardized', numeric: true }, { label: 'VIF', numeric: true },
    ],
    rows,
    'Estimate: change in the outcome for one more point on the driver, the other drivers held fixed. Standardized: the same in standard deviations.',
  );
}

function logisticBody(fit: LogisticResult, r: Ref): string {
  const lr = at(r, 'likelihoodRatio');
  const fitLine = `<p>Logistic regression (maximum likelihood) on ${num(r, 'n', { digits: 0, grouped: true })} complete cases:
McFadden R² ${num(r, 'mcFaddenRSquared', { digits: 3 })}, deviance ${num(r, 'deviance', { digits: 1 })} against ${num(r, 'nullDeviance', { digits: 1 })} without drivers,
likelihood-ratio χ² = ${num(lr, 'chiSquare', { digits: 1 })} on ${num(lr, 'df', { digits: 0 })} degrees of freedom (p ${num(lr, 'pValue', { pValue: true })}), AIC ${num(r, 'aic', { digits: 1 })}.</p>`;
  const rows = fit.coefficients.map((c, k) => {
    const co = at(r, 'coefficients', k);
    return [
      name(c.term), num(co, 'estimate', { digits: 3 }), num(co, 'standardError', { digits: 3 }), num(co, 'zStatistic', { digits: 2 }), num(co, 'pValue', { pValue: true }),
      num(co, 'oddsRatio', { digits: 3 }), num(co, ['oddsRatioInterval', 0], { digits: 3 }), num(co, ['oddsRatioInterval', 1], { digits: 3 }),
    ];
  });
  return fitLine + table(
    `Coefficients of ${name(fit.outcome)} on the log-odds scale, with odds ratios (${num(r, ['options', 'confidenceLevel'], LEVEL)} Wald intervals)`,
    [
      { label: 'Term' }, { label: 'Estimate', numeric: true }, { label: 'Standard error', numeric: true }, { label: 'z', numeric: true }, { label: 'p', numeric: true },
      { label: 'Odds ratio', numeric: true }, { label: 'Lower', numeric: true }, { label: 'Upper', numeric: true },
    ],
    rows,
    'Odds ratio: how the odds of the outcome are multiplied by one more point on the driver, the other drivers held fixed.',
  );
}

/** The regression section, or undefined when no outcome was analysed. */
export function regressionSection(ctx: SectionContext): ReportSection | undefined {
  const outcomes = ctx.analysis.outcomes;
  if (outcomes.length === 0) return undefined;
  const refs = outcomes.map((_, k) => at(ctx.root, 'outcomes', k, 'regression'));
  const first = outcomes.findIndex((o) => o.regression.method !== 'logistic');
  const reading = first >= 0
    ? olsReading(outcomes[first]!.regression as OlsResult, refs[first]!)
    : logisticReading(outcomes[0]!.regression as LogisticResult, refs[0]!);
  const body = outcomes.map((o, k) => {
    const fit = o.regression;
    const heading = `<h3>${sentenceName(o.outcome)}: ${fit.method === 'logistic' ? 'logistic' : 'linear'} regression</h3>`;
    const extra = fit.method === 'logistic' && k !== 0 && first >= 0 ? `<p>${logisticReading(fit, refs[k]!)}</p>` : '';
    return `${heading}\n${extra}${fit.method === 'logistic' ? logisticBody(fit, refs[k]!) : olsBody(fit, refs[k]!)}`;
  }).join('\n');
  return { id: 'regression', title: 'Regression on the drivers', reading, body };
}
