import { describe, expect, it } from 'vitest';
import { centredCrossProducts, sum, sumSimple, variance, weightedMean, weightedSumOfSquares } from '../../src/internal/sums.js';
import { digits, expectRel, loadCsv } from '../helpers/fixtures.js';

describe('compensated sums and two-pass moments', () => {
  it('sum recovers what a plain loop loses: 1 + 1e100 + 1 - 1e100 = 2', () => {
    // Worked: the plain loop absorbs each 1 into 1e100 and returns 0; Neumaier keeps both.
    expect(sumSimple([1, 1e100, 1, -1e100])).toBe(0);
    expect(sum([1, 1e100, 1, -1e100])).toBe(2);
  });
  it('variance survives a large offset (NIST StRD NumAcc4 pattern)', () => {
    // NumAcc4: 1000000000.2, then 1000000000.1 and 1000000000.3 alternating (1,001 values);
    // certified SD 0.1. The decimals are not representable: the stored doubles are off by up
    // to 6e-8, so no double algorithm can get more than ~6.5 digits of the certified 0.1.
    // Reference for what *is* computable: subtracting 1e9 from these doubles is exact (same
    // exponent range, fewer bits), and the shifted data is well-conditioned for any method.
    const xs = [1000000000.2];
    for (let i = 0; i < 500; i++) xs.push(1000000000.1, 1000000000.3);
    const shifted = xs.map((x) => x - 1e9);
    const m = shifted.reduce((a, b) => a + b, 0) / shifted.length;
    const exact = shifted.reduce((a, b) => a + (b - m) ** 2, 0) / (shifted.length - 1);
    expectRel(variance(xs), exact, 1e-9);
    expect(digits(Math.sqrt(variance(xs)), 0.1)).toBeGreaterThan(6);
    // The one-pass textbook formula (sum x^2 - n mean^2) loses everything here.
    const n = xs.length;
    const naive = (xs.reduce((a, b) => a + b * b, 0) - n * (xs.reduce((a, b) => a + b, 0) / n) ** 2) / (n - 1);
    expect(Math.abs(naive - exact) / exact).toBeGreaterThan(1e-3);
  });
  it('weighted mean and sum of squares match the definition on a small case', () => {
    // x = 1, 2, 4 with w = 1, 1, 2: sum w = 4, sum w x = 1 + 2 + 8 = 11, mean 2.75;
    // sum w (x - 2.75)^2 = 3.0625 + 0.5625 + 2 * 1.5625 = 6.75.
    expectRel(weightedMean([1, 2, 4], [1, 1, 2]), 2.75, 1e-15);
    expectRel(weightedSumOfSquares([1, 2, 4], [1, 1, 2]), 6.75, 1e-15);
  });
  it('centred cross-products give the driver correlations of the reference (R cor)', async () => {
    const { loadJson } = await import('../helpers/fixtures.js');
    const ref = loadJson('loyalty-survey.json');
    const rows = loadCsv('loyalty-survey.csv');
    const items = ['sat', 'img', 'tru', 'eng'];
    const complete = rows.filter((r) => items.every((p) => [1, 2, 3].every((k) => r[`${p}${k}`] !== null)));
    expect(complete.length).toBe(ref.n_complete);
    // Driver score = mean of the three items (the reference's note).
    const scores = items.map((p) =>
      Float64Array.from(complete, (r) => ((r[`${p}1`] as number) + (r[`${p}2`] as number) + (r[`${p}3`] as number)) / 3),
    );
    const { sscp } = centredCrossProducts(scores);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        expectRel(sscp[i]![j]! / Math.sqrt(sscp[i]![i]! * sscp[j]![j]!), ref.driver_correlations[i][j], 1e-12, `r[${i}][${j}]`);
      }
  });
});
