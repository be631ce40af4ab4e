/**
 * relativeImportance against R: relaimpo calc.relimp values in the shared references
 * (loyalty-survey.json relative_importance, wide-10.json) and brute-force R (test/fixtures/r/importance.R:
 * lm on every subset, metrics from cov.wt formulas) for weights, Johnson on wide-10 and a 12-predictor set.
 * Tolerance: 1e-9 relative throughout (the references print 15 to 17 significant digits).
 */
import { describe, expect, it } from 'vitest';
import { relativeImportance, sufficientStatistics } from '../../src/index.js';
import type { ImportanceMetric } from '../../src/index.js';
import { expectRel } from '../helpers/fixtures.js';
import { DRIVERS, P12, WIDE, driverRows, p12Rows, plainCorrelation, rReference, survey, wide, wideRows } from './data.js';

const ALL: ImportanceMetric[] = ['lmg', 'first', 'last', 'betasq', 'pratt', 'car', 'johnson'];

function expectMetrics(
  result: ReturnType<typeof relativeImportance>,
  reference: Record<string, Record<string, number>>,
  metrics: readonly ImportanceMetric[],
  names: readonly string[],
  label: string,
): void {
  for (const m of metrics) {
    for (const name of names) expectRel(result.importance[m]![name]!, reference[m]![name]!, 1e-9, `${label} ${m} ${name}`);
  }
}

describe('relativeImportance: loyalty survey vs relaimpo (loyalty-survey.json relative_importance)', () => {
  const ref = survey().relative_importance;
  const options = { outcome: 'recommend', predictors: [...DRIVERS] };

  it('from rows: every metric to 1e-9, n = 1596, R2 as lm', () => {
    const r = relativeImportance(driverRows(), options);
    expect(r.n).toBe(1596);
    expect(r.metrics).toEqual(ALL);
    expectRel(r.rSquared, survey().ols.r_squared, 1e-9, 'R2');
    expectMetrics(r, ref, ALL, DRIVERS, 'rows');
    // standardized coefficients = relaimpo's betasq roots with lm's signs (reference standardized_betas)
    for (const d of DRIVERS) expectRel(r.standardizedCoefficients[d]!, survey().standardized_betas[d], 1e-9, `beta ${d}`);
  });

  it('from a correlation matrix (computed plainly in the test), sufficient statistics and a covariance matrix', () => {
    const rows = driverRows();
    const variables = ['recommend', ...DRIVERS];
    const correlation = plainCorrelation(rows, variables);
    const fromCorrelation = relativeImportance({ correlation, variables, n: rows.length }, options);
    expect(fromCorrelation.source).toBe('correlation');
    expectMetrics(fromCorrelation, ref, ALL, DRIVERS, 'correlation');
    const stats = sufficientStatistics(rows, { columns: variables });
    expectMetrics(relativeImportance(stats, options), ref, ALL, DRIVERS, 'sufficient statistics');
    const covariance = stats.sscp.map((row) => row.map((v) => v / (stats.n - 1)));
    const fromCovariance = relativeImportance({ covariance, variables, n: stats.n }, options);
    expect(fromCovariance.source).toBe('covariance');
    expectMetrics(fromCovariance, ref, ALL, DRIVERS, 'covariance');
  });

  it('lmg, pratt, car and johnson sum to R2; shares sum to 1; ranks follow the values', () => {
    const r = relativeImportance(driverRows(), options);
    for (const m of ['lmg', 'pratt', 'car', 'johnson'] as const) {
      expectRel(
        DRIVERS.reduce((a, d) => a + r.importance[m]![d]!, 0),
        r.rSquared,
        1e-12,
        `sum ${m}`,
      );
    }
    for (const m of ALL)
      expectRel(
        DRIVERS.reduce((a, d) => a + r.shares[m]![d]!, 0),
        1,
        1e-12,
        `shares ${m}`,
      );
    // relaimpo lmg: trust 0.1417 > satisfaction 0.1352 > engagement 0.0955 > image 0.0736
    expect(r.ranks.lmg).toEqual({ trust: 1, satisfaction: 2, engagement: 3, image: 4 });
    expectRel(r.shares.lmg!.trust!, ref.lmg.trust / r.rSquared, 1e-9, 'share');
  });

  it('metrics option selects and orders metrics; the result round-trips through JSON', () => {
    const r = relativeImportance(driverRows(), { ...options, metrics: ['car', 'lmg'] });
    expect(r.metrics).toEqual(['lmg', 'car']);
    expect(Object.keys(r.importance)).toEqual(['lmg', 'car']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.shapley).toEqual({ method: 'exact', subsets: 16 });
    const noLmg = relativeImportance(driverRows(), { ...options, metrics: ['first'] });
    expect(noLmg.shapley).toBeUndefined();
  });

  it('sampling weights: every metric as brute-force weighted lm / cov.wt in R', () => {
    const w = rReference().weighted;
    const r = relativeImportance(driverRows(), { ...options, weights: 'weight' });
    expect(r.weighted).toBe(true);
    expectRel(r.rSquared, w.r_squared, 1e-9, 'weighted R2');
    expectRel(r.rSquared, survey().weighted_ols.r_squared, 1e-9, 'weighted R2 vs lm');
    expectMetrics(r, w, ALL, DRIVERS, 'weighted');
  });

  it('missing values are dropped listwise and reported', () => {
    const rows = driverRows().map((r, i) => (i < 10 ? { ...r, trust: null } : r));
    const r = relativeImportance(rows, options);
    expect(r.n).toBe(1586);
    expect(r.missing).toMatchObject({ rowsIn: 1596, rowsUsed: 1586, rowsDropped: 10, byColumn: { trust: 10 } });
  });
});

describe('relativeImportance: wide-10 (10 collinear predictors) vs relaimpo (wide-10.json)', () => {
  const ref = wide();
  it('every relaimpo metric to 1e-9 and Johnson vs R (r/importance.json)', () => {
    const r = relativeImportance(wideRows(), { outcome: 'y', predictors: WIDE });
    expect(r.n).toBe(ref.n);
    expectRel(r.rSquared, ref.r_squared, 1e-9, 'R2');
    expectMetrics(r, ref, ['lmg', 'first', 'last', 'betasq', 'pratt', 'car'], WIDE, 'wide-10');
    for (const d of WIDE) expectRel(r.importance.johnson![d]!, rReference().wide10_johnson[d], 1e-9, `johnson ${d}`);
    expect(r.shapley).toEqual({ method: 'exact', subsets: 1024 });
  });
});

describe('relativeImportance: 12 predictors vs brute force in R (4,096 lm fits)', () => {
  it('every metric to 1e-9', () => {
    const ref = rReference().p12;
    const r = relativeImportance(p12Rows(), { outcome: 'y', predictors: P12 });
    expect(r.n).toBe(ref.n);
    expectRel(r.rSquared, ref.r_squared, 1e-9, 'R2');
    expectMetrics(r, ref, ALL, P12, 'p12');
  });
});

describe('relativeImportance: sampled Shapley (permutation sampling)', () => {
  it('is within its stated error bound of the exact lmg, sums to R2, and reproduces with its seed', () => {
    const rows = p12Rows();
    const exact = relativeImportance(rows, { outcome: 'y', predictors: P12, metrics: ['lmg'] });
    const options = {
      outcome: 'y',
      predictors: P12,
      metrics: ['lmg'] as ImportanceMetric[],
      shapley: { method: 'sampled' as const, permutations: 4000, seed: 7 },
    };
    const sampled = relativeImportance(rows, options);
    expect(sampled.shapley?.method).toBe('sampled');
    if (sampled.shapley?.method !== 'sampled') throw new Error('unreachable');
    expect(sampled.shapley.permutations).toBe(4000);
    // Hoeffding bound with the union bound: R2 * sqrt(log(2 p / 0.05) / (2 * 2000 pairs))
    expectRel(sampled.shapley.errorBound, exact.rSquared * Math.sqrt(Math.log((2 * 12) / 0.05) / 4000), 1e-12, 'bound');
    expectRel(
      P12.reduce((a, x) => a + sampled.importance.lmg![x]!, 0),
      exact.rSquared,
      1e-12,
      'efficiency',
    );
    for (const x of P12) {
      const error = Math.abs(sampled.importance.lmg![x]! - exact.importance.lmg![x]!);
      expect(error).toBeLessThanOrEqual(sampled.shapley.errorBound);
      // and, more tightly, within 4.5 Monte Carlo standard errors (|z| > 4.5 has probability < 1e-5)
      expect(error).toBeLessThanOrEqual(4.5 * sampled.shapley.standardErrors[x]!);
    }
    expect(relativeImportance(rows, options)).toEqual(sampled);
    const other = relativeImportance(rows, { ...options, shapley: { ...options.shapley, seed: 8 } });
    expect(other.importance.lmg).not.toEqual(sampled.importance.lmg);
  });
});
