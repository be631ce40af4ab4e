/**
 * Segmenting a CRM export by attitude x behaviour (Dick & Basu 1994), profiling the segments and
 * reading the spurious loyalty that lock-ins (switching costs, contracts) create.
 *
 * The CRM table: one row per customer with spend with us (`spend_12m`), spend in the whole
 * category (`category_spend_12m`), a 0/1 lock-in flag (`switching_cost`), the sales `channel`,
 * whether the customer stayed (`retained`) and their last likelihood-to-recommend answer
 * (`recommend`, 0-10). Without a file argument the script takes these columns from the bundled
 * example survey, as a CRM system would export them.
 *
 *   attitude  = recommend, high for promoters (9 or 10);
 *   behaviour = share of wallet = spend_12m / category_spend_12m, high at 50% or more.
 *
 * Run: `npx tsx examples/crm-segmentation.ts [crm.csv]`
 *
 * The imports point at the source tree so the script runs in a clone; in your own code write
 * `from 'loyalty-drivers'` and `from 'loyalty-drivers/io'` instead.
 */
import { fileURLToPath } from 'node:url';
import {
  compareProportions,
  LOYALTY_SEGMENTS,
  profileSegments,
  retentionRate,
  segmentLoyalty,
  type LoyaltySegment,
  type Row,
} from '../src/index.js';
import { readData } from '../src/io/index.js';

const CRM_COLUMNS = [
  'respondent_id',
  'channel',
  'spend_12m',
  'category_spend_12m',
  'switching_cost',
  'retained',
  'recommend',
  'tenure_months',
];
const file = process.argv[2] ?? fileURLToPath(new URL('./data/loyalty-survey.csv', import.meta.url));
const data = await readData(file);
// Keep only the CRM columns (a real export has just these).
const crm: Row[] = data.rows.map((r) => Object.fromEntries(CRM_COLUMNS.filter((c) => c in r).map((c) => [c, r[c]])));

const percent = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const money = (x: number) => Math.round(x).toLocaleString('en-US');
const pValue = (p: number) => (p === 0 ? '< 1e-300' : p < 1e-4 ? p.toExponential(1) : p.toFixed(4));
const NAMES: Record<LoyaltySegment, string> = {
  true: 'True loyalty',
  latent: 'Latent loyalty',
  spurious: 'Spurious loyalty',
  none: 'No loyalty',
};

// 1. Segments. Promoters are high on attitude; a share of wallet of at least 50% is high on behaviour.
const segments = segmentLoyalty(crm, {
  attitude: 'recommend',
  attitudeCut: 9,
  attitudeHigh: 'atLeast',
  behaviour: { name: 'share of wallet', ratio: ['spend_12m', 'category_spend_12m'] },
  behaviourCut: 0.5,
  behaviourHigh: 'atLeast',
});
console.log(`Attitude x behaviour segments of ${crm.length} customers`);
console.log(
  `attitude: recommend >= ${segments.cuts.attitude.value} (promoters); behaviour: share of wallet >= ${percent(segments.cuts.behaviour.value, 0)}`,
);
console.log(
  `${segments.n} segmented; ${segments.unassigned.length} without a segment (e.g. ${segments.unassigned[0]?.reason ?? 'none'})\n`,
);
console.log(`${''.padEnd(19)}${'attitude high'.padEnd(32)}attitude low`);
const cell = (s: LoyaltySegment) => `${NAMES[s]} ${segments.counts[s]} (${percent(segments.shares[s], 0)})`.padEnd(32);
console.log(`behaviour high     ${cell('true')}${cell('spurious')}`.trimEnd());
console.log(`behaviour low      ${cell('latent')}${cell('none')}`.trimEnd());

// 2. Profiles: size, lock-in prevalence, channel mix, retention, tenure, NPS and revenue per segment,
// with chi-square (categorical) and ANOVA / Kruskal-Wallis (numeric) tests across segments.
const profile = profileSegments(crm, segments, {
  variables: ['switching_cost', 'channel', 'retained', 'tenure_months'],
  nps: 'recommend',
  revenue: 'spend_12m',
});
console.log('\nSegment profiles');
console.table(
  Object.fromEntries(
    LOYALTY_SEGMENTS.map((s) => {
      const p = profile.profiles[s];
      return [
        NAMES[s],
        {
          customers: p.n,
          share: percent(p.share),
          'locked in': percent(p.categorical.switching_cost!.shares['1'] ?? 0),
          online: percent(p.categorical.channel!.shares.online ?? 0),
          retained: percent(p.categorical.retained!.shares['1'] ?? 0),
          'tenure (months)': p.numeric.tenure_months!.mean.toFixed(1),
          NPS: p.nps!.estimate.toFixed(1),
          revenue: money(p.revenue!.total),
          'revenue share': percent(p.revenue!.share),
        },
      ];
    }),
  ),
);
const t = profile.tests;
console.log('Differences across segments:');
for (const [name, test] of Object.entries(t.categorical)) {
  if (test)
    console.log(
      `  ${name.padEnd(15)} chi-square ${test.statistic.toFixed(1)} on ${test.df} df, p = ${pValue(test.pValue)}, Cramer's V ${test.cramersV.toFixed(3)}`,
    );
}
const tenure = t.numeric.tenure_months!;
console.log(
  `  ${'tenure_months'.padEnd(15)} ANOVA F = ${tenure.anova!.statistic.toFixed(2)}, p = ${pValue(tenure.anova!.pValue)}; Kruskal-Wallis H = ${tenure.kruskalWallis!.statistic.toFixed(2)}, p = ${pValue(tenure.kruskalWallis!.pValue)}`,
);
// (No NPS test here: attitude is recommend itself, so NPS differs across segments by construction.)
for (const w of profile.warnings) console.log(`  note: ${w.message}`);

// 3. The spurious-loyalty reading: customers who buy without liking us, held by lock-ins.
const spurious = profile.profiles.spurious;
const lockedShare = (s: LoyaltySegment) => profile.profiles[s].categorical.switching_cost!.shares['1'] ?? 0;
const others = LOYALTY_SEGMENTS.filter((s) => s !== 'spurious');
console.log('\nSpurious loyalty (buys from us, would not recommend us)');
console.log(
  `  ${spurious.n} customers (${percent(spurious.share)}) bring ${percent(spurious.revenue!.share)} of revenue; NPS ${spurious.nps!.estimate.toFixed(1)}.`,
);
console.log(
  `  ${percent(lockedShare('spurious'))} of them are locked in, against ${others.map((s) => `${percent(lockedShare(s))} (${s})`).join(', ')}.`,
);
// Retention of spurious customers with and without a lock-in: what happens when the lock-in ends?
const spuriousRows = crm.filter((_, i) => segments.assignments[i] === 'spurious');
const retainedOf = (locked: 0 | 1) => spuriousRows.filter((r) => r.switching_cost === locked).map((r) => r.retained);
const unlocked = retentionRate(retainedOf(0));
const locked = retentionRate(retainedOf(1));
const gap = compareProportions(retainedOf(0), retainedOf(1));
console.log(
  `  Retention: ${percent(locked.estimate)} with a lock-in (n = ${locked.n}) vs ${percent(unlocked.estimate)} without (n = ${unlocked.n}); ` +
    `difference ${(100 * gap.estimate).toFixed(1)} points [${(100 * gap.confidenceInterval[0]).toFixed(1)}, ${(100 * gap.confidenceInterval[1]).toFixed(1)}], p = ${pValue(gap.pValue)}.`,
);
const atRisk = spuriousRows.filter((r) => r.switching_cost === 1).reduce((sum, r) => sum + (r.spend_12m as number), 0);
console.log(`  Reading: ${money(atRisk)} of yearly spend comes from locked-in spurious customers; it is retention, not loyalty,`);
console.log('  and is at risk when the lock-in ends. Win their attitude (the driver analysis says how) before it does.');
