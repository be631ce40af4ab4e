import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { createRandom } from '../internal/random.js';
import { checkNumberOption, checkOption } from '../internal/validate.js';
import type { MissingReport } from '../types.js';
import { readImportanceData, type ImportanceDataOptions } from './importanceData.js';
import { ALL_METRICS, importanceMetrics, type ImportanceMetric, type ShapleyPlan } from './importanceMetrics.js';
import { normalizedShares } from './normalizedShares.js';
import type { ShapleyOptions } from './relativeImportance.js';
import { resolveShapley } from './resolveShapley.js';

/** The four quadrants of an importance-performance map (Martilla & James 1977). */
export type Quadrant = 'concentrate here' | 'keep up the good work' | 'low priority' | 'possible overkill';

/** A cut point: a number, or `'mean'` / `'median'` of the drivers' values. */
export type CutRule = number | 'mean' | 'median';

/** The scale drivers are measured on, for the 0-100 rescaling of performance. */
export interface DriverScale {
  readonly min: number;
  readonly max: number;
}

/** Options of {@link importancePerformance}. */
export interface ImportancePerformanceOptions extends ImportanceDataOptions {
  /**
   * The answer scale of the driver scores, e.g. `{ min: 1, max: 7 }`, one for all drivers or one
   * per driver (`{ satisfaction: { min: 1, max: 7 }, ... }`). Required: performance is the mean
   * rescaled `(mean - min) / (max - min) * 100`.
   */
  readonly scale: DriverScale | Readonly<Record<string, DriverScale>>;
  /** Importance metric (default `'lmg'`), normalized to shares summing to 1. */
  readonly metric?: ImportanceMetric;
  /** Importance cut on the share scale: a number in (0, 1), `'mean'` (default, = 1 / p) or `'median'`. */
  readonly importanceCut?: CutRule;
  /** Performance cut on the 0-100 scale: a number, `'mean'` (default) or `'median'` of the drivers' performances. */
  readonly performanceCut?: CutRule;
  /** How lmg is computed (see {@link relativeImportance}). */
  readonly shapley?: ShapleyOptions;
}

/** One driver on the map. */
export interface ImportancePerformanceDriver {
  readonly driver: string;
  /** Normalized importance (share of the metric's total, 0-1). */
  readonly importance: number;
  /** The metric's raw value (e.g. lmg, a part of R2). */
  readonly rawImportance: number;
  /** Mean score of the driver in the cases used (weighted when weights are given). */
  readonly mean: number;
  /** The mean on 0-100: `(mean - min) / (max - min) * 100`. */
  readonly performance: number;
  readonly quadrant: Quadrant;
  /** Position in the priority order, 1 = first to act on. */
  readonly priority: number;
}

/** Result of {@link importancePerformance}. */
export interface ImportancePerformanceResult {
  readonly method: 'importance-performance';
  readonly metric: ImportanceMetric;
  readonly outcome: string;
  readonly n: number;
  readonly weightSum: number;
  readonly weighted: boolean;
  readonly rSquared: number;
  /** Drivers in the order given. */
  readonly drivers: readonly ImportancePerformanceDriver[];
  /** Drivers from first to last priority. */
  readonly priorityOrder: readonly string[];
  /** The cut points used and how they were set. */
  readonly cuts: {
    readonly importance: number;
    readonly performance: number;
    readonly importanceRule: 'mean' | 'median' | 'fixed';
    readonly performanceRule: 'mean' | 'median' | 'fixed';
  };
  readonly options: { readonly weights: string | null; readonly scale: Readonly<Record<string, DriverScale>> };
  readonly missing: MissingReport;
}

const QUADRANT_ORDER: readonly Quadrant[] = ['concentrate here', 'keep up the good work', 'low priority', 'possible overkill'];

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

function resolveCut(
  rule: unknown,
  values: readonly number[],
  name: string,
  range: { min: number; max: number },
): { value: number; rule: 'mean' | 'median' | 'fixed' } {
  if (typeof rule === 'number') return { value: checkNumberOption(name, rule, range), rule: 'fixed' };
  const kind = checkOption(name, rule ?? 'mean', ['mean', 'median'] as const);
  return kind === 'mean'
    ? { value: values.reduce((a, b) => a + b, 0) / values.length, rule: 'mean' }
    : { value: median(values), rule: 'median' };
}

function readScales(scale: unknown, drivers: readonly string[]): Record<string, DriverScale> {
  const valid = (s: unknown): s is DriverScale =>
    s !== null &&
    typeof s === 'object' &&
    typeof (s as DriverScale).min === 'number' &&
    typeof (s as DriverScale).max === 'number' &&
    Number.isFinite((s as DriverScale).min) &&
    Number.isFinite((s as DriverScale).max) &&
    (s as DriverScale).max > (s as DriverScale).min;
  const out: Record<string, DriverScale> = {};
  if (valid(scale)) {
    for (const d of drivers) out[d] = { min: scale.min, max: scale.max };
    return out;
  }
  if (scale !== null && typeof scale === 'object') {
    const per = scale as Record<string, unknown>;
    for (const d of drivers) {
      if (!valid(per[d])) {
        throw new InputError('INVALID_OPTION', `options.scale.${d}: expected { min, max } with max > min (the answer scale of "${d}")`, {
          argument: 'options.scale',
          column: d,
          expected: '{ min, max }',
        });
      }
      out[d] = { min: per[d].min, max: per[d].max };
    }
    return out;
  }
  throw new InputError('INVALID_OPTION', "options.scale: expected the drivers' answer scale, e.g. { min: 1, max: 7 }, or one per driver", {
    argument: 'options.scale',
    expected: '{ min, max }',
  });
}

/** The keys of {@link ImportancePerformanceOptions}. */
const KEYS = optionKeys<ImportancePerformanceOptions>({
  scale: true,
  metric: true,
  importanceCut: true,
  performanceCut: true,
  shapley: true,
  outcome: true,
  predictors: true,
  weights: true,
  missing: true,
  missingCodes: true,
});

/**
 * Importance-performance analysis (Martilla & James 1977, "Importance-performance analysis",
 * Journal of Marketing 41): each driver's importance (its normalized lmg share by default)
 * against its performance (mean score rescaled to 0-100), the quadrant it falls in, and a
 * priority order.
 *
 * Quadrants, with importance and performance "high" when at or above their cut points (the
 * means over drivers by default; configurable as numbers or medians):
 * - high importance, low performance: **"concentrate here"**;
 * - high importance, high performance: **"keep up the good work"**;
 * - low importance, low performance: **"low priority"**;
 * - low importance, high performance: **"possible overkill"**.
 *
 * Priority order: the quadrants in that order, and within a quadrant by importance, highest
 * first. Importance comes from the same engine as {@link relativeImportance}; performance is the
 * (weighted) mean of the driver over the complete cases used for importance.
 *
 * @param data - Rows, or a summary with means (sufficient statistics, or a covariance with means).
 * @param options - `outcome`, `predictors`, `scale` (required), `metric`, `importanceCut`,
 *   `performanceCut`, `weights`, `missing`, `missingCodes`, `shapley`.
 * @returns Per driver: importance, performance, quadrant and priority; the cuts; the priority order.
 * @throws InputError `INVALID_OPTION` (no scale, a summary without means...), `OUT_OF_RANGE` (a
 *   driver score outside its scale), and everything {@link relativeImportance} throws.
 *
 * @example
 * ```ts
 * import { importancePerformance } from 'loyalty-drivers';
 * const rows = [
 *   { y: 9, a: 6, b: 3 }, { y: 7, a: 5, b: 4 }, { y: 4, a: 3, b: 2 },
 *   { y: 8, a: 6, b: 6 }, { y: 6, a: 4, b: 5 }, { y: 3, a: 2, b: 3 },
 * ];
 * const ipa = importancePerformance(rows, { outcome: 'y', predictors: ['a', 'b'], scale: { min: 1, max: 7 } });
 * // a: lmg share 0.8813, mean 4.333 -> (4.333 - 1) / 6 * 100 = 55.56
 * // b: lmg share 0.1187, mean 3.833 -> 47.22; cuts at the means: importance 0.5, performance 51.39
 * ipa.drivers[0]; // => { driver: 'a', importance: 0.8813..., performance: 55.5556..., quadrant: 'keep up the good work', ... }
 * ipa.drivers.map((d) => d.quadrant); // => ['keep up the good work', 'low priority']
 * ipa.cuts; // => { importance: 0.5, performance: 51.3889..., importanceRule: 'mean', performanceRule: 'mean' }
 * ipa.priorityOrder; // => ['a', 'b']
 * ```
 */
export function importancePerformance(data: unknown, options: ImportancePerformanceOptions): ImportancePerformanceResult {
  checkOptions(options, KEYS);
  const input = readImportanceData(data, options);
  const p = input.predictors.length;
  const metric = options.metric === undefined ? 'lmg' : checkOption('options.metric', options.metric, ALL_METRICS);
  const scales = readScales(options.scale, input.predictors);
  if (input.means === undefined) {
    throw new InputError(
      'INVALID_OPTION',
      "importancePerformance: performance needs the drivers' means; pass rows, sufficient statistics, or a covariance matrix with means (a correlation matrix has none)",
      {
        argument: 'data',
        expected: 'rows or a summary with means',
      },
    );
  }
  if (input.sample !== undefined) {
    input.predictors.forEach((d, j) => {
      const col = input.sample!.columns[j]!;
      const s = scales[d]!;
      for (let i = 0; i < col.length; i++) {
        if (col[i]! < s.min || col[i]! > s.max) {
          const row = input.sample!.index[i]!;
          throw new InputError('OUT_OF_RANGE', `column "${d}", row ${row}: ${col[i]} is outside the declared scale ${s.min} to ${s.max}`, {
            argument: 'data',
            column: d,
            row,
            value: col[i]!,
            expected: `a number from ${s.min} to ${s.max}`,
          });
        }
      }
    });
  }
  const shapley = metric === 'lmg' ? resolveShapley(options.shapley, p, 'importancePerformance') : undefined;
  const plan: ShapleyPlan =
    shapley?.method === 'sampled'
      ? { method: 'sampled', pairs: shapley.pairs, random: createRandom(shapley.seed), confidenceLevel: shapley.confidenceLevel }
      : { method: 'exact' };
  const point = importanceMetrics(input.correlation, p, [metric], plan);
  const raw = point.values[metric]!;
  const shares = normalizedShares(raw);
  const means = input.predictors.map((_, j) => input.means![j]!);
  const performance = input.predictors.map((d, j) => ((means[j]! - scales[d]!.min) / (scales[d]!.max - scales[d]!.min)) * 100);
  const importanceCut = resolveCut(options.importanceCut, shares, 'options.importanceCut', { min: 0, max: 1 });
  const performanceCut = resolveCut(options.performanceCut, performance, 'options.performanceCut', { min: 0, max: 100 });
  const quadrants = input.predictors.map((_, j): Quadrant => {
    const important = shares[j]! >= importanceCut.value;
    const performing = performance[j]! >= performanceCut.value;
    if (important) return performing ? 'keep up the good work' : 'concentrate here';
    return performing ? 'possible overkill' : 'low priority';
  });
  const order = input.predictors
    .map((_, j) => j)
    .sort((a, b) => QUADRANT_ORDER.indexOf(quadrants[a]!) - QUADRANT_ORDER.indexOf(quadrants[b]!) || shares[b]! - shares[a]! || a - b);
  const priority = new Array<number>(p).fill(0);
  order.forEach((j, position) => {
    priority[j] = position + 1;
  });
  return {
    method: 'importance-performance',
    metric,
    outcome: input.outcome,
    n: input.n,
    weightSum: input.weightSum,
    weighted: input.weighted,
    rSquared: point.rSquared,
    drivers: input.predictors.map((driver, j) => ({
      driver,
      importance: shares[j]!,
      rawImportance: raw[j]!,
      mean: means[j]!,
      performance: performance[j]!,
      quadrant: quadrants[j]!,
      priority: priority[j]!,
    })),
    priorityOrder: order.map((j) => input.predictors[j]!),
    cuts: {
      importance: importanceCut.value,
      performance: performanceCut.value,
      importanceRule: importanceCut.rule,
      performanceRule: performanceCut.rule,
    },
    options: { weights: options.weights ?? null, scale: scales },
    missing: input.missing,
  };
}
