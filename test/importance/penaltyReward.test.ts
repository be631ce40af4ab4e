/**
 * penaltyReward against R: lm() on the low/high dummies (test/fixtures/r/penaltyReward.R), on the
 * bundled survey's items (bottom/top two boxes, the extreme boxes, a weighted fit at 90%) and on
 * the small example of the TSDoc. Tolerance 1e-9 relative (R's values carry 17 digits).
 */
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, penaltyReward } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const R = loadJson('r/penaltyReward.json');
const survey = loadCsv('loyalty-survey.csv');
const DRIVERS = ['sat1', 'img2', 'tru1', 'eng1'];
const small = [
  [1, 1, 3],
  [2, 1, 5],
  [6, 3, 1],
  [7, 3, 3],
  [8, 5, 5],
  [7, 5, 1],
  [5, 3, 3],
  [6, 3, 5],
  [1, 1, 3],
  [7, 5, 3],
  [6, 3, 1],
  [7, 5, 3],
].map(([y, a, b]) => ({ y: y!, a: a!, b: b! }));

function check(result: ReturnType<typeof penaltyReward>, ref: any): void {
  expect(result.n).toBe(ref.n);
  expect(result.dfResidual).toBe(ref.dfResidual);
  expectRel(result.rSquared, ref.rSquared, 1e-9, 'R2');
  expectRel(result.intercept.estimate, ref.intercept.estimate, 1e-9, 'intercept');
  expectRel(result.intercept.standardError, ref.intercept.standardError, 1e-9, 'intercept SE');
  for (const d of result.drivers) {
    const r = ref.drivers[d.driver];
    expect(d.low.n).toBe(r.lowN);
    expect(d.high.n).toBe(r.highN);
    for (const part of ['penalty', 'reward', 'asymmetry'] as const) {
      const label = `${d.driver} ${part}`;
      expectRel(d[part].estimate, r[part].estimate, 1e-9, label);
      expectRel(d[part].standardError, r[part].standardError, 1e-9, `${label} SE`);
      expectRel(d[part].pValue, r[part].pValue, 1e-9, `${label} p`);
      expectRel(d[part].confidenceInterval[0], r[part].confidenceInterval[0], 1e-9, `${label} lower`);
      expectRel(d[part].confidenceInterval[1], r[part].confidenceInterval[1], 1e-9, `${label} upper`);
    }
  }
}

describe('penaltyReward', () => {
  it('bottom and top two boxes on the survey (R lm)', () => {
    const r = penaltyReward(survey, { outcome: 'recommend', drivers: DRIVERS, low: 2, high: 6 });
    check(r, R.boxes);
    expect(r.missing.rowsDropped).toBe(2000 - 1858);
  });

  it('the default cuts are the bottom and top box observed (1 and 7)', () => {
    const r = penaltyReward(survey, { outcome: 'recommend', drivers: DRIVERS });
    check(r, R.extremes);
    expect(r.options.low).toEqual({ sat1: 1, img2: 1, tru1: 1, eng1: 1 });
    expect(r.options.high).toEqual({ sat1: 7, img2: 7, tru1: 7, eng1: 7 });
  });

  it('per-driver cuts, sampling weights and a 90% level (R lm(weights =))', () => {
    const r = penaltyReward(survey, {
      outcome: 'recommend',
      drivers: DRIVERS,
      low: { sat1: 2, img2: 1, tru1: 2, eng1: 2 },
      high: { sat1: 6, img2: 7, tru1: 6, eng1: 7 },
      weights: 'weight',
      confidenceLevel: 0.9,
    });
    check(r, R.weighted);
    expect(r.weighted).toBe(true);
  });

  it('the Kano class follows the stated rule (small example)', () => {
    const r = penaltyReward(small, { outcome: 'y', drivers: ['a', 'b'] });
    check(r, R.small);
    // a: asymmetry -3.487, t = -4.708 on 7 df (R), p < 0.05 and negative: basic.
    // b: asymmetry p 0.687, penalty p 0.84, reward p 0.16: neither differs from 0: unclassified.
    expect(r.drivers.map((d) => d.kanoClass)).toEqual(['basic', 'unclassified']);
    expect(r.drivers[0]!.penaltyShare).toBeCloseTo(4.717948717948718 / (4.717948717948718 + 1.2307692307692313), 12);
    // survey: every driver symmetric (asymmetry p > 0.1), penalty and reward significant: performance
    const s = penaltyReward(survey, { outcome: 'recommend', drivers: DRIVERS, low: 2, high: 6 });
    expect(s.drivers.every((d) => d.kanoClass === 'performance')).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('seeded bootstrap: reproducible percentile intervals around the estimate', () => {
    const opts = { outcome: 'recommend', drivers: DRIVERS, low: 2, high: 6, bootstrap: { replicates: 200, seed: 7 } };
    const a = penaltyReward(survey, opts);
    const b = penaltyReward(survey, opts);
    expect(a.bootstrap).toEqual(b.bootstrap);
    expect(a.bootstrap!.replicates).toBe(200);
    expect(a.bootstrap!.redrawn).toBe(0);
    for (const d of a.drivers) {
      const boot = a.bootstrap!.drivers[d.driver]!;
      expect(boot.penalty.estimate).toBe(d.penalty.estimate);
      expect(boot.penalty.confidenceInterval[0]).toBeLessThan(d.penalty.estimate);
      expect(boot.penalty.confidenceInterval[1]).toBeGreaterThan(d.penalty.estimate);
      // the bootstrap SE of a coefficient agrees with the classical one to within sampling error (200 replicates: about 10%)
      expect(Math.abs(boot.reward.standardError / d.reward.standardError - 1)).toBeLessThan(0.3);
    }
  });

  it('refuses bad options and empty groups', () => {
    expectError(() => penaltyReward(survey, { outcome: 'recommend', drivers: DRIVERS, hihg: 6 } as never), InputError, 'INVALID_OPTION');
    expectError(() => penaltyReward(survey, { outcome: 'recommend', drivers: [] }), InputError, 'INVALID_OPTION');
    expectError(() => penaltyReward(survey, { outcome: 'recommend', drivers: DRIVERS, low: 6, high: 2 }), InputError, 'INVALID_OPTION');
    expectError(() => penaltyReward(survey, { outcome: 'recommend', drivers: DRIVERS, low: 0 }), InsufficientDataError, 'ZERO_VARIANCE');
    expectError(() => penaltyReward(survey, { outcome: 'recommend', drivers: DRIVERS, low: { nope: 1 } }), InputError, 'INVALID_OPTION');
    expectError(
      () => penaltyReward(survey, { outcome: 'recommend', drivers: ['sat1'], low: 3, high: 4 }),
      InsufficientDataError,
      'ZERO_VARIANCE',
    );
    expectError(() => penaltyReward(survey, { outcome: 'recommend', drivers: ['nope'] }), InputError, 'COLUMN_NOT_FOUND');
  });
});
