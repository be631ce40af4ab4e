/**
 * Driver sets, always-in covariates and a categorical driver, for every family, against R
 * (test/fixtures/r/familyImportance.R section 4): relaimpo `groups =`, `always =` and a factor on
 * lm; dominanceanalysis `terms =`, `constants =` and a factor on glm; a brute force of clm fits
 * for the ordinal outcome. Players: service = satisfaction + trust, image, engagement, region
 * (East the reference); tenure in every submodel. Values 1e-9 relative, matrices exactly.
 */
import { describe, expect, it } from 'vitest';
import { dominanceAnalysis, relativeImportance } from '../../src/index.js';
import { InputError } from '../../src/errors.js';
import { expectRel } from '../helpers/fixtures.js';
import { familyReference, familyRows } from './familyData.js';

const PLAYERS = ['service', 'image', 'engagement', 'region'];
const base = {
  predictors: ['satisfaction', 'image', 'trust', 'engagement', 'region'],
  sets: { service: ['satisfaction', 'trust'] },
  always: ['tenure'],
  categorical: ['region'],
};
// The R data: complete on the drivers, region, tenure and all three outcomes.
const rows = () => familyRows().filter((r) => ['region', 'tenure', 'recommend', 'retained', 'rec3'].every((c) => r[c] !== null));

describe('sets, always-in covariates and categorical drivers vs R', () => {
  it('gaussian: relaimpo groups, always and a factor (lmg, first, last, R2, always share)', () => {
    const ref = familyReference().sets_relaimpo;
    const r = relativeImportance(rows(), { outcome: 'recommend', ...base });
    expect(r.n).toBe(ref.n);
    expect(r.predictors).toEqual(PLAYERS);
    expect(r.family).toBe('gaussian');
    expectRel(r.rSquared, ref.r_squared, 1e-9, 'R2');
    expectRel(r.rSquared - r.model!.always.fitIndex, ref.decomposed, 1e-9, 'decomposed');
    for (const m of ['lmg', 'first', 'last'] as const) {
      for (const p of PLAYERS) expectRel(r.importance[m]![p]!, ref[m][p], 1e-9, `${m} ${p}`);
    }
    expect(r.model!.sets).toEqual({ service: ['satisfaction', 'trust'], image: ['image'], engagement: ['engagement'], region: ['region'] });
    expect(r.model!.categorical.region).toEqual({
      reference: 'East',
      levels: ['East', 'North', 'South', 'West'],
      dummies: ['region=North', 'region=South', 'region=West'],
    });
    expect(r.model!.always.columns).toEqual(['tenure']);
  });

  for (const [index, key] of [
    ['mcfadden', 'mcfadden'],
    ['cox-snell', 'cox_snell'],
    ['estrella', 'estrella'],
  ] as const) {
    it(`binomial, ${index}: dominanceanalysis terms, constants and a factor`, () => {
      const ref = familyReference().sets_dominanceanalysis;
      const d = dominanceAnalysis(rows(), { outcome: 'retained', family: 'binomial', pseudoRSquared: index, ...base });
      expect(d.predictors).toEqual(PLAYERS);
      expect(d.complete).toEqual(ref[key].complete);
      expect(d.conditional).toEqual(ref[key].conditional);
      expect(d.general).toEqual(ref[key].general);
      d.contributionByLevel.forEach((level, k) => {
        for (const p of PLAYERS) expectRel(level[p]!, ref[key].contribution_by_level[k][p], 1e-9, `level ${k} ${p}`);
      });
      for (const p of PLAYERS) expectRel(d.generalContribution[p]!, ref[key].general_contribution[p], 1e-9, p);
      const rKey = { mcfadden: 'r2.m', 'cox-snell': 'r2.cs', estrella: 'r2.e' }[index];
      expectRel(d.model!.always.fitIndex, ref.always_fit[rKey], 1e-9, 'always share');
      expectRel(d.rSquared, ref.full_fit[rKey], 1e-9, 'full');
    });
  }

  it('ordinal: every index by brute force of clm fits with the same players', () => {
    const ref = familyReference().sets_ordinal;
    for (const [index, key] of [
      ['mcfadden', 'mcfadden'],
      ['cox-snell', 'cox_snell'],
      ['nagelkerke', 'nagelkerke'],
      ['estrella', 'estrella'],
    ] as const) {
      const d = dominanceAnalysis(rows(), { outcome: 'rec3', family: 'ordinal', pseudoRSquared: index, ...base });
      const want = ref.indices[key];
      expect(d.complete).toEqual(want.complete);
      expect(d.conditional).toEqual(want.conditional);
      for (const p of PLAYERS) expectRel(d.generalContribution[p]!, want.general_contribution[p], 1e-9, `${index} ${p}`);
      expectRel(d.model!.always.fitIndex, want.always, 1e-9, `${index} always`);
      expectRel(d.rSquared, want.total, 1e-9, `${index} total`);
    }
  });

  it('strict: unknown set members, overlaps and categorical columns outside the model are typed errors', () => {
    const o = { outcome: 'retained', family: 'binomial' as const };
    expect(() => relativeImportance(rows(), { ...o, predictors: ['image', 'trust'], sets: { s: ['image', 'nope'] } })).toThrow(InputError);
    expect(() =>
      relativeImportance(rows(), { ...o, predictors: ['image', 'trust', 'engagement'], sets: { a: ['image', 'trust'], b: ['trust'] } }),
    ).toThrow(/already in set/);
    expect(() => relativeImportance(rows(), { ...o, predictors: ['image', 'trust'], always: ['image'] })).toThrow(/also a predictor/);
    expect(() => relativeImportance(rows(), { ...o, predictors: ['image', 'trust'], categorical: ['region'] })).toThrow(/not among/);
    expect(() => relativeImportance(rows(), { ...o, predictors: ['image', 'trust'], metrics: ['pratt'] })).toThrow(
      /defined for single linear/,
    );
    expect(() => relativeImportance(rows(), { outcome: 'recommend', predictors: ['image', 'trust'], pseudoRSquared: 'mcfadden' })).toThrow(
      /only for family/,
    );
    expect(() => relativeImportance(rows(), { ...o, predictors: ['image', 'trust'], pseudoRSquared: 'r2' as never })).toThrow(InputError);
    expect(() => relativeImportance(rows(), { outcome: 'rec3', predictors: ['image', 'trust'], family: 'binomial' })).toThrow(/0 or 1/);
    expect(() =>
      relativeImportance(
        {
          correlation: [
            [1, 0.5, 0.4],
            [0.5, 1, 0.3],
            [0.4, 0.3, 1],
          ],
          variables: ['y', 'a', 'b'],
          n: 50,
        },
        { ...o, outcome: 'y', predictors: ['a', 'b'] },
      ),
    ).toThrow(/need rows/);
  });
});
