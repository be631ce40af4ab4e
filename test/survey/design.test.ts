// Design-based variances (strata, clusters, fpc, lonely PSUs) against R survey 4.1.1:
// test/fixtures/r/survey.R wrote r/survey.json, survey-design.csv (the derived clusters and fpc
// of the example survey) and survey-apistrat.csv / survey-apiclus1.csv (R survey's `api` data).
// Tolerance 1e-9 relative throughout (the references carry 17 significant digits).
import { describe, expect, it } from 'vitest';
import {
  InputError,
  InsufficientDataError,
  churnRate,
  csat,
  customerLoyaltyIndex,
  nps,
  repeatPurchaseRate,
  retentionRate,
  shareOfWallet,
  type SurveyDesign,
} from '../../src/index.js';
import { readRowsDesign, readVectorDesign } from '../../src/survey/design.js';
import { designMean, designRatio, designTotal } from '../../src/survey/linearization.js';
import { expectError, expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const TOL = 1e-9;
const ref = loadJson('r/survey.json');
const survey = loadCsv('loyalty-survey.csv');
const extra = loadCsv('survey-design.csv');
const rows = survey.map((r, i) => {
  expect(extra[i]!.respondent_id).toBe(r.respondent_id);
  return { ...r, ...extra[i]! };
});
const col = (name: string) => rows.map((row) => row[name]);

type Case = keyof typeof designs;
const designs = {
  strata: { weights: col('weight'), strata: col('region') },
  strata_clusters: { weights: col('weight'), strata: col('region'), clusters: col('cluster') },
  strata_clusters_fpc: { weights: col('weight'), strata: col('region'), clusters: col('cluster'), fpc: col('fpc_psu') },
  strata_clusters_fraction: { weights: col('weight'), strata: col('region'), clusters: col('cluster'), fpc: col('fpc_fraction') },
  clusters: { weights: col('weight'), clusters: col('cluster') },
} satisfies Record<string, SurveyDesign>;
const rowDesigns: Record<Case, SurveyDesign<string>> = {
  strata: { weights: 'weight', strata: 'region' },
  strata_clusters: { weights: 'weight', strata: 'region', clusters: 'cluster' },
  strata_clusters_fpc: { weights: 'weight', strata: 'region', clusters: 'cluster', fpc: 'fpc_psu' },
  strata_clusters_fraction: { weights: 'weight', strata: 'region', clusters: 'cluster', fpc: 'fpc_fraction' },
  clusters: { weights: 'weight', clusters: 'cluster' },
};

describe.each(Object.keys(designs) as Case[])('indices with design %s match svymean / svyratio', (name) => {
  const e = ref.loyalty[name];
  const design = designs[name];
  it('nps: estimate, SE, design effect, Wald interval, design summary', () => {
    const r = nps(col('recommend'), { design });
    expectRel(r.estimate, 100 * e.nps.estimate, TOL, 'nps');
    expectRel(r.standardError, 100 * e.nps.se, TOL, 'nps se');
    expectRel(r.design!.designEffect!, e.nps.deff, TOL, 'nps deff');
    expect(r.intervalMethod).toBe('wald');
    // Wald: estimate -/+ qnorm(0.975) SE (qnorm(0.975) = 1.959963984540054).
    expectRel(r.confidenceInterval[1], 100 * e.nps.estimate + 1.959963984540054 * 100 * e.nps.se, 1e-12);
    expect(r.design!.degreesOfFreedom).toBe(e.degf);
    expect(r.weighted).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
  it('csat, retention, churn', () => {
    const c = csat(col('csat'), { design });
    expectRel(c.estimate, 100 * e.csat.estimate, TOL);
    expectRel(c.standardError, 100 * e.csat.se, TOL);
    expectRel(c.design!.designEffect!, e.csat.deff, TOL);
    expect(c.intervalMethod).toBe('wald');
    const r = retentionRate(col('retained'), { design });
    expectRel(r.estimate, e.retention.estimate, TOL);
    expectRel(r.standardError, e.retention.se, TOL);
    expectRel(r.design!.designEffect!, e.retention.deff, TOL);
    const ch = churnRate(col('retained'), { design });
    expectRel(ch.estimate, 1 - e.retention.estimate, TOL);
    expectRel(ch.standardError, e.retention.se, TOL);
  });
  it('repeatPurchaseRate: the purchasers domain (svymean on subset(design, purchases >= 1))', () => {
    const r = repeatPurchaseRate(col('purchases_12m'), { design });
    expectRel(r.estimate, e.repeat_purchase.estimate, TOL);
    expectRel(r.standardError, e.repeat_purchase.se, TOL);
    expectRel(r.design!.designEffect!, e.repeat_purchase.deff, TOL);
  });
  it('shareOfWallet: svyratio and svymean on the customers with category spend', () => {
    const r = shareOfWallet(col('spend_12m'), col('category_spend_12m'), { design });
    expectRel(r.ratioOfSums.estimate, e.wallet_ratio.estimate, TOL);
    expectRel(r.ratioOfSums.standardError, e.wallet_ratio.se, TOL);
    expectRel(r.meanOfRatios.estimate, e.wallet_mean.estimate, TOL);
    expectRel(r.meanOfRatios.standardError, e.wallet_mean.se, TOL);
    expectRel(r.design!.designEffect!, e.wallet_mean.deff, TOL);
  });
  it('customerLoyaltyIndex (column names): mean and net conventions, and rows with a missing item', () => {
    const design = rowDesigns[name];
    const m = customerLoyaltyIndex(rows, { items: ['recommend', 'repurchase_intent', 'upsell_intent'], design });
    expectRel(m.estimate, e.cli_mean.estimate, TOL);
    expectRel(m.standardError, e.cli_mean.se, TOL);
    expectRel(m.design!.designEffect!, e.cli_mean.deff, TOL);
    expect(m.intervalMethod).toBe('wald');
    const net = customerLoyaltyIndex(rows, { items: ['recommend', 'repurchase_intent', 'upsell_intent'], method: 'net', design });
    expectRel(net.estimate, e.cli_net.estimate, TOL);
    expectRel(net.standardError, e.cli_net.se, TOL);
    // sat1-3 have missing answers: the complete cases form a domain of the full design (na.rm = TRUE).
    const sat = customerLoyaltyIndex(rows, { items: ['sat1', 'sat2', 'sat3'], scale: { min: 1, max: 7, integer: true }, design });
    expect(sat.n).toBeLessThan(2000);
    expectRel(sat.estimate, e.cli_sat.estimate, TOL);
    expectRel(sat.standardError, e.cli_sat.se, TOL);
    expectRel(sat.design!.designEffect!, e.cli_sat.deff, TOL);
  });
  it('the engine: svytotal of spend', () => {
    const d = readVectorDesign(design, rows.length);
    const t = designTotal(Float64Array.from(col('spend_12m') as number[]), d);
    expectRel(t.estimate, e.total_spend.estimate, TOL);
    expectRel(Math.sqrt(t.variance), e.total_spend.se, TOL);
  });
});

describe('design summary', () => {
  it('counts strata, PSUs and degrees of freedom (PSUs - strata, R degf)', () => {
    const r = nps(col('recommend'), { design: designs.strata_clusters_fpc });
    expect(r.design).toMatchObject({
      strata: 4,
      clusters: 80,
      degreesOfFreedom: 76,
      finitePopulationCorrection: true,
      lonelyPsu: 'fail',
      lonelyStrata: [],
    });
    const s = nps(col('recommend'), { design: designs.strata });
    expect(s.design).toMatchObject({ strata: 4, clusters: 2000, degreesOfFreedom: 1996, finitePopulationCorrection: false });
  });
  it('without a design the field is null', () => {
    expect(nps([10, 9, 3]).design).toBeNull();
    expect(csat([5, 4, 1]).design).toBeNull();
  });
  it('nests cluster labels in strata (as R nest = TRUE): reused labels give the same variance', () => {
    // Cluster "k" of every region relabelled to just "k": 80 PSUs still.
    const bare = col('cluster').map((c) => String(c).split('-')[1]);
    const r = nps(col('recommend'), { design: { weights: col('weight'), strata: col('region'), clusters: bare } });
    expect(r.design!.clusters).toBe(80);
    expectRel(r.standardError, 100 * ref.loyalty.strata_clusters.nps.se, TOL);
  });
});

describe('lonely PSU (North is a single PSU)', () => {
  const base = { weights: col('weight'), strata: col('region'), clusters: col('cluster_lonely') };
  it('"fail" (the default, as R) throws TOO_FEW_CASES naming the stratum', () => {
    expectError(() => nps(col('recommend'), { design: base }), InsufficientDataError, 'TOO_FEW_CASES', ['North', 'lonelyPsu']);
  });
  for (const rule of ['adjust', 'certainty', 'remove', 'average'] as const) {
    it(`"${rule}" matches options(survey.lonely.psu = "${rule}"), with and without fpc`, () => {
      const e = ref.lonely[rule];
      const design = { ...base, lonelyPsu: rule };
      const r = nps(col('recommend'), { design });
      expectRel(r.standardError, 100 * e.nps.se, TOL, `${rule} nps`);
      expect(r.design!.lonelyStrata).toEqual(['North']);
      const w = shareOfWallet(col('spend_12m'), col('category_spend_12m'), { design });
      expectRel(w.ratioOfSums.standardError, e.wallet_ratio.se, TOL, `${rule} ratio`);
      const d = readVectorDesign(design, rows.length);
      const t = designTotal(Float64Array.from(col('spend_12m') as number[]), d);
      expectRel(Math.sqrt(t.variance), e.total_spend.se, TOL, `${rule} total`);
      const withFpc = { ...design, fpc: col('fpc_psu_lonely') };
      expectRel(nps(col('recommend'), { design: withFpc }).standardError, 100 * e.nps_fpc.se, TOL, `${rule} nps fpc`);
      const tf = designTotal(Float64Array.from(col('spend_12m') as number[]), readVectorDesign(withFpc, rows.length));
      expectRel(Math.sqrt(tf.variance), e.total_spend_fpc.se, TOL, `${rule} total fpc`);
    });
  }
});

describe('R survey example data api (engine)', () => {
  const st = loadCsv('survey-apistrat.csv');
  const cl = loadCsv('survey-apiclus1.csv');
  const num = (data: typeof st, c: string) => Float64Array.from(data, (r) => r[c] as number);
  const cases = [
    ['apistrat', readRowsDesign(st, { weights: 'pw', strata: 'stype', fpc: 'fpc' }), st],
    ['apistrat_nofpc', readRowsDesign(st, { weights: 'pw', strata: 'stype' }), st],
    ['apiclus1', readRowsDesign(cl, { weights: 'pw', clusters: 'dnum', fpc: 'fpc' }), cl],
    ['apiclus1_nofpc', readRowsDesign(cl, { weights: 'pw', clusters: 'dnum' }), cl],
  ] as const;
  it.each(cases)('%s: svymean, svytotal, svyratio, a proportion', (name, d, data) => {
    const e = ref[name];
    const m = designMean(num(data, 'api00'), d);
    expectRel(m.estimate, e.mean_api00.estimate, TOL);
    expectRel(Math.sqrt(m.variance), e.mean_api00.se, TOL);
    expectRel(m.designEffect!, e.mean_api00.deff, TOL);
    const t = designTotal(num(data, 'enroll'), d);
    expectRel(t.estimate, e.total_enroll.estimate, TOL);
    expectRel(Math.sqrt(t.variance), e.total_enroll.se, TOL);
    const r = designRatio(num(data, 'api00'), num(data, 'api99'), d);
    expectRel(r.estimate, e.ratio_api00_api99.estimate, TOL);
    expectRel(Math.sqrt(r.variance), e.ratio_api00_api99.se, TOL);
    const p = designMean(
      Float64Array.from(data, (row) => (row['sch.wide'] === 'Yes' ? 1 : 0)),
      d,
    );
    expectRel(p.estimate, e.mean_sch_wide.estimate, TOL);
    expectRel(Math.sqrt(p.variance), e.mean_sch_wide.se, TOL);
    expect(d.psuStratum.length - d.strataLabels.length).toBe(e.degf);
  });
  it('csat through a design of arrays on apistrat (share of sch.wide = "Yes" as a 0/1 scale)', () => {
    const flags = st.map((r) => (r['sch.wide'] === 'Yes' ? 1 : 0));
    const r = retentionRate(flags, { design: { weights: st.map((r) => r.pw), strata: st.map((r) => r.stype), fpc: st.map((r) => r.fpc) } });
    expectRel(r.estimate, ref.apistrat.mean_sch_wide.estimate, TOL);
    expectRel(r.standardError, ref.apistrat.mean_sch_wide.se, TOL);
  });
});

describe('design errors', () => {
  const n = 6;
  const values = [10, 9, 3, 7, 10, 2];
  const w = [1, 2, 1, 1, 2, 1];
  it('weights and design together is INVALID_OPTION', () => {
    expectError(() => nps(values, { weights: w, design: { weights: w } }), InputError, 'INVALID_OPTION', ['weights', 'design']);
    expectError(
      () => customerLoyaltyIndex(rows, { items: ['recommend'], weights: 'weight', design: { weights: 'weight' } }),
      InputError,
      'INVALID_OPTION',
    );
  });
  it('an unknown design key, a missing weights key, wrong shapes', () => {
    expectError(() => nps(values, { design: { weights: w, strats: w } as never }), InputError, 'INVALID_OPTION', [
      'options.design.strats',
      'strata',
    ]);
    expectError(() => nps(values, { design: {} as never }), InputError, 'INVALID_OPTION', ['options.design.weights']);
    expectError(() => nps(values, { design: { weights: w.slice(1) } }), InputError, 'LENGTH_MISMATCH', ['options.design.weights']);
    expectError(() => nps(values, { design: { weights: 'w' } as never }), InputError, 'INVALID_OPTION', ['array']);
    expectError(
      () => customerLoyaltyIndex(rows, { items: ['recommend'], design: { weights: col('weight') } as never }),
      InputError,
      'INVALID_OPTION',
      ['column name'],
    );
    expectError(() => customerLoyaltyIndex(rows, { items: ['recommend'], design: { weights: 'wieght' } }), InputError, 'COLUMN_NOT_FOUND', [
      'wieght',
    ]);
    expectError(() => nps(values, { design: { weights: w, lonelyPsu: 'drop' as never } }), InputError, 'INVALID_OPTION', ['lonelyPsu']);
  });
  it('missing design values are MISSING_VALUE naming the row, even under missing: "omit"', () => {
    expectError(() => nps(values, { design: { weights: w, strata: ['a', 'a', null, 'b', 'b', 'b'] } }), InputError, 'MISSING_VALUE', [
      'options.design.strata[2]',
    ]);
    expectError(
      () =>
        customerLoyaltyIndex(
          [
            { x: 1, w: 1, s: 'a' },
            { x: 2, w: null, s: 'a' },
          ],
          { items: ['x'], design: { weights: 'w', strata: 's' } },
        ),
      InputError,
      'MISSING_VALUE',
      ['"w"', 'row 1'],
    );
  });
  it('bad weights and fpc are OUT_OF_RANGE', () => {
    expectError(() => nps(values, { design: { weights: [1, -1, 1, 1, 1, 1] } }), InputError, 'OUT_OF_RANGE', ['options.design.weights[1]']);
    expectError(() => nps(values, { design: { weights: new Array(n).fill(0) } }), InputError, 'OUT_OF_RANGE', ['zero']);
    const strata = ['a', 'a', 'a', 'b', 'b', 'b'];
    expectError(() => nps(values, { design: { weights: w, strata, fpc: [10, 10, 11, 5, 5, 5] } }), InputError, 'OUT_OF_RANGE', [
      'stratum "a"',
      'fpc[2]',
    ]);
    expectError(() => nps(values, { design: { weights: w, strata, fpc: [10, 10, 10, 0.5, 0.5, 0.5] } }), InputError, 'OUT_OF_RANGE', [
      'fractions',
    ]);
    expectError(() => nps(values, { design: { weights: w, strata, fpc: [10, 10, 10, 2, 2, 2] } }), InputError, 'OUT_OF_RANGE', [
      'stratum "b"',
      '3 PSUs',
    ]);
  });
  it('period counts take no design', () => {
    expectError(() => retentionRate({ atStart: 10, atEnd: 9, acquired: 1 }, { design: { weights: [1] } }), InputError, 'INVALID_OPTION', [
      'period counts',
    ]);
  });
  it('a census stratum (fpc fraction 1) adds no variance (hand-computed)', () => {
    // Stratum a is a census; stratum b: 3 PSUs, w = 1, y = 1, 0, 0 -> mean over all rows
    // ybar = 2/6; z_i = (y_i - ybar) / 6 for b's rows: (2/3, -1/3, -1/3) / 6, whose sum of
    // squared deviations about their mean (0) is (4/9 + 1/9 + 1/9) / 36 = 2/108; times 3/2: 1/36.
    const d = readVectorDesign({ weights: [1, 1, 1, 1, 1, 1], strata: ['a', 'a', 'a', 'b', 'b', 'b'], fpc: [1, 1, 1, 0.5, 0.5, 0.5] }, 6);
    const m = designMean([1, 0, 0, 1, 0, 0], d);
    // b has fraction 0.5: factor 0.5; a's deviations: z = (2/3, -1/3, -1/3)/6 too, but a is a census.
    expectRel(m.variance, ((0.5 * 3) / 2) * (6 / 9 / 36), 1e-14);
  });
});
