// profileSegments against R (test/fixtures/r/segmentation.R): aov, kruskal.test and
// chisq.test(correct = FALSE) across the four Dick & Basu segments of loyalty-survey.csv, weighted
// shares, means and SEs (survey::svymean per segment), relative 1e-9; plus empty segments and errors.
import { describe, expect, it } from 'vitest';
import { InputError, InsufficientDataError, nps, profileSegments, segmentLoyalty } from '../../src/index.js';
import type { LoyaltySegment } from '../../src/index.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('loyalty-survey.csv');
const R = loadJson('r/segmentation.json');
const SEGMENTS = ['true', 'latent', 'spurious', 'none'] as const;
const segmentation = segmentLoyalty(rows, {
  attitude: { mean: ['recommend', 'repurchase_intent', 'upsell_intent'] },
  behaviour: { ratio: ['spend_12m', 'category_spend_12m'] },
});
const variables = [
  'tenure_months',
  { name: 'trust', mean: ['tru1', 'tru2', 'tru3'] },
  'spend_12m',
  'recommend',
  'switching_cost',
  'channel',
  'region',
] as const;

describe('profileSegments: tests across segments against R (1e-9)', () => {
  const p = profileSegments(rows, segmentation, { variables: [...variables], nps: 'recommend', revenue: 'spend_12m' });
  it('types: 0/1 and string columns categorical, others numeric', () => {
    expect(p.variables.map((v) => v.type)).toEqual([
      'numeric',
      'numeric',
      'numeric',
      'numeric',
      'categorical',
      'categorical',
      'categorical',
    ]);
  });
  it('one-way ANOVA (R aov)', () => {
    for (const v of ['tenure_months', 'trust', 'spend_12m']) {
      const a = p.tests.numeric[v]!.anova!;
      expectRel(a.statistic, R.anova[v].F, 1e-9, `${v} F`);
      expectRel(a.pValue, R.anova[v].p, 1e-9, `${v} p`);
      expect([a.dfBetween, a.dfWithin]).toEqual([R.anova[v].df1, R.anova[v].df2]);
      expectRel(a.etaSquared, R.anova[v].ss_between / (R.anova[v].ss_between + R.anova[v].ss_within), 1e-9, `${v} eta2`);
    }
    // Revenue gets the same tests.
    expectRel(p.tests.revenue!.anova!.statistic, R.anova.spend_12m.F, 1e-9, 'revenue F');
  });
  it('Kruskal-Wallis (R kruskal.test), including the heavily tied 0-10 recommend', () => {
    for (const v of ['tenure_months', 'trust', 'spend_12m', 'recommend']) {
      const k = p.tests.numeric[v]!.kruskalWallis!;
      expectRel(k.statistic, R.kruskal[v].H, 1e-9, `${v} H`);
      expectRel(k.pValue, R.kruskal[v].p, 1e-9, `${v} p`);
      expect(k.df).toBe(3);
    }
  });
  it('chi-square (R chisq.test(correct = FALSE)), including the NPS categories', () => {
    for (const v of ['switching_cost', 'channel', 'region']) {
      const c = p.tests.categorical[v]!;
      expectRel(c.statistic, R.chisq[v].statistic, 1e-9, `${v} X2`);
      expectRel(c.pValue, R.chisq[v].p, 1e-9, `${v} p`);
      expect(c.df).toBe(R.chisq[v].df);
    }
    expectRel(p.tests.nps!.statistic, R.chisq.nps_categories.statistic, 1e-9, 'NPS categories X2');
    expectRel(p.tests.nps!.pValue, R.chisq.nps_categories.p, 1e-9, 'NPS categories p');
  });
  it('sizes, shares, trust n per segment (listwise on its three items), NPS from nps()', () => {
    for (const s of SEGMENTS) {
      expect(p.profiles[s].n).toBe(R.segments.counts[s]);
      expectRel(p.profiles[s].share, R.segments.counts[s] / 1917, 1e-15);
      const members = rows.filter((_, i) => segmentation.assignments[i] === s);
      const trustRows = members.filter((r) => r.tru1 !== null && r.tru2 !== null && r.tru3 !== null);
      expect(p.profiles[s].numeric.trust!.n).toBe(trustRows.length);
      const direct = nps(members.map((r) => r.recommend));
      expect(p.profiles[s].nps).toMatchObject({ estimate: direct.estimate, standardError: direct.standardError, n: direct.n });
    }
  });
  it('unweighted mean SE is s / sqrt(n); revenue shares add to 1', () => {
    const m = p.profiles.latent.numeric.tenure_months!;
    expectRel(m.standardError!, m.standardDeviation! / Math.sqrt(m.n), 1e-14);
    expectRel(
      SEGMENTS.reduce((a, s) => a + p.profiles[s].revenue!.share, 0),
      1,
      1e-15,
    );
  });
  it('missing cells per variable are reported among profiled rows', () => {
    // trust needs all of tru1-3: rows profiled minus rows with trust.
    const withTrust = SEGMENTS.reduce((a, s) => a + p.profiles[s].numeric.trust!.n, 0);
    expect(p.missing.byColumn.trust).toBe(1917 - withTrust);
    expect(p.missing).toMatchObject({ rowsIn: 2000, rowsUsed: 1917, rowsDropped: 83 });
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe('profileSegments: weighted (survey::svymean per segment, 1e-9)', () => {
  const p = profileSegments(rows, segmentation, {
    variables: ['tenure_months', { name: 'trust', mean: ['tru1', 'tru2', 'tru3'] }, 'switching_cost'],
    revenue: 'spend_12m',
    nps: 'recommend',
    weights: 'weight',
  });
  it('weighted shares, means, Taylor SEs, category shares and revenue shares', () => {
    expect(p.weighted).toBe(true);
    for (const s of SEGMENTS) {
      const pr = p.profiles[s];
      expectRel(pr.share, R.weighted.share[s], 1e-9, `${s} share`);
      expectRel(pr.numeric.tenure_months!.mean, R.weighted.tenure_mean[s], 1e-9, `${s} tenure mean`);
      expectRel(pr.numeric.tenure_months!.standardError!, R.weighted.tenure_se[s], 1e-9, `${s} tenure SE`);
      expectRel(pr.numeric.trust!.mean, R.weighted.trust_mean[s], 1e-9, `${s} trust mean`);
      expectRel(pr.numeric.trust!.standardError!, R.weighted.trust_se[s], 1e-9, `${s} trust SE`);
      expectRel(pr.categorical.switching_cost!.shares['1']!, R.weighted.switching_cost_share[s], 1e-9, `${s} switching_cost`);
      expectRel(pr.revenue!.share, R.weighted.revenue_share[s], 1e-9, `${s} revenue share`);
      expect(pr.numeric.tenure_months!.standardDeviation).toBeNull();
    }
  });
  it('tests stay unweighted (same as the unweighted profile)', () => {
    const u = profileSegments(rows, segmentation, { variables: ['tenure_months'] });
    expect(p.tests.numeric.tenure_months).toEqual(u.tests.numeric.tenure_months);
  });
});

describe('profileSegments: empty segments and errors', () => {
  it('a segment with no rows: size 0, null summaries, left out of the tests (df drops by one)', () => {
    const assignments = segmentation.assignments.map((a) => (a === 'latent' ? null : a));
    const p = profileSegments(
      rows,
      { assignments },
      { variables: ['tenure_months', 'switching_cost'], nps: 'recommend', revenue: 'spend_12m' },
    );
    expect(p.emptySegments).toEqual(['latent']);
    expect(p.profiles.latent).toMatchObject({ n: 0, share: 0, nps: null, revenue: { n: 0, total: 0, mean: null, share: 0 } });
    expect(p.profiles.latent.numeric.tenure_months).toBeNull();
    expect(p.profiles.latent.categorical.switching_cost).toMatchObject({ n: 0, counts: { 0: 0, 1: 0 } });
    expect(p.tests.numeric.tenure_months!.anova!.dfBetween).toBe(2);
    expect(p.tests.numeric.tenure_months!.kruskalWallis!.df).toBe(2);
    expect(p.tests.categorical.switching_cost!.df).toBe(2);
    expect(p.n).toBe(1917 - 163);
  });
  it('fewer than two segments with rows is TOO_FEW_CASES naming the empty ones', () => {
    const assignments = segmentation.assignments.map((a) => (a === 'true' ? 'true' : null));
    expectError(() => profileSegments(rows, { assignments }), InsufficientDataError, 'TOO_FEW_CASES', [
      'only "true" has rows',
      'latent, spurious, none',
    ]);
  });
  it('a test that cannot run becomes a warning, not an abort', () => {
    const data = rows.map((r) => ({ ...r, constant: 3 }));
    const p = profileSegments(data, segmentation, { variables: [{ column: 'constant', type: 'numeric' }, 'tenure_months'] });
    expect(p.tests.numeric.constant).toEqual({ anova: null, kruskalWallis: null });
    expect(p.warnings).toHaveLength(2);
    expect(p.warnings[0]!.code).toBe('TEST_NOT_COMPUTED');
    expect(p.warnings[0]!.message).toContain('ZERO_VARIANCE');
    expect(p.tests.numeric.tenure_months!.anova).not.toBeNull();
  });
  it('input errors', () => {
    expectError(() => profileSegments(rows, { assignments: [] }), InputError, 'LENGTH_MISMATCH', ['expected 2000 assignments']);
    const bad = segmentation.assignments.map((a, i) => (i === 5 ? ('loyal' as LoyaltySegment) : a));
    expectError(() => profileSegments(rows, { assignments: bad }), InputError, 'INVALID_OPTION', ['assignments[5]', 'loyal']);
    expectError(
      () => profileSegments(rows, segmentation, { variables: ['tenure_months', { column: 'tenure_months' }] }),
      InputError,
      'INVALID_OPTION',
      ['used twice'],
    );
    expectError(
      () => profileSegments(rows, segmentation, { variables: [{ mean: ['tru1', 'tru2'], type: 'categorical' }] }),
      InputError,
      'INVALID_OPTION',
      ['must be a column'],
    );
    expectError(() => profileSegments(rows, segmentation, { variables: ['nope'] }), InputError, 'COLUMN_NOT_FOUND', ['"nope"']);
    expectError(() => profileSegments(rows, segmentation, { nps: 'tenure_months' }), InputError, 'OUT_OF_RANGE', ['integer from 0 to 10']);
    expectError(() => profileSegments(rows, segmentation, { weights: 'wt' }), InputError, 'COLUMN_NOT_FOUND', ['"wt"']);
  });
});

describe('profileSegments: missing codes', () => {
  // Reference: the same rows with the coded cells blank (a missing code is a missing answer).
  const coded = rows.map((r, i) => (i % 23 === 0 ? { ...r, recommend: -99, tenure_months: -99, switching_cost: -99 } : r));
  const blank = rows.map((r, i) => (i % 23 === 0 ? { ...r, recommend: null, tenure_months: null, switching_cost: null } : r));
  it("nps.missingCodes and a variable's missingCodes: the profiles of the rows with those cells empty, switching_cost still categorical", () => {
    const codes = [-99];
    const actual = profileSegments(coded, segmentation, {
      variables: [
        { column: 'tenure_months', missingCodes: codes },
        { column: 'switching_cost', missingCodes: codes },
      ],
      nps: { column: 'recommend', missingCodes: codes },
    });
    const expected = profileSegments(blank, segmentation, { variables: ['tenure_months', 'switching_cost'], nps: 'recommend' });
    expect(actual.variables.map((v) => v.type)).toEqual(['numeric', 'categorical']);
    expect(JSON.parse(JSON.stringify(actual.profiles))).toEqual(JSON.parse(JSON.stringify(expected.profiles)));
    expect(actual.missing.byColumn).toEqual(expected.missing.byColumn);
    expect(actual.profiles.true.nps!.n).toBeLessThan(actual.profiles.true.n);
  });
  it('without the codes a coded recommend is out of range, as before', () => {
    expectError(() => profileSegments(coded, segmentation, { nps: 'recommend' }), InputError, 'OUT_OF_RANGE', ['-99']);
  });
});
