/**
 * HC4, HC4m and HC5 standard errors against R sandwich::vcovHC (defaults: HC4m gamma = c(1, 1.5),
 * HC5 k = 0.7) with lmtest::coeftest t and p and the robust Wald F: the survey model (unweighted
 * and weighted) and the high-leverage PublicSchools regression of Cribari-Neto (2004). References
 * from test/fixtures/r/robustHC4.R; 1e-9 relative throughout.
 */
import { describe, expect, it } from 'vitest';
import { ols } from '../../src/regression/index.js';
import { expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';
import { DRIVERS, surveyRows } from './survey.js';

const R = loadJson('r/robustHC4.json');
const REL = 1e-9;
const TYPES = ['HC4', 'HC4m', 'HC5'] as const;

function check(fit: ReturnType<typeof ols>, ref: any, label: string, names: Record<string, string> = {}): number {
  let worst = 0;
  for (const c of fit.coefficients) {
    const term = names[c.term] ?? c.term;
    for (const [ours, theirs] of [
      [c.standardError, ref.std_errors[term]],
      [c.tStatistic, ref.t_values[term]],
      [c.pValue, ref.p_values[term]],
    ] as const) {
      expectRel(ours, theirs, REL, `${label} ${term}`);
      worst = Math.max(worst, Math.abs(ours - theirs) / Math.abs(theirs));
    }
  }
  expectRel(fit.fStatistic, ref.f_statistic, REL, `${label} F`);
  expectRel(fit.fPValue, ref.f_p_value, REL, `${label} F p`);
  return worst;
}

describe('ols robust HC4 / HC4m / HC5 (R sandwich vcovHC)', () => {
  const rows = surveyRows();
  const model = { outcome: 'recommend', predictors: [...DRIVERS] };
  it('the survey model, unweighted and with sampling weights', () => {
    for (const type of TYPES) {
      const fit = ols(rows, { ...model, robust: type });
      expect(fit.standardErrorType).toBe(type);
      expect(fit.options.robust).toBe(type);
      check(fit, R.survey[type], type);
      check(ols(rows, { ...model, weights: 'weight', robust: type }), R.survey_weighted[type], `weighted ${type}`);
    }
  });
  it('PublicSchools (Alaska h = 0.65): the leverage adjustment matters, and matches R', () => {
    const ps = loadCsv('public-schools.csv');
    const psModel = { outcome: 'expenditure', predictors: ['income', 'income2'] };
    const hc3 = ols(ps, { ...psModel, robust: 'HC3' });
    check(hc3, R.public_schools.HC3, 'HC3');
    for (const type of TYPES) {
      const fit = ols(ps, { ...psModel, robust: type });
      expect(fit.n).toBe(R.public_schools.n);
      check(fit, R.public_schools[type], type);
      // The leverage-adjusted errors are larger than HC3's for the income terms here.
      expect(fit.coefficients[1]!.standardError).toBeGreaterThan(hc3.coefficients[1]!.standardError);
    }
  });
  it('an unknown type is INVALID_OPTION naming the choices', () => {
    expect(() => ols(rows, { ...model, robust: 'HC6' as never })).toThrow(/HC4m/);
  });
});
