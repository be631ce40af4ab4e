// The one vocabulary (docs/guides/conventions.md) on the wave comparisons: every difference is an
// `estimate` with confidenceInterval, confidenceLevel and intervalMethod; warnings on every result;
// no `difference`, `lower`/`upper` fields.
import { describe, expect, it } from 'vitest';
import { compareMeans, compareNps, compareProportions, compareWaves } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { expectEstimateFields, expectNoRetiredKeys, expectWarnings } from '../helpers/vocabulary.js';

const rows = loadCsv('loyalty-survey.csv');

describe('the vocabulary of the comparisons', () => {
  it('compareNps (z, Wald), compareProportions (Wald), compareMeans (t)', () => {
    const cases = [
      [compareNps([10, 9, 3, 7, 8], [10, 10, 9, 2, 6, 9]), 'wald'],
      [compareNps({ estimate: -17.27, standardError: 2.34, n: 1025 }, { estimate: -15.08, standardError: 2.44, n: 975 }), 'wald'],
      [compareProportions({ successes: 545, n: 1025 }, { successes: 525, n: 975 }), 'wald'],
      [compareMeans([1, 2, 3, 4, 5], [2, 4, 6, 8, 9]), 't'],
      [compareMeans([1, 2, 3, 4, 5], [2, 4, 6, 8, 9], { equalVariance: true }), 't'],
    ] as const;
    for (const [r, intervalMethod] of cases) {
      expectEstimateFields(r, r.method, { intervalMethod });
      expect(expectWarnings(r, r.method)).toEqual([]);
      expectNoRetiredKeys(r, r.method);
    }
    const n = compareNps([10, 9, 3, 7, 8], [10, 10, 9, 2, 6, 9]);
    expect(n.a).toHaveProperty('estimate');
    expect(n.a).not.toHaveProperty('nps');
    expect(n.estimate).toBeCloseTo(n.b.estimate - n.a.estimate, 12);
  });

  it('compareWaves: per-wave estimates, differences, bootstrap intervals of importance and its differences', () => {
    const r = compareWaves(rows, {
      wave: 'wave',
      nps: 'recommend',
      csat: 'csat',
      retention: 'retained',
      drivers: { trust: ['tru1', 'tru2', 'tru3'], satisfaction: ['sat1', 'sat2', 'sat3'] },
      importance: { outcome: 'recommend', bootstrap: { replicates: 50, seed: 2 } },
    });
    for (const w of r.waves) {
      for (const key of ['nps', 'csat', 'retention'] as const) expectEstimateFields(w[key], `waves.${key}`);
      for (const d of ['trust', 'satisfaction'])
        expectEstimateFields(w.importance!.intervals![d], `waves.importance.intervals.${d}`, { intervalMethod: 'percentile' });
    }
    const c = r.comparisons[0]!;
    expectEstimateFields(c.nps, 'comparisons.nps', { intervalMethod: 'wald' });
    expectEstimateFields(c.csat, 'comparisons.csat', { intervalMethod: 'wald' });
    expectEstimateFields(c.drivers!['trust'], 'comparisons.drivers.trust', { intervalMethod: 't' });
    expectEstimateFields(c.importance!.rSquared, 'comparisons.importance.rSquared', { intervalMethod: 'percentile' });
    expectEstimateFields(c.importance!.drivers['trust'], 'comparisons.importance.drivers.trust', { intervalMethod: 'percentile' });
    expect(expectWarnings(r, 'compareWaves')).toEqual([]);
    expect(expectNoRetiredKeys(r, 'compareWaves')).toBeGreaterThan(20);
  });
});
