/**
 * segmentTransitions against R (test/fixtures/r/transitions.R, which also simulates the panel
 * test/fixtures/panel.csv): the 4 x 4 table, Wilson row shares (prop.test(correct = FALSE)),
 * McNemar-Bowker (mcnemar.test), Stuart-Maxwell (coin::mh_test and the written-out formula),
 * paired NPS and spend changes (t.test(paired = TRUE)); 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, LOYALTY_SEGMENTS, compareWaves, segmentTransitions } from '../../src/index.js';
import { mcnemarBowker, stuartMaxwell } from '../../src/segmentation/transitionTests.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const R = loadJson('r/transitions.json');
const panel = loadCsv('panel.csv');
const options = {
  id: 'id',
  wave: 'wave',
  attitude: 'recommend',
  behaviour: { ratio: ['spend', 'category_spend'] as [string, string] },
  nps: 'recommend',
  revenue: 'spend',
};

describe('segmentTransitions', () => {
  it('the transition matrix, row shares and tests of the simulated panel (R)', () => {
    const t = segmentTransitions(panel, options);
    expect(t.n).toBe(R.n);
    expect(t.counts).toEqual(R.counts);
    expectRel(t.cuts.attitude.value, R.cuts.attitude, 1e-15, 'attitude cut');
    expectRel(t.cuts.behaviour.value, R.cuts.behaviour, 1e-12, 'behaviour cut');
    for (const c of t.cells) {
      const ref = R.rowShares[LOYALTY_SEGMENTS.indexOf(c.from)][LOYALTY_SEGMENTS.indexOf(c.to)];
      expectRel(c.rowShare!.estimate, ref.estimate, 1e-12, `${c.from}->${c.to}`);
      expectRel(c.rowShare!.confidenceInterval[0], ref.confidenceInterval[0], 1e-9, `${c.from}->${c.to} lower`);
      expectRel(c.rowShare!.confidenceInterval[1], ref.confidenceInterval[1], 1e-9, `${c.from}->${c.to} upper`);
    }
    // every off-diagonal pair is non-empty here, so df = 6 as R's mcnemar.test
    expect(t.symmetry!.df).toBe(R.bowker.df);
    expectRel(t.symmetry!.statistic, R.bowker.statistic, 1e-9, 'Bowker');
    expectRel(t.symmetry!.pValue, R.bowker.pValue, 1e-9, 'Bowker p');
    expect(t.marginalHomogeneity!.df).toBe(3);
    expectRel(t.marginalHomogeneity!.statistic, R.stuartMaxwell.coinStatistic, 1e-9, 'Stuart-Maxwell (coin)');
    expectRel(t.marginalHomogeneity!.statistic, R.stuartMaxwell.statistic, 1e-9, 'Stuart-Maxwell (formula)');
    expectRel(t.marginalHomogeneity!.pValue, R.stuartMaxwell.pValue, 1e-9, 'Stuart-Maxwell p');
    expectRel(t.marginalHomogeneity!.pValue, R.stuartMaxwell.coinPValue, 1e-9, 'Stuart-Maxwell p (coin)');
    // unmatched: 30 of wave 1 not seen again, 20 new in wave 2; 3 pairs without a segment in a wave
    expect(t.unmatched).toEqual({ fromOnly: 30, toOnly: 20, unassigned: 270 - R.n, noId: 0 });
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it('what the moves did to NPS and revenue (paired t, R t.test)', () => {
    const t = segmentTransitions(panel, options);
    for (const key of ['nps', 'revenue'] as const) {
      const mine = t[key]!;
      const ref = R[key];
      expectRel(mine.from, ref.from, 1e-12, `${key} from`);
      expectRel(mine.to, ref.to, 1e-12, `${key} to`);
      expectRel(mine.estimate, ref.estimate, 1e-9, `${key} change`);
      expectRel(mine.standardError, ref.standardError, 1e-9, `${key} SE`);
      expectRel(mine.confidenceInterval[0], ref.confidenceInterval[0], 1e-9, `${key} lower`);
      expectRel(mine.confidenceInterval[1], ref.confidenceInterval[1], 1e-9, `${key} upper`);
    }
    // the cells' contributions add up to the panel's NPS change
    const total = t.cells.reduce((s, c) => s + c.npsContribution!, 0);
    expectRel(total, R.nps.estimate, 1e-12, 'sum of contributions');
    const revenue = t.cells.reduce((s, c) => s + c.revenueChange!, 0);
    expectRel(revenue / t.n, R.revenue.estimate, 1e-9, 'revenue change');
  });

  it('2 x 2: Bowker and Stuart-Maxwell both equal McNemar without correction (R mcnemar.test)', () => {
    const two = R.twoByTwo.counts as number[][];
    expectRel(mcnemarBowker(two, ['a', 'b'])!.statistic, R.twoByTwo.uncorrected, 1e-12, 'Bowker 2x2');
    expectRel(mcnemarBowker(two, ['a', 'b'])!.pValue, R.twoByTwo.uncorrectedP, 1e-9, 'Bowker 2x2 p');
    expectRel(stuartMaxwell(two, ['a', 'b'])!.statistic, R.twoByTwo.uncorrected, 1e-12, 'Stuart-Maxwell 2x2');
    // working: (12 - 5)^2 / (12 + 5) = 49 / 17
    expect(R.twoByTwo.uncorrected).toBeCloseTo(49 / 17, 12);
  });

  it('empty pairs are left out of the Bowker df; a table without moves has no test', () => {
    const counts = [
      [5, 2, 0, 0],
      [1, 6, 0, 0],
      [0, 0, 4, 3],
      [0, 0, 0, 2],
    ];
    const b = mcnemarBowker(counts, [...LOYALTY_SEGMENTS])!;
    // pairs (true, latent): (2-1)^2/3; (spurious, none): (3-0)^2/3; the other four pairs are empty
    expect(b.df).toBe(2);
    expect(b.statistic).toBeCloseTo(1 / 3 + 3, 14);
    const diagonal = [
      [3, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 4, 0],
      [0, 0, 0, 1],
    ];
    expect(mcnemarBowker(diagonal, [...LOYALTY_SEGMENTS])).toBeNull();
    expect(stuartMaxwell(diagonal, [...LOYALTY_SEGMENTS])).toBeNull();
  });

  it('compareWaves with id and segments: the same transitions per comparison; NO_PANEL without a panel', () => {
    const segments = { attitude: 'recommend', behaviour: { ratio: ['spend', 'category_spend'] as [string, string] }, revenue: 'spend' };
    const w = compareWaves(panel, { wave: 'wave', nps: 'recommend', id: 'id', segments });
    expect(w.comparisons[0]!.transitions).toEqual(segmentTransitions(panel, options));
    expect(w.warnings).toEqual([]);
    const unique = panel.map((r, i) => ({ ...r, id: `u${i}` }));
    const none = compareWaves(unique, { wave: 'wave', nps: 'recommend', id: 'id', segments });
    expect(none.comparisons[0]!.transitions).toBeNull();
    expect(none.warnings.map((x) => x.code)).toEqual(['NO_PANEL']);
    // An id twice in one wave: the transitions are left out with DUPLICATE_ID, the comparison stands.
    const twice = compareWaves([...panel, { ...panel[0]! }], { wave: 'wave', nps: 'recommend', id: 'id', segments });
    expect(twice.comparisons[0]!.transitions).toBeNull();
    expect(twice.comparisons[0]!.nps).not.toBeNull();
    expect(twice.warnings.map((x) => x.code)).toEqual(['DUPLICATE_ID']);
    expect(twice.warnings[0]!.message).toMatch(/appears twice/);
    expectError(() => compareWaves(panel, { wave: 'wave', nps: 'recommend', id: 'id' }), InputError, 'INVALID_OPTION', ['segments']);
    expectError(
      () => compareWaves(panel, { wave: 'wave', id: 'id', segments: { ...segments, revnue: 'x' } as never }),
      InputError,
      'INVALID_OPTION',
    );
  });

  it('refuses a duplicated id, unknown waves, too few pairs', () => {
    expectError(() => segmentTransitions([...panel, { ...panel[0]! }], options), InputError, 'INVALID_OPTION', ['appears twice']);
    expectError(() => segmentTransitions(panel, { ...options, from: 3 }), InputError, 'INVALID_OPTION');
    expectError(() => segmentTransitions(panel, { ...options, idd: 'x' } as never), InputError, 'INVALID_OPTION');
    const unique = panel.map((r, i) => ({ ...r, id: `u${i}` }));
    expectError(() => segmentTransitions(unique, options), InsufficientDataError, 'TOO_FEW_CASES');
  });
});
