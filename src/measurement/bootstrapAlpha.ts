import { InsufficientDataError } from '../errors.js';
import type { BootstrapPlan } from '../internal/options.js';
import { createRandom } from '../internal/random.js';
import { rawAlpha } from './alphaStatistics.js';

/** A percentile bootstrap of alpha. @internal */
export interface AlphaBootstrap {
  /** Resamples drawn again because an item had zero variance in them. */
  readonly redrawn: number;
  /** Standard deviation of the bootstrap alphas. */
  readonly standardError: number;
  /** Percentile interval (quantile type 7 of the bootstrap alphas). */
  readonly interval: readonly [number, number];
}

/** Quantile type 7 (R's default) of sorted values. */
function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Nonparametric bootstrap of Cronbach's alpha: `replicates` resamples of the n complete cases
 * with replacement, drawn by the seeded xoshiro128** generator (so a seed reproduces the
 * interval exactly), a resample in which an item is constant drawn again (counted in `redrawn`;
 * at most `10 x replicates` redraws), alpha recomputed on each from cross-products centred at the full-sample
 * means; percentile interval (Efron & Tibshirani 1993, ch. 13).
 * @internal
 */
export function bootstrapAlpha(columns: readonly Float64Array[], means: readonly number[], plan: BootstrapPlan): AlphaBootstrap {
  const { replicates, seed, confidenceLevel: level, onProgress } = plan;
  const k = columns.length;
  const n = columns[0]!.length;
  const random = createRandom(seed);
  // Centre once, row-major, so each replicate reads contiguous memory.
  const centred = new Float64Array(n * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) centred[i * k + j] = columns[j]![i]! - means[j]!;
  const alphas = new Float64Array(replicates);
  const sums = new Float64Array(k);
  const cross = new Float64Array(k * k);
  let kept = 0;
  let redrawn = 0;
  const maxRedraws = 10 * replicates;
  const every = Math.max(1, Math.floor(replicates / 100));
  while (kept < replicates) {
    sums.fill(0);
    cross.fill(0);
    for (let draw = 0; draw < n; draw++) {
      const base = random.integer(n) * k;
      for (let j = 0; j < k; j++) {
        const dj = centred[base + j]!;
        sums[j]! += dj;
        for (let l = j; l < k; l++) cross[j * k + l]! += dj * centred[base + l]!;
      }
    }
    const c: number[][] = [];
    let degenerate = false;
    for (let j = 0; j < k; j++) {
      const row: number[] = [];
      for (let l = 0; l < k; l++) {
        const a = Math.min(j, l);
        const z = Math.max(j, l);
        row.push(cross[a * k + z]! - (sums[a]! * sums[z]!) / n);
      }
      if (!(row[j]! > 0)) degenerate = true;
      c.push(row);
    }
    if (degenerate) {
      if (++redrawn > maxRedraws) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `bootstrap of alpha: ${redrawn} resamples had an item with zero variance (${kept} of ${replicates} usable); too few cases (${n}) to bootstrap`,
          {
            argument: 'options.bootstrap',
            expected: 'more complete cases',
          },
        );
      }
      continue;
    }
    alphas[kept++] = rawAlpha(c)!;
    if (onProgress !== undefined && (kept % every === 0 || kept === replicates)) onProgress(kept, replicates);
  }
  const sample = alphas.slice(0, kept).sort();
  let m = 0;
  for (const a of sample) m += a;
  m /= kept;
  let ss = 0;
  for (const a of sample) ss += (a - m) ** 2;
  const tail = (1 - level) / 2;
  return {
    redrawn,
    standardError: Math.sqrt(ss / (kept - 1)),
    interval: [quantile7(sample, tail), quantile7(sample, 1 - tail)],
  };
}
