/**
 * Importance for binary and ordinal outcomes: full dominance analysis (every subset fit, complete
 * dominance included) for a logistic outcome at p = 8, 10, 12, 15 and an ordinal one (3
 * categories) at p = 8, 10, n = 2,000, against the baseline run in the same process: a cold fit
 * per subset by the library's own logisticRegression (IRLS, glm's start) / ordinalRegression
 * (Newton from the marginal thresholds), timed on 48 subsets of every size and scaled to 2^p.
 * Data: seeded correlated normal drivers, outcome from the model.
 */
import { dominanceAnalysis, logisticRegression, ordinalRegression } from '../src/index.js';
import { seeded } from './harness.js';

function makeRows(p: number, categories: number, n = 2000, seed = 20261203 + p): Record<string, number>[] {
  const u = seeded(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const beta = Array.from({ length: p }, (_, j) => 0.3 - (0.4 * j) / p);
  const cuts = categories === 2 ? [0] : [-0.8, 0.9];
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const z = normal();
    const row: Record<string, number> = {};
    let eta = 0;
    for (let j = 0; j < p; j++) {
      const x = 0.6 * z + 0.8 * normal();
      row[`x${j + 1}`] = x;
      eta += beta[j]! * x;
    }
    const v = u();
    const latent = eta + Math.log(v / (1 - v));
    row.y = cuts.filter((c) => latent > c).length;
    rows.push(row);
  }
  return rows;
}

function cpuMs(fn: () => unknown): number {
  const t0 = process.cpuUsage();
  fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

/** Cold fits of sampled subsets (every size equally), scaled to all 2^p - 1 subsets. */
function coldEstimate(rows: Record<string, number>[], names: string[], ordinal: boolean): number {
  const p = names.length;
  const u = seeded(7 + p);
  const sample = 48;
  let total = 0;
  for (let s = 0; s < sample; s++) {
    const size = 1 + (s % p);
    const pick = [...names].sort(() => u() - 0.5).slice(0, size);
    // Weight each size by its share of all subsets: C(p, size) / (2^p - 1).
    let c = 1;
    for (let k = 0; k < size; k++) c = (c * (p - k)) / (k + 1);
    const fit = (): unknown =>
      ordinal ? ordinalRegression(rows, { outcome: 'y', predictors: pick }) : logisticRegression(rows, { outcome: 'y', predictors: pick });
    total += cpuMs(fit) * c * (p / sample);
  }
  return total;
}

export function bench(): void {
  console.log('\n## Family importance: dominance analysis of every subset fit (n = 2,000; CPU time, one run)');
  console.log('| outcome | p | subset fits | ms | ms per fit | cold fits (estimated ms) | speed-up over cold |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [family, p] of [
    ['binomial', 8],
    ['binomial', 10],
    ['binomial', 12],
    ['binomial', 15],
    ['ordinal', 8],
    ['ordinal', 10],
  ] as const) {
    const rows = makeRows(p, family === 'binomial' ? 2 : 3);
    const names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
    let fits = 0;
    const ms = cpuMs(() => {
      const d = dominanceAnalysis(rows, { outcome: 'y', predictors: names, family });
      fits = d.model!.fits!.models;
    });
    const cold = coldEstimate(rows, names, family === 'ordinal');
    console.log(
      `| ${family} | ${p} | ${fits} | ${ms.toFixed(0)} | ${(ms / fits).toFixed(3)} | ${cold.toFixed(0)} | ${(cold / ms).toFixed(1)}x |`,
    );
  }
}
