// The one vocabulary (docs/guides/conventions.md) on whatIf and on the bootstrap of
// relativeImportance: estimates with confidenceInterval [l, u], confidenceLevel and
// intervalMethod; no `interval`, `lower`/`upper` or `difference` fields; warnings.
import { describe, expect, it } from 'vitest';
import { relativeImportance, whatIf } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { expectEstimateFields, expectNoRetiredKeys, expectWarnings } from '../helpers/vocabulary.js';

const rows = loadCsv('loyalty-survey.csv').slice(0, 300);
const predictors = ['sat1', 'tru1', 'img1'];

describe('the vocabulary of whatIf and of the importance bootstrap', () => {
  it('whatIf: coefficient and outcome change as estimates (t), NPS snapshots with estimate, the predicted NPS with its interval', () => {
    const w = whatIf(rows, { outcome: 'recommend', predictors, driver: 'tru1', delta: 1, confidenceLevel: 0.9 });
    expectEstimateFields(w.coefficient, 'coefficient', { level: 0.9, intervalMethod: 't' });
    expectEstimateFields(w.outcomeChange, 'outcomeChange', { level: 0.9, intervalMethod: 't' });
    expect(w.outcomeChange.standardError).toBeCloseTo(w.coefficient.standardError, 15);
    expect(w.nps!.baseline).toHaveProperty('estimate');
    expect(w.nps!.baseline).not.toHaveProperty('nps');
    expectEstimateFields(w.nps!.predicted, 'nps.predicted', { level: 0.9, intervalMethod: 't', withoutSe: true });
    expect(w.nps!.predicted).not.toHaveProperty('nps');
    expect(w.nps!.change).toBeCloseTo(w.nps!.predicted.estimate - w.nps!.baseline.estimate, 12);
    expect(expectWarnings(w, 'whatIf')).toEqual([]);
    expectNoRetiredKeys(w, 'whatIf');
  });

  it('relativeImportance bootstrap: intervals, share intervals, R2 and differences as percentile estimates', () => {
    const r = relativeImportance(rows, { outcome: 'recommend', predictors, bootstrap: { replicates: 60, seed: 3, confidenceLevel: 0.9 } });
    const b = r.bootstrap!;
    expectEstimateFields(b.rSquared, 'rSquared', { level: 0.9, intervalMethod: 'percentile' });
    expect(b.rSquared.estimate).toBe(r.rSquared);
    for (const m of r.metrics) {
      for (const d of predictors) {
        expectEstimateFields(b.intervals[m]![d], `intervals.${m}.${d}`, { level: 0.9, intervalMethod: 'percentile' });
        expectEstimateFields(b.shareIntervals[m]![d], `shareIntervals.${m}.${d}`, { level: 0.9, intervalMethod: 'percentile' });
        expect(b.intervals[m]![d]!.estimate).toBe(r.importance[m]![d]);
        expect(b.shareIntervals[m]![d]!.estimate).toBeCloseTo(r.shares[m]![d]!, 14);
      }
      for (const pair of b.differences[m]!) expectEstimateFields(pair, `differences.${m}`, { level: 0.9, intervalMethod: 'percentile' });
    }
    expect(expectWarnings(r, 'relativeImportance')).toEqual([]);
    expectNoRetiredKeys(r, 'relativeImportance');
  });
});
