/**
 * Segmentation and monitoring at scale, as ratios to plain passes over the same data measured in
 * the same run: segmentLoyalty and profileSegments on 1,000,000 rows, kruskalWallis on 1,000,000
 * values, and compareWaves' importance bootstrap.
 */
import { compareWaves, kruskalWallis, oneWayAnova, profileSegments, relativeImportance, segmentLoyalty } from '../src/index.js';
import { peakMemoryMb, report, seeded, time } from './harness.js';

export function bench(): void {
  const n = 1_000_000;
  const rand = seeded(7);
  const rows = Array.from({ length: n }, () => {
    const base = rand();
    const category = 100 + Math.floor(rand() * 900);
    return {
      recommend: Math.min(10, Math.floor(base * 8 + rand() * 4)),
      repurchase: Math.floor(rand() * 11),
      upsell: Math.floor(rand() * 11),
      spend: Math.round(category * (0.1 + 0.85 * rand())),
      category,
      tenure: Math.floor(rand() * 120),
      switching: rand() < 0.2 ? 1 : 0,
      channel: rand() < 0.5 ? 'online' : 'store',
    };
  });
  const onePass = time(
    'baseline: one pass reading the 5 segmentation columns of 1M rows',
    () => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        s += (r.recommend + r.repurchase + r.upsell) / 3 + r.spend / r.category;
      }
      return s;
    },
    5,
  );
  const sortOnly = time(
    'baseline: sorting 1M doubles (Float64Array.sort)',
    () => Float64Array.from(rows, (r) => r.spend / r.category).sort(),
    5,
  );
  const options = {
    attitude: { mean: ['recommend', 'repurchase', 'upsell'] },
    behaviour: { ratio: ['spend', 'category'] as [string, string] },
  };
  const s = segmentLoyalty(rows, options);
  report('segmentLoyalty on 1,000,000 rows (median split: two sorts)', onePass, [
    sortOnly,
    time('segmentLoyalty (mean of 3 items x share of wallet)', () => segmentLoyalty(rows, options), 5),
    time(
      'profileSegments (tenure, switching, channel, NPS, revenue: means, shares, ANOVA, Kruskal-Wallis, chi-square)',
      () => profileSegments(rows, s, { variables: ['tenure', 'switching', 'channel'], nps: 'recommend', revenue: 'spend' }),
      3,
    ),
  ]);

  const groups = [0, 1, 2, 3].map((g) => Array.from({ length: n / 4 }, () => Math.floor(rand() * 50) + g));
  const flatSort = time('baseline: sorting the 1M values (Float64Array.sort)', () => Float64Array.from(groups.flat()).sort(), 5);
  report('k-sample tests on 1,000,000 values in 4 groups', flatSort, [
    time('kruskalWallis (ranks with ties)', () => kruskalWallis(groups), 5),
    time('oneWayAnova (two-pass sums)', () => oneWayAnova(groups), 5),
  ]);

  // Two waves of 1,000 respondents, four drivers: the bootstrap recomputes lmg 2 x B times.
  const waveRows = Array.from({ length: 2000 }, (_, i) => {
    const d = [rand(), rand(), rand(), rand()].map((u) => 1 + Math.floor(u * 7));
    const y = Math.min(10, Math.max(0, Math.round(d[0]! * 0.5 + d[1]! * 0.3 + d[2]! * 0.4 + d[3]! * 0.2 + rand() * 3 - 2)));
    return { wave: i < 1000 ? 1 : 2, d1: d[0], d2: d[1], d3: d[2], d4: d[3], y };
  });
  const drivers = { a: ['d1'], b: ['d2'], c: ['d3'], d: ['d4'] };
  const single = time(
    'baseline: one relativeImportance (lmg) on 1,000 rows',
    () => relativeImportance(waveRows.slice(0, 1000), { outcome: 'y', predictors: ['d1', 'd2', 'd3', 'd4'], metrics: ['lmg'] }),
    20,
  );
  report('compareWaves: 2 waves x 1,000 rows, 4 drivers, lmg', single, [
    time(
      'compareWaves without bootstrap',
      () => compareWaves(waveRows, { wave: 'wave', nps: 'y', drivers, importance: { outcome: 'y', bootstrap: false } }),
      5,
    ),
    time(
      'compareWaves, bootstrap B = 1,000 (2,000 lmg fits)',
      () => compareWaves(waveRows, { wave: 'wave', drivers, importance: { outcome: 'y' } }),
      3,
    ),
  ]);
  console.log(`\npeak RSS ${peakMemoryMb().toFixed(0)} MB`);
}
