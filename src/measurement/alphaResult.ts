import { InputError } from '../errors.js';
import { rowResamplingOnly, checkBootstrap, type BootstrapPlan } from '../internal/options.js';
import { checkConfidenceLevel, checkOption } from '../internal/validate.js';
import type { BootstrapOptions, BootstrapSummary, Interval, Warning } from '../types.js';
import { duhachekInterval, feldtInterval } from './alphaIntervals.js';
import { alphaStatistics } from './alphaStatistics.js';
import { bootstrapAlpha } from './bootstrapAlpha.js';
import type { ItemData } from './readItems.js';

/** How the confidence interval of alpha was computed: `'percentile'` when bootstrapped. */
export type AlphaIntervalMethod = 'feldt' | 'duhachek' | 'percentile';

/** Options for alpha's confidence interval, shared by `cronbachAlpha` and `reliability`. */
export interface AlphaIntervalOptions {
  /** Confidence level in (0, 1); default 0.95. */
  readonly confidenceLevel?: number;
  /**
   * `'feldt'` (default): Feldt's F-based interval, as psych::alpha.ci; `'duhachek'`: alpha -/+ z
   * times the Duhachek-Iacobucci standard error. Ignored when `bootstrap` is given (the interval
   * is then the bootstrap percentile interval).
   */
  readonly intervalMethod?: 'feldt' | 'duhachek';
  /**
   * `false` (default) or `{ replicates, seed, confidenceLevel? }`: a percentile bootstrap over
   * respondents (rows input only), see {@link BootstrapOptions}.
   */
  readonly bootstrap?: BootstrapOptions;
}

/**
 * Cronbach's alpha of one item set with its item analysis, as every result that reports alpha
 * carries it (a {@link CronbachAlphaResult}, each scale of a `reliability` result): alpha is
 * `estimate`, with `standardError`, `confidenceInterval`, `confidenceLevel`, `intervalMethod`.
 */
export interface AlphaAnalysis {
  /** Items in input order. */
  readonly items: readonly string[];
  /** The items that were reverse-coded (`min + max - x`) first. */
  readonly reversed: readonly string[];
  /** Complete cases used. */
  readonly n: number;
  /** Raw coefficient alpha, `k/(k-1) (1 - sum var_i / var_total)`. */
  readonly estimate: number;
  /**
   * Standard error of alpha: the asymptotic one of Duhachek & Iacobucci (2004; psych's `ase`),
   * or, when bootstrapped, the standard deviation of the bootstrap alphas.
   */
  readonly standardError: number;
  /** `[lower, upper]`. */
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  readonly intervalMethod: AlphaIntervalMethod;
  /** The bootstrap behind a `'percentile'` interval, else null. */
  readonly bootstrap: BootstrapSummary | null;
  /** Alpha of the standardized items, `k rbar / (1 + (k-1) rbar)`. */
  readonly standardizedAlpha: number;
  /** Mean inter-item correlation rbar. */
  readonly averageCorrelation: number;
  /** Alpha of the scale without each item (null when only one item would remain). */
  readonly alphaIfDeleted: Readonly<Record<string, number | null>>;
  readonly standardizedAlphaIfDeleted: Readonly<Record<string, number | null>>;
  /** Correlation of each item with the sum of the other items (psych's `r.drop`). */
  readonly correctedItemTotal: Readonly<Record<string, number>>;
  /** Correlation of each item with the total including it (psych's `raw.r`). */
  readonly itemTotal: Readonly<Record<string, number>>;
  /** Item means after reverse coding (null from a correlation matrix). */
  readonly itemMeans: Readonly<Record<string, number>> | null;
  /** Item standard deviations, denominator n - 1 (null from a correlation matrix). */
  readonly itemStandardDeviations: Readonly<Record<string, number>> | null;
  /** Mean and standard deviation of the mean score (null from a correlation matrix). */
  readonly scaleMean: number | null;
  readonly scaleStandardDeviation: number | null;
  /**
   * Cautions: `NEGATIVE_ITEM_TOTAL_CORRELATION` (an item correlates negatively with the rest),
   * `NEGATIVE_ALPHA`.
   */
  readonly warnings: readonly Warning[];
}

/** Validated interval options. @internal */
export interface IntervalSettings {
  readonly level: number;
  readonly method: 'feldt' | 'duhachek';
  readonly bootstrap: BootstrapPlan | null;
}

/** Validates the interval options once, at the public boundary. @internal */
export function intervalSettings(options: AlphaIntervalOptions): IntervalSettings {
  const level = checkConfidenceLevel(options.confidenceLevel);
  return {
    level,
    method: checkOption('options.intervalMethod', options.intervalMethod ?? 'feldt', ['feldt', 'duhachek'] as const),
    bootstrap: rowResamplingOnly(checkBootstrap(options.bootstrap, 'options.bootstrap', level), 'options.bootstrap'),
  };
}

function record<T>(keys: readonly string[], values: readonly T[]): Record<string, T> {
  const out: Record<string, T> = {};
  keys.forEach((key, j) => {
    out[key] = values[j]!;
  });
  return out;
}

/**
 * Alpha, its interval and the item analysis of scale `s` of `data`.
 * @internal
 */
export function alphaResult(data: ItemData, s: number, settings: IntervalSettings): AlphaAnalysis {
  const scale = data.scales[s]!;
  const k = scale.items.length;
  const first = data.offsets[s]!;
  const range = Array.from({ length: k }, (_, j) => first + j);
  const c = range.map((a) => range.map((b) => data.covariance[a]![b]!));
  const stats = alphaStatistics(c, data.n);
  let interval: Interval;
  let standardError = stats.standardError;
  let level = settings.level;
  let intervalMethod: AlphaIntervalMethod = settings.method;
  let bootstrap: BootstrapSummary | null = null;
  if (settings.bootstrap !== null) {
    if (data.missing.policy === 'pairwise' || data.missing.policy === 'fiml') {
      throw new InputError(
        'INVALID_OPTION',
        `options.bootstrap: the bootstrap resamples complete respondents, so it cannot be combined with options.missing = "${data.missing.policy}"`,
        {
          argument: 'options.bootstrap',
          expected: 'false with missing "pairwise" or "fiml"',
        },
      );
    }
    if (data.columns === null || data.means === null) {
      throw new InputError(
        'INVALID_OPTION',
        'options.bootstrap: the bootstrap resamples respondents, so it needs rows, not a summary matrix',
        {
          argument: 'options.bootstrap',
          expected: 'false with summary input',
        },
      );
    }
    const plan = settings.bootstrap;
    const b = bootstrapAlpha(
      range.map((j) => data.columns![j]!),
      range.map((j) => data.means![j]!),
      plan,
    );
    interval = b.interval;
    standardError = b.standardError;
    level = plan.confidenceLevel;
    intervalMethod = 'percentile';
    bootstrap = {
      method: 'row-resampling',
      replicates: plan.replicates,
      seed: plan.seed,
      confidenceLevel: plan.confidenceLevel,
      intervalMethod: 'percentile',
      redrawn: b.redrawn,
    };
  } else if (settings.method === 'duhachek') {
    interval = duhachekInterval(stats.alpha, stats.standardError, level);
  } else {
    interval = feldtInterval(stats.alpha, data.n, k, level);
  }
  const fromCorrelation = data.source === 'correlation';
  const means = data.means === null ? null : range.map((j) => data.means![j]!);
  const warnings: Warning[] = [];
  stats.correctedItemTotal.forEach((r, j) => {
    if (r < 0) {
      warnings.push({
        code: 'NEGATIVE_ITEM_TOTAL_CORRELATION',
        message: `item "${scale.items[j]}" correlates negatively (${r.toFixed(3)}) with the rest of scale "${scale.name}": is it reverse-worded? Declare it in reverse.`,
      });
    }
  });
  if (stats.alpha < 0)
    warnings.push({
      code: 'NEGATIVE_ALPHA',
      message: `alpha of scale "${scale.name}" is negative (${stats.alpha.toFixed(3)}): its items do not measure one thing in the same direction.`,
    });
  return {
    items: [...scale.items],
    reversed: scale.items.filter((_, j) => scale.reversed[j]),
    n: data.n,
    estimate: stats.alpha,
    standardError,
    confidenceInterval: interval,
    confidenceLevel: level,
    intervalMethod,
    bootstrap,
    standardizedAlpha: stats.standardizedAlpha,
    averageCorrelation: stats.averageCorrelation,
    alphaIfDeleted: record(scale.items, stats.alphaIfDeleted),
    standardizedAlphaIfDeleted: record(scale.items, stats.standardizedAlphaIfDeleted),
    correctedItemTotal: record(scale.items, stats.correctedItemTotal),
    itemTotal: record(scale.items, stats.itemTotal),
    itemMeans: means === null ? null : record(scale.items, means),
    itemStandardDeviations: fromCorrelation ? null : record(scale.items, stats.itemStandardDeviations),
    scaleMean: means === null ? null : means.reduce((a, b) => a + b, 0) / k,
    scaleStandardDeviation: fromCorrelation ? null : stats.scaleStandardDeviation,
    warnings,
  };
}
