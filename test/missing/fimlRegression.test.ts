import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ols, scaleScores } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';

// Reference: test/fixtures/r/fimlRegression.R (lavaan 0.6-14 sem(missing = "ml", fixed.x = FALSE),
// information = "observed"). Estimates from lavaan's EM for the saturated model (em.h1.tol 1e-11)
// mapped to the regression; standard errors are lavaan's observed-information SEs at those
// estimates. Measured: estimates within 4e-12 relative, SEs within 9e-11 (EM stops at a scaled
// change of 1e-12; lavaan's own EM at 1e-11), so the tests use 1e-10 and 1e-9.
const ref = JSON.parse(readFileSync(new URL('../fixtures/r/fimlRegression.json', import.meta.url), 'utf8'));
const survey = loadCsv('loyalty-survey.csv');
const scales = {
  satisfaction: { items: ['sat1', 'sat2', 'sat3'] },
  image: { items: ['img1', 'img2', 'img3'] },
  trust: { items: ['tru1', 'tru2', 'tru3'] },
  engagement: { items: ['eng1', 'eng2', 'eng3'] },
};
const drivers = Object.keys(scales);
const scores = scaleScores(survey, scales).scores;
const rows: Record<string, number | null>[] = survey.map((r, i) => ({
  recommend: r.recommend as number | null,
  ...Object.fromEntries(drivers.map((d) => [d, scores[d]![i] ?? null])),
}));
const dropped = new Set<number>((ref.outcomeDropped as number[]).map((i) => i - 1));
const withMissingOutcome = rows.map((r, i) => (dropped.has(i) ? { ...r, recommend: null } : r));

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.each([
  ['missing drivers', rows, ref.survey],
  ['missing drivers and outcome', withMissingOutcome, ref.missingOutcome],
] as const)('ols(missing: "fiml") vs lavaan: %s', (_, data, r) => {
  const fit = ols(data, { outcome: 'recommend', predictors: drivers, missing: 'fiml' });
  const c = r.converged;
  it('uses every row with an answer (n as lavaan nobs)', () => {
    expect(fit.n).toBe(r.n);
    expect(fit.missing.policy).toBe('fiml');
    expect(fit.missing.rowsUsed).toBe(r.n);
    expect(fit.algorithm).toBe('fiml-em');
    expect(fit.standardErrorType).toBe('observed-information');
  });
  it('intercept and slopes to 1e-10, their SEs to 1e-9', () => {
    const [intercept, ...slopes] = fit.coefficients;
    expect(rel(intercept!.estimate, c.intercept.est)).toBeLessThan(1e-10);
    expect(rel(intercept!.standardError, c.intercept.se)).toBeLessThan(1e-9);
    slopes.forEach((s, j) => {
      expect(s.term).toBe(drivers[j]);
      expect(rel(s.estimate, c.slopes[drivers[j]!].est)).toBeLessThan(1e-10);
      expect(rel(s.standardError, c.slopes[drivers[j]!].se)).toBeLessThan(1e-9);
    });
  });
  it('residual variance with its SE, R^2 and the log-likelihood', () => {
    expect(rel(fit.fiml!.residualVariance.estimate, c.residualVariance.est)).toBeLessThan(1e-10);
    expect(rel(fit.fiml!.residualVariance.standardError, c.residualVariance.se)).toBeLessThan(1e-9);
    expect(rel(fit.rSquared, c.rSquared)).toBeLessThan(1e-10);
    expect(rel(fit.fiml!.logLikelihood, c.logLikelihood)).toBeLessThan(1e-12);
  });
  it('z statistics, normal p-values and Wald intervals (lavaan parameterEstimates)', () => {
    const s = fit.coefficients[1]!;
    expect(s.intervalMethod).toBe('wald');
    expect(s.tStatistic).toBeCloseTo(s.estimate / s.standardError, 12);
    // 1.959963984540054 = qnorm(0.975)
    expect(s.confidenceInterval[0]).toBeCloseTo(s.estimate - 1.959963984540054 * s.standardError, 12);
    expect(s.pValue).toBeLessThan(1e-10);
  });
  it('the nlminb fit of lavaan agrees at its own convergence (1e-6)', () => {
    expect(rel(fit.coefficients[1]!.estimate, r.nlminb.slopes.satisfaction.est)).toBeLessThan(1e-6);
  });
});

describe('ols(missing) options', () => {
  it('listwise keeps fewer rows than FIML', () => {
    const listwise = ols(rows, { outcome: 'recommend', predictors: drivers });
    expect(listwise.n).toBe(1596);
    expect(ols(rows, { outcome: 'recommend', predictors: drivers, missing: 'fiml' }).n).toBe(2000);
  });
  it('refuses weights, robust and residuals with FIML, and FIML on summary input', () => {
    const base = { outcome: 'recommend', predictors: drivers, missing: 'fiml' } as const;
    expect(() => ols(rows, { ...base, robust: true })).toThrow(/options.robust: not available with missing: 'fiml'/);
    expect(() => ols(rows, { ...base, residuals: true })).toThrow(/options.residuals/);
    expect(() => ols(survey, { ...base, predictors: ['sat1'], weights: 'weight' })).toThrow(/options.weights/);
    const stats = {
      covariance: [
        [1, 0.5],
        [0.5, 1],
      ],
      variables: ['recommend', 'satisfaction'],
      n: 10,
    };
    expect(() => ols(stats, { outcome: 'recommend', predictors: ['satisfaction'], missing: 'fiml' })).toThrow(/needs rows/);
  });
  it('pairwise: the normal equations of the pairwise covariance matrix, n = the smallest pair count', () => {
    const fit = ols(rows, { outcome: 'recommend', predictors: drivers, missing: 'pairwise' });
    expect(fit.missing.policy).toBe('pairwise');
    expect(fit.n).toBe(fit.missing.pairwise!.min);
    // Hand check of one slope with one predictor: b = cov_pairwise(x, y) / var(x) over all answers of x.
    const one = ols(rows, { outcome: 'recommend', predictors: ['trust'], missing: 'pairwise' });
    const xy = rows.filter((r) => r.trust !== null && r.recommend !== null);
    const xs = rows.filter((r) => r.trust !== null).map((r) => r.trust as number);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const mx = mean(xy.map((r) => r.trust as number));
    const my = mean(xy.map((r) => r.recommend as number));
    const cxy = xy.reduce((a, r) => a + ((r.trust as number) - mx) * ((r.recommend as number) - my), 0) / (xy.length - 1);
    const mxs = mean(xs);
    const vx = xs.reduce((a, x) => a + (x - mxs) ** 2, 0) / (xs.length - 1);
    expect(rel(one.coefficients[1]!.estimate, cxy / vx)).toBeLessThan(1e-12);
  });
});
