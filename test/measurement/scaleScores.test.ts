/**
 * scaleScores / withScaleScores. Reference: test/fixtures/r/measurement.json `likert5`
 * (test/fixtures/r/measurement.R: R rowMeans of the reverse-coded items, all 5 answered, and
 * rowMeans(na.rm = TRUE) where at least 4 are answered); 1e-12 relative.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { scaleScores, withScaleScores } from '../../src/measurement/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const likert = loadCsv('measurement-likert5.csv');
const ref = loadJson('r/measurement.json').likert5;
const loyalty = { items: ['l1', 'l2', 'l3', 'l4', 'l5'], reverse: ['l4'], min: 1, max: 7, integer: true };

function expectScores(got: readonly (number | null)[], expected: readonly (number | null)[]): void {
  expect(got.length).toBe(expected.length);
  got.forEach((g, i) => {
    if (expected[i] === null) expect(g, `row ${i}`).toBeNull();
    else expectRel(g as number, expected[i] as number, 1e-12, `row ${i}`);
  });
}

describe('scaleScores', () => {
  it('default rule: mean of all items, reverse-coded, null when any item is missing (R rowMeans)', () => {
    const s = scaleScores(likert, { loyalty });
    expectScores(s.scores.loyalty!, ref.score_all);
    const report = s.scales.loyalty!;
    expect(report.scored).toBe(ref.complete);
    expect(report.unscored).toBe(ref.rows - ref.complete);
    expect(report.minimumAnswered).toBe(5);
    expect(report.partial).toBe(0);
    expect(report.missingByItem).toEqual(ref.missing_by_item);
    expect(report.reversed).toEqual(['l4']);
    expect(s.n).toBe(600);
    expect(s.complete).toBe(ref.complete);
  });

  it('minimumAnswered: 4 scores the mean of the answered items (R rowMeans(na.rm = TRUE))', () => {
    const s = scaleScores(likert, { loyalty }, { minimumAnswered: 4 });
    expectScores(s.scores.loyalty!, ref.score_min4);
    const answered: number[] = ref.answered;
    const r = s.scales.loyalty!;
    expect(r.scored).toBe(answered.filter((a) => a >= 4).length);
    expect(r.partial).toBe(answered.filter((a) => a === 4).length);
    expect(r.tooFewAnswered).toBe(answered.filter((a) => a > 0 && a < 4).length);
    expect(r.noneAnswered).toBe(answered.filter((a) => a === 0).length);
    // Per-scale form: same rule for the named scale.
    expectScores(scaleScores(likert, { loyalty }, { minimumAnswered: { loyalty: 4 } }).scores.loyalty!, ref.score_min4);
  });

  it('sum is the prorated sum (mean x k) and 0-100 rescales the mean through (m - min)/(max - min)', () => {
    // Row 1 of the fixture: l1..l5 = 4, 5, 4, 3, 5; l4 reversed to 8 - 3 = 5 -> mean 4.6, sum 23.
    const rows = [
      { l1: 4, l2: 5, l3: 4, l4: 3, l5: 5 },
      { l1: 7, l2: 7, l3: 7, l4: 1, l5: null },
    ];
    const sum = scaleScores(rows, { loyalty }, { statistic: 'sum', minimumAnswered: 4 }).scores.loyalty!;
    expect(sum[0]).toBeCloseTo(23, 12);
    expect(sum[1]).toBeCloseTo(35, 12); // 4 items, all at the top (7, 7, 7, 8 - 1): mean 7 x 5 items
    const pct = scaleScores(rows, { loyalty }, { rescale: '0-100', minimumAnswered: 4 }).scores.loyalty!;
    expect(pct[0]).toBeCloseTo(((4.6 - 1) / 6) * 100, 12); // 60
    expect(pct[1]).toBeCloseTo(100, 12);
  });

  it('accepts plain item lists and several scales; reports mean and SD of the scores', () => {
    const rows = [
      { a: 1, b: 3 },
      { a: 2, b: 4 },
      { a: 3, b: null },
    ];
    const s = scaleScores(rows, { first: ['a'], both: ['a', 'b'] });
    expect(s.scores.first).toEqual([1, 2, 3]);
    expect(s.scores.both).toEqual([2, 3, null]);
    expect(s.scales.both!.mean).toBe(2.5);
    expect(s.scales.both!.standardDeviation).toBeCloseTo(Math.SQRT1_2, 15); // sd(2, 3)
    expect(s.complete).toBe(2);
    expect(s.scaleNames).toEqual(['first', 'both']);
  });

  it('treats declared missing codes as missing and rejects answers outside the declared range', () => {
    const rows = [
      { a: 1, b: -99 },
      { a: 2, b: 4 },
    ];
    expect(scaleScores(rows, { s: ['a', 'b'] }, { missingCodes: [-99] }).scores.s).toEqual([null, 3]);
    expectError(() => scaleScores([{ a: 8, b: 1 }], { s: { items: ['a', 'b'], min: 1, max: 7 } }), InputError, 'OUT_OF_RANGE', [
      '"a"',
      'row 0',
    ]);
    expectError(() => scaleScores([{ a: 'x', b: 1 }], { s: ['a', 'b'] }), InputError, 'NOT_NUMERIC', ['"a"']);
  });

  it('errors name the scale and item', () => {
    expectError(() => scaleScores(likert, { loyalty: ['l1', 'l9'] }), InputError, 'COLUMN_NOT_FOUND', ['loyalty', 'l9']);
    expectError(() => scaleScores(likert, { loyalty: { items: ['l1', 'l4'], reverse: ['l4'] } }), InputError, 'INVALID_OPTION', [
      'loyalty',
      'l4',
      'min and max',
    ]);
    expectError(() => scaleScores(likert, { loyalty: { items: ['l1'], reverse: ['l4'], min: 1, max: 7 } }), InputError, 'INVALID_OPTION', [
      'loyalty',
      'l4',
    ]);
    expectError(() => scaleScores(likert, { loyalty: ['l1', 'l2'] }, { rescale: '0-100' }), InputError, 'INVALID_OPTION', [
      'loyalty',
      'min and max',
    ]);
    expectError(() => scaleScores(likert, { loyalty: ['l1', 'l1'] }), InputError, 'INVALID_OPTION', ['loyalty', 'l1', 'twice']);
    expectError(() => scaleScores(likert, { loyalty: ['l1', 'l2'] }, { minimumAnswered: 0 }), InputError, 'INVALID_OPTION', [
      'minimumAnswered',
    ]);
    expectError(() => scaleScores(likert, { loyalty: ['l1', 'l2'] }, { statistic: 'median' as 'mean' }), InputError, 'INVALID_OPTION', [
      'statistic',
    ]);
    expectError(() => scaleScores([], { loyalty: ['l1'] }), InputError, 'EMPTY_INPUT');
    expectError(() => scaleScores(likert, {}), InputError, 'INVALID_OPTION', ['at least 1 scale']);
  });
});

describe('withScaleScores', () => {
  it('returns new rows with score columns, input untouched', () => {
    const rows = [
      { id: 'a', t1: 6, t2: 7 },
      { id: 'b', t1: 3, t2: null },
    ];
    const out = withScaleScores(rows, { trust: ['t1', 't2'] });
    expect(out).toEqual([
      { id: 'a', t1: 6, t2: 7, trust: 6.5 },
      { id: 'b', t1: 3, t2: null, trust: null },
    ]);
    expect(rows[0]).toEqual({ id: 'a', t1: 6, t2: 7 });
    expect(withScaleScores(rows, { trust: ['t1', 't2'] }, { prefix: 'score_' })[0]).toHaveProperty('score_trust', 6.5);
  });

  it('refuses to overwrite an existing column', () => {
    expectError(() => withScaleScores([{ t1: 1, t2: 2, trust: 9 }], { trust: ['t1', 't2'] }), InputError, 'INVALID_OPTION', [
      '"trust"',
      'prefix',
    ]);
  });

  it('gives the R scores on the fixture, aligned with the rows', () => {
    const out = withScaleScores(likert, { loyalty }, { minimumAnswered: 4 });
    expect(out.length).toBe(600);
    expect(out[0]!.id).toBe('P001');
    expectScores(
      out.map((r) => r.loyalty as number | null),
      ref.score_min4,
    );
  });
});
