// The one vocabulary (docs/guides/conventions.md) on profileSegments: warnings with stable codes
// instead of notes, and the per-segment NPS as an estimate with its interval's level and method.
import { describe, expect, it } from 'vitest';
import { profileSegments, segmentLoyalty } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { expectEstimateFields, expectNoRetiredKeys, expectWarnings } from '../helpers/vocabulary.js';

const rows = loadCsv('loyalty-survey.csv')
  .slice(0, 400)
  .map((r) => ({ ...r, constant: 3 }));

describe('the vocabulary of profileSegments', () => {
  it('per-segment NPS as estimate (adjusted Wald), warnings TEST_NOT_COMPUTED for tests that cannot run', () => {
    const s = segmentLoyalty(rows, { attitude: 'recommend', behaviour: { ratio: ['spend_12m', 'category_spend_12m'] } });
    const p = profileSegments(rows, s, { variables: [{ column: 'constant', type: 'numeric' }, 'region'], nps: 'recommend' });
    for (const seg of p.segments) {
      const nps = p.profiles[seg].nps;
      if (nps === null) continue;
      expectEstimateFields(nps, `profiles.${seg}.nps`, { intervalMethod: 'adjusted-wald' });
      expect(nps).not.toHaveProperty('nps');
    }
    const warnings = expectWarnings(p, 'profileSegments');
    expect(warnings.map((w) => w.code)).toEqual(['TEST_NOT_COMPUTED', 'TEST_NOT_COMPUTED']);
    expect(warnings[0]!.message).toContain('constant, one-way ANOVA');
    expect(p).not.toHaveProperty('notes');
    expectNoRetiredKeys(p, 'profileSegments');
  });

  it('weighted: the per-segment NPS interval is Wald', () => {
    const s = segmentLoyalty(rows, { attitude: 'recommend', behaviour: { ratio: ['spend_12m', 'category_spend_12m'] } });
    const p = profileSegments(rows, s, { nps: 'recommend', weights: 'weight' });
    const seg = p.segments.find((k) => p.profiles[k].nps !== null)!;
    expectEstimateFields(p.profiles[seg].nps, 'weighted nps', { intervalMethod: 'wald' });
    expect(expectWarnings(p, 'weighted profile')).toEqual([]);
  });
});
