/**
 * The error paths the issue names, each a typed error naming the scale and the item, plus the
 * other input errors of the measurement functions.
 */
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, NumericalError } from '../../src/errors.js';
import { cronbachAlpha, driverCorrelations, htmt, reliability, scaleScores, withScaleScores } from '../../src/measurement/index.js';
import { expectError, loadCsv } from '../helpers/fixtures.js';

const survey = loadCsv('loyalty-survey.csv');
const scales = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  trust: ['tru1', 'tru2', 'tru3'],
};

describe('measurement error paths', () => {
  it('a scale with one item: INVALID_OPTION naming scale and item', () => {
    const e = expectError(() => reliability(survey, { ...scales, nps: ['recommend'] }), InputError, 'INVALID_OPTION', [
      '"nps"',
      '"recommend"',
      'at least 2 items',
    ]);
    expect((e as InputError).location.column).toBe('recommend');
    expectError(() => cronbachAlpha(survey, ['sat1']), InputError, 'INVALID_OPTION', ['"sat1"']);
  });

  it('an item with zero variance: ZERO_VARIANCE naming scale and item', () => {
    const rows = survey.map((r) => ({ ...r, tru2: 4 }));
    const e = expectError(() => reliability(rows, scales), InsufficientDataError, 'ZERO_VARIANCE', ['"trust"', '"tru2"', 'answered 4']);
    expect((e as InsufficientDataError).location.column).toBe('tru2');
    expectError(() => htmt(rows, scales), InsufficientDataError, 'ZERO_VARIANCE', ['"trust"', '"tru2"']);
  });

  it('items that sum to a constant: ZERO_VARIANCE naming the scale, never alpha -Infinity', () => {
    // tru2 = 8 - tru1 for everybody: tru1 + tru2 is 8 in every row, so the two-item scale's total
    // has variance 0 and alpha = 2 (1 - tr C / 1'C1) divides by zero.
    const rows = survey.map((r) => ({ ...r, tru2: 8 - (r.tru1 as number) })).filter((r) => Number.isFinite(r.tru2));
    const pair = { trust: ['tru1', 'tru2'] };
    expectError(() => cronbachAlpha(rows, ['tru1', 'tru2']), InsufficientDataError, 'ZERO_VARIANCE', ['"tru1", "tru2"', 'same total']);
    const e = expectError(() => reliability(rows, pair), InsufficientDataError, 'ZERO_VARIANCE', ['"trust"', 'same total']);
    expect((e as InsufficientDataError).location.column).toBe('tru1');
    // The same scale from a summary matrix: the covariance block sums to zero.
    expectError(
      () =>
        cronbachAlpha(
          {
            covariance: [
              [1, -1],
              [-1, 1],
            ],
            variables: ['a', 'b'],
            n: 50,
          },
          ['a', 'b'],
        ),
      InsufficientDataError,
      'ZERO_VARIANCE',
      ['"a", "b"'],
    );
  });

  it('an item name not in the data: COLUMN_NOT_FOUND naming scale and item', () => {
    const e = expectError(() => reliability(survey, { ...scales, image: ['img1', 'img2', 'img4'] }), InputError, 'COLUMN_NOT_FOUND', [
      '"image"',
      '"img4"',
    ]);
    expect((e as InputError).location.column).toBe('img4');
    expectError(
      () =>
        reliability(
          {
            covariance: [
              [1, 0.5],
              [0.5, 1],
            ],
            variables: ['sat1', 'sat2'],
            n: 100,
          },
          { satisfaction: ['sat1', 'sat9'] },
        ),
      InputError,
      'COLUMN_NOT_FOUND',
      ['"satisfaction"', '"sat9"'],
    );
  });

  it('a scale where nobody answered every item: TOO_FEW_CASES naming scale and item', () => {
    // Every respondent skips one engagement item (rotating), so no one completes the scale.
    const rows = survey.map((r, i) => ({ ...r, [`eng${(i % 3) + 1}`]: null }));
    const e = expectError(
      () => reliability(rows, { ...scales, engagement: ['eng1', 'eng2', 'eng3'] }),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['"engagement"', 'nobody answered every item', 'eng1 missing in'],
    );
    expect(['eng1', 'eng2', 'eng3']).toContain((e as InsufficientDataError).location.column);
  });

  it('scales complete alone but never together: TOO_FEW_CASES pointing to listwise "per-scale"', () => {
    const rows = survey.map((r, i) => (i % 2 === 0 ? { ...r, sat1: null } : { ...r, tru1: null }));
    expectError(() => reliability(rows, scales), InsufficientDataError, 'TOO_FEW_CASES', ['"satisfaction"', '"trust"', 'per-scale']);
    const perScale = reliability(rows, scales, { listwise: 'per-scale' });
    expect(perScale.n).toBeNull();
    expect(perScale.missing).toBeNull();
    expect(perScale.scales.satisfaction!.n).toBeGreaterThan(700);
    expect(perScale.scales.trust!.n).toBeGreaterThan(700);
  });

  it('an item duplicating another: NOT_POSITIVE_DEFINITE naming the scale (alpha alone still works)', () => {
    const rows = survey.map((r) => ({ ...r, sat4: r.sat1 }));
    const def = { satisfaction: ['sat1', 'sat2', 'sat3', 'sat4'] };
    expectError(() => reliability(rows, def), NumericalError, 'NOT_POSITIVE_DEFINITE', ['"satisfaction"', 'factorModel']);
    const alphaOnly = reliability(rows, def, { factorModel: false });
    expect(alphaOnly.scales.satisfaction!.factorModel).toBeNull();
    expect(alphaOnly.scales.satisfaction!.omegaTotal).toBeNull();
  });

  it('answers outside the declared range, and bad options', () => {
    expectError(
      () => reliability(survey, { satisfaction: { items: ['sat1', 'sat2', 'sat3'], min: 1, max: 5 } }),
      InputError,
      'OUT_OF_RANGE',
      ['"sat', 'from 1 to 5'],
    );
    expectError(() => reliability(survey, scales, { listwise: 'pairwise' as 'per-scale' }), InputError, 'INVALID_OPTION', ['listwise']);
    expectError(() => reliability(survey, scales, { maxIterations: 0 }), InputError, 'INVALID_OPTION', ['maxIterations']);
    expectError(() => reliability(survey, scales, { tolerance: -1 }), InputError, 'INVALID_OPTION', ['tolerance']);
    expectError(() => reliability(survey, { satisfaction: 'sat1' as unknown as string[] }), InputError, 'INVALID_OPTION', [
      '"satisfaction"',
    ]);
    expectError(() => reliability(survey, [] as unknown as Record<string, string[]>), InputError, 'INVALID_OPTION', ['scales']);
    expectError(() => reliability([], scales), InputError, 'EMPTY_INPUT');
    expectError(() => reliability(survey, scales, { missing: 'fail' }), InputError, 'MISSING_VALUE', ['row']);
  });
});

describe('two-item scales', () => {
  it('alpha but no factor model (not identified), with a warning', () => {
    const r = reliability(survey, { satisfaction: ['sat1', 'sat2'] });
    const s = r.scales.satisfaction!;
    expect(s.factorModel).toBeNull();
    expect(s.omegaTotal).toBeNull();
    expect(s.alphaIfDeleted.sat1).toBeNull();
    expect(s.warnings.some((w) => w.code === 'FACTOR_MODEL_NOT_IDENTIFIED' && w.message.includes('not identified'))).toBe(true);
  });
});

describe('strict options: a misspelled key is refused with INVALID_OPTION and a suggestion', () => {
  const rows = survey.slice(0, 300);
  const items = ['sat1', 'sat2', 'sat3'];
  it.each([
    ['cronbachAlpha', () => cronbachAlpha(rows, items, { confidenceLevl: 0.9 } as never), 'options.confidenceLevl', '"confidenceLevel"'],
    [
      'cronbachAlpha (old interval option)',
      () => cronbachAlpha(rows, items, { interval: 'duhachek' } as never),
      'options.interval',
      '"intervalMethod"',
    ],
    [
      'cronbachAlpha (old replicates option)',
      () => cronbachAlpha(rows, items, { replicates: 100 } as never),
      'options.replicates',
      'unknown option',
    ],
    [
      'cronbachAlpha bootstrap',
      () => cronbachAlpha(rows, items, { bootstrap: { replicate: 100, seed: 1 } } as never),
      'options.bootstrap.replicate',
      '"replicates"',
    ],
    ['reliability', () => reliability(rows, scales, { listwse: 'per-scale' } as never), 'options.listwse', '"listwise"'],
    [
      'reliability bootstrap',
      () => reliability(rows, scales, { bootstrap: { replicates: 100, seed: 1, confidencelevel: 0.9 } } as never),
      'options.bootstrap.confidencelevel',
      '"confidenceLevel"',
    ],
    ['htmt', () => htmt(rows, scales, { methd: 'htmt2' } as never), 'options.methd', '"method"'],
    [
      'driverCorrelations',
      () => driverCorrelations(rows, scales, { confidenceLvel: 0.9 } as never),
      'options.confidenceLvel',
      '"confidenceLevel"',
    ],
    [
      'driverCorrelations scores',
      () => driverCorrelations(rows, scales, { scores: { statistc: 'sum' } } as never),
      'options.scores.statistc',
      '"statistic"',
    ],
    ['scaleScores', () => scaleScores(rows, scales, { minimumAnswerd: 2 } as never), 'options.minimumAnswerd', '"minimumAnswered"'],
    ['withScaleScores', () => withScaleScores(rows, scales, { prefx: 's_' } as never), 'options.prefx', '"prefix"'],
  ])('%s', (_, call, key, suggestion) => {
    expectError(call, InputError, 'INVALID_OPTION', [key, suggestion]);
  });
});
