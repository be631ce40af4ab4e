/**
 * Shared public types: rows, scales, the missing-value policy and its report.
 *
 * @module types
 */

/** One respondent or customer: a plain object keyed by column name, as parsed from CSV or JSON. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * What to do with a missing value (`null`, `undefined`, `''`, `NaN` or a declared missing code):
 * `'omit'` (default) drops the case listwise and reports it; `'fail'` throws `MISSING_VALUE`.
 */
export type MissingPolicy = 'omit' | 'fail';

/**
 * The missing-value policies of the functions that work from an item covariance matrix
 * (`cronbachAlpha`, `reliability`, `htmt`): {@link MissingPolicy}, or `'pairwise'` (each
 * covariance from the cases answering both items, as psych::alpha's default) or `'fiml'` (the
 * saturated normal model fitted by EM, as lavaan `missing = "ml"`). See docs/guides/missing-data.md.
 *
 * @example
 * ```ts
 * import { cronbachAlpha } from 'loyalty-drivers';
 * const rows = [
 *   { a: 1, b: 2, c: 2 }, { a: 2, b: null, c: 3 }, { a: 3, b: 4, c: 3 },
 *   { a: 4, b: 4, c: null }, { a: 5, b: 4, c: 4 }, { a: 2, b: 3, c: 2 },
 * ];
 * const r = cronbachAlpha(rows, ['a', 'b', 'c'], { missing: 'pairwise' });
 * r.missing.pairwise?.min; // => 4  (b and c: both answered by 4 of the 6)
 * ```
 */
export type CovarianceMissingPolicy = MissingPolicy | 'pairwise' | 'fiml';

/**
 * Pairs' case counts under `missing: 'pairwise'`.
 *
 * @example
 * ```ts
 * const counts: PairwiseCounts = { items: ['a', 'b'], counts: [[10, 8], [8, 9]], min: 8, max: 8 };
 * ```
 */
export interface PairwiseCounts {
  /** `counts[j][l]`: respondents answering both items j and l (diagonal: item j), in item order. */
  readonly items: readonly string[];
  readonly counts: readonly (readonly number[])[];
  readonly min: number;
  readonly max: number;
}

/**
 * How the EM behind `missing: 'fiml'` converged.
 *
 * @example
 * ```ts
 * const fiml: FimlConvergence = { method: 'em', iterations: 11, maxChange: 4.6e-13, tolerance: 1e-12, logLikelihood: -33673.46, patterns: 44 };
 * ```
 */
export interface FimlConvergence {
  readonly method: 'em';
  readonly iterations: number;
  /** Largest scaled parameter change at the last iteration (below `tolerance`). */
  readonly maxChange: number;
  readonly tolerance: number;
  /** Observed-data normal log-likelihood at the estimate. */
  readonly logLikelihood: number;
  /** Distinct missingness patterns. */
  readonly patterns: number;
}

/** The declared range of a scale, e.g. `{ min: 0, max: 10, integer: true }` for likelihood to recommend. */
export interface ScaleRange {
  readonly min?: number;
  readonly max?: number;
  /** Whether only whole numbers are valid answers. */
  readonly integer?: boolean;
}

/**
 * How many cases came in, how many were used, and why the others were dropped.
 * `byColumn[c]` counts the cases whose column `c` was missing (a case missing two columns counts
 * in both, so the counts may add up to more than `rowsDropped`).
 */
export interface MissingReport {
  /** `'pairwise'` and `'fiml'` only from the measurement functions that accept them. */
  readonly policy: CovarianceMissingPolicy;
  /** Under `'pairwise'` / `'fiml'`: respondents who answered at least one item. */
  readonly rowsIn: number;
  readonly rowsUsed: number;
  readonly rowsDropped: number;
  readonly byColumn: Readonly<Record<string, number>>;
  /** Per-pair counts, present under `'pairwise'` only. */
  readonly pairwise?: PairwiseCounts;
  /** EM convergence, present under `'fiml'` only. */
  readonly fiml?: FimlConvergence;
}

/** A two-sided confidence interval `[lower, upper]`. */
export type Interval = readonly [number, number];

/**
 * How an interval was formed, in kebab-case: `'wald'`, `'adjusted-wald'` (Rocks 2016, NPS),
 * `'wilson'`, `'t'`, `'fisher-z'`, `'feldt'` and `'duhachek'` (alpha), `'percentile'` and `'bca'` (bootstrap).
 */
export type IntervalMethod = 'wald' | 'adjusted-wald' | 'wilson' | 't' | 'fisher-z' | 'feldt' | 'duhachek' | 'percentile' | 'bca';

/**
 * The fields of every estimate that has inference: the point estimate, its standard error and a
 * two-sided interval with its level and method. Results spread these at their top level (an index)
 * or per item (a coefficient, a driver), always under these names.
 */
export interface EstimateFields {
  /** The point estimate, in the units its result states (NPS points, a proportion, a coefficient). */
  readonly estimate: number;
  /** Its standard error, in the same units. */
  readonly standardError: number;
  /** `[lower, upper]`. */
  readonly confidenceInterval: Interval;
  /** In (0, 1), e.g. 0.95. */
  readonly confidenceLevel: number;
  readonly intervalMethod: IntervalMethod;
}

/**
 * The one shape of a bootstrap request, accepted by every function that bootstraps: `false` for
 * none, or the number of replicates (50 to 1,000,000) and a seed (an integer), so a result always
 * reproduces; the confidence level defaults to the function's own; `onProgress(done, total)` is
 * called as replicates complete.
 */
export type BootstrapOptions =
  | false
  | {
      readonly replicates: number;
      readonly seed: number;
      readonly confidenceLevel?: number;
      readonly onProgress?: (completed: number, total: number) => void;
      /**
       * `'row-resampling'` (default): each replicate draws n cases with replacement.
       * `'poisson'` (importance only): each case gets a Poisson(1) count per replicate from a
       * seeded counter-based generator, so all replicates accumulate in one pass over the data
       * (Hanley & MacGibbon 2006; Chamandy et al. 2012); `analyzeSource` uses it.
       */
      readonly method?: 'row-resampling' | 'poisson';
    };

/**
 * What every bootstrap reports beside its intervals: which bootstrap ran, how many replicates
 * from which seed, and the level and method of the intervals.
 */
export interface BootstrapSummary {
  /**
   * `'row-resampling'`: n cases drawn with replacement per replicate (Efron & Tibshirani 1993).
   * `'poisson'`: every case weighted by an independent Poisson(1) count per replicate (Hanley &
   * MacGibbon 2006; Chamandy et al. 2012): one pass, and the same counts whatever the chunking.
   */
  readonly method: 'row-resampling' | 'poisson';
  readonly replicates: number;
  readonly seed: number;
  readonly confidenceLevel: number;
  readonly intervalMethod: 'percentile';
  /** Replicates drawn again because the resample could not be analysed (e.g. a singular matrix). */
  readonly redrawn: number;
}

/**
 * Something a result wants its reader to know that does not stop the analysis: a Heywood case,
 * near-collinear drivers, a test with small expected counts. `code` is stable (UPPER_SNAKE_CASE,
 * listed in docs/guides/conventions.md); `message` is one sentence for people.
 */
export interface Warning {
  readonly code: string;
  readonly message: string;
}

/*
 * The rule for weights, everywhere: a function over a vector of values (nps, csat, retentionRate,
 * the compare* tests) takes `weights` as an array aligned with the values; a function over rows
 * (customerLoyaltyIndex, ols, relativeImportance, segmentLoyalty, compareWaves, ...) takes
 * `weights` as the name of a column of those rows. Weights are sampling weights (section 7 of the
 * domain notes): point estimates use them and SEs are Taylor-linearized. A survey `design`
 * (`SurveyDesign`: weights, strata, clusters, fpc) follows the same rule: arrays for functions over
 * a vector, column names for functions over rows; `weights` and `design` together are refused.
 */
