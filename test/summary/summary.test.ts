// Sufficient statistics: chunked merges equal the one-shot computation (Chan, Golub & LeVeque
// pairwise update), and summary input is validated. Reference for the one-shot values: R
// cov() on the same columns (via the driver correlations in loyalty-survey.json) and the
// definition on hand-sized data.
import { describe, expect, it } from 'vitest';
import { InputError, mergeSufficientStatistics, sufficientStatistics } from '../../src/index.js';
import { toSufficientStatistics } from '../../src/summary/matrixInput.js';
import { expectError, expectRel, loadCsv } from '../helpers/fixtures.js';

describe('sufficientStatistics', () => {
  it('hand-computed: x = 1, 2, 3 and y = 2, 4, 7', () => {
    // means 2 and 13/3; Sxx = 2, Sxy = (-1)(2 - 13/3) + 0 + (1)(7 - 13/3) = 5, Syy = 38/3 ... 12.666...
    const s = sufficientStatistics(
      [
        { x: 1, y: 2 },
        { x: 2, y: 4 },
        { x: 3, y: 7 },
      ],
      { columns: ['x', 'y'] },
    );
    expect(s.n).toBe(3);
    expectRel(s.means[1]!, 13 / 3, 1e-15);
    expectRel(s.sscp[0]![1]!, 5, 1e-15);
    expectRel(s.sscp[1]![1]!, 38 / 3, 1e-15);
  });
  it('merging chunks equals computing at once, to 1e-12 relative (weighted too)', () => {
    const rows = loadCsv('loyalty-survey.csv');
    const columns = ['recommend', 'repurchase_intent', 'upsell_intent', 'spend_12m', 'tenure_months'];
    for (const weights of [undefined, 'weight']) {
      const whole = sufficientStatistics(rows, { columns, weights });
      let merged = sufficientStatistics(rows.slice(0, 137), { columns, weights });
      for (let start = 137; start < rows.length; start += 311) {
        merged = mergeSufficientStatistics(merged, sufficientStatistics(rows.slice(start, start + 311), { columns, weights }));
      }
      expect(merged.n).toBe(whole.n);
      expectRel(merged.weightSum, whole.weightSum, 1e-12);
      whole.means.forEach((m, j) => expectRel(merged.means[j]!, m, 1e-12));
      whole.sscp.forEach((row, j) => row.forEach((v, l) => expectRel(merged.sscp[j]![l]!, v, 1e-12, `sscp[${j}][${l}]`)));
    }
  });
  it('reports listwise drops per column', () => {
    const s = sufficientStatistics(
      [
        { a: 1, b: null },
        { a: 2, b: 3 },
        { a: null, b: 1 },
        { a: 4, b: 5 },
      ],
      { columns: ['a', 'b'] },
    );
    expect(s.n).toBe(2);
    expect(s.missing).toEqual({ policy: 'omit', rowsIn: 4, rowsUsed: 2, rowsDropped: 2, byColumn: { a: 1, b: 1 } });
  });
  it('rejects merging different variables', () => {
    const a = sufficientStatistics([{ x: 1 }, { x: 2 }], { columns: ['x'] });
    const b = sufficientStatistics([{ y: 1 }, { y: 2 }], { columns: ['y'] });
    expectError(() => mergeSufficientStatistics(a, b), InputError, 'INVALID_OPTION', ['same variables']);
  });
  it('validates correlation input', () => {
    expectError(
      () =>
        toSufficientStatistics({
          correlation: [
            [1, 0.5],
            [0.4, 1],
          ],
          variables: ['a', 'b'],
          n: 10,
        }),
      InputError,
      'OUT_OF_RANGE',
      ['not symmetric'],
    );
    expectError(
      () =>
        toSufficientStatistics({
          correlation: [
            [1, 1.5],
            [1.5, 1],
          ],
          variables: ['a', 'b'],
          n: 10,
        }),
      InputError,
      'OUT_OF_RANGE',
      ['[-1, 1]'],
    );
    expectError(() => toSufficientStatistics({ correlation: [[1, 0.5]], variables: ['a', 'b'], n: 10 }), InputError, 'LENGTH_MISMATCH', [
      '2 x 2',
    ]);
    expectError(
      () =>
        toSufficientStatistics({
          correlation: [
            [1, 0.5],
            [0.5, 1],
          ],
          variables: ['a', 'b'],
          n: 1,
        }),
      InputError,
      'INVALID_OPTION',
      ['.n'],
    );
    const ok = toSufficientStatistics({
      correlation: [
        [1, 0.5],
        [0.5, 1],
      ],
      variables: ['a', 'b'],
      n: 11,
    });
    expect(ok.stats.sscp).toEqual([
      [10, 5],
      [5, 10],
    ]);
    expect(ok.source).toBe('correlation');
  });
});

describe('zero weights', () => {
  it('zero-weight cases are not counted in n (as lm drops them from the residual df)', () => {
    const s = sufficientStatistics(
      [
        { x: 1, w: 1 },
        { x: 2, w: 0 },
        { x: 4, w: 2 },
      ],
      { columns: ['x'], weights: 'w' },
    );
    expect(s.n).toBe(2);
    // weighted mean (1 + 8) / 3 = 3; SSCP 1 * 4 + 2 * 1 = 6
    expectRel(s.means[0]!, 3, 1e-15);
    expectRel(s.sscp[0]![0]!, 6, 1e-15);
  });
});
