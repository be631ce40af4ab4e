import { describe, expect, it } from 'vitest';
import { NumericalError } from '../../src/errors.js';
import { logisticRegression } from '../../src/regression/index.js';
import { seeded } from '../../bench/harness.js';
import { expectError, expectRel } from '../helpers/fixtures.js';
import { DRIVERS, reference, rReference, surveyRows } from './survey.js';

const rows = surveyRows();
const P = [...DRIVERS];
const model = { outcome: 'retained', predictors: P };
// Issue 5: 1e-7 against R glm. The IRLS runs the same iterations as glm.fit, so we also hold 1e-9.
const REL = 1e-9;

describe('logisticRegression against R glm(binomial) (loyalty-survey.json "logistic_retained")', () => {
  const fit = logisticRegression(rows, model);
  const ref = reference.logistic_retained;
  const R = rReference.logistic;
  it('coefficients, SEs, z, p, Wald intervals and odds ratios', () => {
    expect(fit.coefficients.map((c) => c.term)).toEqual(['(Intercept)', ...P]);
    for (const c of fit.coefficients) {
      expectRel(c.estimate, ref.coefficients[c.term], REL, c.term);
      expectRel(c.standardError, ref.std_errors[c.term], REL, c.term);
      expectRel(c.zStatistic, ref.z_values[c.term], REL, c.term);
      expectRel(c.pValue, ref.p_values[c.term], REL, c.term);
      expectRel(c.confidenceInterval[0], R.conf_int_wald_95[c.term][0], REL, c.term);
      expectRel(c.confidenceInterval[1], R.conf_int_wald_95[c.term][1], REL, c.term);
      expectRel(c.oddsRatio, Math.exp(ref.coefficients[c.term]), REL, c.term);
      expectRel(c.oddsRatioInterval[1], Math.exp(R.conf_int_wald_95[c.term][1]), REL, c.term);
    }
  });
  it('deviance, null deviance, AIC, log-likelihood, McFadden R2, LR test, df, n', () => {
    expect(fit.n).toBe(ref.n);
    expectRel(fit.deviance, ref.deviance, REL);
    expectRel(fit.nullDeviance, ref.null_deviance, REL);
    expectRel(fit.aic, ref.aic, REL);
    expectRel(fit.aic, R.aic, REL);
    expectRel(fit.logLikelihood, R.log_likelihood, REL);
    expectRel(fit.mcFaddenRSquared, ref.mcfadden_r2, REL);
    expectRel(fit.likelihoodRatio!.pValue, R.lr_test_p_value, REL);
    expect(fit.likelihoodRatio!.df).toBe(4);
    expect(fit.dfResidual).toBe(R.df_residual);
    expect(fit.dfNull).toBe(R.df_null);
  });
  it('reports convergence as glm does (same iteration count)', () => {
    expect(fit.convergence).toMatchObject({ converged: true, iterations: R.iterations, tolerance: 1e-8 });
    expect(fit.convergence.finalChange).toBeLessThan(1e-8);
  });
  it('fitted probabilities on request; a plain JSON result', () => {
    expect(fit.fittedProbabilities).toBeUndefined();
    const f = logisticRegression(rows, { ...model, fitted: true });
    R.fitted_first5.forEach((p: number, i: number) => expectRel(f.fittedProbabilities![i]!, p, REL));
    expect(f.rowIndex).toHaveLength(1596);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });
  it('prior weights as glm(weights = weight): estimates, SEs, deviances', () => {
    const w = logisticRegression(rows, { ...model, weights: 'weight' });
    const W = rReference.logistic_weighted;
    for (const c of w.coefficients) {
      expectRel(c.estimate, W.coefficients[c.term], REL, c.term);
      expectRel(c.standardError, W.std_errors[c.term], REL, c.term);
    }
    expectRel(w.deviance, W.deviance, REL);
    expectRel(w.nullDeviance, W.null_deviance, REL);
    expect(w.convergence.iterations).toBe(W.iterations);
  });
});

describe('separation is a typed error naming the predictors', () => {
  it('complete separation by one predictor', () => {
    // Worked: retained = 1 exactly when tenure > 4, so tenure separates; noise does not.
    const noise = [3, 1, 4, 1, 5, 9, 2, 6];
    const data = [1, 2, 3, 4, 5, 6, 7, 8].map((t, i) => ({ retained: t > 4 ? 1 : 0, tenure: t, noise: noise[i] }));
    const e = expectError(
      () => logisticRegression(data, { outcome: 'retained', predictors: ['noise', 'tenure'] }),
      NumericalError,
      'SEPARATION',
      ['complete separation', '"tenure"', '8 of 8'],
    );
    expect(e.message).not.toContain('"noise"');
    expect((e as NumericalError).location.column).toBe('tenure');
  });
  it('quasi-complete separation (ties at the boundary)', () => {
    // tenure 4 has one retained and one not; every other case is separated by tenure.
    const data = [1, 2, 3, 4, 4, 5, 6, 7, 8].map((t, i) => ({
      retained: t > 4 ? 1 : t === 4 ? i % 2 : 0,
      tenure: t,
      noise: [3, 1, 4, 1, 1, 9, 2, 6, 5][i],
    }));
    const e = expectError(
      () => logisticRegression(data, { outcome: 'retained', predictors: ['noise', 'tenure'] }),
      NumericalError,
      'SEPARATION',
      ['"tenure"', '7 of 9'],
    );
    expect(e.message).not.toContain('complete separation');
  });
  it('separation by a combination that no single predictor achieves', () => {
    const rand = seeded(7);
    const data = Array.from({ length: 60 }, () => {
      const a = rand() * 10,
        b = rand() * 10;
      return { a, b, z: rand(), retained: a + b > 10 ? 1 : 0 };
    });
    const e = expectError(
      () => logisticRegression(data, { outcome: 'retained', predictors: ['z', 'a', 'b'] }),
      NumericalError,
      'SEPARATION',
      ['"a"', '"b"'],
    );
    expect(e.message).not.toContain('"z"');
  });
  it('a strong but overlapping predictor is fitted, not flagged (fitted probabilities near 0 and 1 are fine)', () => {
    const rand = seeded(11);
    const data = Array.from({ length: 400 }, () => {
      const x = rand() * 12 - 6;
      return { x, retained: rand() < 1 / (1 + Math.exp(-3 * x)) ? 1 : 0 };
    });
    const fit = logisticRegression(data, { outcome: 'retained', predictors: ['x'], fitted: true });
    expect(fit.coefficients[1]!.estimate).toBeGreaterThan(1.5);
    expect(Math.min(...fit.fittedProbabilities!)).toBeLessThan(1e-6);
  });
});
