/**
 * Quick indices: NPS, CSAT, the Customer Loyalty Index and the behavioural indices (retention,
 * repeat purchase, share of wallet) of the bundled example survey, each with its standard error
 * and 95% interval. Run: `npx tsx examples/quick-indices.ts [file.csv]`.
 *
 * The imports point at the source tree so the script runs in a clone; in your own code write
 * `from 'loyalty-drivers'` and `from 'loyalty-drivers/io'` instead.
 */
import { fileURLToPath } from 'node:url';
import { csat, customerLoyaltyIndex, nps, repeatPurchaseRate, retentionRate, shareOfWallet } from '../src/index.js';
import { readData } from '../src/io/index.js';

const file = process.argv[2] ?? fileURLToPath(new URL('./data/loyalty-survey.csv', import.meta.url));
// Empty cells become null (missing); numeric columns become numbers.
const { rows } = await readData(file);
const col = (name: string) => rows.map((r) => r[name]);
const fmt = (x: number, d = 1) => x.toFixed(d);
const ci = (c: readonly [number, number], d = 1) => `[${fmt(c[0], d)}, ${fmt(c[1], d)}]`;

const n = nps(col('recommend'));
const weighted = nps(col('recommend'), { weights: col('weight') });
const c = csat(col('csat'));
const cli = customerLoyaltyIndex(rows, { items: ['recommend', 'repurchase_intent', 'upsell_intent'] });
const retention = retentionRate(col('retained'));
const repeat = repeatPurchaseRate(col('purchases_12m'));
const wallet = shareOfWallet(col('spend_12m'), col('category_spend_12m'));

console.log(`Loyalty indices of ${rows.length} respondents\n`);
console.table({
  NPS: { estimate: fmt(n.estimate), SE: fmt(n.standardError, 2), '95% CI': ci(n.confidenceInterval), n: n.n, note: n.intervalMethod },
  'NPS (weighted)': {
    estimate: fmt(weighted.estimate),
    SE: fmt(weighted.standardError, 2),
    '95% CI': ci(weighted.confidenceInterval),
    n: weighted.n,
    note: 'Taylor SE',
  },
  'CSAT (top-2-box)': {
    estimate: fmt(c.estimate),
    SE: fmt(c.standardError, 2),
    '95% CI': ci(c.confidenceInterval),
    n: c.n,
    note: 'Wilson',
  },
  'Customer Loyalty Index': {
    estimate: fmt(cli.estimate),
    SE: fmt(cli.standardError, 2),
    '95% CI': ci(cli.confidenceInterval),
    n: cli.n,
    note: '0-100, mean',
  },
  'Retention rate': {
    estimate: fmt(100 * retention.estimate),
    SE: fmt(100 * retention.standardError, 2),
    '95% CI': ci([100 * retention.confidenceInterval[0], 100 * retention.confidenceInterval[1]]),
    n: retention.n,
    note: '%',
  },
  'Repeat purchase rate': {
    estimate: fmt(100 * repeat.estimate),
    SE: fmt(100 * repeat.standardError, 2),
    '95% CI': ci([100 * repeat.confidenceInterval[0], 100 * repeat.confidenceInterval[1]]),
    n: repeat.n,
    note: '% of purchasers',
  },
  'Share of wallet': {
    estimate: fmt(100 * wallet.ratioOfSums.estimate),
    SE: fmt(100 * wallet.ratioOfSums.standardError, 2),
    '95% CI': ci([100 * wallet.ratioOfSums.confidenceInterval[0], 100 * wallet.ratioOfSums.confidenceInterval[1]]),
    n: wallet.n,
    note: '% ratio of sums',
  },
});
