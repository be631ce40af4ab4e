/**
 * Every importance metric from one correlation matrix: shared by {@link relativeImportance} and
 * its bootstrap.
 *
 * @internal
 */
import { allSubsets, levelContributions } from './allSubsets.js';
import { sampledShapley } from './sampledShapley.js';
import { singleFitMetrics } from './singleFitMetrics.js';
import type { Random } from '../internal/random.js';

/** The importance metrics, named as R relaimpo names them (plus `johnson`). */
export type ImportanceMetric = 'lmg' | 'first' | 'last' | 'betasq' | 'pratt' | 'car' | 'johnson';

/** Every metric, in the order results list them. */
export const ALL_METRICS: readonly ImportanceMetric[] = ['lmg', 'first', 'last', 'betasq', 'pratt', 'car', 'johnson'];

/** Default number of predictors up to which lmg is computed exactly over all 2^p subsets. */
export const DEFAULT_EXACT_LIMIT = 25;
/** The largest exact limit a caller may ask for (2^30 subsets, about a minute on one core). */
export const MAX_EXACT_LIMIT = 30;

/** How lmg is computed: all subsets, or sampled orderings. */
export type ShapleyPlan =
  | { readonly method: 'exact' }
  | { readonly method: 'sampled'; readonly pairs: number; readonly random: Random; readonly confidenceLevel: number };

/** Metric values by metric, each an array in predictor order. */
export interface MetricValues {
  readonly rSquared: number;
  readonly values: Partial<Record<ImportanceMetric, number[]>>;
  /** Standardized coefficients of the full model. */
  readonly beta: number[];
  /** Present when lmg was sampled. */
  readonly sampled: { readonly standardErrors: number[]; readonly errorBound: number; readonly permutations: number } | undefined;
}

/** Computes the requested metrics from a correlation matrix (outcome last). */
export function importanceMetrics(correlation: Float64Array, p: number, metrics: readonly ImportanceMetric[], plan: ShapleyPlan): MetricValues {
  const wants = new Set(metrics);
  const single = singleFitMetrics(correlation, p, wants.has('car') || wants.has('johnson'));
  const values: Partial<Record<ImportanceMetric, number[]>> = {};
  let sampled: MetricValues['sampled'];
  if (wants.has('lmg')) {
    if (plan.method === 'exact') {
      values.lmg = levelContributions(allSubsets(correlation, p, false)).lmg;
    } else {
      const s = sampledShapley(correlation, p, plan.pairs, plan.random, plan.confidenceLevel);
      values.lmg = s.lmg;
      sampled = { standardErrors: s.standardErrors, errorBound: s.errorBound, permutations: s.permutations };
    }
  }
  if (wants.has('first')) values.first = single.first;
  if (wants.has('last')) values.last = single.last;
  if (wants.has('betasq')) values.betasq = single.betasq;
  if (wants.has('pratt')) values.pratt = single.pratt;
  if (wants.has('car')) values.car = single.car;
  if (wants.has('johnson')) values.johnson = single.johnson;
  return { rSquared: single.rSquared, values, beta: single.beta, sampled };
}

/**
 * Values closer than `TIE_TOLERANCE * R2` count as tied in ranks and dominance comparisons: the
 * engine's rounding noise is about 1e-16 * R2, so exchangeable predictors (whose exact values are
 * equal) tie instead of being ordered by rounding. R's dominanceanalysis compares exactly.
 */
export const TIE_TOLERANCE = 1e-12;

/** Ranks with 1 = largest; values within `tolerance` of each other share the average of their ranks (R `rank(-x)`). */
export function averageRanks(values: readonly number[], tolerance = 0): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end]![0] - order[end + 1]![0] <= tolerance) end++;
    const rank = (start + end) / 2 + 1;
    for (let t = start; t <= end; t++) ranks[order[t]![1]] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Values divided by their sum (all 0 when the sum is 0). */
export function normalizedShares(values: readonly number[]): number[] {
  let total = 0;
  for (const v of values) total += v;
  return values.map((v) => (total === 0 ? 0 : v / total));
}
