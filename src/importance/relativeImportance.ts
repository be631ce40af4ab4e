import { InputError, InsufficientDataError } from '../errors.js';
import { createRandom } from '../internal/random.js';
import { checkOption } from '../internal/validate.js';
import { checkBootstrap, checkOptions, optionKeys } from '../internal/options.js';
import type { StatisticsSource } from '../summary/matrixInput.js';
import type { BootstrapOptions, MissingReport, Warning } from '../types.js';
import { bootstrapImportance, type ImportanceBootstrap } from './bootstrapImportance.js';
import { PoissonMoments, poissonImportance } from './poissonBootstrap.js';
import type { BootstrapPlan } from '../internal/options.js';
import type { ImportanceSample } from './importanceData.js';
import { readImportanceData, type ImportanceDataOptions } from './importanceData.js';
import { TIE_TOLERANCE, averageRanks } from './averageRanks.js';
import { ALL_METRICS, DEFAULT_METRICS, importanceMetrics, type ImportanceMetric, type ShapleyPlan } from './importanceMetrics.js';
import { importanceCollinearity, unreliableMetricsWarning } from './importanceCollinearity.js';
import { normalizedShares } from './normalizedShares.js';
import { resolveShapley } from './resolveShapley.js';
import type { ImportanceFamily, PlayerOptions, PseudoRSquared } from './familyData.js';
import type { FitIndex } from './playerFits.js';
import { logisticRelativeWeights } from './logisticRelativeWeights.js';
import { playerFitTable } from './playerFits.js';
import { tableContributions } from './tableContributions.js';
import type { MetricValues } from './importanceMetrics.js';
import { FAMILY_EXACT_LIMIT, FAMILY_MAX_LIMIT, needsPlayers, playerImportance, type PlayerReport } from './playerImportance.js';

/** How lmg (the Shapley value of R2) is computed. */
export interface ShapleyOptions {
  /**
   * `'exact'` (default): all 2^p subsets; p above `maxExactPredictors` is an error.
   * `'sampled'`: permutation sampling with a stated error (any p).
   */
  readonly method?: 'exact' | 'sampled';
  /** Exact limit on the number of predictors, 2..30. Default 25 (about 2 s on one core; each extra predictor doubles the time). */
  readonly maxExactPredictors?: number;
  /** Sampled: number of random orderings, an even integer >= 4 (drawn as antithetic pairs). Default 2000. */
  readonly permutations?: number;
  /** Sampled: generator seed. Default 1. */
  readonly seed?: number;
  /** Sampled: level of the error bound, in (0, 1). Default 0.95. */
  readonly confidenceLevel?: number;
}

/** Options of {@link relativeImportance}. */
export interface RelativeImportanceOptions extends ImportanceDataOptions, PlayerOptions {
  /**
   * Metrics to compute (default seven: lmg, first, last, betasq, pratt, car, johnson; `genizi`
   * (relaimpo's, Genizi 1993) by name). Binomial and ordinal families, sets, always-in or categorical
   * drivers: lmg, first, last (default), and johnson for a binomial family without sets (logistic
   * relative weights, Tonidandel & LeBreton 2010).
   */
  readonly metrics?: readonly ImportanceMetric[];
  /** How lmg is computed (default exact). */
  readonly shapley?: ShapleyOptions;
  /**
   * Bootstrap intervals (rows only): `false` (default, none) or `{ replicates, seed,
   * confidenceLevel?, onProgress? }` (the one {@link BootstrapOptions} shape).
   */
  readonly bootstrap?: BootstrapOptions;
  /**
   * `true`: every importance and share carries the sign of the driver's full-model coefficient
   * (`signs` in the result), since a negative driver reads very differently. Ranks stay by size.
   * A set or categorical driver (several coefficients) has no one sign and stays unsigned.
   * Default false.
   */
  readonly signed?: boolean;
}

/** The keys of {@link RelativeImportanceOptions}. */
const RELATIVE_IMPORTANCE_KEYS = optionKeys<RelativeImportanceOptions>({
  outcome: true,
  predictors: true,
  weights: true,
  missing: true,
  missingCodes: true,
  metrics: true,
  shapley: true,
  bootstrap: true,
  signed: true,
  family: true,
  pseudoRSquared: true,
  sets: true,
  always: true,
  categorical: true,
});

/** How lmg was computed, as reported. */
export type ShapleyReport =
  | { readonly method: 'exact'; readonly subsets: number }
  | {
      readonly method: 'sampled';
      readonly permutations: number;
      readonly seed: number;
      readonly confidenceLevel: number;
      /** Monte Carlo standard error of each sampled lmg. */
      readonly standardErrors: Readonly<Record<string, number>>;
      /** With probability >= confidenceLevel every sampled lmg is within this of the exact one (Hoeffding + union bound). */
      readonly errorBound: number;
    };

/** Result of {@link relativeImportance}: a readonly plain object (JSON round-trips). */
export interface RelativeImportanceResult {
  readonly method: 'relative-importance';
  readonly outcome: string;
  readonly predictors: readonly string[];
  /** Complete cases used (with weights: those with a positive weight, as R's `lm` counts them). */
  readonly n: number;
  /** Sum of the sampling weights (n when unweighted). */
  readonly weightSum: number;
  readonly weighted: boolean;
  readonly source: StatisticsSource;
  /** Outcome family (`'gaussian'` unless asked otherwise). */
  readonly family: ImportanceFamily;
  /** The index decomposed: `'r-squared'` (gaussian) or the pseudo-R2 named (binomial, ordinal). */
  readonly fitIndex: FitIndex;
  /**
   * The fit index of the model with every predictor (and the always-in covariates): R2, or the
   * pseudo-R2 named by `fitIndex`. lmg, pratt, car and johnson sum to it (with always-in
   * covariates, to it minus `model.always.fitIndex`).
   */
  readonly rSquared: number;
  /** Metrics computed, in this order. */
  readonly metrics: readonly ImportanceMetric[];
  /** Raw value of each metric, by metric then predictor (R relaimpo with `rela = FALSE`). */
  readonly importance: Readonly<Partial<Record<ImportanceMetric, Readonly<Record<string, number>>>>>;
  /** Each metric divided by its sum over predictors, summing to 1 (relaimpo `rela = TRUE`). */
  readonly shares: Readonly<Partial<Record<ImportanceMetric, Readonly<Record<string, number>>>>>;
  /**
   * Rank of each predictor under each metric: 1 = most important; ties (values within 1e-12 x R2,
   * i.e. equal up to rounding) share their average rank.
   */
  readonly ranks: Readonly<Partial<Record<ImportanceMetric, Readonly<Record<string, number>>>>>;
  /** Standardized coefficients of the full model (`R_xx^-1 r_xy`). */
  readonly standardizedCoefficients: Readonly<Record<string, number>>;
  /**
   * Present for a binomial or ordinal family, driver sets, always-in covariates or categorical
   * drivers: the players' columns, the always-in share, dummy coding, full-model coefficients and
   * (binomial, ordinal) log-likelihoods and the four pseudo-R2s of the full model.
   */
  readonly model?: PlayerReport;
  /**
   * Binomial `johnson` only: the R2 the logistic relative weights sum to, the squared correlation
   * of the full model's fitted probabilities with the outcome (as R rwa takes it), not the pseudo-R2.
   */
  readonly johnsonRSquared?: number;
  /**
   * With `signed: true`: the sign applied to each predictor's importance and shares (the sign of
   * its full-model coefficient: 1, -1, or 0), `null` for a set or categorical driver.
   */
  readonly signs?: Readonly<Record<string, 1 | -1 | 0 | null>>;
  /** How lmg was computed; absent when lmg was not requested. */
  readonly shapley?: ShapleyReport;
  /** The bootstrap summary and intervals; `null` when no bootstrap ran. */
  readonly bootstrap: ImportanceBootstrap | null;
  readonly options: {
    readonly weights: string | null;
    readonly metrics: readonly ImportanceMetric[];
    readonly family: ImportanceFamily;
    readonly pseudoRSquared: PseudoRSquared | null;
    /** Present (true) when `signed: true` was asked. */
    readonly signed?: boolean;
  };
  readonly missing: MissingReport;
  /** Always empty for now; the field every result carries. */
  readonly warnings: readonly Warning[];
}

function record(names: readonly string[], values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, j) => {
    out[name] = values[j]!;
  });
  return out;
}

/** Validates the metrics option. */
function readMetrics(value: unknown): ImportanceMetric[] {
  if (value === undefined) return [...DEFAULT_METRICS];
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError('INVALID_OPTION', `options.metrics: expected a non-empty array of ${ALL_METRICS.join(', ')}`, {
      argument: 'options.metrics',
      expected: ALL_METRICS.join(' | '),
    });
  }
  const chosen = new Set(value.map((m: unknown) => checkOption('options.metrics', m, ALL_METRICS)));
  return ALL_METRICS.filter((m) => chosen.has(m));
}

/**
 * Relative importance of correlated drivers: how much of R2 each predictor accounts for, by seven
 * metrics, with shares, ranks and optional bootstrap intervals. Matches R relaimpo
 * `calc.relimp(type = c("lmg", "first", "last", "betasq", "pratt", "car"))` plus Johnson's
 * relative weights.
 *
 * Method: everything comes from the correlation matrix of outcome and predictors (weighted, as R
 * `cov.wt`, when a weights column is given).
 * - `lmg` (Lindeman, Merenda & Gold 1980; = the Shapley value of R2, = general dominance): the
 *   average R2 gain of a predictor over all orderings, exact over all 2^p subsets by a
 *   depth-first sweep walk costing O(1) amortised per subset and O(p^2) memory (about 2 s at
 *   p = 25 on one core), or by permutation sampling with a stated error bound.
 * - `first` = r^2, `last` = R2 lost when dropped, `betasq` = squared standardized coefficient,
 *   `pratt` = beta x r, `car` = squared CAR scores (Zuber & Strimmer 2011), `johnson` = relative
 *   weights (Johnson 2000). lmg, pratt, car and johnson sum to R2.
 * - Bootstrap: rows resampled with replacement (weights honoured), percentile intervals for every
 *   metric, share and pairwise difference, and rank frequencies.
 * - `family: 'binomial' | 'ordinal'` (rows only): lmg, first and last of a pseudo-R2
 *   (`pseudoRSquared`, McFadden by default) over logistic or proportional-odds fits of every
 *   subset (exact up to 15 drivers by default, sampled beyond), and logistic relative weights
 *   (`johnson`, Tonidandel & LeBreton 2010); `sets`, `always` and `categorical` group drivers into
 *   players, keep covariates in every submodel or dummy-code a column, for every family; `signed`
 *   gives each importance its coefficient's sign. See the importance guide.
 *
 * @param data - Rows (plain objects), or a summary: {@link SufficientStatistics},
 *   `{ correlation, variables, n }` or `{ covariance, variables, n }`.
 * @param options - `outcome`, `predictors` (at least 2), optional `metrics`, `weights` (rows),
 *   `missing`, `missingCodes`, `shapley`, `bootstrap`.
 * @returns R2, n and per metric the value, share and rank of each predictor.
 * @throws InputError `INVALID_OPTION` (fewer than 2 predictors, unknown metric, bootstrap of a
 *   summary...), `COLUMN_NOT_FOUND`, `NOT_NUMERIC`, `MISSING_VALUE`, `LIMIT_EXCEEDED` (more
 *   predictors than the exact limit, 25 by default); InsufficientDataError `TOO_FEW_CASES` (fewer
 *   than p + 2 cases; for a bootstrap fewer than max(20, 3 (p + 2))), `ZERO_VARIANCE`;
 *   NumericalError `NOT_POSITIVE_DEFINITE` (collinear predictors or an impossible correlation matrix),
 *   `NO_CONVERGENCE` (a binomial or ordinal subset fit that diverges: separation).
 *
 * @example
 * ```ts
 * import { relativeImportance } from 'loyalty-drivers';
 * const r = relativeImportance(
 *   { correlation: [[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]], variables: ['y', 'a', 'b'], n: 100 },
 *   { outcome: 'y', predictors: ['a', 'b'], metrics: ['lmg', 'first'] },
 * );
 * // R2 = (0.5^2 + 0.6^2 - 2 * 0.5 * 0.6 * 0.4) / (1 - 0.4^2) = 0.37 / 0.84
 * r.rSquared; // => 0.44047619047619047
 * // lmg of a = (its first 0.25 + its last R2 - 0.36) / 2
 * r.importance.lmg; // => { a: 0.16523809523809524, b: 0.2752380952380952 }
 * r.shares.lmg; // => { a: 0.37513513513513513, b: 0.6248648648648648 }
 * r.ranks.lmg; // => { a: 2, b: 1 }
 * ```
 */
export function relativeImportance(data: unknown, options: RelativeImportanceOptions): RelativeImportanceResult {
  checkOptions(options, RELATIVE_IMPORTANCE_KEYS);
  const signed = (options as { signed?: unknown }).signed ?? false;
  if (typeof signed !== 'boolean') {
    throw new InputError('INVALID_OPTION', `options.signed: expected true or false, got ${JSON.stringify(signed)}`, {
      argument: 'options.signed',
      expected: 'a boolean',
    });
  }
  const result = needsPlayers(options) ? playerRelativeImportance(data, options) : linearRelativeImportance(data, options);
  return signed ? withSigns(result) : result;
}

/** Multiplies every importance and share by the sign of the predictor's coefficient. */
function withSigns(r: RelativeImportanceResult): RelativeImportanceResult {
  const signs: Record<string, 1 | -1 | 0 | null> = {};
  for (const name of r.predictors) {
    const columns = r.model ? r.model.sets[name]! : [name];
    const single = columns.length === 1 && !(r.model && r.model.categorical[columns[0]!]);
    const b = single ? r.standardizedCoefficients[columns[0]!] : undefined;
    signs[name] = b === undefined ? null : b > 0 ? 1 : b < 0 ? -1 : 0;
  }
  const apply = (table: RelativeImportanceResult['importance']): RelativeImportanceResult['importance'] => {
    const out: Partial<Record<ImportanceMetric, Record<string, number>>> = {};
    for (const [m, values] of Object.entries(table) as [ImportanceMetric, Readonly<Record<string, number>>][]) {
      out[m] = Object.fromEntries(Object.entries(values).map(([name, v]) => [name, (signs[name] ?? 1) * v + 0]));
    }
    return out;
  };
  return { ...r, importance: apply(r.importance), shares: apply(r.shares), signs, options: { ...r.options, signed: true } };
}

function linearRelativeImportance(data: unknown, options: RelativeImportanceOptions): RelativeImportanceResult {
  const metrics = readMetrics((options as { metrics?: unknown } | null | undefined)?.metrics);
  const input = readImportanceData(data, options);
  const p = input.predictors.length;
  const shapley = metrics.includes('lmg') ? resolveShapley(options.shapley, p, 'relativeImportance') : undefined;
  let plan: ShapleyPlan = { method: 'exact' };
  if (shapley?.method === 'sampled') {
    plan = { method: 'sampled', pairs: shapley.pairs, random: createRandom(shapley.seed), confidenceLevel: shapley.confidenceLevel };
  }
  const bootstrapPlan = checkBootstrap(options.bootstrap, 'options.bootstrap');
  if (bootstrapPlan !== null) {
    if (input.sample === undefined && input.source === 'rows') {
      throw new InputError(
        'INVALID_OPTION',
        `options.bootstrap: not with missing: "${input.missing.policy}" (the bootstrap resamples complete cases)`,
        {
          argument: 'options.bootstrap',
          expected: 'missing "omit" or "fail" with a bootstrap',
        },
      );
    }
    if (input.sample === undefined) {
      throw new InputError('INVALID_OPTION', 'options.bootstrap: a bootstrap resamples cases, so it needs rows, not a summary matrix', {
        argument: 'options.bootstrap',
        expected: 'rows as data',
      });
    }
    const minimum = Math.max(20, 3 * (p + 2));
    if (input.n < minimum) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `options.bootstrap: ${input.n} complete cases for ${p} predictors; a bootstrap needs at least ${minimum} (max(20, 3 (p + 2))) so that resamples keep a non-singular correlation matrix`,
        { argument: 'options.bootstrap', value: input.n, expected: `at least ${minimum} complete cases` },
      );
    }
  }
  const point = importanceMetrics(input.correlation, p, metrics, plan);
  const collinearity = importanceCollinearity(input.correlation, input.predictors);
  const importance: Partial<Record<ImportanceMetric, Record<string, number>>> = {};
  const shares: Partial<Record<ImportanceMetric, Record<string, number>>> = {};
  const ranks: Partial<Record<ImportanceMetric, Record<string, number>>> = {};
  for (const m of metrics) {
    const v = point.values[m]!;
    importance[m] = record(input.predictors, v);
    shares[m] = record(input.predictors, normalizedShares(v));
    ranks[m] = record(input.predictors, averageRanks(v, TIE_TOLERANCE * Math.abs(point.rSquared)));
  }
  let shapleyReport: ShapleyReport | undefined;
  if (shapley?.method === 'exact') shapleyReport = { method: 'exact', subsets: 2 ** p };
  else if (shapley?.method === 'sampled' && point.sampled) {
    shapleyReport = {
      method: 'sampled',
      permutations: point.sampled.permutations,
      seed: shapley.seed,
      confidenceLevel: shapley.confidenceLevel,
      standardErrors: record(input.predictors, point.sampled.standardErrors),
      errorBound: point.sampled.errorBound,
    };
  }
  const bootstrap =
    bootstrapPlan !== null && input.sample && bootstrapPlan.method === 'poisson'
      ? poissonImportance(
          poissonSampleMoments(input.sample, bootstrapPlan),
          input.predictors,
          input.outcome,
          metrics,
          point,
          shapley?.method === 'sampled'
            ? { method: 'sampled', pairs: shapley.pairs, random: createRandom(shapley.seed), confidenceLevel: shapley.confidenceLevel }
            : { method: 'exact' },
          bootstrapPlan,
        )
      : bootstrapPlan !== null && input.sample
        ? bootstrapImportance(
            input.sample,
            input.predictors,
            input.outcome,
            metrics,
            point,
            shapley?.method === 'sampled'
              ? { method: 'sampled', pairs: shapley.pairs, confidenceLevel: shapley.confidenceLevel }
              : { method: 'exact' },
            bootstrapPlan,
          )
        : null;
  return {
    method: 'relative-importance',
    outcome: input.outcome,
    predictors: input.predictors,
    n: input.n,
    weightSum: input.weightSum,
    weighted: input.weighted,
    source: input.source,
    family: 'gaussian',
    fitIndex: 'r-squared',
    rSquared: point.rSquared,
    metrics,
    importance,
    shares,
    ranks,
    standardizedCoefficients: record(input.predictors, point.beta),
    ...(shapleyReport ? { shapley: shapleyReport } : {}),
    bootstrap,
    options: { weights: options.weights ?? null, metrics, family: 'gaussian', pseudoRSquared: null },
    missing: input.missing,
    warnings: [...collinearity.warnings, ...unreliableMetricsWarning(collinearity, metrics)],
  };
}

/** The metrics defined by players: a subset fit's gain needs no per-column coefficients. */
const PLAYER_METRICS: readonly ImportanceMetric[] = ['lmg', 'first', 'last'];

/** relativeImportance for a binomial or ordinal family, sets, always-in or categorical drivers. */
function playerRelativeImportance(data: unknown, options: RelativeImportanceOptions): RelativeImportanceResult {
  const raw = (options as { metrics?: unknown }).metrics;
  const metrics = raw === undefined ? [...PLAYER_METRICS] : readMetrics(raw);
  // Logistic relative weights need one column per driver and no always-in covariates.
  const plainLogistic = options.family === 'binomial' && !options.sets && !options.always && !options.categorical;
  const allowed: readonly ImportanceMetric[] = plainLogistic ? [...PLAYER_METRICS, 'johnson'] : PLAYER_METRICS;
  const unsupported = metrics.filter((m) => !allowed.includes(m));
  if (unsupported.length > 0) {
    throw new InputError(
      'INVALID_OPTION',
      `options.metrics: ${unsupported.join(', ')} ${unsupported.length === 1 ? 'is' : 'are'} defined for single linear drivers; with a binomial or ordinal family, sets, always-in or categorical drivers the metrics are ${PLAYER_METRICS.join(', ')} (and johnson for a binomial family without sets, always-in or categorical drivers)`,
      { argument: 'options.metrics', value: unsupported.join(', '), expected: allowed.join(' | ') },
    );
  }
  const bootstrapPlan = checkBootstrap(options.bootstrap, 'options.bootstrap');
  const family = (options.family ?? 'gaussian') as ImportanceFamily;
  const isFamily = family === 'binomial' || family === 'ordinal';
  const countPlayers = (): number => {
    // Before validation (readPlayerData reports malformed options): count what can be counted.
    const sets = options.sets !== null && typeof options.sets === 'object' ? options.sets : {};
    const inSets = new Set(Object.values(sets).flatMap((v) => (Array.isArray(v) ? v : [])));
    const predictors = Array.isArray(options.predictors) ? options.predictors : [];
    return predictors.filter((c) => !inSets.has(c)).length + Object.keys(sets).length;
  };
  const shapleyPlan = metrics.includes('lmg')
    ? resolveShapley(options.shapley, countPlayers(), 'relativeImportance', isFamily ? FAMILY_EXACT_LIMIT : 20)
    : { method: 'exact' as const, limit: isFamily ? FAMILY_MAX_LIMIT : 20 };
  if (shapleyPlan.method === 'exact' && shapleyPlan.limit > (isFamily ? FAMILY_MAX_LIMIT : 20)) {
    const max = isFamily ? FAMILY_MAX_LIMIT : 20;
    throw new InputError(
      'INVALID_OPTION',
      `options.shapley.maxExactPredictors: at most ${max} with ${isFamily ? `family '${family}'` : 'sets, always-in or categorical drivers'} (2^${max} subset fits), got ${shapleyPlan.limit}`,
      {
        argument: 'options.shapley.maxExactPredictors',
        value: shapleyPlan.limit,
        expected: `at most ${max}`,
      },
    );
  }
  const core = playerImportance(data, options, shapleyPlan, 'relativeImportance');
  const names = core.data.players;
  const values: Partial<Record<ImportanceMetric, number[]>> = { lmg: core.lmg, first: core.first, last: core.last };
  let johnsonRSquared: number | undefined;
  if (metrics.includes('johnson')) {
    const rw = logisticRelativeWeights(
      core.data,
      core.data.designNames.map((c) => core.report.coefficients[c]!),
      core.report.thresholds[0]!,
    );
    values.johnson = rw.weights;
    johnsonRSquared = rw.rSquared;
  }
  const importance: Partial<Record<ImportanceMetric, Record<string, number>>> = {};
  const shares: Partial<Record<ImportanceMetric, Record<string, number>>> = {};
  const ranks: Partial<Record<ImportanceMetric, Record<string, number>>> = {};
  for (const m of metrics) {
    const v = values[m]!;
    importance[m] = record(names, v);
    shares[m] = record(names, normalizedShares(v));
    ranks[m] = record(names, averageRanks(v, TIE_TOLERANCE * Math.abs(core.total)));
  }
  let bootstrap: ImportanceBootstrap | null = null;
  if (bootstrapPlan !== null) {
    if (core.sampled) {
      throw new InputError(
        'INVALID_OPTION',
        'options.bootstrap: a bootstrap of sampled lmg for a family is not offered (each replicate would sample again); analyse at most the exact limit of players',
        {
          argument: 'options.bootstrap',
          expected: 'false with shapley sampled',
        },
      );
    }
    const minimum = Math.max(20, 3 * (names.length + 2));
    if (core.data.n < minimum) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `options.bootstrap: ${core.data.n} complete cases for ${names.length} players; a bootstrap needs at least ${minimum} (max(20, 3 (p + 2)))`,
        {
          argument: 'options.bootstrap',
          value: core.data.n,
          expected: `at least ${minimum} complete cases`,
        },
      );
    }
    const kind = core.report.fitIndex === 'r-squared' ? 'mcfadden' : core.report.fitIndex;
    const point: MetricValues = { rSquared: core.total, values, beta: [], sampled: undefined };
    const replicate = (weights: Float64Array): MetricValues => {
      const resampled = { ...core.data, weights };
      const t = playerFitTable(resampled, kind);
      const P = names.length;
      const { lmg } = tableContributions(t.table, P);
      const full = 2 ** P - 1;
      const v: Partial<Record<ImportanceMetric, number[]>> = {
        lmg,
        first: names.map((_, j) => t.table[1 << (P - 1 - j)]! - t.table[0]!),
        last: names.map((_, j) => t.table[full]! - t.table[full & ~(1 << (P - 1 - j))]!),
      };
      if (metrics.includes('johnson')) v.johnson = logisticRelativeWeights(resampled, t.coefficients, t.thresholds[0]!).weights;
      return { rSquared: t.table[full]!, values: v, beta: [], sampled: undefined };
    };
    const sample = { columns: [], weights: core.data.weights, index: new Int32Array(core.data.y.length) };
    bootstrap = bootstrapImportance(sample, names, core.data.outcome, metrics, point, { method: 'exact' }, bootstrapPlan, replicate);
  }
  let shapley: ShapleyReport | undefined;
  if (metrics.includes('lmg')) {
    shapley = core.sampled
      ? {
          method: 'sampled',
          permutations: core.sampled.permutations,
          seed: (shapleyPlan as { seed: number }).seed,
          confidenceLevel: (shapleyPlan as { confidenceLevel: number }).confidenceLevel,
          standardErrors: record(names, core.sampled.standardErrors),
          errorBound: core.sampled.errorBound,
        }
      : { method: 'exact', subsets: 2 ** names.length };
  }
  return {
    method: 'relative-importance',
    outcome: core.data.outcome,
    predictors: names,
    n: core.data.n,
    weightSum: core.data.weightSum,
    weighted: core.data.weights !== undefined,
    source: 'rows',
    family: core.report.family,
    fitIndex: core.report.fitIndex,
    rSquared: core.total,
    metrics,
    importance,
    shares,
    ranks,
    standardizedCoefficients: core.standardizedCoefficients,
    model: core.report,
    ...(johnsonRSquared === undefined ? {} : { johnsonRSquared }),
    ...(shapley ? { shapley } : {}),
    bootstrap,
    options: {
      weights: options.weights ?? null,
      metrics,
      family: core.report.family,
      pseudoRSquared: core.report.fitIndex === 'r-squared' ? null : core.report.fitIndex,
    },
    missing: core.data.missing,
    warnings: [],
  };
}

/** The Poisson replicates of the complete cases, each under its row index in the input. */
function poissonSampleMoments(sample: ImportanceSample, plan: BootstrapPlan): PoissonMoments {
  const k = sample.columns.length;
  const moments = new PoissonMoments(k, plan.replicates, plan.seed);
  const x = new Float64Array(k);
  for (let i = 0; i < sample.index.length; i++) {
    for (let j = 0; j < k; j++) x[j] = sample.columns[j]![i]!;
    moments.add(x, sample.weights ? sample.weights[i]! : 1, sample.index[i]!);
  }
  return moments;
}
