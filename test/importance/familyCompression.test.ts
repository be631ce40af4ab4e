/**
 * Exact compression of equal cases into weighted rows (src/internal/compressRows.ts): the subset
 * engine, logisticRegression and ordinalRegression give the same results with and without it
 * (1e-12; the only difference is the order of floating-point sums), unweighted and weighted.
 */
import { describe, expect, it } from 'vitest';
import { compressRows } from '../../src/internal/compressRows.js';
import { readPlayerData } from '../../src/importance/familyData.js';
import { playerFitTable } from '../../src/importance/playerFits.js';
import { readRegressionSample } from '../../src/regression/design.js';
import { logisticFromSample } from '../../src/regression/logisticRegression.js';
import { ordinalFromSample } from '../../src/regression/ordinalRegression.js';
import { dominanceAnalysis, logisticRegression, ordinalRegression } from '../../src/index.js';
import { expectRel } from '../helpers/fixtures.js';

/** Seeded Likert-like rows: four 1-5 drivers, a 0/1 and a 0-2 outcome, weights of three sizes and continuous ones. */
function likertRows(n: number): Record<string, number>[] {
  let s = 4242;
  const u = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const base = u();
    const row: Record<string, number> = {};
    let eta = -0.2;
    for (let j = 0; j < 4; j++) {
      const v = 1 + Math.min(4, Math.floor(5 * (0.5 * base + 0.5 * u())));
      row[`d${j + 1}`] = v;
      eta += (0.6 - 0.25 * j) * (v - 3);
    }
    const e = u();
    const latent = eta + Math.log(e / (1 - e));
    row.retained = latent > 0 ? 1 : 0;
    row.nps = latent < -0.8 ? 0 : latent < 0.9 ? 1 : 2;
    row.w3 = [0.5, 1, 2][Math.floor(3 * u())]!;
    row.wc = 0.5 + u();
    rows.push(row);
  }
  return rows;
}

const rows = likertRows(3000);
const predictors = ['d1', 'd2', 'd3', 'd4'];

describe('compressRows', () => {
  it('groups equal cases and counts them; refuses when the rows would not halve', () => {
    const g = compressRows([
      [1, 2, 1, 1, 2, 3],
      [0, 1, 0, 0, 1, 1],
    ]);
    expect(g).not.toBeNull();
    expect(g!.groups).toBe(3);
    expect(Array.from(g!.counts)).toEqual([3, 2, 1]);
    expect(Array.from(g!.groupOf)).toEqual([0, 1, 0, 0, 1, 2]);
    expect(Array.from(g!.first)).toEqual([0, 1, 5]);
    expect(compressRows([[1, 2, 3, 4, 5, 6]])).toBeNull();
    // -0 and 0 are one value.
    expect(compressRows([[0, -0, 0, -0]])!.groups).toBe(1);
  });

  it('compresses the Likert rows (four 1-5 drivers and an outcome) by more than 2x', () => {
    const x = predictors.map((p) => rows.map((r) => r[p]!));
    const g = compressRows([...x, rows.map((r) => r.retained!)]);
    expect(g).not.toBeNull();
    expect(g!.groups).toBeLessThan(1500);
  });
});

describe('subset engine with and without compression', () => {
  for (const family of ['binomial', 'ordinal'] as const) {
    for (const weights of [undefined, 'w3', 'wc']) {
      it(`${family}, weights ${weights ?? 'none'}: every subset's pseudo-R2, the coefficients and thresholds agree to 1e-12`, () => {
        const data = readPlayerData(rows, {
          outcome: family === 'binomial' ? 'retained' : 'nps',
          predictors,
          family,
          ...(weights ? { weights } : {}),
        });
        for (const kind of ['mcfadden', 'nagelkerke'] as const) {
          const a = playerFitTable(data, kind, undefined, true);
          const b = playerFitTable(data, kind, undefined, false);
          for (let m = 0; m < a.table.length; m++) expect(Math.abs(a.table[m]! - b.table[m]!)).toBeLessThan(1e-12);
          a.coefficients.forEach((c, j) => expectRel(c, b.coefficients[j]!, 1e-12, `coefficient ${j}`));
          a.thresholds.forEach((t, j) => expectRel(t, b.thresholds[j]!, 1e-12, `threshold ${j}`));
          expectRel(a.logLikelihood!.full, b.logLikelihood!.full, 1e-12, 'full LL');
          expectRel(a.logLikelihood!.null, b.logLikelihood!.null, 1e-12, 'null LL');
        }
      });
    }
  }

  it('bootstrap resamples (repeated cases) compress too and agree', () => {
    const data = readPlayerData(rows, { outcome: 'retained', predictors, family: 'binomial' });
    const pick = Int32Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 3000 === 0 ? 0 : (i * 7919) % 2999));
    const a = playerFitTable(data, 'mcfadden', pick, true);
    const b = playerFitTable(data, 'mcfadden', pick, false);
    for (let m = 0; m < a.table.length; m++) expect(Math.abs(a.table[m]! - b.table[m]!)).toBeLessThan(1e-12);
  });

  it('the public result reports n of the cases, not of the compressed rows', () => {
    const d = dominanceAnalysis(rows, { outcome: 'retained', predictors, family: 'binomial' });
    expect(d.n).toBe(3000);
  });
});

describe('logisticRegression and ordinalRegression with and without compression', () => {
  for (const weights of [undefined, 'w3', 'wc']) {
    it(`logistic, weights ${weights ?? 'none'}: estimates, SEs, deviances and IRLS iterations agree to 1e-12`, () => {
      const options = { outcome: 'retained', predictors, ...(weights ? { weights } : {}) };
      const sample = readRegressionSample(rows, options, { min: 0, max: 1, integer: true });
      const a = logisticFromSample(sample, options, 0.95, 1e-8, 25, 1e-7, undefined, sample.weightSum, true);
      const b = logisticFromSample(sample, options, 0.95, 1e-8, 25, 1e-7, undefined, sample.weightSum, false);
      a.coefficients.forEach((c, j) => {
        expectRel(c.estimate, b.coefficients[j]!.estimate, 1e-12, `estimate ${j}`);
        expectRel(c.standardError, b.coefficients[j]!.standardError, 1e-12, `SE ${j}`);
        expectRel(c.standardizedEstimate ?? 1, b.coefficients[j]!.standardizedEstimate ?? 1, 1e-12, `standardized ${j}`);
      });
      expectRel(a.deviance, b.deviance, 1e-12, 'deviance');
      expectRel(a.nullDeviance, b.nullDeviance, 1e-12, 'null deviance');
      expect(a.convergence.iterations).toBe(b.convergence.iterations);
      expect(a.n).toBe(b.n);
      expect(a.dfResidual).toBe(b.dfResidual);
      expect(a.weightSum).toBe(b.weightSum);
      // The public function compresses (same numbers as the uncompressed fit).
      expectRel(logisticRegression(rows, options).deviance, b.deviance, 1e-12, 'public deviance');
    });

    it(`ordinal, weights ${weights ?? 'none'}: thresholds, coefficients, SEs, log-likelihood and fitted probabilities agree to 1e-12`, () => {
      const options = { outcome: 'nps', predictors, ...(weights ? { weights } : {}) };
      const sample = readRegressionSample(rows, options);
      const a = ordinalFromSample(sample, options, 'logit', 0.95, true);
      const b = ordinalFromSample(sample, options, 'logit', 0.95, false);
      [...a.thresholds, ...a.coefficients].forEach((c, j) => {
        const e = [...b.thresholds, ...b.coefficients][j]!;
        expectRel(c.estimate, e.estimate, 1e-12, `estimate ${j}`);
        expectRel(c.standardError, e.standardError, 1e-12, `SE ${j}`);
      });
      expectRel(a.logLikelihood, b.logLikelihood, 1e-12, 'LL');
      expectRel(a.pseudoRSquared.nagelkerke, b.pseudoRSquared.nagelkerke, 1e-12, 'Nagelkerke');
      expect(a.fittedProbabilities.length).toBe(3000);
      a.fittedProbabilities.forEach((pr, i) =>
        pr.forEach((v, k) => expect(Math.abs(v - b.fittedProbabilities[i]![k]!)).toBeLessThan(1e-12)),
      );
      expect(a.n).toBe(b.n);
      expect(ordinalRegression(rows, options).n).toBe(3000);
    });
  }
});
