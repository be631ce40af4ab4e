// profileSegments with a survey design (issue 16) against test/fixtures/r/profileDesign.R (R
// 4.2.2, survey 4.1.1): domain means and NPS per segment (svyby + svymean) and the Rao-Scott
// tests (svychisq, F form and first-order chi-square), 1e-9 relative.
import { describe, expect, it } from 'vitest';
import { profileSegments, type LoyaltySegment } from '../../src/index.js';
import { InputError } from '../../src/errors.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const ref = loadJson('r/profileDesign.json');
const survey = loadCsv('loyalty-survey.csv');
const extra = loadCsv('survey-design.csv');
const rows = survey.map((r, i) => ({ ...r, ...extra[i]! }));
// The R script's rule: attitude high when recommend >= 8, behaviour high when purchases_12m >= 3.
const assignments: LoyaltySegment[] = rows.map((r) => {
  const att = (r.recommend as number) >= 8;
  const beh = (r.purchases_12m as number) >= 3;
  return att && beh ? 'true' : att ? 'latent' : beh ? 'spurious' : 'none';
});
const designs = {
  strata_clusters_fpc: { weights: 'weight', strata: 'region', clusters: 'cluster', fpc: 'fpc_psu' },
  strata: { weights: 'weight', strata: 'region' },
} as const;

describe.each(Object.keys(designs) as (keyof typeof designs)[])('profileSegments with design %s vs R survey', (name) => {
  const r = ref[name];
  const p = profileSegments(
    rows,
    { assignments },
    { design: designs[name], variables: ['tenure_months', 'region', 'channel'], nps: 'recommend' },
  );
  it('domain means and SEs per segment (svyby svymean)', () => {
    r.tenure.segments.forEach((s: LoyaltySegment, j: number) => {
      const t = p.profiles[s].numeric.tenure_months!;
      expectRel(t.mean, r.tenure.estimate[j], 1e-12, `${s} mean`);
      expectRel(t.standardError!, r.tenure.se[j], 1e-9, `${s} se`);
    });
  });
  it('NPS per segment as a domain', () => {
    r.nps.segments.forEach((s: LoyaltySegment, j: number) => {
      const e = p.profiles[s].nps!;
      expectRel(e.estimate, r.nps.estimate[j], 1e-12, `${s} nps`);
      expectRel(e.standardError, r.nps.se[j], 1e-9, `${s} nps se`);
      expect(e.intervalMethod).toBe('wald');
    });
  });
  it.each([
    ['region', 'region'],
    ['channel', 'channel'],
    ['npsCategories', 'nps'],
  ] as const)('Rao-Scott test of segment x %s (svychisq)', (key, what) => {
    const t = what === 'nps' ? p.tests.nps! : p.tests.categorical[what]!;
    const rs = t.raoScott!;
    const want = r[key];
    expectRel(rs.pearson, want.pearson, 1e-9, 'pearson');
    expectRel(rs.statistic, want.F, 1e-9, 'F');
    expectRel(rs.df1, want.ndf, 1e-9, 'ndf');
    expectRel(rs.df2, want.ddf, 1e-9, 'ddf');
    expectRel(rs.pValue, want.pF['X-squared'], 1e-9, 'p');
    expect(rs.chiSquare.df).toBe(want.df);
    expectRel(rs.chiSquare.pValue, want.pChisq['X-squared'], 1e-9, 'p chisq');
  });
  it('reports the design', () => {
    expect(p.design!.degreesOfFreedom).toBe(r.degf);
    expect(p.weighted).toBe(true);
  });
});

describe('profileSegments design errors', () => {
  it('weights with design is refused', () => {
    expectError(() => profileSegments(rows, { assignments }, { weights: 'weight', design: designs.strata }), InputError, 'INVALID_OPTION');
  });
  it('a design column that does not exist names it', () => {
    expectError(
      () => profileSegments(rows, { assignments }, { design: { weights: 'weight', strata: 'nope' } }),
      InputError,
      'COLUMN_NOT_FOUND',
    );
  });
});
