import { describe, expect, it } from 'vitest';
import { ols } from '../../src/regression/index.js';
import { fitFromStatistics } from '../../src/regression/fitFromStatistics.js';
import { sufficientStatistics } from '../../src/summary/index.js';
import { digits, expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';
import { InputError, InsufficientDataError, NumericalError } from '../../src/errors.js';
import { DRIVERS, reference, rReference, surveyRows } from './survey.js';

const rows = surveyRows();
const P = [...DRIVERS];
const model = { outcome: 'recommend', predictors: P };
const REL = 1e-9;

describe('ols from sufficient statistics (normal equations of the centred SSCP, Cholesky)', () => {
  const stats = sufficientStatistics(rows, { columns: ['recommend', ...P] });
  const fromRows = ols(rows, model);
  const fit = ols(stats, model);
  it('matches R lm on the survey to 1e-9, and the rows path to >= 12 digits', () => {
    expect(fit.algorithm).toBe('cholesky-sscp');
    expect(fit.source).toBe('sufficient-statistics');
    const agreement: number[] = [];
    fit.coefficients.forEach((c, j) => {
      const r = fromRows.coefficients[j]!;
      expect(c.term).toBe(r.term);
      expectRel(c.estimate, reference.ols.coefficients[c.term], REL, c.term);
      expectRel(c.standardError, reference.ols.std_errors[c.term], REL, c.term);
      expectRel(c.confidenceInterval[1], reference.ols.conf_int_95[c.term][1], REL, c.term);
      agreement.push(digits(c.estimate, r.estimate), digits(c.standardError, r.standardError));
    });
    expectRel(fit.rSquared, reference.ols.r_squared, REL);
    expectRel(fit.sigma, reference.ols.sigma, REL);
    expectRel(fit.fStatistic, reference.ols.f_statistic, REL);
    for (const p of P) expectRel(fit.vif[p]!, reference.ols.vif[p], REL, p);
    // Measured 14.0 to 15.4 digits of agreement with the QR path (docs/guides/regression.md).
    expect(Math.min(...agreement)).toBeGreaterThanOrEqual(12);
  });
  it('weighted statistics give the weighted fit (R lm(weights =))', () => {
    const w = ols(sufficientStatistics(rows, { columns: ['recommend', ...P], weights: 'weight' }), model);
    expect(w.method).toBe('wls');
    for (const c of w.coefficients) {
      expectRel(c.estimate, reference.weighted_ols.coefficients[c.term], REL, c.term);
      expectRel(c.standardError, reference.weighted_ols.std_errors[c.term], REL, c.term);
    }
    expectRel(w.rSquared, reference.weighted_ols.r_squared, REL);
  });
  it('on Longley the cross-product path still reaches >= 10 digits (centred, compensated SSCP)', () => {
    const data = loadCsv('longley-nist.csv');
    const cert = loadJson('longley-nist.json').certified;
    const x = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
    const f = ols(sufficientStatistics(data, { columns: ['y', ...x] }), { outcome: 'y', predictors: x });
    const lre = f.coefficients.flatMap((c, j) => [digits(c.estimate, cert.coefficients[j]), digits(c.standardError, cert.std_errors[j])]);
    // Measured 12.1 to 15.6 digits (the QR path: 13.6 to 15.3; ml-regression: 0). Centring and
    // the compensated cross-products keep the normal equations well conditioned enough here; the
    // QR path stays the one used whenever rows exist.
    expect(Math.min(...lre)).toBeGreaterThanOrEqual(10);
    expect(digits(f.rSquared, cert.r_squared)).toBeGreaterThanOrEqual(9);
  });
  it('a correlation matrix gives the standardized fit (R lm on z-scores), with no intercept row', () => {
    const R = reference.driver_correlations as number[][];
    const s = sufficientStatistics(rows, { columns: ['recommend', ...P] });
    const k = P.length + 1;
    const corr = Array.from({ length: k }, (_, i) =>
      Array.from({ length: k }, (_, j) => s.sscp[i]![j]! / Math.sqrt(s.sscp[i]![i]! * s.sscp[j]![j]!)),
    );
    // The shared reference's driver correlations are R's cor() of the same scores:
    corr.slice(1).forEach((row, i) => row.slice(1).forEach((v, j) => expectRel(v, R[i]![j]!, REL)));
    const f = ols({ correlation: corr, variables: ['recommend', ...P], n: 1596 }, model);
    const Z = rReference.standardized_fit;
    expect(f.source).toBe('correlation');
    expect(f.coefficients.map((c) => c.term)).toEqual(P);
    for (const c of f.coefficients) {
      expectRel(c.estimate, Z.coefficients[c.term], REL, c.term);
      expectRel(c.estimate, reference.standardized_betas[c.term], REL, c.term);
      expectRel(c.standardizedEstimate!, c.estimate, 1e-15, c.term);
      expectRel(c.standardError, Z.std_errors[c.term], REL, c.term);
      expectRel(c.pValue, Z.p_values[c.term], REL, c.term);
    }
    expectRel(f.sigma, Z.sigma, REL);
    expectRel(f.rSquared, Z.r_squared, REL);
    expect(f.dfResidual).toBe(Z.df_residual);
  });
  it('a covariance matrix with means gives the raw fit with intercept; without means, no intercept row', () => {
    const cov = stats.sscp.map((row) => row.map((v) => v / (stats.n - 1)));
    const withMeans = ols({ covariance: cov, variables: stats.variables, n: stats.n, means: stats.means }, model);
    withMeans.coefficients.forEach((c) => expectRel(c.standardError, reference.ols.std_errors[c.term], REL, c.term));
    const noMeans = ols({ covariance: cov, variables: stats.variables, n: stats.n }, model);
    expect(noMeans.coefficients.map((c) => c.term)).toEqual(P);
    noMeans.coefficients.forEach((c) => expectRel(c.estimate, reference.ols.coefficients[c.term], REL, c.term));
  });
  it('refuses options that need rows, naming them', () => {
    expectError(() => ols(stats, { ...model, robust: 'HC3' }), InputError, 'INVALID_OPTION', ['options.robust', 'rows']);
    expectError(() => ols(stats, { ...model, residuals: true }), InputError, 'INVALID_OPTION', ['options.residuals']);
    expectError(() => ols(stats, { ...model, weights: 'weight' }), InputError, 'INVALID_OPTION', ['options.weights']);
    expectError(() => ols(stats, { outcome: 'recommend', predictors: ['loyalty'] }), InputError, 'COLUMN_NOT_FOUND', ['loyalty']);
  });
});

describe('fitFromStatistics (internal, for src/importance)', () => {
  const stats = sufficientStatistics(rows, { columns: ['recommend', ...P] });
  it('R2 and coefficients of any subset; the empty subset has R2 = 0', () => {
    const full = fitFromStatistics(stats, 'recommend', P);
    expectRel(full.rSquared, reference.ols.r_squared, REL);
    P.forEach((p, j) => {
      expectRel(full.slopes[j]!, reference.ols.coefficients[p], REL, p);
      expectRel(full.standardizedSlopes[j]!, reference.standardized_betas[p], REL, p);
    });
    expectRel(full.intercept, reference.ols.coefficients['(Intercept)'], REL);
    const none = fitFromStatistics(stats, 'recommend', []);
    expect(none.rSquared).toBe(0);
    expect(none.slopes).toEqual([]);
    // One predictor: R2 = r^2 (the shared reference's "first" metric squares the same correlations).
    const one = fitFromStatistics(stats, 'recommend', ['trust']);
    const r = stats.sscp[0]![3]! / Math.sqrt(stats.sscp[0]![0]! * stats.sscp[3]![3]!);
    expectRel(one.rSquared, r * r, 1e-14);
    // Order of predictors does not change R2.
    expectRel(fitFromStatistics(stats, 'recommend', ['engagement', 'satisfaction', 'trust', 'image']).rSquared, full.rSquared, 1e-14);
  });
  it('accepts a correlation matrix directly', () => {
    const corr = stats.sscp.map((row, i) => row.map((v, j) => v / Math.sqrt(stats.sscp[i]![i]! * stats.sscp[j]![j]!)));
    const f = fitFromStatistics({ correlation: corr, variables: stats.variables, n: stats.n }, 'recommend', ['satisfaction', 'image']);
    const g = fitFromStatistics(stats, 'recommend', ['satisfaction', 'image']);
    expectRel(f.rSquared, g.rSquared, 1e-13);
    f.standardizedSlopes.forEach((b, j) => expectRel(b, g.standardizedSlopes[j]!, 1e-13));
  });
  it('collinear and constant predictors are typed errors naming them', () => {
    const dup = sufficientStatistics(
      rows.map((r) => ({ ...r, copy: 2 * (r['trust'] as number) + 1, flat: 3 })),
      { columns: ['recommend', 'trust', 'copy', 'flat'] },
    );
    expectError(() => fitFromStatistics(dup, 'recommend', ['trust', 'copy']), NumericalError, 'RANK_DEFICIENT', ['"copy"', 'trust']);
    expectError(() => fitFromStatistics(dup, 'recommend', ['flat']), InsufficientDataError, 'ZERO_VARIANCE', ['"flat"']);
  });
});
