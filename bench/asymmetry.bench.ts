/**
 * Penalty-reward, necessary conditions and segment transitions, as ratios to one OLS fit of the
 * same rows measured in the same run: penaltyReward with and without its bootstrap, the NCA
 * permutation test, segmentTransitions on a 20,000-respondent panel.
 */
import { necessaryConditions, ols, penaltyReward, segmentTransitions } from '../src/index.js';
import { report, seeded, time } from './harness.js';

export function bench(): void {
  const rand = seeded(18);
  const n = 2000;
  const rows = Array.from({ length: n }, () => {
    const d = [rand(), rand(), rand(), rand()].map((u) => 1 + Math.floor(u * 7));
    const y = Math.min(10, Math.max(0, Math.round(d[0]! * 0.5 + d[1]! * 0.3 + d[2]! * 0.4 + d[3]! * 0.2 + rand() * 3 - 2)));
    return { d1: d[0]!, d2: d[1]!, d3: d[2]!, d4: d[3]!, y };
  });
  const drivers = ['d1', 'd2', 'd3', 'd4'];
  const fit = time('baseline: one ols of y on 4 drivers, 2,000 rows', () => ols(rows, { outcome: 'y', predictors: drivers }), 20);
  report('penalty-reward and NCA, 2,000 rows, 4 drivers', fit, [
    time('penaltyReward (8 dummies, one QR fit)', () => penaltyReward(rows, { outcome: 'y', drivers, low: 2, high: 6 }), 20),
    time(
      'penaltyReward with a 1,000-replicate bootstrap',
      () => penaltyReward(rows, { outcome: 'y', drivers, low: 2, high: 6, bootstrap: { replicates: 1000, seed: 1 } }),
      2,
    ),
    time('necessaryConditions (CE-FDH, CR-FDH, bottlenecks)', () => necessaryConditions(rows, { outcome: 'y', conditions: drivers }), 20),
    time(
      'necessaryConditions with 1,000 permutations',
      () => necessaryConditions(rows, { outcome: 'y', conditions: drivers, permutation: { replicates: 1000, seed: 1 } }),
      2,
    ),
  ]);
  const panel = Array.from({ length: 40_000 }, (_, i) => {
    const category = 100 + Math.floor(rand() * 900);
    return { id: i % 20_000, wave: i < 20_000 ? 1 : 2, recommend: Math.floor(rand() * 11), spend: Math.round(category * rand()), category };
  });
  const transitionsOptions = {
    id: 'id',
    wave: 'wave',
    attitude: 'recommend',
    behaviour: { ratio: ['spend', 'category'] as [string, string] },
    nps: 'recommend',
    revenue: 'spend',
  };
  const once = time('baseline: one pass over the 40,000 panel rows', () => panel.reduce((s, r) => s + r.spend / r.category, 0), 20);
  report('segmentTransitions, 20,000 respondents in 2 waves', once, [
    time('segmentTransitions (segments, matching, tests, NPS and revenue changes)', () => segmentTransitions(panel, transitionsOptions), 5),
  ]);
}
