/**
 * logisticRegression with a survey design against R survey::svyglm(family = quasibinomial()):
 * coefficients, deviances (weights rescaled to mean 1 as svyglm), linearized SEs, t and p on
 * df.residual = degf + 1 - k, t intervals (confint.svyglm), the Wald F (regTermTest).
 * References: test/fixtures/r/svyglm.R. 1e-9 relative (IRLS stops at glm's deviance criterion in
 * both; the estimates agree far below that, see the measured errors in the report).
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatLogisticRegression, logisticRegression } from '../../src/regression/index.js';
import { expectError, expectRel } from '../helpers/fixtures.js';
import { apiclus1, apistrat, loyaltyDesignRows, svyglmReference as R } from './designRows.js';

const REL = 1e-9;

function check(fit: ReturnType<typeof logisticRegression>, ref: any): void {
  for (const c of fit.coefficients) {
    expectRel(c.estimate, ref.coefficients[c.term], REL, `estimate ${c.term}`);
    expectRel(c.standardError, ref.std_errors[c.term], REL, `SE ${c.term}`);
    expectRel(c.zStatistic, ref.t_values[c.term], REL, `t ${c.term}`);
    expectRel(c.pValue, ref.p_values[c.term], REL, `p ${c.term}`);
    expectRel(c.confidenceInterval[0], ref.conf_int_95[c.term][0], REL, `lower ${c.term}`);
    expectRel(c.confidenceInterval[1], ref.conf_int_95[c.term][1], REL, `upper ${c.term}`);
    expect(c.intervalMethod).toBe('t');
  }
  expect(fit.dfResidual).toBe(ref.df_residual);
  expect(fit.design?.degreesOfFreedom).toBe(ref.degf);
  expect(fit.n).toBe(ref.n);
  expectRel(fit.deviance, ref.deviance, REL, 'deviance');
  expectRel(fit.nullDeviance, ref.null_deviance, REL, 'null deviance');
  expect(fit.likelihoodRatio).toBeNull();
  expectRel(fit.designWaldTest!.fStatistic, ref.wald_f, REL, 'Wald F');
  expectRel(fit.designWaldTest!.pValue, ref.wald_p, REL, 'Wald F p');
  expect(fit.designWaldTest!.dfResidual).toBe(ref.wald_ddf);
}

describe('logisticRegression with design (R svyglm, quasibinomial)', () => {
  const model = { outcome: 'sch_wide', predictors: ['api99', 'enroll'] };
  it('apistrat (strata, fpc) and apiclus1 (clusters, fpc)', () => {
    check(logisticRegression(apistrat(), { ...model, design: { weights: 'pw', strata: 'stype', fpc: 'fpc' } }), R.apistrat_quasibinomial);
    check(logisticRegression(apiclus1(), { ...model, design: { weights: 'pw', clusters: 'dnum', fpc: 'fpc' } }), R.apiclus1_quasibinomial);
  });
  it('the survey with missing items: strata, clusters, fpc', () => {
    const fit = logisticRegression(loyaltyDesignRows(), {
      outcome: 'retained',
      predictors: ['sat1', 'tru1', 'eng1'],
      design: { weights: 'weight', strata: 'region', clusters: 'cluster', fpc: 'fpc_psu' },
    });
    check(fit, R.loyalty_quasibinomial);
    expect(fit.options.design).toEqual({ weights: 'weight', strata: 'region', clusters: 'cluster', fpc: 'fpc_psu' });
    expect(formatLogisticRegression(fit)).toMatch(/t value[\s\S]*design-based Wald F/);
  });
  it('without a design nothing changes: Wald z, the LR test, design null', () => {
    const fit = logisticRegression(apistrat(), model);
    expect(fit.design).toBeNull();
    expect(fit.likelihoodRatio).not.toBeNull();
    expect(fit.coefficients[1]!.intervalMethod).toBe('wald');
  });
  it('weights with design: INVALID_OPTION', () => {
    expectError(
      () => logisticRegression(apistrat(), { ...model, weights: 'pw', design: { weights: 'pw' } }),
      InputError,
      'INVALID_OPTION',
      ['weights'],
    );
  });
});
