/**
 * Nonparametric bootstrap of the importance metrics: percentile intervals for each metric, its
 * shares, the differences between drivers, and rank frequencies.
 *
 * @internal
 */
import { InsufficientDataError, LoyaltyError } from '../errors.js';
import { createRandom } from '../internal/random.js';
import type { BootstrapPlan } from '../internal/options.js';
import { centredCrossProducts } from '../internal/sums.js';
import type { BootstrapSummary, EstimateFields, Interval } from '../types.js';
import { TIE_TOLERANCE } from './averageRanks.js';
import { checkedCorrelation } from './checkedCorrelation.js';
import type { ImportanceSample } from './importanceData.js';
import { importanceMetrics, type ImportanceMetric, type MetricValues, type ShapleyPlan } from './importanceMetrics.js';
import { normalizedShares } from './normalizedShares.js';

/**
 * A bootstrap estimate: the point estimate on the sample, the standard deviation of the
 * replicates as its standard error, and the percentile interval.
 */
export interface BootstrapInterval extends EstimateFields {
  /** Standard deviation of the replicates. */
  readonly standardError: number;
  readonly intervalMethod: 'percentile';
}

/** The bootstrap distribution of `first - second` for one metric. */
export interface DifferenceInterval {
  readonly first: string;
  readonly second: string;
  /** Point estimate of `first - second`. */
  readonly estimate: number;
  /** Standard deviation of the replicate differences. */
  readonly standardError: number;
  /** Percentile interval of the replicate differences. */
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  readonly intervalMethod: 'percentile';
  /** Share of replicates in which `first` scored strictly higher than `second`. */
  readonly proportionFirstHigher: number;
}

/** Result of the bootstrap, attached to a relative importance result. */
export interface ImportanceBootstrap extends BootstrapSummary {
  readonly rSquared: BootstrapInterval;
  /** Interval of each metric's raw value, by metric then predictor. */
  readonly intervals: Readonly<Partial<Record<ImportanceMetric, Readonly<Record<string, BootstrapInterval>>>>>;
  /** Interval of each metric's normalized share, by metric then predictor. */
  readonly shareIntervals: Readonly<Partial<Record<ImportanceMetric, Readonly<Record<string, BootstrapInterval>>>>>;
  /** Every pair of predictors (in predictor order), by metric. */
  readonly differences: Readonly<Partial<Record<ImportanceMetric, readonly DifferenceInterval[]>>>;
  /**
   * `rankFrequencies[metric][predictor][r - 1]`: share of replicates in which the predictor ranked
   * r (1 = most important; tied values share the best of their ranks).
   */
  readonly rankFrequencies: Readonly<Partial<Record<ImportanceMetric, Readonly<Record<string, readonly number[]>>>>>;
}

/** Sample quantile, R type 7 (linear interpolation between order statistics), of sorted values. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function summarise(values: Float64Array, estimate: number, confidenceLevel: number): BootstrapInterval {
  const alpha = 1 - confidenceLevel;
  const sorted = Float64Array.from(values).sort();
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return {
    estimate,
    standardError: Math.sqrt(ss / (values.length - 1)),
    confidenceInterval: [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)],
    confidenceLevel,
    intervalMethod: 'percentile',
  };
}

/**
 * Runs the bootstrap. Each replicate draws n complete cases with replacement (seeded xoshiro128**),
 * gives each case its sampling weight times the number of times it was drawn, and recomputes the
 * weighted correlation matrix and every requested metric from it (R relaimpo's `boot.relimp`
 * resamples the same way). A draw whose correlation matrix is singular is discarded and redrawn and
 * counted; more than 10% of such draws is an error.
 *
 * Intervals are percentile intervals (Efron & Tibshirani 1993, ch. 13) with R's type-7 quantile.
 *
 * @throws InsufficientDataError `TOO_FEW_CASES` when resamples are too often singular.
 */
export function bootstrapImportance(
  sample: ImportanceSample,
  predictors: readonly string[],
  outcome: string,
  metrics: readonly ImportanceMetric[],
  point: MetricValues,
  shapley: { readonly method: 'exact' } | { readonly method: 'sampled'; readonly pairs: number; readonly confidenceLevel: number },
  plan: BootstrapPlan,
  /** Computes a replicate's metrics from its case weights (resample counts times the sampling weights) instead of the correlation path. */
  replicate?: (weights: Float64Array) => MetricValues,
): ImportanceBootstrap {
  const p = predictors.length;
  const n = sample.index.length;
  const B = plan.replicates;
  const random = createRandom(plan.seed);
  const replicateShapley: ShapleyPlan = shapley.method === 'exact' ? shapley : { ...shapley, random };
  const values = metrics.map(() => new Float64Array(B * p));
  const shares = metrics.map(() => new Float64Array(B * p));
  const r2 = new Float64Array(B);
  const counts = new Int32Array(n);
  const weights = new Float64Array(n);
  const base = sample.weights;
  const variables = [...predictors, outcome];
  const step = Math.max(1, Math.floor(B / 100));
  const maxRedraws = Math.max(10, Math.ceil(B / 10));
  let redrawn = 0;
  for (let b = 0; b < B; ) {
    counts.fill(0);
    for (let t = 0; t < n; t++) counts[random.integer(n)]!++;
    for (let i = 0; i < n; i++) weights[i] = counts[i]! * (base ? base[i]! : 1);
    let result: MetricValues;
    try {
      if (replicate) result = replicate(weights);
      else {
        const { sscp } = centredCrossProducts(sample.columns, weights);
        const correlation = checkedCorrelation(sscp, variables, outcome);
        result = importanceMetrics(correlation, p, metrics, replicateShapley);
      }
    } catch (e) {
      if (!(e instanceof LoyaltyError)) throw e;
      redrawn++;
      if (redrawn > maxRedraws) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `bootstrap: ${redrawn} resamples of the ${n} complete cases gave a singular correlation matrix (${e.message}); the data are too few or too discrete for a bootstrap of ${p} predictors`,
          { argument: 'options.bootstrap', value: n, expected: 'more complete cases' },
        );
      }
      continue;
    }
    r2[b] = result.rSquared;
    metrics.forEach((m, mi) => {
      const v = result.values[m]!;
      const s = normalizedShares(v);
      values[mi]!.set(v, b * p);
      shares[mi]!.set(s, b * p);
    });
    b++;
    if (plan.onProgress !== undefined && (b % step === 0 || b === B)) plan.onProgress(b, B);
  }
  return importanceIntervals(values, shares, r2, B, predictors, metrics, point, plan, 'row-resampling', redrawn);
}

/**
 * The summaries of B replicates of the importance metrics (shared by the row-resampling and the
 * Poisson bootstrap): `values[mi]` and `shares[mi]` hold replicate b's p values at `b * p`.
 * @internal
 */
export function importanceIntervals(
  values: readonly Float64Array[],
  shares: readonly Float64Array[],
  r2: Float64Array,
  B: number,
  predictors: readonly string[],
  metrics: readonly ImportanceMetric[],
  point: MetricValues,
  plan: BootstrapPlan,
  method: 'row-resampling' | 'poisson',
  redrawn: number,
): ImportanceBootstrap {
  const p = predictors.length;
  const level = plan.confidenceLevel;
  const column = (arr: Float64Array, j: number): Float64Array => {
    const out = new Float64Array(B);
    for (let b = 0; b < B; b++) out[b] = arr[b * p + j]!;
    return out;
  };
  const intervals: Partial<Record<ImportanceMetric, Record<string, BootstrapInterval>>> = {};
  const shareIntervals: Partial<Record<ImportanceMetric, Record<string, BootstrapInterval>>> = {};
  const differences: Partial<Record<ImportanceMetric, DifferenceInterval[]>> = {};
  const rankFrequencies: Partial<Record<ImportanceMetric, Record<string, number[]>>> = {};
  metrics.forEach((m, mi) => {
    const v = values[mi]!;
    const sh = shares[mi]!;
    const byPredictor: Record<string, BootstrapInterval> = {};
    const shareByPredictor: Record<string, BootstrapInterval> = {};
    const pointValues = point.values[m]!;
    const pointShares = normalizedShares(pointValues);
    predictors.forEach((name, j) => {
      byPredictor[name] = summarise(column(v, j), pointValues[j]!, level);
      shareByPredictor[name] = summarise(column(sh, j), pointShares[j]!, level);
    });
    intervals[m] = byPredictor;
    shareIntervals[m] = shareByPredictor;
    const pairs: DifferenceInterval[] = [];
    const estimate = point.values[m]!;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const d = new Float64Array(B);
        let higher = 0;
        for (let b = 0; b < B; b++) {
          d[b] = v[b * p + i]! - v[b * p + j]!;
          if (d[b]! > 0) higher++;
        }
        const s = summarise(d, estimate[i]! - estimate[j]!, level);
        pairs.push({ first: predictors[i]!, second: predictors[j]!, ...s, proportionFirstHigher: higher / B });
      }
    }
    differences[m] = pairs;
    const freq = predictors.map(() => new Array<number>(p).fill(0));
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < p; j++) {
        const x = v[b * p + j]!;
        const tolerance = TIE_TOLERANCE * Math.abs(r2[b]!);
        let above = 0;
        for (let k = 0; k < p; k++) if (v[b * p + k]! - x > tolerance) above++;
        freq[j]![above]!++;
      }
    }
    const rankByPredictor: Record<string, number[]> = {};
    predictors.forEach((name, j) => {
      rankByPredictor[name] = freq[j]!.map((c) => c / B);
    });
    rankFrequencies[m] = rankByPredictor;
  });
  return {
    method,
    replicates: plan.replicates,
    seed: plan.seed,
    confidenceLevel: plan.confidenceLevel,
    intervalMethod: 'percentile',
    redrawn,
    rSquared: summarise(r2, point.rSquared, level),
    intervals,
    shareIntervals,
    differences,
    rankFrequencies,
  };
}
