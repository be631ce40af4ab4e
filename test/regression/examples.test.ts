// The TSDoc @example blocks of src/regression, run as written; expected values are R's
// (lm and glm on the same rows: see the comments in each example).
import { describe, expect, it } from 'vitest';
import { formatLogisticRegression, formatOls, logisticRegression, ols } from '../../src/regression/index.js';
import { expectRel } from '../helpers/fixtures.js';

const rows = [
  { recommend: 9, satisfaction: 6.0, trust: 5.7 },
  { recommend: 7, satisfaction: 5.3, trust: 4.0 },
  { recommend: 4, satisfaction: 3.0, trust: 3.3 },
  { recommend: 8, satisfaction: 6.3, trust: 5.0 },
  { recommend: 6, satisfaction: 4.0, trust: 4.7 },
  { recommend: 3, satisfaction: 2.7, trust: 2.0 },
];
const customers = [
  { retained: 1, trust: 6 },
  { retained: 0, trust: 2 },
  { retained: 1, trust: 5 },
  { retained: 0, trust: 4 },
  { retained: 1, trust: 3 },
  { retained: 0, trust: 1 },
  { retained: 1, trust: 7 },
  { retained: 0, trust: 5 },
];

describe('TSDoc examples', () => {
  it('ols (R: summary(lm(recommend ~ satisfaction + trust)))', () => {
    const fit = ols(rows, { outcome: 'recommend', predictors: ['satisfaction', 'trust'] });
    const c = fit.coefficients[1]!;
    expect(c.term).toBe('satisfaction');
    expectRel(c.estimate, 0.923879674, 1e-9);
    expectRel(c.standardError, 0.1933565599, 1e-9);
    expectRel(c.tStatistic, 4.778113937, 1e-9);
    expectRel(c.pValue, 0.0174233836, 1e-9);
    expectRel(c.confidenceInterval[0], 0.30853280416, 1e-9);
    expectRel(c.confidenceInterval[1], 1.5392265438, 1e-9);
    expect(c.standardizedEstimate!.toFixed(5)).toBe('0.61409');
    expect(fit.rSquared.toFixed(5)).toBe('0.98575');
  });
  it('logisticRegression (R: glm(retained ~ trust, binomial), 4 iterations)', () => {
    const fit = logisticRegression(customers, { outcome: 'retained', predictors: ['trust'] });
    const c = fit.coefficients[1]!;
    expectRel(c.estimate, 0.8483155148, 1e-9);
    expectRel(c.standardError, 0.5960853166, 1e-9);
    expectRel(c.zStatistic, 1.423144458, 1e-9);
    expectRel(c.pValue, 0.1546942827, 1e-9);
    expect(c.oddsRatio.toFixed(4)).toBe('2.3357');
    expect(c.oddsRatioInterval.map((v) => v.toPrecision(5))).toEqual(['0.72616', '7.5129']);
    expect(c.standardizedEstimate!.toFixed(4)).toBe('1.7229');
    expect(fit.convergence).toMatchObject({ converged: true, iterations: 4, tolerance: 1e-8 });
  });
  it('formatOls and formatLogisticRegression', () => {
    const text = formatOls(ols(rows, { outcome: 'recommend', predictors: ['satisfaction', 'trust'] }));
    expect(text.split('\n')).toEqual([
      'OLS of recommend on satisfaction, trust (n = 6, from rows)',
      'term          estimate  std. error  t value  p value             95% CI   beta   VIF',
      '(Intercept)    -1.0462      0.5263   -1.988   0.1410  [-2.7211, 0.6287]             ',
      'satisfaction    0.9239      0.1934    4.778   0.0174   [0.3085, 1.5392]  0.614  3.48',
      'trust           0.7310      0.2246    3.255   0.0473   [0.0163, 1.4457]  0.418  3.48',
      'Residual standard error 0.3571 on 3 df; R-squared 0.9857, adjusted 0.9762',
      'F = 103.74 on 2 and 3 df, p = 0.0017',
    ]);
    const logit = formatLogisticRegression(logisticRegression(customers, { outcome: 'retained', predictors: ['trust'] }));
    expect(logit).toContain('trust          0.8483      0.5961    1.423   0.1547       2.336       [0.726, 7.513]');
    expect(logit).toContain('IRLS iterations: 4 (converged');
  });
});
