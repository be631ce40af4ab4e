/**
 * IPMA benchmark (issue 17): `plsImportancePerformance` on the ECSI-style model (6 constructs,
 * 19 items, 9 paths, target loyalty) on 100,000 seeded rows, from the rows and from their
 * sufficient statistics (what a large file streams into). Baselines in the same run:
 * `plsPathModel` on the same rows (the map adds the item moments and closed-form steps), and the
 * sufficient statistics alone (the pass over the rows a streamed map needs).
 */
import { plsImportancePerformance, plsPathModel, sufficientStatistics } from '../src/index.js';
import { report, seeded, time } from './harness.js';
import { ECSI_CONSTRUCTS as CONSTRUCTS, ECSI_PATHS as PATHS } from './ecsiModel.js';

function makeRows(n: number, seed: number): Record<string, number>[] {
  const rand = seeded(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
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
    for (const [construct, items] of Object.entries(CONSTRUCTS)) {
      for (const item of items) row[item] = Math.min(10, Math.max(1, Math.round(6.5 + 1.8 * (0.8 * eta[construct]! + 0.6 * normal()))));
    }
    rows[c] = row;
  }
  return rows;
}

export function bench(): void {
  const n = 100_000;
  const rows = makeRows(n, 17);
  const options = { constructs: CONSTRUCTS, paths: PATHS, target: 'loyalty', scale: { min: 1, max: 10 } };
  const columns = Object.values(CONSTRUCTS).flat();
  const fit = time('plsPathModel alone', () => plsPathModel(rows, { constructs: CONSTRUCTS, paths: PATHS }), 3);
  const ipma = time('plsImportancePerformance from rows', () => plsImportancePerformance(rows, options), 3);
  report(`IPMA of the ECSI-style path model, ${n.toLocaleString('en')} rows`, fit, [ipma]);
  const stats = sufficientStatistics(rows, { columns });
  const pass = time('sufficient statistics alone (one pass)', () => sufficientStatistics(rows, { columns }), 3);
  const streamed = time(
    'sufficient statistics + plsImportancePerformance from them',
    () => plsImportancePerformance(sufficientStatistics(rows, { columns }), options),
    3,
  );
  const fromStats = time('plsImportancePerformance from the statistics only', () => plsImportancePerformance(stats, options), 5);
  report(`IPMA from sufficient statistics, ${n.toLocaleString('en')} rows`, pass, [streamed, fromStats]);
}
