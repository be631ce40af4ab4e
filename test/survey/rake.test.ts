// Raking against R survey 4.1.1 (test/fixtures/r/survey.R -> r/survey.json): rake() iterated to
// epsilon 1e-13 (relative to the weight sum) and maxit 1000, and calibrate(calfun = "raking")
// with and without bounds, on test/fixtures/loyalty-survey.csv. Tolerance 1e-9 relative per weight.
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, rake } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const TOL = 1e-9;
const ref = loadJson('r/survey.json');
const rows = loadCsv('loyalty-survey.csv');

function expectWeights(actual: readonly number[], expected: number[], label: string): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((w, i) => {
    worst = Math.max(worst, Math.abs(w - expected[i]!) / Math.abs(expected[i]!));
  });
  expect(worst, `${label}: worst relative error ${worst}`).toBeLessThanOrEqual(TOL);
}

describe('rake', () => {
  it('shares on three margins from the survey weights match rake()', () => {
    const r = rake(rows, { margins: ref.rake_shares.shares, weights: 'weight', tolerance: 1e-14, maxIterations: 1000 });
    expectWeights(r.weights, ref.rake_shares.weights, 'rake shares');
    expect(r.converged).toBe(true);
    expect(r.scale).toBe('shares');
    expect(r.maxMarginError).toBeLessThanOrEqual(1e-14);
    expect(r.n).toBe(2000);
    expectRel(r.margins.region!.North!.achieved, 0.3, 1e-12);
    expectRel(r.margins.wave!['2']!.target, 0.5, 1e-15);
    // Shares keep the sum of the starting weights.
    expectRel(
      r.weightSum,
      rows.reduce((s, row) => s + (row.weight as number), 0),
      1e-12,
    );
    expect(r.warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
  it('also equals calibrate(calfun = "raking") on region + channel', () => {
    const shares = { region: ref.rake_shares.shares.region, channel: ref.rake_shares.shares.channel };
    const r = rake(rows, { margins: shares, weights: 'weight', tolerance: 1e-14, maxIterations: 1000 });
    expectWeights(r.weights, ref.rake_unbounded_calibrate.weights, 'calibrate raking');
  });
  it('totals from unit weights match rake(), with the Kish design effect', () => {
    const r = rake(rows, { margins: ref.rake_totals.totals, tolerance: 1e-14, maxIterations: 1000 });
    expect(r.scale).toBe('totals');
    expectWeights(r.weights, ref.rake_totals.weights, 'rake totals');
    expectRel(r.weightSum, 1_000_000, 1e-12);
    expectRel(r.designEffect, ref.rake_totals.kish, TOL);
    expectRel(r.effectiveSampleSize, 2000 / ref.rake_totals.kish, TOL);
    expectRel(r.efficiency, 1 / ref.rake_totals.kish, TOL);
  });
  it('bounds on g = w / w0 match calibrate(calfun = "raking", bounds = c(0.78, 1.35))', () => {
    const shares = { region: ref.rake_shares.shares.region, channel: ref.rake_shares.shares.channel };
    const r = rake(rows, { margins: shares, weights: 'weight', bounds: [0.78, 1.35], tolerance: 1e-14, maxIterations: 5000 });
    expect(r.converged).toBe(true);
    expectWeights(r.weights, ref.rake_bounded.weights, 'bounded raking');
    const g = r.weights.map((w, i) => w / (rows[i]!.weight as number));
    expect(Math.min(...g)).toBeGreaterThanOrEqual(0.78 - 1e-12);
    expect(Math.max(...g)).toBeLessThanOrEqual(1.35 + 1e-12);
  });
  it('the TSDoc example holds (hand-computed: f 3 rows -> 2/3 each, m 1 row -> 2)', () => {
    const r = rake([{ sex: 'f' }, { sex: 'f' }, { sex: 'f' }, { sex: 'm' }], { margins: { sex: { f: 0.5, m: 0.5 } } });
    r.weights.forEach((w, i) => expectRel(w, i < 3 ? 2 / 3 : 2, 1e-15));
    expectRel(r.designEffect, 4 / 3, 1e-15);
    expect(r.iterations).toBe(1);
  });
  it('too-tight bounds stop with converged false and a NOT_CONVERGED warning', () => {
    const shares = { region: ref.rake_shares.shares.region, channel: ref.rake_shares.shares.channel };
    const r = rake(rows, { margins: shares, weights: 'weight', bounds: [0.95, 1.05], maxIterations: 20 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(20);
    expect(r.warnings.map((w) => w.code)).toEqual(['NOT_CONVERGED']);
  });
});

describe('rake errors', () => {
  const data = [
    { g: 'a', h: 1 },
    { g: 'b', h: 2 },
    { g: 'a', h: 2 },
  ];
  it('a level in the data with no margin names the row and column', () => {
    expectError(() => rake(data, { margins: { g: { a: 1 } } }), InputError, 'OUT_OF_RANGE', ['column "g"', 'row 1', '"b"']);
  });
  it('a margin level absent from the data', () => {
    expectError(() => rake(data, { margins: { g: { a: 0.5, b: 0.3, c: 0.2 } } }), InsufficientDataError, 'TOO_FEW_CASES', [
      'options.margins.g.c',
    ]);
  });
  it('margins not summing to 1 (or to one total) name the variable', () => {
    expectError(() => rake(data, { margins: { g: { a: 0.5, b: 0.5 }, h: { 1: 0.5, 2: 0.4 } } }), InputError, 'INVALID_OPTION', [
      'options.margins.h',
      '0.9',
      'summing to 1',
    ]);
    expectError(() => rake(data, { margins: { g: { a: 50, b: 50 }, h: { 1: 50, 2: 60 } } }), InputError, 'INVALID_OPTION', [
      'options.margins.h',
      '110',
      '100',
    ]);
    expectError(() => rake(data, { margins: { g: { a: 1, b: 0 } } }), InputError, 'INVALID_OPTION', ['options.margins.g.b']);
  });
  it('missing values in a raking variable or starting weight name the row and column', () => {
    expectError(() => rake([...data, { g: null, h: 1 }], { margins: { g: { a: 0.5, b: 0.5 } } }), InputError, 'MISSING_VALUE', [
      'column "g"',
      'row 3',
    ]);
    expectError(
      () =>
        rake(
          [
            { g: 'a', w: 1 },
            { g: 'b', w: '' },
          ],
          { margins: { g: { a: 0.5, b: 0.5 } }, weights: 'w' },
        ),
      InputError,
      'MISSING_VALUE',
      ['column "w"', 'row 1'],
    );
  });
  it('bad options', () => {
    expectError(() => rake(data, { margins: { g: { a: 0.5, b: 0.5 } }, bounds: [1.2, 2] }), InputError, 'INVALID_OPTION', [
      'options.bounds',
    ]);
    expectError(() => rake(data, { margins: {} }), InputError, 'INVALID_OPTION', ['options.margins']);
    expectError(() => rake(data, { margins: { x: { a: 1 } } }), InputError, 'COLUMN_NOT_FOUND', ['"x"']);
    expectError(() => rake(data, { margins: { g: { a: 0.5, b: 0.5 } }, maxIteration: 3 } as never), InputError, 'INVALID_OPTION', [
      'maxIterations',
    ]);
  });
});
