import { InputError } from '../errors.js';
import { checkConfidenceLevel, checkNumberOption, checkOption } from '../internal/validate.js';
import type { Interval } from '../types.js';
import { duhachekInterval, feldtInterval } from './alphaIntervals.js';
import { alphaStatistics } from './alphaStatistics.js';
import { bootstrapAlpha } from './bootstrapAlpha.js';
import type { ItemData } from './readItems.js';

/** How the confidence interval of alpha is computed. */
export type AlphaIntervalMethod = 'feldt' | 'duhachek' | 'bootstrap';

/** Options for alpha's confidence interval, shared by `cronbachAlpha` and `reliability`. */
export interface AlphaIntervalOptions {
  /** Confidence level in (0, 1); default 0.95. */
  readonly confidenceLevel?: number;
  /**
   * `'feldt'` (default): Feldt's F-based interval, as psych::alpha.ci; `'duhachek'`: alpha -/+ z
   * times the Duhachek-Iacobucci standard error; `'bootstrap'`: percentile bootstrap over
   * respondents (rows input only).
   */
  readonly interval?: AlphaIntervalMethod;
  /** Bootstrap resamples (default 1000, 100 to 1,000,000). */
  readonly replicates?: number;
  /** Seed of the bootstrap's generator (default 1): the same seed gives the same interval. */
  readonly seed?: number;
}

/** The bootstrap behind a bootstrap interval. */
export interface AlphaBootstrapReport {
  readonly replicates: number;
  readonly seed: number;
  /** Resamples dropped because an item was constant in them. */
  readonly failedReplicates: number;
  /** Standard deviation of the bootstrap alphas. */
  readonly standardError: number;
}

/** Cronbach's alpha of one item set with its item analysis; see {@link cronbachAlpha}. */
export interface CronbachAlphaResult {
  /** Items in input order. */
  readonly items: readonly string[];
  /** The items that were reverse-coded (`min + max - x`) first. */
  readonly reversed: readonly string[];
  /** Complete cases used. */
  readonly n: number;
  /** Raw coefficient alpha, `k/(k-1) (1 - sum var_i / var_total)`. */
  readonly alpha: number;
  /** Alpha of the standardized items, `k rbar / (1 + (k-1) rbar)`. */
  readonly standardizedAlpha: number;
  /** Mean inter-item correlation rbar. */
  readonly averageCorrelation: number;
  /** Asymptotic standard error of alpha (Duhachek & Iacobucci 2004; psych's `ase`). */
  readonly standardError: number;
  readonly confidenceLevel: number;
  readonly intervalMethod: AlphaIntervalMethod;
  readonly confidenceInterval: Interval;
  /** Details of the bootstrap when `interval: 'bootstrap'`, else null. */
  readonly bootstrap: AlphaBootstrapReport | null;
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
  /** Plain-language cautions: items that correlate negatively with the rest, negative alpha. */
  readonly warnings: readonly string[];
}

/** Validated interval options. @internal */
export interface IntervalSettings {
  readonly level: number;
  readonly method: AlphaIntervalMethod;
  readonly replicates: number;
  readonly seed: number;
}

/** Validates the interval options once, at the public boundary. @internal */
export function intervalSettings(options: AlphaIntervalOptions): IntervalSettings {
  return {
    level: checkConfidenceLevel(options.confidenceLevel),
    method: checkOption('options.interval', options.interval ?? 'feldt', ['feldt', 'duhachek', 'bootstrap'] as const),
    replicates: options.replicates === undefined ? 1000 : checkNumberOption('options.replicates', options.replicates, { min: 100, max: 1_000_000, integer: true }),
    seed: options.seed === undefined ? 1 : checkNumberOption('options.seed', options.seed, { min: 0, max: 4294967295, integer: true }),
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
export function alphaResult(data: ItemData, s: number, settings: IntervalSettings): CronbachAlphaResult {
  const scale = data.scales[s]!;
  const k = scale.items.length;
  const first = data.offsets[s]!;
  const range = Array.from({ length: k }, (_, j) => first + j);
  const c = range.map((a) => range.map((b) => data.covariance[a]![b]!));
  const stats = alphaStatistics(c, data.n);
  let interval: Interval;
  let bootstrap: AlphaBootstrapReport | null = null;
  if (settings.method === 'bootstrap') {
    if (data.columns === null || data.means === null) {
      throw new InputError('INVALID_OPTION', 'options.interval: "bootstrap" resamples respondents, so it needs rows, not a summary matrix', {
        argument: 'options.interval', value: 'bootstrap', expected: '"feldt" or "duhachek" with summary input',
      });
    }
    const b = bootstrapAlpha(range.map((j) => data.columns![j]!), range.map((j) => data.means![j]!), settings.replicates, settings.seed, settings.level);
    interval = b.interval;
    bootstrap = { replicates: b.replicates, seed: b.seed, failedReplicates: b.failedReplicates, standardError: b.standardError };
  } else if (settings.method === 'duhachek') {
    interval = duhachekInterval(stats.alpha, stats.standardError, settings.level);
  } else {
    interval = feldtInterval(stats.alpha, data.n, k, settings.level);
  }
  const fromCorrelation = data.source === 'correlation';
  const means = data.means === null ? null : range.map((j) => data.means![j]!);
  const warnings: string[] = [];
  stats.correctedItemTotal.forEach((r, j) => {
    if (r < 0) {
      warnings.push(`item "${scale.items[j]}" correlates negatively (${r.toFixed(3)}) with the rest of scale "${scale.name}": is it reverse-worded? Declare it in reverse.`);
    }
  });
  if (stats.alpha < 0) warnings.push(`alpha of scale "${scale.name}" is negative (${stats.alpha.toFixed(3)}): its items do not measure one thing in the same direction.`);
  return {
    items: [...scale.items],
    reversed: scale.items.filter((_, j) => scale.reversed[j]),
    n: data.n,
    alpha: stats.alpha,
    standardizedAlpha: stats.standardizedAlpha,
    averageCorrelation: stats.averageCorrelation,
    standardError: stats.standardError,
    confidenceLevel: settings.level,
    intervalMethod: settings.method,
    confidenceInterval: interval,
    bootstrap,
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
