/**
 * ols with a survey design against R survey::svyglm (gaussian): coefficients, linearized SEs, t
 * and p on df.residual = degf + 1 - k (summary.svyglm), t intervals (confint.svyglm) and the Wald
 * F of all slopes (regTermTest). References: test/fixtures/r/svyglm.R. 1e-9 relative throughout.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ols } from '../../src/regression/index.js';
import { expectError, expectRel } from '../helpers/fixtures.js';
import { apiclus1, apistrat, loyaltyDesignRows, svyglmReference as R } from './designRows.js';

const REL = 1e-9;

function check(fit: ReturnType<typeof ols>, ref: any): void {
  for (const c of fit.coefficients) {
    expectRel(c.estimate, ref.coefficients[c.term], REL, `estimate ${c.term}`);
    expectRel(c.standardError, ref.std_errors[c.term], REL, `SE ${c.term}`);
    expectRel(c.tStatistic, ref.t_values[c.term], REL, `t ${c.term}`);
    expectRel(c.pValue, ref.p_values[c.term], REL, `p ${c.term}`);
    expectRel(c.confidenceInterval[0], ref.conf_int_95[c.term][0], REL, `lower ${c.term}`);
    expectRel(c.confidenceInterval[1], ref.conf_int_95[c.term][1], REL, `upper ${c.term}`);
    expect(c.intervalMethod).toBe('t');
  }
  expect(fit.dfResidual).toBe(ref.df_residual);
  expect(fit.design?.degreesOfFreedom).toBe(ref.degf);
  expect(fit.n).toBe(ref.n);
  expect(fit.standardErrorType).toBe('design');
  expectRel(fit.fStatistic, ref.wald_f, REL, 'Wald F');
  expectRel(fit.fPValue, ref.wald_p, REL, 'Wald F p');
}

describe('ols with design (R svyglm, gaussian)', () => {
  it('apistrat: strata by school type, fpc', () => {
    const fit = ols(apistrat(), {
      outcome: 'api00',
      predictors: ['api99', 'enroll'],
      design: { weights: 'pw', strata: 'stype', fpc: 'fpc' },
    });
    check(fit, R.apistrat_gaussian);
    expect(fit.design).toEqual({
      strata: 3,
      clusters: 200,
      degreesOfFreedom: 197,
      finitePopulationCorrection: true,
      lonelyPsu: 'fail',
      lonelyStrata: [],
      designEffect: null,
    });
  });
  it('apiclus1: 15 districts as clusters, with and without fpc; 90% intervals', () => {
    const model = { outcome: 'api00', predictors: ['api99', 'enroll'] };
    check(ols(apiclus1(), { ...model, design: { weights: 'pw', clusters: 'dnum', fpc: 'fpc' } }), R.apiclus1_gaussian);
    check(ols(apiclus1(), { ...model, design: { weights: 'pw', clusters: 'dnum' } }), R.apiclus1_nofpc_gaussian);
    const f90 = ols(apiclus1(), { ...model, design: { weights: 'pw', clusters: 'dnum', fpc: 'fpc' }, confidenceLevel: 0.9 });
    for (const c of f90.coefficients) {
      expectRel(c.confidenceInterval[0], R.apiclus1_gaussian.conf_int_90[c.term][0], REL);
      expectRel(c.confidenceInterval[1], R.apiclus1_gaussian.conf_int_90[c.term][1], REL);
    }
  });
  it('the survey: strata, 80 clusters, fpc, rows with a missing item left out (svyglm na.omit)', () => {
    const rows = loyaltyDesignRows();
    const model = { outcome: 'recommend', predictors: ['sat1', 'tru1', 'eng1'] };
    const fit = ols(rows, { ...model, design: { weights: 'weight', strata: 'region', clusters: 'cluster', fpc: 'fpc_psu' } });
    check(fit, R.loyalty_gaussian);
    expect(fit.missing.rowsDropped).toBe(2000 - R.loyalty_gaussian.n);
    // The coefficients are those of the weighted least squares fit.
    const wls = ols(rows, { ...model, weights: 'weight' });
    fit.coefficients.forEach((c, j) => expectRel(c.estimate, wls.coefficients[j]!.estimate, 1e-12));
    expect(wls.design).toBeNull();
  });
  it('a lonely PSU (North as one cluster) under lonelyPsu: "adjust"', () => {
    const fit = ols(loyaltyDesignRows(), {
      outcome: 'recommend',
      predictors: ['sat1', 'tru1', 'eng1'],
      design: { weights: 'weight', strata: 'region', clusters: 'cluster_lonely', lonelyPsu: 'adjust' },
    });
    check(fit, R.loyalty_lonely_adjust_gaussian);
    expect(fit.design?.lonelyStrata).toEqual(['North']);
  });
  it('weights with design, robust with design, summary input with design: INVALID_OPTION', () => {
    const rows = apistrat();
    const model = { outcome: 'api00', predictors: ['api99', 'enroll'] };
    const design = { weights: 'pw', strata: 'stype' };
    expectError(() => ols(rows, { ...model, weights: 'pw', design }), InputError, 'INVALID_OPTION', ['weights']);
    expectError(() => ols(rows, { ...model, robust: 'HC3', design }), InputError, 'INVALID_OPTION', ['robust']);
    expectError(() => ols(rows, { ...model, missing: 'fiml', design }), InputError, 'INVALID_OPTION', ['fiml']);
    expectError(() => ols(rows, { ...model, design: { ...design, wieghts: 'pw' } as never }), InputError, 'INVALID_OPTION', ['weights']);
  });
});

describe('formatOls of a design-based fit', () => {
  it('names the design in the header', async () => {
    const { formatOls } = await import('../../src/regression/index.js');
    const fit = ols(apistrat(), {
      outcome: 'api00',
      predictors: ['api99', 'enroll'],
      design: { weights: 'pw', strata: 'stype', fpc: 'fpc' },
    });
    expect(formatOls(fit)).toContain('design-based standard errors: 3 strata, 200 PSUs, 197 design df, fpc');
  });
});

describe('design edge cases', () => {
  it('a lonely PSU under the default rule, a missing design value, too few PSUs: typed errors naming the cause', async () => {
    const { InsufficientDataError } = await import('../../src/errors.js');
    const rows = loyaltyDesignRows();
    const model = { outcome: 'recommend', predictors: ['sat1', 'tru1', 'eng1'] };
    // North is one PSU in cluster_lonely: lonelyPsu 'fail' (R's default) names it.
    expectError(
      () => ols(rows, { ...model, design: { weights: 'weight', strata: 'region', clusters: 'cluster_lonely' } }),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['North'],
    );
    const holed = rows.map((r, i) => (i === 7 ? { ...r, region: null } : r));
    expectError(() => ols(holed, { ...model, design: { weights: 'weight', strata: 'region' } }), InputError, 'MISSING_VALUE', [
      'region',
      'row 7',
    ]);
    // 4 clusters in one stratum: 3 design df, fewer than the 4 coefficients need.
    const few = rows.map((r, i) => ({ ...r, c4: i % 4 }));
    expectError(() => ols(few, { ...model, design: { weights: 'weight', clusters: 'c4' } }), InsufficientDataError, 'TOO_FEW_CASES', [
      'design degrees of freedom',
    ]);
  });
});
