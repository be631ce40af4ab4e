/**
 * whatIf against R (test/fixtures/r/importance.R): lm coefficient and confint, and the NPS after
 * shifting each respondent's recommend by b * delta, clamped to 0-10, under the three rounding
 * rules. 1e-9 relative (NPS values are exact ratios of counts or weight sums).
 */
import { describe, expect, it } from 'vitest';
import { InputError, whatIf } from '../../src/index.js';
import { expectError, expectRel } from '../helpers/fixtures.js';
import { DRIVERS, driverRows, rReference } from './data.js';

const base = { outcome: 'recommend', predictors: [...DRIVERS] };

describe('whatIf vs R', () => {
  const cases = [
    ['satisfaction_half', { driver: 'satisfaction', delta: 0.5 }],
    ['trust_one', { driver: 'trust', delta: 1 }],
    ['weighted_trust_one', { driver: 'trust', delta: 1, weights: 'weight' }],
    ['engagement_minus_one', { driver: 'engagement', delta: -1 }],
  ] as const;
  for (const [key, extra] of cases) {
    it(`${key}: coefficient, interval, outcome change and NPS (threshold, nearest, interpolate)`, () => {
      const ref = rReference().what_if[key];
      const r = whatIf(driverRows(), { ...base, ...extra, nps: { rounding: 'none' } });
      expect(r.n).toBe(1596);
      expectRel(r.coefficient.estimate, ref.coefficient, 1e-9, 'b');
      expectRel(r.coefficient.confidenceInterval[0], ref.confidence_interval[0], 1e-9, 'b lower');
      expectRel(r.coefficient.confidenceInterval[1], ref.confidence_interval[1], 1e-9, 'b upper');
      expectRel(r.outcomeChange.estimate, ref.outcome_change, 1e-9, 'change');
      const ends = [ref.confidence_interval[0] * extra.delta, ref.confidence_interval[1] * extra.delta].sort(
        (a: number, b: number) => a - b,
      );
      expectRel(r.outcomeChange.confidenceInterval[0], ends[0]!, 1e-9, 'change lower');
      expectRel(r.outcomeChange.confidenceInterval[1], ends[1]!, 1e-9, 'change upper');
      expectRel(r.outcomeMean.baseline, ref.baseline_mean, 1e-12, 'mean');
      expectRel(r.outcomeMean.predicted, ref.baseline_mean + ref.outcome_change, 1e-12, 'predicted mean');
      expectRel(r.nps!.baseline.estimate, ref.baseline_nps, 1e-12, 'baseline NPS');
      expectRel(r.nps!.predicted.estimate, ref.predicted_nps, 1e-12, 'predicted NPS');
      expectRel(r.nps!.predicted.confidenceInterval[0], ref.nps_interval[0], 1e-12, 'NPS lower');
      expectRel(r.nps!.predicted.confidenceInterval[1], ref.nps_interval[1], 1e-12, 'NPS upper');
      expectRel(r.nps!.change, ref.predicted_nps - ref.baseline_nps, 1e-12, 'NPS change');
      const nearest = whatIf(driverRows(), { ...base, ...extra, nps: { rounding: 'nearest' } });
      expectRel(nearest.nps!.predicted.estimate, ref.predicted_nps_nearest, 1e-12, 'nearest');
      const smooth = whatIf(driverRows(), { ...base, ...extra, nps: { rounding: 'interpolate' } });
      expectRel(smooth.nps!.predicted.estimate, ref.predicted_nps_interpolate, 1e-12, 'interpolate');
      expectRel(smooth.nps!.predicted.confidenceInterval[0], ref.nps_interval_interpolate[0], 1e-12, 'interpolate lower');
      expectRel(smooth.nps!.predicted.confidenceInterval[1], ref.nps_interval_interpolate[1], 1e-12, 'interpolate upper');
    });
  }
});

describe('whatIf rules, worked by hand', () => {
  // recommend 9, 7, 4, 8, 6, 3 with x = 6, 5, 3, 6, 4, 2 and z = 5, 4, 3, 5, 5, 2.
  const rows = [
    { recommend: 9, x: 6, z: 5 },
    { recommend: 7, x: 5, z: 4 },
    { recommend: 4, x: 3, z: 3 },
    { recommend: 8, x: 6, z: 5 },
    { recommend: 6, x: 4, z: 5 },
    { recommend: 3, x: 2, z: 2 },
  ];
  it('threshold categories on the shifted, clamped score', () => {
    const r = whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: 0.5, nps: { rounding: 'none' } });
    expect(whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: 0.5 }).nps!.rounding).toBe('interpolate');
    // centred sums: Sxx = 40/3, Sxz = 9, Szz = 8, Sxy = 56/3, Szy = 13, so
    // b = (Szz Sxy - Sxz Szy) / (Sxx Szz - Sxz^2) = (448/3 - 351/3) / (320/3 - 243/3) = 97/77;
    // shift = b * 0.5 = 97/154 = 0.6299
    expectRel(r.coefficient.estimate, 97 / 77, 1e-12, 'b');
    // baseline: promoters {9}, passives {7, 8}, detractors {4, 6, 3}: NPS = 100 (1 - 3) / 6
    expectRel(r.nps!.baseline.estimate, -100 / 3, 1e-14, 'baseline');
    // shifted 9.63, 7.63, 4.63, 8.63, 6.63, 3.63: promoters 1, passives 3, detractors 2
    expectRel(r.nps!.predicted.estimate, -100 / 6, 1e-14, 'predicted');
    expect(r.nps!.rounding).toBe('none');
  });
  it('clamping at 10 and 0, and the interpolate rule', () => {
    const r = whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: 10, nps: { rounding: 'interpolate' } });
    // shift 12.6 clamps every score to 10: all promoters
    expectRel(r.nps!.predicted.estimate, 100, 1e-14, 'all promoters');
    const down = whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: -10 });
    expectRel(down.nps!.predicted.estimate, -100, 1e-14, 'all detractors');
    // interpolate with shift s = 97/154: 9 -> 9.63 promoter; 7 -> 7.63 passive; 4 -> 4.63 detractor;
    // 8 -> 8.63: 0.37 passive + 0.63 promoter; 6 -> 6.63: 0.37 detractor + 0.63 passive; 3 -> 3.63 detractor
    const s = 97 / 154;
    const i = whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: 0.5, nps: { rounding: 'interpolate' } });
    expectRel(i.nps!.predicted.estimate, (100 * (1 + s - (2 + (1 - s)))) / 6, 1e-12, 'interpolate');
    const n = whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: 0.5, nps: { rounding: 'nearest' } });
    // nearest: 10, 8, 5, 9, 7, 4 -> promoters 2, passives 2, detractors 2
    expectRel(n.nps!.predicted.estimate, 0, 1e-14, 'nearest');
  });
  it('nps: false skips the NPS part (for outcomes that are not 0-10)', () => {
    const r = whatIf(
      rows.map((x) => ({ ...x, recommend: x.recommend * 10 })),
      { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: 1, nps: false },
    );
    expect(r.nps).toBeNull();
    expectRel(r.outcomeChange.estimate, 970 / 77, 1e-12, 'scaled b');
  });
  it('errors: unknown driver, bad delta, scores off the 0-10 scale', () => {
    expectError(() => whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'w', delta: 1 }), InputError, 'INVALID_OPTION', [
      'options.driver',
    ]);
    expectError(
      () => whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: Number.NaN }),
      InputError,
      'INVALID_OPTION',
      ['options.delta'],
    );
    expectError(
      () =>
        whatIf(
          rows.map((x) => ({ ...x, recommend: x.recommend + 0.5 })),
          { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: 1 },
        ),
      InputError,
      'OUT_OF_RANGE',
      ['"recommend"', 'nps: false'],
    );
    expectError(
      () => whatIf(rows, { outcome: 'recommend', predictors: ['x', 'z'], driver: 'x', delta: 1, nps: { rounding: 'up' as never } }),
      InputError,
      'INVALID_OPTION',
      ['rounding'],
    );
  });
});
