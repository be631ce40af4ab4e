/**
 * PLS path model benchmark (issue 17): `plsPathModel` on the ECSI-style model (6 constructs,
 * 19 items, 9 paths) on 250 and 100,000 seeded rows, and its bootstrap on 250 rows. Baselines in
 * the same run: the item covariance matrix alone (`centredCrossProducts`, the least a PLS fit
 * from rows must compute) and, for the bootstrap, the same matrix for every resample.
 */
import { plsPathModel, type PlsPathModelOptions } from '../src/index.js';
import { centredCrossProducts } from '../src/internal/sums.js';
import { report, seeded, time } from './harness.js';

const CONSTRUCTS = {
  image: ['img1', 'img2', 'img3', 'img4'],
  expectation: ['exp1', 'exp2', 'exp3'],
  quality: ['qual1', 'qual2', 'qual3', 'qual4'],
  value: ['val1', 'val2'],
  satisfaction: ['sat1', 'sat2', 'sat3'],
  loyalty: ['loy1', 'loy2', 'loy3'],
};
const PATHS: PlsPathModelOptions['paths'] = [
  ['image', 'expectation'],
  ['image', 'satisfaction'],
  ['image', 'loyalty'],
  ['expectation', 'quality'],
  ['expectation', 'value'],
  ['quality', 'value'],
  ['quality', 'satisfaction'],
  ['value', 'satisfaction'],
  ['satisfaction', 'loyalty'],
];

function makeRows(n: number, seed: number): { rows: Record<string, number>[]; columns: Float64Array[] } {
  const rand = seeded(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const names = Object.values(CONSTRUCTS).flat();
  const columns = names.map(() => new Float64Array(n));
  const rows: Record<string, number>[] = new Array(n);
  for (let c = 0; c < n; c++) {
    const img = normal();
    const exp = 0.5 * img + 0.87 * normal();
    const qual = 0.6 * exp + 0.8 * normal();
    const val = 0.3 * exp + 0.5 * qual + 0.75 * normal();
    const sat = 0.3 * img + 0.4 * qual + 0.2 * val + 0.7 * normal();
    const loy = 0.6 * sat + 0.2 * img + 0.7 * normal();
    const eta: Record<string, number> = { image: img, expectation: exp, quality: qual, value: val, satisfaction: sat, loyalty: loy };
    const row: Record<string, number> = {};
    let j = 0;
    for (const [construct, items] of Object.entries(CONSTRUCTS)) {
      for (const item of items) {
        const v = Math.min(10, Math.max(1, Math.round(6.5 + 1.8 * (0.8 * eta[construct]! + 0.6 * normal()))));
        row[item] = v;
        columns[j++]![c] = v;
      }
    }
    rows[c] = row;
  }
  return { rows, columns };
}

export function bench(): void {
  const options: PlsPathModelOptions = { constructs: CONSTRUCTS, paths: PATHS };
  for (const n of [250, 100_000]) {
    const { rows, columns } = makeRows(n, 17);
    const base = time('item covariance matrix alone', () => centredCrossProducts(columns), 5);
    const fit = time('plsPathModel (with f2: 9 re-estimations)', () => plsPathModel(rows, options), 5);
    report(`PLS path model, ECSI-style (6 constructs, 19 items), ${n.toLocaleString('en')} rows`, base, [fit]);
  }
  const { rows, columns } = makeRows(250, 17);
  const B = 1000;
  const base = time(
    `${B} resampled covariance matrices alone`,
    () => {
      const w = new Float64Array(250);
      const rand = seeded(3);
      for (let b = 0; b < B; b++) {
        w.fill(0);
        for (let t = 0; t < 250; t++) w[Math.floor(rand() * 250)]!++;
        centredCrossProducts(columns, w);
      }
    },
    3,
  );
  const boot = time(
    `plsPathModel with ${B} bootstrap replicates`,
    () => plsPathModel(rows, { ...options, bootstrap: { replicates: B, seed: 1 } }),
    3,
  );
  report(`PLS bootstrap, 250 rows, ${B} replicates`, base, [boot]);
}
