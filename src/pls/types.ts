/**
 * Types of the PLS path model (`plsPathModel`): the model description and the result.
 *
 * @module pls
 */
import type { BootstrapOptions, BootstrapSummary, EstimateFields, CovarianceMissingPolicy, MissingReport, Warning } from '../types.js';
import type { StatisticsSource } from '../summary/matrixInput.js';

/**
 * How a construct's weights are estimated: `'A'` (correlation weights: each item's correlation
 * with the inner proxy) or `'B'` (regression weights: the multiple regression of the inner proxy
 * on the items, for formative composites).
 */
export type PlsMode = 'A' | 'B';

/** The inner weighting scheme: `'path'` (Lohmoller's path weighting, default), `'factorial'` or `'centroid'`. */
export type PlsScheme = 'path' | 'factorial' | 'centroid';

/**
 * `'composite'` (default): the construct is its weighted sum of items. `'reflective'`: a common
 * factor behind the items, estimated by consistent PLS (PLSc; Dijkstra & Henseler 2015): mode A
 * weights, then loadings and the correlations with other constructs corrected by its rhoA.
 */
export type PlsConstructType = 'composite' | 'reflective';

/**
 * One construct: its items, mode (default `'A'`) and type (default `'composite'`). A plain list
 * of items is a mode A composite. A construct of one item is that item, standardized.
 *
 * @example
 * ```ts
 * const value: PlsConstruct = { items: ['val1', 'val2'], mode: 'B' };
 * ```
 */
export type PlsConstruct =
  | readonly string[]
  | { readonly items: readonly string[]; readonly mode?: PlsMode; readonly type?: PlsConstructType };

/** Options of `plsPathModel`: the model (`constructs`, `paths`) and how to estimate it. */
export interface PlsPathModelOptions {
  /** The constructs by name, each with its items (columns of the data). */
  readonly constructs: Readonly<Record<string, PlsConstruct>>;
  /** The structural model: `[from, to]` pairs of construct names; recursive (no cycles). */
  readonly paths: readonly (readonly [string, string])[];
  /** Inner weighting scheme (default `'path'`). */
  readonly scheme?: PlsScheme;
  /** Most outer-weight updates (default 300, as seminr). */
  readonly maxIterations?: number;
  /** Stop when the sum of absolute outer-weight changes falls below this (default 1e-7, as seminr and SmartPLS). */
  readonly tolerance?: number;
  /**
   * `'omit'` (listwise over all items, default), `'fail'`, `'pairwise'` (each item correlation
   * over the rows answering both, as R `cor(use = "pairwise.complete.obs")`) or `'fiml'` (the
   * item covariance of the saturated normal model by EM, as lavaan `missing = "ml"`). PLS needs
   * only the item correlations, so the model is estimated from that matrix; with pairwise or FIML
   * there are no construct scores and no bootstrap, and `n` counts the rows with any answer.
   */
  readonly missing?: CovarianceMissingPolicy;
  /** Numeric answers that mean "no answer" (e.g. `[99]`). */
  readonly missingCodes?: readonly number[];
  /** Row-resampling bootstrap (rows only): `false` (default) or `{ replicates, seed, confidenceLevel? }`. */
  readonly bootstrap?: BootstrapOptions;
  /**
   * The bootstrap intervals: `'percentile'` (default; R type-7 quantiles of the replicates, as
   * seminr) or `'bca'` (bias-corrected and accelerated, Efron 1987: the acceleration from a
   * jackknife over the cases, the endpoints read off the replicates as R `boot.ci`). Mediation
   * is classified from these intervals.
   */
  readonly intervalMethod?: PlsIntervalMethod;
}

/** How the bootstrap intervals of a path model are formed. */
export type PlsIntervalMethod = 'percentile' | 'bca';

/**
 * A bootstrapped estimate: the sample estimate, the mean and SD (`standardError`) of the
 * replicates, t = estimate / SE with its two-sided p from Student's t on n - 1 degrees of freedom
 * (as SmartPLS; `tStatistic` and `pValue` null when the statistic does not vary, e.g. a single
 * item's weight), and the interval (`intervalMethod`: the one asked for, or `'percentile'` where a
 * BCa interval is undefined).
 */
export interface PlsBootstrapEstimate extends EstimateFields {
  readonly bootstrapMean: number;
  readonly standardError: number;
  readonly tStatistic: number | null;
  readonly pValue: number | null;
  readonly intervalMethod: PlsIntervalMethod;
}

/**
 * Mediation type of Zhao, Lynch & Chen (2010), from the bootstrap intervals: both the indirect
 * and the direct effect significant with the same sign (`'complementary'`) or opposite signs
 * (`'competitive'`); only the indirect (`'indirect-only'`); only the direct (`'direct-only'`,
 * no mediation); neither (`'no-effect'`).
 */
export type PlsMediationType = 'complementary' | 'competitive' | 'indirect-only' | 'direct-only' | 'no-effect';

/** The mediation of one effect that runs through at least one mediator. */
export interface PlsMediation {
  readonly from: string;
  readonly to: string;
  /** The total indirect effect with its bootstrap interval. */
  readonly indirect: PlsBootstrapEstimate;
  /** The direct path with its interval; null when the model has no direct path (its effect is 0 by design). */
  readonly direct: PlsBootstrapEstimate | null;
  readonly type: PlsMediationType;
}

/** Bootstrap of a path model: the {@link BootstrapSummary} and the bootstrapped estimates. */
export interface PlsBootstrap extends Omit<BootstrapSummary, 'intervalMethod'> {
  /** The interval asked for (`options.intervalMethod`). */
  readonly intervalMethod: PlsIntervalMethod;
  /** Replicates whose iteration stopped at `maxIterations` (kept, as seminr keeps them). */
  readonly notConverged: number;
  /** Degrees of freedom of the t reference of every `pValue`: n - 1 (as SmartPLS). */
  readonly degreesOfFreedom: number;
  readonly paths: readonly (PlsBootstrapEstimate & { readonly from: string; readonly to: string })[];
  /** `loadings[construct][item]`. */
  readonly loadings: Readonly<Record<string, Readonly<Record<string, PlsBootstrapEstimate>>>>;
  readonly weights: Readonly<Record<string, Readonly<Record<string, PlsBootstrapEstimate>>>>;
  /** Total effects, for the pairs of `effects`, in that order. */
  readonly totalEffects: readonly (PlsBootstrapEstimate & { readonly from: string; readonly to: string })[];
  /** Indirect effects (total minus direct), for the pairs of `effects`, in that order. */
  readonly indirectEffects: readonly (PlsBootstrapEstimate & { readonly from: string; readonly to: string })[];
  /** HTMT of every pair, in `htmt` order; null when some resample left a construct's items uncorrelated. */
  readonly htmt: readonly (PlsBootstrapEstimate & { readonly first: string; readonly second: string })[] | null;
  /** Every effect with an indirect part, classified (significance: the interval excludes 0). */
  readonly mediation: readonly PlsMediation[];
  /** Specific indirect effects, for the chains of `specificIndirect`, in that order. */
  readonly specificIndirect: readonly (PlsBootstrapEstimate & { readonly path: readonly string[] })[];
}

/** The estimates of one construct. */
export interface PlsConstructResult {
  readonly mode: PlsMode;
  readonly type: PlsConstructType;
  readonly items: readonly string[];
  /** Outer weights of the standardized items (the construct score is their weighted sum, SD 1). */
  readonly weights: Readonly<Record<string, number>>;
  /**
   * Outer loadings: each item's correlation with the construct score; for a reflective
   * construct, the consistent loadings `w sqrt(rhoA) / (w'w)`.
   */
  readonly loadings: Readonly<Record<string, number>>;
  /** R2 of its structural regression (consistent, under PLSc); null for an exogenous construct. */
  readonly rSquared: number | null;
  readonly adjustedRSquared: number | null;
  /**
   * Reliability (mode A constructs; null for mode B, whose items need not correlate; 1 for a
   * single item, by convention as seminr and SmartPLS): standardized Cronbach alpha, rhoA
   * (Dijkstra & Henseler 2015), rhoC (composite reliability, Joreskog's rho from the loadings)
   * and the average variance extracted (from the consistent loadings of a reflective construct).
   */
  readonly cronbachAlpha: number | null;
  readonly rhoA: number | null;
  readonly compositeReliability: number | null;
  readonly averageVarianceExtracted: number | null;
}

/** One structural path. */
export interface PlsPath {
  readonly from: string;
  readonly to: string;
  /**
   * Standardized path coefficient: OLS of `to` on its predecessors' scores (on their
   * correlations corrected by rhoA where reflective constructs take part).
   */
  readonly estimate: number;
  /** Effect size f2 = (R2 - R2 without this path) / (1 - R2), the model re-estimated without it (as seminr and SmartPLS). */
  readonly fSquared: number;
  /** Inner VIF of `from` among the predecessors of `to` (from the score correlations; 1 for a single predecessor). */
  readonly vif: number;
}

/** Direct, indirect and total effect of one construct on another it reaches. */
export interface PlsEffect {
  readonly from: string;
  readonly to: string;
  /** The path coefficient, 0 when there is no direct path. */
  readonly direct: number;
  /** The sum over every indirect path of the product of its coefficients. */
  readonly indirect: number;
  readonly total: number;
}

/** One specific indirect effect: the product of the path coefficients along one chain of paths. */
export interface PlsSpecificIndirect {
  /** The constructs along the chain, from first to last (three or more). */
  readonly path: readonly string[];
  readonly estimate: number;
}

/** HTMT of one pair of constructs. */
export interface PlsHtmtPair {
  readonly first: string;
  readonly second: string;
  /** Null when a construct's items do not correlate with each other. */
  readonly value: number | null;
}

/** Fornell-Larcker check of one construct (Fornell & Larcker 1981). */
export interface PlsFornellLarcker {
  /** Square root of the AVE; null for a mode B composite. */
  readonly squareRootAve: number | null;
  /** Its largest absolute score correlation with another construct, and with which. */
  readonly largestCorrelation: number;
  readonly largestCorrelationWith: string;
  /** `squareRootAve` above `largestCorrelation`; null without an AVE. */
  readonly satisfied: boolean | null;
}

/** How the iteration ended. */
export interface PlsConvergence {
  readonly converged: boolean;
  /** Outer-weight updates made (seminr's `iterations` counts from 0: ours is its value + 1). */
  readonly iterations: number;
  /** Sum of absolute outer-weight changes in the last update. */
  readonly lastChange: number;
  readonly tolerance: number;
}

/** Result of `plsPathModel`. */
export interface PlsPathModelResult {
  readonly method: 'pls-path-model';
  /** Cases used (complete on every item; or the summary's n). */
  readonly n: number;
  readonly source: StatisticsSource;
  /** Construct names in the order given. */
  readonly constructNames: readonly string[];
  readonly constructs: Readonly<Record<string, PlsConstructResult>>;
  /** In the order given. */
  readonly paths: readonly PlsPath[];
  /** Every ordered pair where `from` reaches `to` along the paths. */
  readonly effects: readonly PlsEffect[];
  /** Every chain of two or more paths (depth-first from each construct); they sum to `effects[].indirect`. */
  readonly specificIndirect: readonly PlsSpecificIndirect[];
  /** Correlations of the construct scores, in `constructNames` order (not corrected by PLSc). */
  readonly constructCorrelation: readonly (readonly number[])[];
  /** Every pair in `constructNames` order (Henseler, Ringle & Sarstedt 2015; absolute correlations, as seminr). */
  readonly htmt: readonly PlsHtmtPair[];
  /** Per construct, in the order given. */
  readonly fornellLarcker: Readonly<Record<string, PlsFornellLarcker>>;
  /** `crossLoadings[item][construct]`: correlation of every item with every construct score. */
  readonly crossLoadings: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * Construct scores (standardized), one array per construct aligned with `rows`, the positions
   * in the input of the cases used; null from a summary.
   */
  readonly scores: { readonly rows: readonly number[]; readonly values: Readonly<Record<string, readonly number[]>> } | null;
  readonly convergence: PlsConvergence;
  /** The bootstrap, null when none ran. */
  readonly bootstrap: PlsBootstrap | null;
  readonly options: {
    readonly scheme: PlsScheme;
    readonly maxIterations: number;
    readonly tolerance: number;
    readonly missing: CovarianceMissingPolicy;
    readonly bootstrap: false | { readonly replicates: number; readonly seed: number; readonly confidenceLevel: number };
    readonly intervalMethod: PlsIntervalMethod;
  };
  readonly missing: MissingReport;
  /**
   * `NOT_CONVERGED` when the iteration stopped at `maxIterations`; `FORNELL_LARCKER_VIOLATED`;
   * `HTMT_ABOVE_THRESHOLD` (a pair above 0.85); `BCA_UNDEFINED` (a bootstrapped estimate
   * without a BCa interval, reported with its percentile interval).
   */
  readonly warnings: readonly Warning[];
}

/** The answer scale of an item (or of every item of a construct), for the 0-100 rescaling of IPMA. */
export interface PlsItemScale {
  readonly min: number;
  readonly max: number;
}

/** Options of `plsImportancePerformance`: the path model (as `plsPathModel`, without a bootstrap), the target and the item scales. */
export interface PlsImportancePerformanceOptions extends Omit<PlsPathModelOptions, 'bootstrap' | 'intervalMethod'> {
  /** The construct whose drivers are mapped (an endogenous construct, e.g. loyalty). */
  readonly target: string;
  /**
   * The answer scales the items are rescaled from: one `{ min, max }` for every item, or a
   * record keyed by construct name (every item of that construct) and/or item name (an item's
   * own entry wins). Every item needs one.
   */
  readonly scale: PlsItemScale | Readonly<Record<string, PlsItemScale>>;
  /** Importance cut: a number (a total effect), `'mean'` (default) or `'median'` of the drivers' importances. */
  readonly importanceCut?: number | 'mean' | 'median';
  /** Performance cut on 0-100: a number, `'mean'` (default) or `'median'` of the drivers' performances. */
  readonly performanceCut?: number | 'mean' | 'median';
}

/** One driver construct on the importance-performance map of the path model. */
export interface PlsImportancePerformanceConstruct {
  readonly construct: string;
  /** Unstandardized total effect on the target (rescaled scores): a one-point rise on 0-100 moves the target by this much. */
  readonly importance: number;
  /** The standardized total effect (`effects[].total` of the path model). */
  readonly standardizedImportance: number;
  /** Mean rescaled construct score, 0-100. */
  readonly performance: number;
  readonly quadrant: 'concentrate here' | 'keep up the good work' | 'low priority' | 'possible overkill';
  /** Position in the priority order, 1 = first to act on. */
  readonly priority: number;
}

/** One item of a driver construct (indicator-level IPMA). */
export interface PlsImportancePerformanceItem {
  readonly item: string;
  readonly construct: string;
  /** Rescaled outer weight (the construct's sum to 1). */
  readonly weight: number;
  /** Rescaled weight times the construct's importance: the target's change per point of this item on 0-100. */
  readonly importance: number;
  /** Mean of the item rescaled to 0-100. */
  readonly performance: number;
}

/** Result of `plsImportancePerformance`. */
export interface PlsImportancePerformanceResult {
  readonly method: 'pls-importance-performance';
  readonly target: string;
  readonly n: number;
  readonly source: StatisticsSource;
  /** The constructs with an effect on the target, in construct order. */
  readonly constructs: readonly PlsImportancePerformanceConstruct[];
  /** The items of those constructs. */
  readonly items: readonly PlsImportancePerformanceItem[];
  /** Mean rescaled score (0-100) of every construct, the target included. */
  readonly performance: Readonly<Record<string, number>>;
  /** Unstandardized path coefficients (the paths of the rescaled construct scores), in path order, with the standardized ones. */
  readonly paths: readonly { readonly from: string; readonly to: string; readonly estimate: number; readonly standardized: number }[];
  /** `rescaledWeights[construct][item]`: the weights that make each construct score a weighted mean of its rescaled items. */
  readonly rescaledWeights: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly cuts: {
    readonly importance: number;
    readonly performance: number;
    readonly importanceRule: 'mean' | 'median' | 'fixed';
    readonly performanceRule: 'mean' | 'median' | 'fixed';
  };
  /** Driver constructs from first to last priority. */
  readonly priorityOrder: readonly string[];
  readonly options: {
    readonly scheme: PlsScheme;
    readonly maxIterations: number;
    readonly tolerance: number;
    readonly missing: CovarianceMissingPolicy;
    /** The range each item was rescaled from. */
    readonly scale: Readonly<Record<string, PlsItemScale>>;
  };
  readonly missing: MissingReport;
  /** `NEGATIVE_WEIGHT` (a rescaled weight below 0: the score can leave 0-100), `NOT_CONVERGED` (from the path model). */
  readonly warnings: readonly Warning[];
}
