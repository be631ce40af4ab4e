// oneWayAnova, kruskalWallis and chiSquareIndependence against R (test/fixtures/r/segmentation.R:
// aov, oneway.test, kruskal.test, chisq.test) and a published example, relative 1e-9.
import { describe, expect, it } from 'vitest';
import { chiSquareIndependence, InputError, InsufficientDataError, kruskalWallis, oneWayAnova } from '../../src/index.js';
import { expectError, expectRel, loadJson } from '../helpers/fixtures.js';

const R = loadJson('r/segmentation.json');

describe('kruskalWallis', () => {
  it("Hollander & Wolfe (1973, p. 116), R's ?kruskal.test example: H = 0.77143, df = 2, p = 0.68", () => {
    const r = kruskalWallis(R.hollander_wolfe.groups);
    expectRel(r.statistic, R.hollander_wolfe.H, 1e-12, 'H');
    expectRel(r.pValue, R.hollander_wolfe.p, 1e-12, 'p');
    expect(r.df).toBe(2);
    expect(r.tieCorrection).toBe(1); // no ties in this example
    expect(r.statistic.toFixed(5)).toBe('0.77143'); // as printed in the R help page
  });
  it('heavy ties: the tie correction matches R', () => {
    const r = kruskalWallis(R.tied.groups);
    expectRel(r.statistic, R.tied.H, 1e-12, 'H');
    expectRel(r.pValue, R.tied.p_kw, 1e-12, 'p');
    // Worked: tie groups of sizes 3, 5, 5, 3, 3 over N = 20 (1:3, 2:5, 3:6 ... counted from the data).
    const all = R.tied.groups.flat() as number[];
    const sizes = [...new Set(all)].map((v) => all.filter((x) => x === v).length);
    const n = all.length;
    expectRel(r.tieCorrection, 1 - sizes.reduce((a, t) => a + t ** 3 - t, 0) / (n ** 3 - n), 1e-15, 'tie correction');
  });
  it('an empty group is left out, as R drops unused levels', () => {
    const r = kruskalWallis([R.hollander_wolfe.groups[0], [], R.hollander_wolfe.groups[1], [null], R.hollander_wolfe.groups[2]]);
    expectRel(r.statistic, R.hollander_wolfe.H, 1e-12, 'H');
    expect(r.emptyGroups).toEqual([1, 3]);
    expect(r.groups.map((g) => g.group)).toEqual([0, 2, 4]);
    expect(r.missingDropped).toBe(1);
  });
  it('errors', () => {
    expectError(() => kruskalWallis([[1, 2, 3], []]), InsufficientDataError, 'TOO_FEW_CASES', ['1 non-empty group']);
    expectError(
      () =>
        kruskalWallis([
          [2, 2],
          [2, 2, 2],
        ]),
      InsufficientDataError,
      'ZERO_VARIANCE',
      ['all 5 values are tied'],
    );
    expectError(() => kruskalWallis([[1, 'a'], [2]] as never), InputError, 'NOT_NUMERIC', ['groups[0][1]']);
    expectError(() => kruskalWallis('x' as never), InputError, 'EMPTY_INPUT', ['groups']);
  });
});

describe('oneWayAnova', () => {
  it('tied 1-5 data: classical F and Welch F against aov / oneway.test', () => {
    const f = oneWayAnova(R.tied.groups);
    expectRel(f.statistic, R.tied.F, 1e-12, 'F');
    expectRel(f.pValue, R.tied.p_F, 1e-12, 'p');
    expect([f.dfBetween, f.dfWithin]).toEqual([2, 17]);
    const w = oneWayAnova(R.tied.groups, { method: 'welch' });
    expectRel(w.statistic, R.tied.welch_F, 1e-12, 'Welch F');
    expectRel(w.dfWithin, R.tied.welch_df2, 1e-12, 'Welch df');
    expectRel(w.pValue, R.tied.welch_p, 1e-10, 'Welch p');
    expect(w.method).toBe('one-way-anova-welch');
  });
  it('hand-worked: [1,2,3] vs [4,5,6]', () => {
    // SS_between = 3 * 1.5^2 * 2 = 13.5, SS_within = 2 + 2 = 4, F = 13.5 / (4 / 4).
    const r = oneWayAnova([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(r.statistic).toBe(13.5);
    expect(r.sumOfSquaresWithin).toBe(4);
    expectRel(r.etaSquared, 13.5 / 17.5, 1e-15);
    // F(1, 4) = t^2 with t on 4 df: p = 2 P(T_4 > sqrt(13.5)); R: pf(13.5, 1, 4, lower = FALSE).
    expectRel(r.pValue, 0.021311641128756723, 1e-9, 'p');
  });
  it('a large offset does not cost digits (two-pass sums)', () => {
    const g = R.tied.groups.map((x: number[]) => x.map((v) => v + 1e9));
    expectRel(oneWayAnova(g).statistic, R.tied.F, 1e-6, 'F with offset 1e9');
  });
  it('errors', () => {
    expectError(
      () =>
        oneWayAnova([
          [1, 1],
          [2, 2],
        ]),
      InsufficientDataError,
      'ZERO_VARIANCE',
      ['no variation within'],
    );
    expectError(() => oneWayAnova([[1], [2]]), InsufficientDataError, 'TOO_FEW_CASES', ['no within-group degrees']);
    expectError(() => oneWayAnova([[1, 2, 3], [5]], { method: 'welch' }), InsufficientDataError, 'TOO_FEW_CASES', ['groups[1]', 'Welch']);
    expectError(
      () =>
        oneWayAnova(
          [
            [1, 2, 3],
            [5, 6],
          ],
          { method: 'brown' as never },
        ),
      InputError,
      'INVALID_OPTION',
      ['options.method'],
    );
  });
});

describe('chiSquareIndependence', () => {
  it('2 x 2: plain Pearson by default, Yates on request, as chisq.test(correct = FALSE / TRUE)', () => {
    const plain = chiSquareIndependence(R.table_2x2.table);
    expectRel(plain.statistic, R.table_2x2.plain.statistic, 1e-12, 'X2');
    expectRel(plain.pValue, R.table_2x2.plain.p, 1e-12, 'p');
    const yates = chiSquareIndependence(R.table_2x2.table, { continuityCorrection: true });
    expectRel(yates.statistic, R.table_2x2.yates.statistic, 1e-12, 'X2 Yates');
    expectRel(yates.pValue, R.table_2x2.yates.p, 1e-12, 'p Yates');
    expect(yates.continuityCorrection).toBe(true);
  });
  it('2 x 3: statistic and expected counts as R', () => {
    const r = chiSquareIndependence(R.table_2x3.table, { continuityCorrection: true });
    expect(r.continuityCorrection).toBe(false); // only ever applied to 2 x 2
    expectRel(r.statistic, R.table_2x3.plain.statistic, 1e-12, 'X2');
    expectRel(r.pValue, R.table_2x3.plain.p, 1e-12, 'p');
    expect(r.df).toBe(2);
    R.table_2x3.plain.expected.forEach((row: number[], i: number) => row.forEach((e, j) => expectRel(r.expected[i]![j]!, e, 1e-14)));
    expect(r.cellsExpectedBelowFive).toBe(R.table_2x3.plain.expected.flat().filter((e: number) => e < 5).length);
    expectRel(r.minimumExpected, (21 * 12) / 46, 1e-15, 'smallest expected: row 1 total 21 x column 1 total 12 / 46');
  });
  it('zero rows and columns are dropped and reported', () => {
    const t = R.table_2x3.table as number[][];
    const padded = [t[0]!.concat(0), [0, 0, 0, 0], t[1]!.concat(0)];
    const r = chiSquareIndependence(padded);
    expectRel(r.statistic, R.table_2x3.plain.statistic, 1e-12, 'X2');
    expect(r.droppedRows).toEqual([1]);
    expect(r.droppedColumns).toEqual([3]);
  });
  it('errors', () => {
    expectError(() => chiSquareIndependence([]), InputError, 'EMPTY_INPUT', ['table']);
    expectError(() => chiSquareIndependence([[1, 2], [3]]), InputError, 'LENGTH_MISMATCH', ['table[1]']);
    expectError(
      () =>
        chiSquareIndependence([
          [1, -2],
          [3, 4],
        ]),
      InputError,
      'OUT_OF_RANGE',
      ['table[0][1]'],
    );
    expectError(
      () =>
        chiSquareIndependence([
          [1, 2],
          [0, 0],
        ]),
      InsufficientDataError,
      'TOO_FEW_CASES',
      ['1 row(s)'],
    );
  });
});
