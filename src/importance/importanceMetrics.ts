/**
 * Every importance metric from one correlation matrix: shared by {@link relativeImportance} and
 * its bootstrap.
 *
 * @internal
 */
import { allSubsets } from './allSubsets.js';
import { levelContributions } from './levelContributions.js';
import { sampledShapley } from './sampledShapley.js';
import { singleFitMetrics } from './singleFitMetrics.js';
import type { Random } from '../internal/random.js';

/** The importance metrics, named as R relaimpo names them (plus `johnson`). */
export type ImportanceMetric = 'lmg' | 'first' | 'last' | 'betasq' | 'pratt' | 'car' | 'johnson' | 'genizi';

/** Every metric, in the order results list them. */
export const ALL_METRICS: readonly ImportanceMetric[] = ['lmg', 'first', 'last', 'betasq', 'pratt', 'car', 'johnson', 'genizi'];

/**
 * The metrics computed when none are named (genizi is asked for by name: for a linear model it
 * equals johnson, Genizi's 1993 decomposition and Johnson's 2000 weights being the same sums).
 */
export const DEFAULT_METRICS: readonly ImportanceMetric[] = ['lmg', 'first', 'last', 'betasq', 'pratt', 'car', 'johnson'];

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
export function importanceMetrics(
  correlation: Float64Array,
  p: number,
  metrics: readonly ImportanceMetric[],
  plan: ShapleyPlan,
): MetricValues {
  const wants = new Set(metrics);
  const single = singleFitMetrics(correlation, p, wants.has('car') || wants.has('johnson') || wants.has('genizi'));
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
  // Genizi (1993): sum_k (S_jk w_k)^2 with S = R_xx^(1/2), w = S^-1 r_xy, term for term Johnson's sum.
  if (wants.has('genizi')) values.genizi = single.johnson;
  return { rSquared: single.rSquared, values, beta: single.beta, sampled };
}
