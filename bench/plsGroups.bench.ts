/**
 * Group comparison benchmark (issue 17): `plsMultigroup` (paths) and `plsMeasurementInvariance`
 * with 1,000 permutations of the ECSI-style model (6 constructs, 19 items) on 320 seeded rows in
 * two groups of 180 and 140. Baselines in the same run: the two groups' item covariance
 * matrices for every relabelling alone (`centredCrossProducts` with 0/1 weights, the least a
 * relabelling must compute), and the naive way, `plsPathModel` on both relabelled groups (100 relabellings, times 10).
 */
import { plsMeasurementInvariance, plsMultigroup, plsPathModel } from '../src/index.js';
import { centredCrossProducts } from '../src/internal/sums.js';
import { report, seeded, time } from './harness.js';
import { ECSI_CONSTRUCTS as CONSTRUCTS, ECSI_PATHS as PATHS } from './ecsiModel.js';

function makeRows(n: number, seed: number): Record<string, number | string>[] {
  const rand = seeded(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: n }, (_, c) => {
    const second = c >= 180;
    const img = normal();
    const exp = 0.5 * img + 0.87 * normal();
    const qual = 0.6 * exp + 0.8 * normal();
    const val = 0.3 * exp + 0.5 * qual + 0.75 * normal();
    const sat = 0.3 * img + 0.4 * qual + 0.2 * val + 0.7 * normal();
    const loy = (second ? 0.75 : 0.45) * sat + 0.2 * img + 0.7 * normal();
    const eta: Record<string, number> = { image: img, expectation: exp, quality: qual, value: val, satisfaction: sat, loyalty: loy };
    const row: Record<string, number | string> = { wave: second ? 'w2' : 'w1' };
    for (const [construct, items] of Object.entries(CONSTRUCTS)) {
      for (const item of items) row[item] = Math.min(10, Math.max(1, Math.round(6.5 + 1.8 * (0.8 * eta[construct]! + 0.6 * normal()))));
    }
    return row;
  });
}

function shuffled(n: number, rand: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const k = Math.floor(rand() * (i + 1));
    [order[i], order[k]] = [order[k]!, order[i]!];
  }
  return order;
}

export function bench(): void {
  const rows = makeRows(320, 17);
  const items = Object.values(CONSTRUCTS).flat();
  const columns = items.map((item) => Float64Array.from(rows, (r) => r[item] as number));
  const B = 1000;
  const options = { constructs: CONSTRUCTS, paths: PATHS, groups: 'wave', permutation: { replicates: B, seed: 1 } };
  const base = time(
    `${B} relabellings: both groups' covariance matrices alone`,
    () => {
      const rand = seeded(3);
      const first = new Float64Array(320);
      const second = new Float64Array(320);
      for (let b = 0; b < B; b++) {
        const order = shuffled(320, rand);
        order.forEach((row, i) => {
          first[row] = i < 180 ? 1 : 0;
          second[row] = i < 180 ? 0 : 1;
        });
        centredCrossProducts(columns, first);
        centredCrossProducts(columns, second);
      }
    },
    3,
  );
  const naive = time(
    `naive: plsPathModel on both relabelled groups, 100 relabellings x 10`,
    () => {
      const rand = seeded(3);
      for (let b = 0; b < 100; b++) {
        const order = shuffled(320, rand);
        plsPathModel(
          order.slice(0, 180).map((i) => rows[i]!),
          { constructs: CONSTRUCTS, paths: PATHS },
        );
        plsPathModel(
          order.slice(180).map((i) => rows[i]!),
          { constructs: CONSTRUCTS, paths: PATHS },
        );
      }
    },
    1,
  );
  const naiveScaled = { ...naive, medianMs: naive.medianMs * 10 };
  const mga = time(`plsMultigroup, ${B} permutations`, () => plsMultigroup(rows, options), 3);
  const micom = time(`plsMeasurementInvariance, ${B} permutations`, () => plsMeasurementInvariance(rows, options), 3);
  report('PLS group comparison, ECSI-style (6 constructs, 19 items), 180 + 140 rows', base, [naiveScaled, mga, micom]);
}
