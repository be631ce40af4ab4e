/**
 * Measurement benchmark: `reliability` for 4 scales x 3 items on 1,000,000 respondents, as a
 * ratio to computing the 12-item covariance matrix alone (`centredCrossProducts` on columns
 * already in memory: the least any reliability analysis must do). Also timed: reading the rows
 * alone (`readItems`, validation + listwise deletion), the other measurement functions on the
 * same rows, and a 6-item scale whose one-factor model needs the ML iteration; the four-factor
 * CFA (listwise on the million rows; listwise and FIML on 2,000). Data is seeded
 * and generated in memory (1-7 Likert answers, one common factor per scale, ~1% missing).
 */
import { centredCrossProducts } from '../src/internal/sums.js';
import { confirmatoryFactorAnalysis, driverCorrelations, htmt, reliability, scaleScores } from '../src/measurement/index.js';
import { normalizeScales } from '../src/measurement/normalizeScales.js';
import { readItems } from '../src/measurement/readItems.js';
import { peakMemoryMb, report, seeded, time, type Timing } from './harness.js';

const N = 1_000_000;
const SCALES = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};

function makeRows(): { rows: Record<string, number | null>[]; columns: Float64Array[] } {
  const rand = seeded(4);
  const normal = (): number => {
    // Box-Muller on the harness generator (benchmark data only).
    const u = 1 - rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const items = Object.values(SCALES).flat();
  const rows: Record<string, number | null>[] = new Array(N);
  const columns = items.map(() => new Float64Array(N));
  for (let i = 0; i < N; i++) {
    const general = normal();
    const row: Record<string, number | null> = {};
    let j = 0;
    for (const scaleItems of Object.values(SCALES)) {
      const factor = 0.5 * general + Math.sqrt(0.75) * normal();
      for (const item of scaleItems) {
        const z = 0.8 * factor + 0.6 * normal();
        const v = Math.min(7, Math.max(1, Math.round(4 + 1.3 * z)));
        row[item] = rand() < 0.01 ? null : v;
        columns[j]![i] = v;
        j++;
      }
    }
    rows[i] = row;
  }
  return { rows, columns };
}

/**
 * Times `task` and `baseline` back to back `pairs` times and returns the median of the
 * per-pair ratios: on a shared machine the load drifts between runs, and a ratio of
 * neighbouring runs is steadier than a ratio of separately taken medians.
 */
function pairedRatio(baseline: () => unknown, task: () => unknown, pairs: number): { ratio: number; low: number; high: number } {
  baseline();
  task();
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const t0 = performance.now();
    baseline();
    const t1 = performance.now();
    task();
    const t2 = performance.now();
    ratios.push((t2 - t1) / (t1 - t0));
  }
  ratios.sort((a, b) => a - b);
  return { ratio: ratios[Math.floor(pairs / 2)]!, low: ratios[0]!, high: ratios[pairs - 1]! };
}

function printPaired(title: string, rows: readonly [string, { ratio: number; low: number; high: number }][]): void {
  console.log(`\n## ${title}`);
  console.log('| task | median ratio to baseline (paired runs) | range |');
  console.log('|---|---:|---:|');
  for (const [name, r] of rows) console.log(`| ${name} | ${r.ratio.toFixed(2)} | ${r.low.toFixed(2)}-${r.high.toFixed(2)} |`);
}

export async function bench(): Promise<void> {
  const { rows, columns } = makeRows();
  const runs = 5;
  const covariance = () => centredCrossProducts(columns);
  const baseline: Timing = time('centredCrossProducts (12 item columns in memory)', covariance, runs);
  const scales = normalizeScales(SCALES, 'scales', 2);
  const six = { six: [...SCALES.satisfaction, ...SCALES.trust] };
  const tasks: [string, () => unknown][] = [
    ['reliability(rows, 4 scales x 3 items) end to end', () => reliability(rows, SCALES)],
    ['  of which readItems: validate 1e6 row objects, listwise, covariance', () => readItems(rows, scales)],
    ['reliability(..., { factorModel: false })', () => reliability(rows, SCALES, { factorModel: false })],
    ['reliability(rows, one 6-item scale: Fisher scoring)', () => reliability(rows, six)],
    ['htmt(rows, 4 scales)', () => htmt(rows, SCALES)],
    ['confirmatoryFactorAnalysis(rows, 4 factors x 3 items, listwise)', () => confirmatoryFactorAnalysis(rows, SCALES)],
    ['scaleScores(rows, 4 scales)', () => scaleScores(rows, SCALES)],
    ['driverCorrelations(rows, 4 scales)', () => driverCorrelations(rows, SCALES)],
  ];
  const timings = tasks.map(([name, fn]) => time(name, fn, runs));
  report(
    `reliability, 4 scales x 3 items, ${N.toLocaleString('en')} respondents (peak RSS ${peakMemoryMb().toFixed(0)} MB)`,
    baseline,
    timings,
  );
  printPaired(
    `same tasks, ratio of back-to-back runs (baseline: centredCrossProducts, ${baseline.medianMs.toFixed(0)} ms median)`,
    tasks.map(([name, fn]) => [name, pairedRatio(covariance, fn, 7)]),
  );
  const sample = rows.slice(0, 2000);
  const closed = time('reliability, 2,000 rows, closed-form 3-item models', () => reliability(sample, SCALES), 5);
  const boot = time(
    'reliability, 2,000 rows, bootstrap CI (1,000 resamples per scale)',
    () => reliability(sample, SCALES, { bootstrap: { replicates: 1000, seed: 1 } }),
    5,
  );
  report('bootstrap interval for alpha, 2,000 respondents', closed, [boot]);
  // The CFA on a survey-sized sample: the 12-item ML fit itself (Fisher scoring, 30 parameters),
  // and FIML (Newton on the casewise likelihood over the missingness patterns).
  const cfa = time('confirmatoryFactorAnalysis, 2,000 rows, listwise', () => confirmatoryFactorAnalysis(sample, SCALES), 5);
  const fiml = time(
    'confirmatoryFactorAnalysis, 2,000 rows, FIML',
    () => confirmatoryFactorAnalysis(sample, SCALES, { missing: 'fiml' }),
    5,
  );
  report('CFA of the four drivers, 2,000 respondents (baseline: reliability, closed-form models)', closed, [cfa, fiml]);
}
