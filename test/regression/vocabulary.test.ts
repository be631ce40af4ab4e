// The one vocabulary (docs/guides/conventions.md) on the regression results: each coefficient
// carries estimate, standardError, confidenceInterval, confidenceLevel and intervalMethod ('t' for
// OLS, 'wald' for logistic); results carry kebab-case method and warnings.
import { describe, expect, it } from 'vitest';
import { logisticRegression, ols, sufficientStatistics } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { expectEstimateFields, expectNoRetiredKeys, expectWarnings, KEBAB } from '../helpers/vocabulary.js';

const rows = loadCsv('loyalty-survey.csv').slice(0, 300);
const predictors = ['sat1', 'tru1', 'img1'];

describe('the vocabulary of the regression results', () => {
  it('ols (rows and summary statistics): coefficients in the vocabulary, t intervals, warnings', () => {
    const fromRows = ols(rows, { outcome: 'recommend', predictors, confidenceLevel: 0.9 });
    const stats = sufficientStatistics(rows, { columns: ['recommend', ...predictors] });
    const fromStats = ols(stats, { outcome: 'recommend', predictors, confidenceLevel: 0.9 });
    for (const [r, what] of [
      [fromRows, 'ols rows'],
      [fromStats, 'ols statistics'],
    ] as const) {
      expect(r.method).toMatch(KEBAB);
      expect(expectWarnings(r, what)).toEqual([]);
      for (const c of r.coefficients) expectEstimateFields(c, `${what} ${c.term}`, { level: 0.9, intervalMethod: 't' });
      expectNoRetiredKeys(r, what);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
  });

  it('logisticRegression: Wald intervals on the log-odds, warnings', () => {
    const r = logisticRegression(rows, { outcome: 'retained', predictors });
    expect(r.method).toMatch(KEBAB);
    expect(expectWarnings(r, 'logistic')).toEqual([]);
    for (const c of r.coefficients) expectEstimateFields(c, `logistic ${c.term}`, { intervalMethod: 'wald' });
    expectNoRetiredKeys(r, 'logistic');
  });
});
