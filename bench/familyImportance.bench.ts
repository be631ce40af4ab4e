/**
 * Importance for binary and ordinal outcomes (issue 15).
 *
 * 1. Full dominance analysis (every subset fit, complete dominance included) for a logistic
 *    outcome at p = 8, 10, 12, 15 and an ordinal one (3 categories) at p = 8, 10, n = 2,000,
 *    against two baselines run in the same process: a cold fit per subset by the library's own
 *    logisticRegression (IRLS, glm's start) / ordinalRegression (Newton from the marginal
 *    thresholds), timed on 48 subsets of every size and scaled to 2^p; and, when `Rscript` with
 *    dominanceanalysis is installed, R `dominanceAnalysis(glm(...))` on the same data at p = 8
 *    and 10 (and 12 with BENCH_R_FULL=1; it takes minutes). Data: seeded correlated normal
 *    drivers, outcome from the model. All times are CPU time of one run.
 * 2. Large n: 1,000,000 rows, 4 discrete drivers (means of two 1-7 items), the subset engine
 *    (binomial and ordinal) and logisticRegression / ordinalRegression with and without the
 *    exact compression of equal cases.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dominanceAnalysis, logisticRegression, ordinalRegression } from '../src/index.js';
import { readPlayerData } from '../src/importance/familyData.js';
import { playerFitTable } from '../src/importance/playerFits.js';
import { readRegressionSample } from '../src/regression/design.js';
import { logisticFromSample } from '../src/regression/logisticRegression.js';
import { ordinalFromSample } from '../src/regression/ordinalRegression.js';
import { seeded } from './harness.js';

export function makeRows(p: number, categories: number, n = 2000, seed = 20261203 + p): Record<string, number>[] {
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

export function cpuMs(fn: () => unknown): number {
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

const R_SCRIPT = `
suppressMessages(library(dominanceanalysis))
d <- read.csv(commandArgs(TRUE)[1])
f <- as.formula(paste("y ~", paste(setdiff(names(d), "y"), collapse = " + ")))
t0 <- proc.time()
da <- dominanceAnalysis(glm(f, data = d, family = binomial))
t <- proc.time() - t0
cat(1000 * (t[["user.self"]] + t[["sys.self"]]), "\\n")
`;

/** R dominanceanalysis's CPU ms on the same rows, or null when R or the package is missing. */
export function rDominance(rows: Record<string, number>[], dir: string): number | null {
  const names = Object.keys(rows[0]!);
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, `${names.join(',')}\n${rows.map((r) => names.map((k) => r[k]!.toPrecision(17)).join(',')).join('\n')}\n`);
  const script = join(dir, 'da.R');
  writeFileSync(script, R_SCRIPT);
  const out = spawnSync('Rscript', [script, csv], { encoding: 'utf8', timeout: 30 * 60_000 });
  if (out.status !== 0) return null;
  const ms = Number(out.stdout.trim().split(/\s+/).pop());
  return Number.isFinite(ms) ? ms : null;
}

function hasR(): boolean {
  const out = spawnSync('Rscript', ['-e', 'suppressMessages(library(dominanceanalysis))'], { encoding: 'utf8' });
  return out.status === 0;
}

/** 1M rows, four drivers that are means of two 1-7 items, a 0/1 and a 0-2 outcome. */
function largeRows(n: number): Record<string, number>[] {
  const u = seeded(99);
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const base = u();
    const row: Record<string, number> = {};
    let eta = -0.3;
    for (let j = 0; j < 4; j++) {
      const item = (): number => 1 + Math.min(6, Math.floor(7 * (0.5 * base + 0.5 * u())));
      const v = (item() + item()) / 2;
      row[`d${j + 1}`] = v;
      eta += (0.5 - 0.2 * j) * (v - 4);
    }
    const e = u();
    const latent = eta + Math.log(e / (1 - e));
    row.retained = latent > 0 ? 1 : 0;
    row.group = latent < -0.8 ? 0 : latent < 0.9 ? 1 : 2;
    rows.push(row);
  }
  return rows;
}

export function bench(): void {
  const withR = hasR();
  const full = process.env.BENCH_R_FULL === '1';
  const dir = mkdtempSync(join(tmpdir(), 'family-bench-'));
  console.log('\n## Family importance: dominance analysis over every subset fit (n = 2,000; CPU time, one run)');
  console.log(
    `R dominanceanalysis on glm: ${withR ? `timed at p = 8, 10${full ? ', 12' : ' (12 with BENCH_R_FULL=1)'}` : 'not installed, not timed'}.`,
  );
  console.log(
    '| outcome | p | subset fits | passes per fit | ms | ms per fit | cold fits (estimated ms) | speed-up over cold | R dominanceanalysis ms | speed-up over R |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  // Warm-up (untimed): compiles the engine's loops, as R's are compiled C.
  for (const family of ['binomial', 'ordinal'] as const) {
    dominanceAnalysis(makeRows(6, family === 'binomial' ? 2 : 3), {
      outcome: 'y',
      predictors: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'],
      family,
    });
  }
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
    let passes = 0;
    const ms = cpuMs(() => {
      const d = dominanceAnalysis(rows, { outcome: 'y', predictors: names, family });
      fits = d.model!.fits!.models;
      passes = d.model!.fits!.passes;
    });
    const cold = coldEstimate(rows, names, family === 'ordinal');
    const r = withR && family === 'binomial' && (p <= 10 || (p === 12 && full)) ? rDominance(rows, dir) : null;
    console.log(
      `| ${family} | ${p} | ${fits} | ${(passes / fits).toFixed(2)} | ${ms.toFixed(0)} | ${(ms / fits).toFixed(3)} | ${cold.toFixed(0)} | ${(cold / ms).toFixed(1)}x | ${r === null ? '-' : r.toFixed(0)} | ${r === null ? '-' : `${(r / ms).toFixed(0)}x`} |`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  console.log('(passes per fit count the border pass of each warm start as one.)');
  largeN(1_000_000);
}

/** The large-n table. */
export function largeN(n: number): void {
  console.log(
    `\n## Large n: ${n.toLocaleString('en-US')} rows, 4 discrete drivers (means of two 1-7 items), with and without exact compression (CPU time, one run)`,
  );
  const big = largeRows(n);
  const predictors = ['d1', 'd2', 'd3', 'd4'];
  console.log('| fit | rows fitted | compressed ms | uncompressed ms | speed-up | max abs difference |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const family of ['binomial', 'ordinal'] as const) {
    const data = readPlayerData(big, { outcome: family === 'binomial' ? 'retained' : 'group', predictors, family });
    let a: ReturnType<typeof playerFitTable> | undefined;
    let b: ReturnType<typeof playerFitTable> | undefined;
    const on = cpuMs(() => {
      a = playerFitTable(data, 'mcfadden', undefined, true);
    });
    const off = cpuMs(() => {
      b = playerFitTable(data, 'mcfadden', undefined, false);
    });
    let diff = 0;
    for (let m = 0; m < a!.table.length; m++) diff = Math.max(diff, Math.abs(a!.table[m]! - b!.table[m]!));
    console.log(
      `| subset engine, ${family}, 16 subsets (McFadden) | ${n} | ${on.toFixed(0)} | ${off.toFixed(0)} | ${(off / on).toFixed(1)}x | ${diff.toExponential(1)} |`,
    );
  }
  {
    const options = { outcome: 'retained', predictors };
    const sample = readRegressionSample(big, options, { min: 0, max: 1, integer: true });
    let a = 0;
    let b = 0;
    const on = cpuMs(() => {
      a = logisticFromSample(sample, options, 0.95, 1e-8, 25, 1e-7, undefined, sample.weightSum, true).deviance;
    });
    const off = cpuMs(() => {
      b = logisticFromSample(sample, options, 0.95, 1e-8, 25, 1e-7, undefined, sample.weightSum, false).deviance;
    });
    console.log(
      `| logisticRegression (deviance) | ${n} | ${on.toFixed(0)} | ${off.toFixed(0)} | ${(off / on).toFixed(1)}x | ${Math.abs(a - b).toExponential(1)} |`,
    );
  }
  {
    // The uncompressed ordinal fit is slow per case (general Newton), so it runs on at most 200,000 rows.
    const m = Math.min(n, 200_000);
    const options = { outcome: 'group', predictors };
    const sample = readRegressionSample(big.slice(0, m), options);
    let a = 0;
    let b = 0;
    const on = cpuMs(() => {
      a = ordinalFromSample(sample, options, 'logit', 0.95, true).logLikelihood;
    });
    const off = cpuMs(() => {
      b = ordinalFromSample(sample, options, 'logit', 0.95, false).logLikelihood;
    });
    console.log(
      `| ordinalRegression (log-likelihood) | ${m} | ${on.toFixed(0)} | ${off.toFixed(0)} | ${(off / on).toFixed(1)}x | ${Math.abs(a - b).toExponential(1)} |`,
    );
  }
}
