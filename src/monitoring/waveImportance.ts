/**
 * Driver importance per wave, and a stratified bootstrap of the between-wave differences.
 * @internal
 */
import { InsufficientDataError, LoyaltyError } from '../errors.js';
import type { ImportanceMetric } from '../importance/importanceMetrics.js';
import { relativeImportance } from '../importance/relativeImportance.js';
import type { createRandom } from '../internal/random.js';
import { centredCrossProducts } from '../internal/sums.js';
import type { WaveDifferenceInterval, WaveImportance } from './waveTypes.js';
import type { BootstrapInterval } from '../importance/bootstrapImportance.js';

/** One wave's complete cases: driver score columns, then the outcome; weights when weighted. */
export interface WaveImportanceSample {
  readonly columns: readonly Float64Array[];
  readonly weights: Float64Array | undefined;
}

/** Replicates of one wave: `values[b * p + j]` for driver j, and R2 per replicate. */
export interface WaveReplicates {
  readonly values: Float64Array;
  readonly rSquared: Float64Array;
}

function correlationOf(columns: readonly Float64Array[], weights: ArrayLike<number> | undefined): number[][] {
  return correlationFromSscp(centredCrossProducts(columns, weights).sscp);
}

/** Correlations from centred cross-products (ones on the diagonal). @internal */
export function correlationFromSscp(sscp: readonly (readonly number[])[]): number[][] {
  return sscp.map((row, j) => row.map((v, k) => (j === k ? 1 : v / Math.sqrt(sscp[j]![j]! * sscp[k]![k]!))));
}

function importanceFrom(correlation: number[][], variables: readonly string[], n: number, metric: ImportanceMetric) {
  const p = variables.length - 1;
  return relativeImportance(
    { correlation, variables, n },
    { outcome: variables[p]!, predictors: variables.slice(0, p), metrics: [metric] },
  );
}

/** Point estimate of the importance in one wave (weighted correlations when weighted). */
export function waveImportance(sample: WaveImportanceSample, variables: readonly string[], metric: ImportanceMetric): WaveImportance {
  const n = sample.columns[0]!.length;
  checkWaveCases(n, variables);
  return waveImportanceFrom(correlationOf(sample.columns, sample.weights), n, variables, metric);
}

/** A wave needs p + 2 cases complete on the p drivers and the outcome. @internal */
export function checkWaveCases(n: number, variables: readonly string[]): void {
  const p = variables.length - 1;
  if (n < p + 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${n} row${n === 1 ? '' : 's'} complete on the ${p} drivers and ${variables[p]}; importance needs at least ${p + 2}`,
      {
        argument: 'rows',
        expected: `at least ${p + 2} complete rows per wave`,
      },
    );
  }
}

/**
 * One wave's importance from the (weighted) correlations of its n complete cases, drivers then
 * the outcome (the streaming wave comparison sums them over chunks).
 * @internal
 */
export function waveImportanceFrom(
  correlation: number[][],
  n: number,
  variables: readonly string[],
  metric: ImportanceMetric,
): WaveImportance {
  const r = importanceFrom(correlation, variables, n, metric);
  return {
    n,
    rSquared: r.rSquared,
    importance: r.importance[metric]!,
    shares: r.shares[metric]!,
    intervals: null,
  };
}

/**
 * B bootstrap replicates of one wave's importance: n cases drawn with replacement, each case
 * weighted by its sampling weight times the times it was drawn (as relaimpo's `boot.relimp`).
 * A singular resample (e.g. a constant driver) is redrawn and counted; more than 10% is an error.
 */
export function bootstrapWave(
  sample: WaveImportanceSample,
  variables: readonly string[],
  metric: ImportanceMetric,
  replicates: number,
  random: ReturnType<typeof createRandom>,
  label: string,
): WaveReplicates & { redrawn: number } {
  const n = sample.columns[0]!.length;
  const p = variables.length - 1;
  const values = new Float64Array(replicates * p);
  const rSquared = new Float64Array(replicates);
  const counts = new Int32Array(n);
  const w = new Float64Array(n);
  const maxRedraws = Math.max(10, Math.ceil(replicates / 10));
  let redrawn = 0;
  for (let b = 0; b < replicates; ) {
    counts.fill(0);
    for (let t = 0; t < n; t++) counts[random.integer(n)]!++;
    for (let i = 0; i < n; i++) w[i] = counts[i]! * (sample.weights ? sample.weights[i]! : 1);
    let r: ReturnType<typeof importanceFrom>;
    try {
      r = importanceFrom(correlationOf(sample.columns, w), variables, n, metric);
    } catch (e) {
      if (!(e instanceof LoyaltyError)) throw e;
      if (++redrawn > maxRedraws) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `${label}: ${redrawn} bootstrap resamples gave a singular correlation matrix (${e.message}); too few distinct cases to bootstrap importance`,
          {
            argument: 'options.importance.bootstrap',
            expected: 'more varied cases in every wave',
          },
        );
      }
      continue;
    }
    const imp = r.importance[metric]!;
    for (let j = 0; j < p; j++) values[b * p + j] = imp[variables[j]!]!;
    rSquared[b] = r.rSquared;
    b++;
  }
  return { values, rSquared, redrawn };
}

/** R type-7 quantile of sorted values. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Percentile interval, bootstrap SE and share of positive values of `draws`, centred on `estimate`. */
export function percentileSummary(draws: Float64Array, estimate: number, confidenceLevel: number): WaveDifferenceInterval {
  const sorted = Float64Array.from(draws).sort();
  const alpha = 1 - confidenceLevel;
  let m = 0;
  for (const v of draws) m += v;
  m /= draws.length;
  let ss = 0;
  let positive = 0;
  for (const v of draws) {
    ss += (v - m) ** 2;
    if (v > 0) positive++;
  }
  return {
    estimate,
    standardError: Math.sqrt(ss / (draws.length - 1)),
    confidenceInterval: [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)],
    confidenceLevel,
    intervalMethod: 'percentile',
    proportionPositive: positive / draws.length,
  };
}

/** Column j of a replicate matrix with p columns. */
export function replicateColumn(values: Float64Array, p: number, j: number): Float64Array {
  const B = values.length / p;
  const out = new Float64Array(B);
  for (let b = 0; b < B; b++) out[b] = values[b * p + j]!;
  return out;
}

/** One wave's replicates: `values[b * p + j]` for driver j, and R2 per replicate. */
type Replicates = { readonly values: Float64Array; readonly rSquared: Float64Array };

/** A wave's importance with each driver's percentile interval over its replicates. @internal */
export function withWaveIntervals(
  point: WaveImportance,
  r: Replicates,
  drivers: readonly string[],
  confidenceLevel: number,
): WaveImportance {
  const p = drivers.length;
  const intervals: Record<string, BootstrapInterval> = {};
  drivers.forEach((d, k) => {
    const s = percentileSummary(replicateColumn(r.values, p, k), point.importance[d]!, confidenceLevel);
    intervals[d] = {
      estimate: s.estimate,
      standardError: s.standardError,
      confidenceInterval: s.confidenceInterval,
      confidenceLevel: s.confidenceLevel,
      intervalMethod: s.intervalMethod,
    };
  });
  return { ...point, intervals };
}

/**
 * The differences (later minus earlier) of two waves' importance: replicate b of `b` minus
 * replicate b of `a`, over the replicates both have. @internal
 */
export function waveDifferenceIntervals(
  a: WaveImportance,
  b: WaveImportance,
  ra: Replicates,
  rb: Replicates,
  drivers: readonly string[],
  confidenceLevel: number,
): { rSquared: WaveDifferenceInterval; drivers: Record<string, WaveDifferenceInterval> } {
  const p = drivers.length;
  const used = Math.min(ra.rSquared.length, rb.rSquared.length);
  const diff = (x: Float64Array, y: Float64Array) => Float64Array.from({ length: used }, (_, i) => y[i]! - x[i]!);
  const byDriver: Record<string, WaveDifferenceInterval> = {};
  drivers.forEach((d, k) => {
    byDriver[d] = percentileSummary(
      diff(replicateColumn(ra.values, p, k), replicateColumn(rb.values, p, k)),
      b.importance[d]! - a.importance[d]!,
      confidenceLevel,
    );
  });
  return { rSquared: percentileSummary(diff(ra.rSquared, rb.rSquared), b.rSquared - a.rSquared, confidenceLevel), drivers: byDriver };
}
