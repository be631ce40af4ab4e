/**
 * Types of the group comparisons of a PLS path model: `plsMultigroup` (permutation multigroup
 * analysis) and `plsMeasurementInvariance` (MICOM).
 *
 * @module pls
 */
import type { MissingReport, Warning } from '../types.js';
import type { PlsConstruct, PlsPathModelResult, PlsScheme } from './types.js';

/**
 * The groups to compare (waves, segments): a column of the rows holding each row's group label
 * (string or number), or an array of labels aligned with the rows. Rows without a label are left
 * out (counted in `missing`; `missing: 'fail'` refuses them).
 */
export type PlsGroups = string | readonly (string | number | boolean | null | undefined)[];

/** A permutation test request: `replicates` (50 to 1,000,000) random relabellings from `seed`. */
export interface PlsPermutationOptions {
  readonly replicates: number;
  readonly seed: number;
}

/** What was compared across groups in `plsMultigroup`. */
export type PlsMultigroupParameter = 'paths' | 'total-effects' | 'loadings' | 'weights';

/** Options shared by the group comparisons: the model, the groups, the permutations and the estimation settings. */
export interface PlsGroupComparisonOptions {
  /** The constructs by name, each with its items (as `plsPathModel`). */
  readonly constructs: Readonly<Record<string, PlsConstruct>>;
  /** The structural model: `[from, to]` pairs of construct names. */
  readonly paths: readonly (readonly [string, string])[];
  /** The grouping: a column name or an array of labels aligned with the rows. */
  readonly groups: PlsGroups;
  /** The permutations of the group labels (required: `{ replicates, seed }`). */
  readonly permutation: PlsPermutationOptions;
  /** Inner weighting scheme (default `'path'`). */
  readonly scheme?: PlsScheme;
  /** Most outer-weight updates per estimation (default 300). */
  readonly maxIterations?: number;
  /** Stop criterion: sum of absolute outer-weight changes (default 1e-7). */
  readonly tolerance?: number;
  /** `'omit'` (listwise over the items and the group, default) or `'fail'`. */
  readonly missing?: 'omit' | 'fail';
  /** Numeric answers that mean "no answer" (e.g. `[99]`). */
  readonly missingCodes?: readonly number[];
}

/** Options of `plsMultigroup`. */
export interface PlsMultigroupOptions extends PlsGroupComparisonOptions {
  /** The parameters compared (default `['paths']`); each adds a list to every comparison. */
  readonly compare?: readonly PlsMultigroupParameter[];
}

/** How the permutation distribution of one comparison was formed. */
export interface PlsPermutationSummary {
  readonly method: 'group-permutation';
  /**
   * Relabellings used: every split of the pooled cases into the two group sizes when there are
   * at most `replicates` of them (`exact`), otherwise the random permutations kept.
   */
  readonly replicates: number;
  readonly seed: number;
  readonly exact: boolean;
  /** Relabellings left out because a group could not be estimated (a constant item, collinear scores). */
  readonly failed: number;
  /** Relabellings whose iteration stopped at `maxIterations` (kept). */
  readonly notConverged: number;
}

/** One parameter compared between two groups. */
export interface PlsGroupDifference {
  /** The estimate in the first and in the second group of the comparison. */
  readonly groupEstimates: readonly [number, number];
  /** First group minus second. */
  readonly estimate: number;
  /**
   * Two-sided permutation p-value of the difference (Chin & Dibbern 2010): the share of
   * relabellings whose absolute difference reaches the observed one, (count + 1) / (B + 1)
   * for random permutations, count / splits when exact.
   */
  readonly pValue: number;
}

/** Two groups compared parameter by parameter. */
export interface PlsGroupComparison {
  /** The labels of the two groups, in group order. */
  readonly groups: readonly [string, string];
  readonly n: readonly [number, number];
  readonly paths: readonly (PlsGroupDifference & { readonly from: string; readonly to: string })[] | null;
  /** Total effects of every pair where `from` reaches `to`, in `effects` order. */
  readonly totalEffects: readonly (PlsGroupDifference & { readonly from: string; readonly to: string })[] | null;
  readonly loadings: readonly (PlsGroupDifference & { readonly construct: string; readonly item: string })[] | null;
  readonly weights: readonly (PlsGroupDifference & { readonly construct: string; readonly item: string })[] | null;
  readonly permutation: PlsPermutationSummary;
}

/** One group and its own path model. */
export interface PlsGroupModel {
  readonly group: string;
  readonly n: number;
  /** The path model estimated on this group's cases alone (`scores.rows`: positions in the input rows). */
  readonly model: PlsPathModelResult;
}

/** Options echoed by the group comparisons. */
export interface PlsGroupComparisonEcho {
  /** The group column, or null when the labels came as an array. */
  readonly groups: string | null;
  readonly permutation: PlsPermutationOptions;
  readonly scheme: PlsScheme;
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly missing: 'omit' | 'fail';
}

/** Result of `plsMultigroup`. */
export interface PlsMultigroupResult {
  readonly method: 'pls-multigroup-permutation';
  /** Cases used, all groups together. */
  readonly n: number;
  /** Every group with its model, in group order (labels sorted, numerically when all are numbers). */
  readonly groups: readonly PlsGroupModel[];
  /** Every pair of groups (first before second in group order); a pair's permutations relabel that pair's cases only. */
  readonly comparisons: readonly PlsGroupComparison[];
  readonly options: PlsGroupComparisonEcho & { readonly compare: readonly PlsMultigroupParameter[] };
  readonly missing: MissingReport;
  /** `NOT_CONVERGED` (a group's model), `PERMUTATIONS_FAILED` (relabellings left out). */
  readonly warnings: readonly Warning[];
}

/** Options of `plsMeasurementInvariance`. */
export interface PlsMeasurementInvarianceOptions extends PlsGroupComparisonOptions {
  /** Level of the permutation tests and the width of the permutation intervals (default 0.05). */
  readonly significanceLevel?: number;
}

/** MICOM step 2 of one construct: are the composites formed alike? */
export interface PlsCompositionalInvariance {
  /** c: correlation of the pooled composite scores formed with the first group's and with the second group's weights. */
  readonly estimate: number;
  /** The `significanceLevel` quantile of c over the relabellings (c below it rejects). */
  readonly quantile: number;
  /** One-sided permutation p-value: the share of relabellings with c at or below the observed one. */
  readonly pValue: number;
  /** `pValue >= significanceLevel`. */
  readonly invariant: boolean;
}

/** MICOM step 3 of one construct: one of the two distribution checks on the pooled scores. */
export interface PlsCompositeEquality {
  /** First group minus second: of the means, or of the log variances, of the pooled standardized scores. */
  readonly estimate: number;
  /** The `significanceLevel / 2` and `1 - significanceLevel / 2` quantiles of the difference over the relabellings. */
  readonly permutationInterval: readonly [number, number];
  /** Two-sided permutation p-value. */
  readonly pValue: number;
  /** `pValue >= significanceLevel`. */
  readonly equal: boolean;
}

/**
 * Measurement invariance of a composite (Henseler, Ringle & Sarstedt 2016): `'none'` (no
 * compositional invariance, or no configural invariance: compare nothing across the groups),
 * `'partial'` (compositional invariance: path coefficients may be compared), `'full'` (also equal
 * means and variances: the data may be pooled).
 */
export type PlsInvariance = 'none' | 'partial' | 'full';

/** MICOM of one construct in one comparison. */
export interface PlsConstructInvariance {
  readonly construct: string;
  readonly compositional: PlsCompositionalInvariance;
  readonly mean: PlsCompositeEquality;
  readonly logVariance: PlsCompositeEquality;
  readonly invariance: PlsInvariance;
}

/** MICOM of two groups. */
export interface PlsInvarianceComparison {
  readonly groups: readonly [string, string];
  readonly n: readonly [number, number];
  /** In construct order. */
  readonly constructs: readonly PlsConstructInvariance[];
  readonly permutation: PlsPermutationSummary;
}

/** One configural check (MICOM step 1). */
export interface PlsConfiguralCheck {
  /** `'same-specification'`, `'same-data-treatment'`, `'same-algorithm'` or `'converged'`. */
  readonly check: 'same-specification' | 'same-data-treatment' | 'same-algorithm' | 'converged';
  readonly satisfied: boolean;
  readonly message: string;
}

/** Result of `plsMeasurementInvariance`. */
export interface PlsMeasurementInvarianceResult {
  readonly method: 'micom';
  readonly n: number;
  readonly groups: readonly { readonly group: string; readonly n: number }[];
  /** Step 1: configural invariance, as the checks it rests on. */
  readonly configural: { readonly established: boolean; readonly checks: readonly PlsConfiguralCheck[] };
  /** Steps 2 and 3 for every pair of groups. */
  readonly comparisons: readonly PlsInvarianceComparison[];
  readonly options: PlsGroupComparisonEcho & { readonly significanceLevel: number };
  readonly missing: MissingReport;
  /** `NOT_CONVERGED` (a group's or the pooled estimation), `PERMUTATIONS_FAILED`, `REFLECTIVE_CONSTRUCT` (MICOM is meant for composites). */
  readonly warnings: readonly Warning[];
}
