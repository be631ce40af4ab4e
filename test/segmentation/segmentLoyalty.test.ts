// segmentLoyalty against the shared R reference (test/fixtures/loyalty-survey.json `segments`,
// made by R as its `note` says: attitude = per-respondent CLI = mean of recommend,
// repurchase_intent, upsell_intent; behaviour = spend_12m / category_spend_12m, no share when
// category spend is 0; high = strictly above the median), plus hand-worked cases and errors.
import { describe, expect, it } from 'vitest';
import {
  customerLoyaltyIndex,
  InputError,
  InsufficientDataError,
  profileSegments,
  resolveMeasure,
  segmentLoyalty,
} from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('loyalty-survey.csv');
const reference = loadJson('loyalty-survey.json').segments;
const attitude = { mean: ['recommend', 'repurchase_intent', 'upsell_intent'], scale: { min: 0, max: 10, integer: true } };
const behaviour = { ratio: ['spend_12m', 'category_spend_12m'] as [string, string] };

describe('segmentLoyalty: shared R reference (1e-9 relative)', () => {
  const s = segmentLoyalty(rows, { attitude, behaviour });
  it('cuts are the medians of the segmented rows', () => {
    expectRel(s.cuts.attitude.value, reference.attitude_cut, 1e-9, 'attitude cut');
    expectRel(s.cuts.behaviour.value, reference.behaviour_cut, 1e-9, 'behaviour cut');
    expect(s.cuts.attitude.rule).toBe('median');
    expect(s.cuts.behaviour.high).toBe('above');
  });
  it('counts per segment, and the 83 rows with category spend 0 have no segment', () => {
    expect(s.counts).toEqual(reference.counts);
    expect(s.n).toBe(1917);
    expect(s.unassigned).toHaveLength(83);
    expect(s.unassigned.every((u) => u.reason === 'behaviour: category_spend_12m is 0')).toBe(true);
    expect(s.missing).toEqual({ policy: 'omit', rowsIn: 2000, rowsUsed: 1917, rowsDropped: 83, byColumn: { category_spend_12m: 83 } });
    expect(s.assignments.filter((a) => a === null)).toHaveLength(83);
    expectRel(s.shares.spurious, 294 / 1917, 1e-15, 'spurious share');
  });
  it('switching-cost share per segment (lock-ins concentrate in spurious loyalty)', () => {
    const p = profileSegments(rows, s, { variables: ['switching_cost'] });
    for (const seg of ['true', 'latent', 'spurious', 'none'] as const) {
      expectRel(
        p.profiles[seg].categorical.switching_cost!.shares['1']!,
        reference.switching_cost_share[seg],
        1e-9,
        `switching_cost ${seg}`,
      );
    }
  });
  it('the per-respondent CLI of the indices module (0-100) gives the same segments, cut 70', () => {
    const cli = customerLoyaltyIndex(rows, { items: ['recommend', 'repurchase_intent', 'upsell_intent'] });
    const t = segmentLoyalty(rows, { attitude: { values: cli.perRespondent, name: 'CLI' }, behaviour });
    expectRel(t.cuts.attitude.value, 70, 1e-12, 'cut on 0-100');
    expect(t.counts).toEqual(reference.counts);
    expect(t.assignments).toEqual(s.assignments);
  });
  it('results are plain JSON', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('segmentLoyalty: hand-worked cases', () => {
  // attitude 1..6, behaviour 6..1 reversed except the middle: even n, the median is the mean of
  // the two middle values (3.5 for attitude), so three rows are high on each.
  const small = [
    { a: 1, b: 10 },
    { a: 2, b: 50 },
    { a: 3, b: 20 },
    { a: 4, b: 40 },
    { a: 5, b: 30 },
    { a: 6, b: 60 },
  ];
  it('even n: median = mean of the two middle values', () => {
    const s = segmentLoyalty(small, { attitude: 'a', behaviour: 'b' });
    expect(s.cuts.attitude.value).toBe(3.5);
    expect(s.cuts.behaviour.value).toBe(35);
    // a > 3.5: rows 3, 4, 5; b > 35: rows 1, 3, 5.
    expect(s.assignments).toEqual(['none', 'spurious', 'none', 'true', 'latent', 'true']);
    expect(s.counts).toEqual({ true: 2, latent: 1, spurious: 1, none: 2 });
  });
  it('ties at the median count as low ("strictly above"), or high with atLeast', () => {
    const tied = [
      { a: 1, b: 1 },
      { a: 2, b: 2 },
      { a: 2, b: 3 },
      { a: 2, b: 4 },
      { a: 3, b: 5 },
    ];
    const s = segmentLoyalty(tied, { attitude: 'a', behaviour: 'b' });
    expect(s.cuts.attitude.value).toBe(2);
    expect(s.cuts.attitude.highCount).toBe(1); // only a = 3 is above 2
    expect(s.assignments).toEqual(['none', 'none', 'none', 'spurious', 'true']);
    const t = segmentLoyalty(tied, { attitude: 'a', behaviour: 'b', attitudeHigh: 'atLeast' });
    expect(t.cuts.attitude.highCount).toBe(4);
    expect(t.assignments).toEqual(['none', 'latent', 'latent', 'true', 'true']);
  });
  it('thresholds: promoters (recommend >= 9) as high attitude, share of wallet >= 0.5', () => {
    const s = segmentLoyalty(rows, {
      attitude: 'recommend',
      behaviour,
      attitudeCut: 9,
      attitudeHigh: 'atLeast',
      behaviourCut: 0.5,
      behaviourHigh: 'atLeast',
    });
    // Count the four cells directly from the data.
    const expected = { true: 0, latent: 0, spurious: 0, none: 0 };
    for (const r of rows) {
      if ((r.category_spend_12m as number) === 0) continue;
      const hi = (r.recommend as number) >= 9;
      const bh = (r.spend_12m as number) / (r.category_spend_12m as number) >= 0.5;
      expected[hi ? (bh ? 'true' : 'latent') : bh ? 'spurious' : 'none']++;
    }
    expect(s.counts).toEqual(expected);
    expect(s.cuts.attitude).toMatchObject({ value: 9, rule: 'threshold', high: 'atLeast' });
  });
  it('a threshold may leave a segment empty; it is reported', () => {
    const data = [
      { a: 1, b: 1 },
      { a: 5, b: 1 },
      { a: 5, b: 9 },
      { a: 1, b: 2 },
    ];
    const s = segmentLoyalty(data, { attitude: 'a', behaviour: 'b', attitudeCut: 3, behaviourCut: 5 });
    expect(s.counts).toEqual({ true: 1, latent: 1, spurious: 0, none: 2 });
    expect(s.emptySegments).toEqual(['spurious']);
  });
  it('missing attitude items: the row has no segment and the reason names the items', () => {
    const data = [
      { r: 9, p: 9, u: null, s: 1, c: 2 },
      { r: 1, p: 2, u: 3, s: 1, c: 4 },
      { r: 8, p: 8, u: 8, s: 3, c: 4 },
      { r: 2, p: 2, u: 2, s: 1, c: 1 },
      { r: 9, p: 9, u: 9, s: 1, c: 10 },
    ];
    const s = segmentLoyalty(data, { attitude: { mean: ['r', 'p', 'u'] }, behaviour: { ratio: ['s', 'c'] } });
    expect(s.unassigned).toEqual([{ row: 0, reason: 'attitude: u missing' }]);
    expect(s.missing.byColumn).toEqual({ u: 1 });
    const lenient = segmentLoyalty(data, { attitude: { mean: ['r', 'p', 'u'], minimumAnswered: 2 }, behaviour: { ratio: ['s', 'c'] } });
    expect(lenient.n).toBe(5);
    expect(lenient.scores.attitude[0]).toBe(9);
  });
});

describe('resolveMeasure', () => {
  it('column, mean, ratio, values', () => {
    const data = [
      { x: 2, y: 4, z: null },
      { x: 3, y: 0, z: 6 },
    ];
    expect(resolveMeasure(data, 'x').values).toEqual([2, 3]);
    expect(resolveMeasure(data, { mean: ['x', 'y'] }).values).toEqual([3, 1.5]);
    expect(resolveMeasure(data, { mean: ['x', 'z'], minimumAnswered: 1 }).values).toEqual([2, 4.5]);
    const r = resolveMeasure(data, { ratio: ['x', 'y'] });
    expect(r.values).toEqual([0.5, null]);
    expect(r.reasons).toEqual([null, 'y is 0']);
    expect(r.name).toBe('x / y');
    expect(resolveMeasure(data, { values: [1, null], name: 'v' }).reasons).toEqual([null, 'v missing']);
    expect(resolveMeasure(data, { column: 'x', missingCodes: [3] }).values).toEqual([2, null]);
  });
  it('driver score from its items (scaleScores): reverse-worded items recoded min + max - x', () => {
    const spec = { name: 'engagement', driver: { items: ['eng1', 'eng2', 'eng3'], reverse: ['eng3'], min: 1, max: 7 } };
    const r = resolveMeasure(rows, spec);
    rows.slice(0, 50).forEach((x, i) => {
      const { eng1 = null, eng2 = null, eng3 = null } = x as Record<string, number | null>;
      // Worked: (eng1 + eng2 + (1 + 7 - eng3)) / 3 when all three are answered.
      const expected = eng1 === null || eng2 === null || eng3 === null ? null : (eng1 + eng2 + 8 - eng3) / 3;
      expect(r.values[i]).toBe(expected);
      if (expected === null) expect(r.reasons[i]).toMatch(/^(eng\d(, )?)+ missing$/);
    });
    expect(r.definition).toEqual({ kind: 'driver', items: ['eng1', 'eng2', 'eng3'], reversed: ['eng3'], minimumAnswered: 3 });
    const s = segmentLoyalty(rows, { attitude: spec, behaviour: 'purchases_12m' });
    expect(s.n).toBe(r.missing.rowsUsed);
    expect(s.measures.attitude.name).toBe('engagement');
    expectError(() => resolveMeasure(rows, { driver: { items: ['eng1'], reverse: ['eng1'] } }), InputError, 'INVALID_OPTION', [
      'min and max',
    ]);
  });
  it('malformed specs and bad data', () => {
    const data = [{ x: 2, y: 4 }];
    expectError(() => resolveMeasure(data, { column: 'x', mean: ['x'] } as never), InputError, 'INVALID_OPTION', ['not several']);
    expectError(() => resolveMeasure(data, {} as never), InputError, 'INVALID_OPTION', ['no column']);
    expectError(() => resolveMeasure(data, { ratio: ['x'] } as never), InputError, 'INVALID_OPTION', ['exactly 2']);
    expectError(() => resolveMeasure(data, { mean: ['x', 'q'] }), InputError, 'COLUMN_NOT_FOUND', ['"q"']);
    expectError(() => resolveMeasure(data, { values: [1, 2] }), InputError, 'LENGTH_MISMATCH', ['expected 1 values']);
    expectError(() => resolveMeasure(data, { column: 'y', scale: { min: 0, max: 3 } }), InputError, 'OUT_OF_RANGE', [
      'column "y"',
      'row 0',
    ]);
    expectError(() => resolveMeasure([{ x: 'high' }], 'x'), InputError, 'NOT_NUMERIC', ['column "x"', 'high']);
    expectError(() => resolveMeasure([{ x: 1, y: 0 }], { ratio: ['x', 'y'] }, { missing: 'fail' }), InputError, 'MISSING_VALUE', [
      'row 0',
      'y is 0',
    ]);
  });
});

describe('segmentLoyalty: error paths', () => {
  const data = [
    { a: 1, b: 1 },
    { a: 2, b: 5 },
    { a: 3, b: 9 },
  ];
  it('a cut outside the data range is OUT_OF_RANGE, naming the range', () => {
    const e = expectError(() => segmentLoyalty(data, { attitude: 'a', behaviour: 'b', attitudeCut: 7 }), InputError, 'OUT_OF_RANGE', [
      'options.attitudeCut',
      'every segmented row low',
      'from 1 to 3',
    ]);
    expect((e as InputError).location).toMatchObject({ argument: 'options.attitudeCut', value: 7 });
    expectError(() => segmentLoyalty(data, { attitude: 'a', behaviour: 'b', behaviourCut: 0 }), InputError, 'OUT_OF_RANGE', [
      'options.behaviourCut',
      'every segmented row high',
    ]);
    // At the maximum, "strictly above" leaves nobody high: also rejected.
    expectError(() => segmentLoyalty(data, { attitude: 'a', behaviour: 'b', attitudeCut: 3 }), InputError, 'OUT_OF_RANGE', [
      'every segmented row low',
    ]);
    // ... while "at least" the maximum is a valid split.
    expect(segmentLoyalty(data, { attitude: 'a', behaviour: 'b', attitudeCut: 3, attitudeHigh: 'atLeast' }).cuts.attitude.highCount).toBe(
      1,
    );
  });
  it('a median equal to the maximum cannot split with "above"', () => {
    const skewed = [
      { a: 1, b: 1 },
      { a: 5, b: 2 },
      { a: 5, b: 3 },
    ];
    expectError(() => segmentLoyalty(skewed, { attitude: 'a', behaviour: 'b' }), InsufficientDataError, 'TOO_FEW_CASES', [
      'options.attitudeCut',
      'attitudeHigh',
    ]);
  });
  it('a constant measure', () => {
    expectError(
      () =>
        segmentLoyalty(
          [
            { a: 2, b: 1 },
            { a: 2, b: 2 },
          ],
          { attitude: 'a', behaviour: 'b' },
        ),
      InsufficientDataError,
      'ZERO_VARIANCE',
      ['attitude (a) is constant'],
    );
  });
  it('no row with both measures', () => {
    expectError(
      () =>
        segmentLoyalty(
          [
            { a: 1, b: null },
            { a: null, b: 2 },
          ],
          { attitude: 'a', behaviour: 'b' },
        ),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['none of 2 rows'],
    );
  });
  it('bad options', () => {
    expectError(() => segmentLoyalty(data, { attitude: 'a' } as never), InputError, 'INVALID_OPTION', ['options.behaviour']);
    expectError(() => segmentLoyalty(data, { attitude: 'a', behaviour: 'b', attitudeCut: 'mean' as never }), InputError, 'INVALID_OPTION', [
      'options.attitudeCut',
    ]);
    expectError(
      () => segmentLoyalty(data, { attitude: 'a', behaviour: 'b', behaviourHigh: 'over' as never }),
      InputError,
      'INVALID_OPTION',
      ['options.behaviourHigh'],
    );
    expectError(() => segmentLoyalty(data, { attitude: 'nope', behaviour: 'b' }), InputError, 'COLUMN_NOT_FOUND', ['"nope"']);
    expectError(() => segmentLoyalty([], { attitude: 'a', behaviour: 'b' }), InputError, 'EMPTY_INPUT', ['rows']);
    expectError(
      () => segmentLoyalty([{ a: 1, b: null }, ...data], { attitude: 'a', behaviour: 'b', missing: 'fail' }),
      InputError,
      'MISSING_VALUE',
      ['row 0'],
    );
  });
});
