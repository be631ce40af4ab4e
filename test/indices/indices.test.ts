// Loyalty indices against R. Sources: test/fixtures/loyalty-survey.json (the project's shared R
// reference) and test/fixtures/r/indices.json (test/fixtures/r/indices.R: prop.test, t.test,
// survey::svymean / svyratio). Tolerance 1e-9 relative unless stated.
import { describe, expect, it } from 'vitest';
import {
  churnRate,
  csat,
  customerLifetimeValue,
  customerLoyaltyIndex,
  netRevenueRetention,
  nps,
  repeatPurchaseRate,
  retentionRate,
  revenueAtRisk,
  shareOfWallet,
} from '../../src/index.js';
import { expectRel, loadCsv, loadJson } from '../helpers/fixtures.js';

const ref = loadJson('loyalty-survey.json');
const r = loadJson('r/indices.json');
const rows = loadCsv('loyalty-survey.csv');
const col = (name: string) => rows.map((row) => row[name]);
const TOL = 1e-9;

describe('nps', () => {
  it('matches nps_all_rows: counts, NPS, SE, Wald and adjusted Wald intervals', () => {
    const e = ref.nps_all_rows;
    const wald = nps(col('recommend'), { intervalMethod: 'wald' });
    const adj = nps(col('recommend'));
    expect(adj.intervalMethod).toBe('adjusted-wald');
    for (const res of [wald, adj]) {
      expect([res.n, res.promoters, res.passives, res.detractors]).toEqual([e.n, e.promoters, e.passives, e.detractors]);
      expectRel(res.estimate, e.nps, TOL, 'nps');
      expectRel(res.standardError, e.standard_error, TOL, 'se');
    }
    expectRel(wald.confidenceInterval[0], e.wald_ci_95[0], TOL);
    expectRel(wald.confidenceInterval[1], e.wald_ci_95[1], TOL);
    expectRel(adj.confidenceInterval[0], e.adjusted_wald_ci_95[0], TOL);
    expectRel(adj.confidenceInterval[1], e.adjusted_wald_ci_95[1], TOL);
  });
  it('matches nps_by_wave', () => {
    for (const wave of ['1', '2']) {
      const e = ref.nps_by_wave[wave];
      const values = rows.filter((row) => String(row.wave) === wave).map((row) => row.recommend);
      const res = nps(values, { intervalMethod: 'wald' });
      expect([res.n, res.promoters, res.passives, res.detractors]).toEqual([e.n, e.promoters, e.passives, e.detractors]);
      expectRel(res.estimate, e.nps, TOL);
      expectRel(res.standardError, e.standard_error, TOL);
      expectRel(res.confidenceInterval[0], e.wald_ci_95[0], TOL);
      expectRel(res.confidenceInterval[1], e.wald_ci_95[1], TOL);
      const adj = nps(values);
      expectRel(adj.confidenceInterval[0], e.adjusted_wald_ci_95[0], TOL);
      expectRel(adj.confidenceInterval[1], e.adjusted_wald_ci_95[1], TOL);
    }
  });
  it('matches nps_weighted (Taylor linearization, survey::svymean ids = ~1)', () => {
    const res = nps(col('recommend'), { weights: col('weight') });
    expectRel(res.estimate, ref.nps_weighted.nps, TOL);
    expectRel(res.standardError, ref.nps_weighted.standard_error, TOL);
    expect(res.intervalMethod).toBe('wald');
    expect(res.weighted).toBe(true);
  });
  it('uses configurable cut points (hand-computed)', () => {
    // Cuts 8+ promoter, <= 5 detractor on [10, 8, 7, 5, 0]: promoters 2, detractors 2 -> NPS 0.
    const res = nps([10, 8, 7, 5, 0], { promoterMin: 8, detractorMax: 5 });
    expect([res.promoters, res.passives, res.detractors, res.estimate]).toEqual([2, 1, 2, 0]);
  });
  it('the TSDoc example holds', () => {
    const res = nps([10, 9, 8, 3]);
    expect([res.estimate, res.promoters, res.detractors, res.n]).toEqual([25, 2, 1, 4]);
    expect(JSON.parse(JSON.stringify(res))).toEqual(res);
  });
});

describe('csat', () => {
  it('worked example: 82 satisfied of 100 = 82', () => {
    const res = csat([...Array(82).fill(5), ...Array(18).fill(2)]);
    expect(res.estimate).toBe(82);
    expect(res.satisfied).toBe(82);
  });
  it('matches csat and its Wilson interval (prop.test correct = FALSE)', () => {
    const res = csat(col('csat'));
    expect([res.satisfied, res.n]).toEqual([ref.csat.satisfied, ref.csat.n]);
    expectRel(res.estimate, ref.csat.csat, TOL);
    expectRel(res.confidenceInterval[0], 100 * r.csat.ci[0], TOL);
    expectRel(res.confidenceInterval[1], 100 * r.csat.ci[1], TOL);
  });
  it('weighted csat matches svymean', () => {
    const res = csat(col('csat'), { weights: col('weight') });
    expectRel(res.estimate, 100 * r.csat_weighted.p, TOL);
    expectRel(res.standardError, 100 * r.csat_weighted.se, TOL);
  });
});

describe('customerLoyaltyIndex', () => {
  const items = ['recommend', 'repurchase_intent', 'upsell_intent'];
  it("'mean' convention matches cli_mean_0_100 and t.test", () => {
    const res = customerLoyaltyIndex(rows, { items });
    expectRel(res.estimate, ref.cli_mean_0_100, TOL);
    expectRel(res.standardError, r.cli_mean.se, TOL);
    expectRel(res.confidenceInterval[0], r.cli_mean.ci[0], TOL);
    expectRel(res.confidenceInterval[1], r.cli_mean.ci[1], TOL);
    expect(res.perRespondent).toHaveLength(rows.length);
    // Row 0: recommend 7, repurchase 8, upsell 6 -> mean 7 -> 70.
    expectRel(res.perRespondent[0]!, 70, 1e-15);
  });
  it("weighted 'mean' matches svymean", () => {
    const res = customerLoyaltyIndex(rows, { items, weights: 'weight' });
    expectRel(res.estimate, r.cli_mean_weighted.estimate, TOL);
    expectRel(res.standardError, r.cli_mean_weighted.se, TOL);
  });
  it("'net' convention is the mean of the items' net scores", () => {
    const res = customerLoyaltyIndex(rows, { items, method: 'net' });
    expectRel(res.estimate, r.cli_net.estimate, TOL);
    for (const it of items) expectRel(res.items[it]!, r.cli_net[it], TOL, it);
    // One item: the net convention's SE is exactly the NPS SE.
    const one = customerLoyaltyIndex(rows, { items: ['recommend'], method: 'net' });
    expectRel(one.standardError, ref.nps_all_rows.standard_error, TOL);
  });
});

describe('retention, churn, repeat purchase, share of wallet', () => {
  it('retention_rate and its Wilson interval; churn mirrors it', () => {
    const res = retentionRate(col('retained'));
    expectRel(res.estimate, ref.retention_rate, TOL);
    expectRel(res.confidenceInterval[0], r.retention.ci[0], TOL);
    expectRel(res.confidenceInterval[1], r.retention.ci[1], TOL);
    const churn = churnRate(col('retained'));
    expectRel(churn.estimate, 1 - ref.retention_rate, TOL);
    expectRel(churn.confidenceInterval[0], 1 - r.retention.ci[1], TOL);
    expect(churn.count).toBe(2000 - r.retention.count);
  });
  it('weighted retention matches svymean', () => {
    const res = retentionRate(col('retained'), { weights: col('weight') });
    expectRel(res.estimate, r.retention_weighted.p, TOL);
    expectRel(res.standardError, r.retention_weighted.se, TOL);
  });
  it('period counts: (E - N) / S', () => {
    // (210 - 40) / 200 = 0.85
    const res = retentionRate({ atStart: 200, atEnd: 210, acquired: 40 });
    expect(res.estimate).toBe(0.85);
    expect(res.source).toBe('period-counts');
    expectRel(churnRate({ atStart: 200, atEnd: 210, acquired: 40 }).estimate, 0.15, 1e-15);
  });
  it('repeat_purchase_rate and its Wilson interval', () => {
    const res = repeatPurchaseRate(col('purchases_12m'));
    expectRel(res.estimate, ref.repeat_purchase_rate, TOL);
    expect([res.repeatCustomers, res.n, res.nonPurchasers]).toEqual([
      r.repeat_purchase.count,
      r.repeat_purchase.n,
      2000 - r.repeat_purchase.n,
    ]);
    expectRel(res.confidenceInterval[0], r.repeat_purchase.ci[0], TOL);
    expectRel(res.confidenceInterval[1], r.repeat_purchase.ci[1], TOL);
  });
  it('share_of_wallet: ratio of sums (svyratio) and mean of ratios (t.test)', () => {
    const res = shareOfWallet(col('spend_12m'), col('category_spend_12m'));
    expectRel(res.ratioOfSums.estimate, ref.share_of_wallet.ratio_of_sums, TOL);
    expectRel(res.meanOfRatios.estimate, ref.share_of_wallet.mean_of_ratios, TOL);
    expectRel(res.ratioOfSums.standardError, r.share_of_wallet.ratio_se, TOL);
    expectRel(res.meanOfRatios.standardError, r.share_of_wallet.mean_se, TOL);
    expectRel(res.meanOfRatios.confidenceInterval[0], r.share_of_wallet.mean_ci[0], TOL);
    expect(res.n).toBe(r.share_of_wallet.n);
    expect(res.zeroCategorySpend).toBe(2000 - r.share_of_wallet.n);
  });
  it('weighted share of wallet matches svyratio and svymean', () => {
    const res = shareOfWallet(col('spend_12m'), col('category_spend_12m'), { weights: col('weight') });
    expectRel(res.ratioOfSums.estimate, r.share_of_wallet_weighted.ratio, TOL);
    expectRel(res.ratioOfSums.standardError, r.share_of_wallet_weighted.ratio_se, TOL);
    expectRel(res.meanOfRatios.estimate, r.share_of_wallet_weighted.mean, TOL);
    expectRel(res.meanOfRatios.standardError, r.share_of_wallet_weighted.mean_se, TOL);
  });
});

describe('revenue indices (worked examples)', () => {
  it('revenue at risk: 950 at 90% satisfied, 2,375 at 75%, 95 per point (domain.md section 2)', () => {
    const base = { customers: 100, revenuePerCustomer: 100, churnIfDissatisfied: 0.95 };
    expectRel(revenueAtRisk({ ...base, satisfiedShare: 0.9 }).estimate, 950, 1e-12);
    expectRel(revenueAtRisk({ ...base, satisfiedShare: 0.75 }).estimate, 2375, 1e-12);
    expectRel(revenueAtRisk({ ...base, satisfiedShare: 0.9 }).perSatisfactionPoint, 95, 1e-12);
  });
  it('net revenue retention: (1000 + 200 - 50 - 100) / 1000 = 1.05, negative churn', () => {
    const res = netRevenueRetention({ startingRevenue: 1000, expansion: 200, contraction: 50, churned: 100 });
    expectRel(res.estimate, 1.05, 1e-15);
    expectRel(res.grossRevenueRetention, 0.85, 1e-15);
    expect(res.negativeChurn).toBe(true);
  });
  it('CLV: Gupta & Lehmann m r / (1 + d - r) and the finite sum', () => {
    // 100 * 0.8 / (1.1 - 0.8) = 266.666...
    expectRel(customerLifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1 }).estimate, 80 / 0.3, 1e-14);
    // T = 3, margin-first: 100/1.1 + 80/1.21 + 64/1.331, summed term by term.
    const direct = 100 / 1.1 + 80 / 1.21 + 64 / 1.331;
    expectRel(customerLifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1, horizon: 3 }).estimate, direct, 1e-14);
    // A long horizon converges to the infinite value under the same timing (m / (1 + d - r)).
    const long = customerLifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1, horizon: 2000 });
    expectRel(long.estimate, 100 / 0.3, 1e-12);
    expectRel(long.infiniteHorizonValue, 100 / 0.3, 1e-14);
    // Retention-first finite: r times margin-first.
    expectRel(
      customerLifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1, horizon: 3, timing: 'retention-first' }).estimate,
      0.8 * direct,
      1e-14,
    );
  });
});
