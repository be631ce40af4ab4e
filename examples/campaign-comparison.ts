/**
 * Before and after a campaign: did NPS, CSAT, retention, the Customer Loyalty Index and the
 * drivers move between the two survey waves, and did what drives loyalty change?
 *
 * First `compareWaves` does everything in one call (indices, driver means with Welch tests, driver
 * importance per wave with a bootstrap of the differences); then the two-sample functions it is
 * built on are used on their own: `compareNps` on raw scores, on weighted scores and on published
 * figures, `compareProportions` on counts, and `compareMeans` on spend.
 *
 * Every difference is later minus earlier (wave 2 - wave 1).
 *
 * Run: `npx tsx examples/campaign-comparison.ts [survey.csv] [--replicates N]`
 * (defaults: the bundled survey, whose `wave` column has waves 1 and 2; 1,000 replicates).
 *
 * The imports point at the source tree so the script runs in a clone; in your own code write
 * `from 'loyalty-drivers'` and `from 'loyalty-drivers/io'` instead.
 */
import { fileURLToPath } from 'node:url';
import { compareMeans, compareNps, compareProportions, compareWaves, csat, nps } from '../src/index.js';
import { readData } from '../src/io/index.js';

const args = process.argv.slice(2);
const flag = args.indexOf('--replicates');
const replicates = flag >= 0 ? Number(args.splice(flag, 2)[1]) : 1000;
const file = args[0] ?? fileURLToPath(new URL('./data/loyalty-survey.csv', import.meta.url));
const { rows } = await readData(file);

const fixed = (x: number, digits = 2) => x.toFixed(digits);
const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
const pValue = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(3));
const interval = (ci: readonly [number, number], digits = 2, scale = 1) =>
  `[${signed(scale * ci[0], digits)}, ${signed(scale * ci[1], digits)}]`;
const verdict = (p: number, ci: readonly [number, number]) => (p < 0.05 ? (ci[0] > 0 ? 'up' : 'down') : 'no clear change');

// 1. Everything at once.
const drivers = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};
const waves = compareWaves(rows, {
  wave: 'wave',
  nps: 'recommend',
  csat: 'csat',
  retention: 'retained',
  customerLoyaltyIndex: { items: ['recommend', 'repurchase_intent', 'upsell_intent'] },
  drivers,
  importance: { outcome: 'recommend', bootstrap: { replicates, seed: 1 } },
});
const [before, after] = waves.waves;
const change = waves.comparisons[0]!;
console.log(`Wave ${change.from} (n = ${before!.rows}) against wave ${change.to} (n = ${after!.rows})\n`);

console.log('Loyalty indices');
console.table({
  'NPS (points)': {
    [`wave ${change.from}`]: fixed(before!.nps!.estimate, 1),
    [`wave ${change.to}`]: fixed(after!.nps!.estimate, 1),
    change: signed(change.nps!.estimate, 1),
    '95% CI': interval(change.nps!.confidenceInterval, 1),
    p: pValue(change.nps!.pValue),
    test: 'z (Rocks variance)',
    reading: verdict(change.nps!.pValue, change.nps!.confidenceInterval),
  },
  'CSAT (top-2-box, %)': {
    [`wave ${change.from}`]: fixed(before!.csat!.estimate, 1),
    [`wave ${change.to}`]: fixed(after!.csat!.estimate, 1),
    change: signed(100 * change.csat!.estimate, 1),
    '95% CI': interval(change.csat!.confidenceInterval, 1, 100),
    p: pValue(change.csat!.pValue),
    test: 'prop.test',
    reading: verdict(change.csat!.pValue, change.csat!.confidenceInterval),
  },
  'Retention (%)': {
    [`wave ${change.from}`]: fixed(100 * before!.retention!.estimate, 1),
    [`wave ${change.to}`]: fixed(100 * after!.retention!.estimate, 1),
    change: signed(100 * change.retention!.estimate, 1),
    '95% CI': interval(change.retention!.confidenceInterval, 1, 100),
    p: pValue(change.retention!.pValue),
    test: 'prop.test',
    reading: verdict(change.retention!.pValue, change.retention!.confidenceInterval),
  },
  'Customer Loyalty Index (0-100)': {
    [`wave ${change.from}`]: fixed(before!.customerLoyaltyIndex!.estimate, 1),
    [`wave ${change.to}`]: fixed(after!.customerLoyaltyIndex!.estimate, 1),
    change: signed(change.customerLoyaltyIndex!.estimate, 1),
    '95% CI': interval(change.customerLoyaltyIndex!.confidenceInterval, 1),
    p: pValue(change.customerLoyaltyIndex!.pValue),
    test: 'Welch t',
    reading: verdict(change.customerLoyaltyIndex!.pValue, change.customerLoyaltyIndex!.confidenceInterval),
  },
});

console.log(`Driver means (1-7; respondents complete on every driver item: ${before!.drivers!.n} and ${after!.drivers!.n}), Welch t tests`);
console.table(
  Object.fromEntries(
    Object.keys(drivers).map((d) => {
      const c = change.drivers![d]!;
      return [
        d,
        {
          [`wave ${change.from}`]: fixed(before!.drivers!.means[d]!.mean),
          [`wave ${change.to}`]: fixed(after!.drivers!.means[d]!.mean),
          change: signed(c.estimate),
          '95% CI': interval(c.confidenceInterval),
          t: fixed(c.statistic),
          df: fixed(c.df, 1),
          p: pValue(c.pValue),
          reading: verdict(c.pValue, c.confidenceInterval),
        },
      ];
    }),
  ),
);

console.log(
  `Driver importance (lmg share of R2 per wave; bootstrap of the lmg difference, ${waves.bootstrap!.replicates} replicates, seed ${waves.bootstrap!.seed})`,
);
console.table(
  Object.fromEntries(
    Object.keys(drivers).map((d) => {
      const diff = change.importance!.drivers[d]!;
      return [
        d,
        {
          [`wave ${change.from} share`]: `${fixed(100 * before!.importance!.shares[d]!, 1)}%`,
          [`wave ${change.to} share`]: `${fixed(100 * after!.importance!.shares[d]!, 1)}%`,
          'lmg change': signed(diff.estimate, 4),
          '95% CI': `[${signed(diff.confidenceInterval[0], 4)}, ${signed(diff.confidenceInterval[1], 4)}]`,
          'P(increase)': fixed(diff.proportionPositive),
        },
      ];
    }),
  ),
);
const r2 = change.importance!.rSquared;
console.log(
  `R2: ${fixed(before!.importance!.rSquared, 3)} -> ${fixed(after!.importance!.rSquared, 3)} (change ${signed(r2.estimate, 3)}, 95% CI [${signed(r2.confidenceInterval[0], 3)}, ${signed(r2.confidenceInterval[1], 3)}])`,
);
const moved = Object.entries(change.drivers!)
  .filter(([, c]) => c.pValue < 0.05)
  .map(([d, c]) => `${d} ${c.estimate > 0 ? 'rose' : 'fell'}`);
console.log(
  `Reading: ${moved.length > 0 ? moved.join(', ') : 'no driver moved'}; NPS ${change.nps!.pValue < 0.05 ? 'moved' : 'did not move clearly'} (p = ${pValue(change.nps!.pValue)}).\n`,
);

// 2. The two-sample functions on their own.
console.log('The same tests, one at a time');
const byWave = (w: number, column: string) => rows.filter((r) => r.wave === w).map((r) => r[column]);
// Raw 0-10 scores: each NPS with the multinomial variance, z = d / sqrt(V1 + V2).
const raw = compareNps(byWave(1, 'recommend'), byWave(2, 'recommend'));
console.log(
  `compareNps, raw scores:       ${signed(raw.estimate)} points, SE ${fixed(raw.standardError)}, z ${fixed(raw.statistic, 3)}, p ${pValue(raw.pValue)}`,
);
// Weighted: Taylor-linearized SEs (survey::svymean), a Wald test.
const weighted = compareNps(
  { values: byWave(1, 'recommend'), weights: byWave(1, 'weight') },
  { values: byWave(2, 'recommend'), weights: byWave(2, 'weight') },
);
console.log(
  `compareNps, weighted:         ${signed(weighted.estimate)} points, SE ${fixed(weighted.standardError)}, z ${fixed(weighted.statistic, 3)}, p ${pValue(weighted.pValue)}`,
);
// Published figures only (e.g. last year's report): { nps, standardError, n } per wave.
const summary = (w: number) => {
  const r = nps(byWave(w, 'recommend'));
  return { nps: r.estimate, standardError: r.standardError, n: r.n };
};
const published = compareNps(summary(1), summary(2));
console.log(
  `compareNps, from summaries:   ${signed(published.estimate)} points, z ${fixed(published.statistic, 3)}, p ${pValue(published.pValue)} (the same test)`,
);
// CSAT as counts of satisfied customers: R prop.test(correct = FALSE).
const counts = (w: number) => {
  const r = csat(byWave(w, 'csat'));
  return { successes: r.satisfied, n: r.n };
};
const csatTest = compareProportions(counts(1), counts(2));
console.log(
  `compareProportions, CSAT:     ${counts(1).successes}/${counts(1).n} -> ${counts(2).successes}/${counts(2).n}, difference ${signed(100 * csatTest.estimate)} points, X2 ${fixed(csatTest.chiSquared, 4)}, p ${pValue(csatTest.pValue)}`,
);
// Retention from the 0/1 column itself, with Yates' continuity correction as prop.test's default.
const retention = compareProportions(byWave(1, 'retained'), byWave(2, 'retained'), { continuityCorrection: true });
console.log(
  `compareProportions, retained: difference ${signed(100 * retention.estimate)} points, X2 ${fixed(retention.chiSquared, 4)} (Yates), p ${pValue(retention.pValue)}`,
);
// Spend: Welch t.
const spend = compareMeans(byWave(1, 'spend_12m'), byWave(2, 'spend_12m'));
console.log(
  `compareMeans, spend_12m:      ${fixed(spend.a.mean)} -> ${fixed(spend.b.mean)}, difference ${signed(spend.estimate)}, Welch t ${fixed(spend.statistic, 3)} on ${fixed(spend.df, 1)} df, p ${pValue(spend.pValue)}`,
);
