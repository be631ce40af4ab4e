/**
 * whatIf for a binary outcome (family 'binomial') and for the recommend score as ordered
 * categories (family 'ordinal') against R: glm + predict on the shifted data with the
 * delta-method SE from vcov(glm); ordinal::clm + predict(type = "prob") with delta-method SEs from
 * vcov(clm) (gradients analytic, checked in R by central differences). References:
 * test/fixtures/r/whatIfFamilies.R.
 * Tolerance 1e-9 relative throughout (measured: binomial 1.2e-15, glm's IRLS replicated step for
 * step; ordinal 7.2e-13 on the estimates and 2.6e-14 on the SEs, clm stopping at gradient 5e-13).
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { whatIf } from '../../src/importance/index.js';
import { expectError, expectRel, loadJson } from '../helpers/fixtures.js';
import { DRIVERS, surveyRows } from '../regression/survey.js';

const R = loadJson('r/whatIfFamilies.json');
const rows = surveyRows();
const base = { predictors: [...DRIVERS] };

describe('whatIf family "binomial" (R glm + predict, delta method)', () => {
  for (const ref of R.binomial) {
    it(`${ref.driver} ${ref.delta > 0 ? '+' : ''}${ref.delta}${ref.weighted ? ', weighted' : ''}`, () => {
      const w = whatIf(rows, {
        ...base,
        outcome: 'retained',
        driver: ref.driver,
        delta: ref.delta,
        family: 'binomial',
        ...(ref.weighted ? { weights: 'weight' } : {}),
      });
      expect(w.family).toBe('binomial');
      expectRel(w.coefficient.estimate, ref.coefficient, 1e-9, 'coefficient');
      expectRel(w.coefficient.standardError, ref.coefficient_se, 1e-9, 'coefficient SE');
      expectRel(w.probability.baseline, ref.baseline, 1e-9, 'baseline');
      expectRel(w.probability.predicted, ref.predicted, 1e-9, 'predicted');
      expectRel(w.probabilityChange.estimate, ref.change, 1e-9, 'change');
      expectRel(w.probabilityChange.standardError, ref.change_se, 1e-9, 'change SE');
      const [lo, hi] = w.probabilityChange.confidenceInterval;
      expectRel(lo, ref.change - 1.959963984540054 * ref.change_se, 1e-9, 'lower');
      expectRel(hi, ref.change + 1.959963984540054 * ref.change_se, 1e-9, 'upper');
      expect(w.probabilityChange.intervalMethod).toBe('wald');
      expect(w.n).toBe(1596);
      expect(JSON.parse(JSON.stringify(w))).toEqual(w);
    });
  }
  it('refuses robust and nps', () => {
    const o = { ...base, outcome: 'retained', driver: 'trust', delta: 1, family: 'binomial' as const };
    expectError(() => whatIf(rows, { ...o, robust: 'HC3' }), InputError, 'INVALID_OPTION', ['robust']);
    expectError(() => whatIf(rows, { ...o, nps: true }), InputError, 'INVALID_OPTION', ['nps']);
    expectError(() => whatIf(rows, { ...o, family: 'poisson' as never }), InputError, 'INVALID_OPTION', ['family']);
  });
});

describe('whatIf family "ordinal" (R ordinal::clm + predict(type = "prob"), delta method)', () => {
  for (const ref of R.ordinal) {
    it(`${ref.driver} +${ref.delta}${ref.weighted ? ', weighted' : ''}`, () => {
      const w = whatIf(rows, {
        ...base,
        outcome: 'recommend',
        driver: ref.driver,
        delta: ref.delta,
        family: 'ordinal',
        ...(ref.weighted ? { weights: 'weight' } : {}),
      });
      expect(w.family).toBe('ordinal');
      expect(w.levels).toEqual(ref.levels);
      expectRel(w.nps.observed, ref.observed_nps, 1e-12, 'observed NPS');
      expectRel(w.coefficient.estimate, ref.coefficient, 1e-9, 'coefficient');
      expectRel(w.nps.baseline.estimate, ref.baseline, 1e-9, 'baseline NPS');
      expectRel(w.nps.predicted.estimate, ref.predicted, 1e-9, 'predicted NPS');
      expectRel(w.nps.change.estimate, ref.change, 1e-9, 'NPS change');
      expectRel(w.coefficient.standardError, ref.coefficient_se, 1e-9, 'coefficient SE');
      expectRel(w.nps.baseline.standardError, ref.baseline_se, 1e-9, 'baseline SE');
      expectRel(w.nps.predicted.standardError, ref.predicted_se, 1e-9, 'predicted SE');
      expectRel(w.nps.change.standardError, ref.change_se, 1e-9, 'change SE');
      const p = w.nps.predicted;
      expect(p.promoterShare + p.passiveShare + p.detractorShare).toBeCloseTo(1, 12);
      expectRel(100 * (p.promoterShare - p.detractorShare), p.estimate, 1e-12);
      expect(w.nps.change.intervalMethod).toBe('wald');
    });
  }
  it('nps takes only the cuts; other keys are INVALID_OPTION', () => {
    const o = { ...base, outcome: 'recommend', driver: 'trust', delta: 1, family: 'ordinal' as const };
    expectError(() => whatIf(rows, { ...o, nps: { rounding: 'none' } }), InputError, 'INVALID_OPTION', ['promoterMin']);
    expectError(() => whatIf(rows, { ...o, nps: false }), InputError, 'INVALID_OPTION', ['nps']);
  });
});
