import { InputError, InsufficientDataError, LoyaltyError } from '../errors.js';
import { tQuantile, tTwoSidedP } from '../internal/distributions.js';
import { checkBootstrap, checkOptions, optionKeys } from '../internal/options.js';
import { frequencyWeights } from '../internal/compressRows.js';
import { createRandom } from '../internal/random.js';
import { type ColumnSample, checkConfidenceLevel, readColumns } from '../internal/validate.js';
import type { RegressionSample } from '../regression/design.js';
import { fitRows } from '../regression/fitRows.js';
import type { BootstrapOptions, BootstrapSummary, EstimateFields, MissingPolicy, MissingReport, Row, Warning } from '../types.js';
import type { BootstrapInterval } from './bootstrapImportance.js';

/**
 * The Kano-type class of a driver (Kano et al. 1984; Matzler & Sauerwein 2002): `'basic'` (a
 * dissatisfier: failing hurts more than excelling helps), `'performance'` (symmetric),
 * `'excitement'` (a delighter: excelling helps more than failing hurts), or `'unclassified'`
 * (neither the penalty nor the reward differs from zero).
 */
export type KanoClass = 'basic' | 'performance' | 'excitement' | 'unclassified';

/** A cut per driver: one number for all drivers, or one per driver by name. */
export type DriverCut = number | Readonly<Record<string, number>>;

/** Options of {@link penaltyReward}. */
export interface PenaltyRewardOptions {
  /** The outcome column (overall satisfaction, recommendation...). */
  readonly outcome: string;
  /** The driver (attribute performance) columns, at least one. */
  readonly drivers: readonly string[];
  /** A case is in a driver's low group when its score is at or below this. Default: the driver's lowest observed score (bottom box). */
  readonly low?: DriverCut;
  /** A case is in a driver's high group when its score is at or above this. Default: the driver's highest observed score (top box). */
  readonly high?: DriverCut;
  /** Column of sampling weights: weighted least squares as R `lm(weights = )`. */
  readonly weights?: string;
  /** Confidence level of the t and bootstrap intervals and of the classification. Default 0.95. */
  readonly confidenceLevel?: number;
  /** Percentile bootstrap of penalty, reward and asymmetry (row resampling, seeded). Default `false`. */
  readonly bootstrap?: BootstrapOptions;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** A regression coefficient with its t interval. */
export interface ContrastEstimate extends EstimateFields {
  readonly tStatistic: number;
  readonly pValue: number;
  readonly intervalMethod: 't';
}

/** One dummy group of a driver. */
export interface ContrastGroup {
  /** `'at-most'` (low group: score <= cut) or `'at-least'` (high group: score >= cut). */
  readonly rule: 'at-most' | 'at-least';
  readonly cut: number;
  /** Cases in the group. */
  readonly n: number;
  /** Share of the cases used (weighted when weighted). */
  readonly share: number;
}

/** One driver of {@link penaltyReward}. */
export interface PenaltyRewardDriver {
  readonly driver: string;
  readonly low: ContrastGroup;
  readonly high: ContrastGroup;
  /** Coefficient of the low dummy: the outcome of the low group minus the middle group, others held fixed. Negative when failing hurts. */
  readonly penalty: ContrastEstimate;
  /** Coefficient of the high dummy: the outcome of the high group minus the middle group. Positive when excelling helps. */
  readonly reward: ContrastEstimate;
  /** `reward + penalty` (= reward - |penalty| for a negative penalty): below 0, failing weighs more. */
  readonly asymmetry: ContrastEstimate;
  /** `|penalty| / (|penalty| + |reward|)`: 0.5 symmetric, above 0.5 the penalty dominates; `null` when both are 0. */
  readonly penaltyShare: number | null;
  readonly kanoClass: KanoClass;
}

/** Bootstrap intervals of one driver. */
export interface PenaltyRewardBootstrapDriver {
  readonly penalty: BootstrapInterval;
  readonly reward: BootstrapInterval;
  readonly asymmetry: BootstrapInterval;
}

/** The bootstrap of {@link penaltyReward}. */
export interface PenaltyRewardBootstrap extends BootstrapSummary {
  readonly drivers: Readonly<Record<string, PenaltyRewardBootstrapDriver>>;
}

/** Result of {@link penaltyReward}. */
export interface PenaltyRewardResult {
  readonly method: 'penalty-reward';
  readonly outcome: string;
  readonly n: number;
  readonly weighted: boolean;
  /** The regression's intercept: the predicted outcome of a case in every driver's middle group. */
  readonly intercept: ContrastEstimate;
  readonly rSquared: number;
  readonly dfResidual: number;
  readonly drivers: readonly PenaltyRewardDriver[];
  /** The classification rule in words. */
  readonly classRule: string;
  readonly bootstrap: PenaltyRewardBootstrap | null;
  readonly options: {
    readonly weights: string | null;
    readonly confidenceLevel: number;
    readonly low: Readonly<Record<string, number>>;
    readonly high: Readonly<Record<string, number>>;
  };
  readonly missing: MissingReport;
  readonly warnings: readonly Warning[];
}

const KEYS = optionKeys<PenaltyRewardOptions>({
  outcome: true,
  drivers: true,
  low: true,
  high: true,
  weights: true,
  confidenceLevel: true,
  bootstrap: true,
  missing: true,
  missingCodes: true,
});

const CLASS_RULE =
  'asymmetry = reward + penalty tested by t on the regression covariance: significantly below 0 is basic, significantly above 0 is excitement; otherwise performance when the penalty or the reward differs from 0, unclassified when neither does';

function readCut(value: DriverCut | undefined, drivers: readonly string[], argument: string, fallback: (j: number) => number): number[] {
  if (value === undefined) return drivers.map((_, j) => fallback(j));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError('INVALID_OPTION', `${argument}: expected a finite number`, { argument, value });
    return drivers.map(() => value);
  }
  if (value === null || typeof value !== 'object') {
    throw new InputError('INVALID_OPTION', `${argument}: expected a number or one number per driver`, {
      argument,
      expected: 'a number or a record',
    });
  }
  for (const key of Object.keys(value)) {
    if (!drivers.includes(key)) {
      throw new InputError('INVALID_OPTION', `${argument}.${key}: not one of the drivers (${drivers.join(', ')})`, {
        argument: `${argument}.${key}`,
        expected: drivers.join(' | '),
      });
    }
  }
  return drivers.map((d, j) => {
    const v = (value as Record<string, number>)[d];
    if (v === undefined) return fallback(j);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError('INVALID_OPTION', `${argument}.${d}: expected a finite number`, { argument: `${argument}.${d}`, column: d });
    }
    return v;
  });
}

function contrast(estimate: number, variance: number, df: number, q: number, level: number): ContrastEstimate {
  const standardError = Math.sqrt(Math.max(variance, 0));
  const tStatistic = estimate / standardError;
  return {
    estimate,
    standardError,
    tStatistic,
    pValue: tTwoSidedP(tStatistic, df),
    confidenceInterval: [estimate - q * standardError, estimate + q * standardError],
    confidenceLevel: level,
    intervalMethod: 't',
  };
}

function classify(penalty: ContrastEstimate, reward: ContrastEstimate, asymmetry: ContrastEstimate, alpha: number): KanoClass {
  if (asymmetry.pValue < alpha) return asymmetry.estimate < 0 ? 'basic' : 'excitement';
  return penalty.pValue < alpha || reward.pValue < alpha ? 'performance' : 'unclassified';
}

/** R type-7 quantile of sorted values. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function percentile(values: Float64Array, estimate: number, level: number): BootstrapInterval {
  const sorted = Float64Array.from(values).sort();
  let m = 0;
  for (const v of values) m += v;
  m /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  const alpha = 1 - level;
  return {
    estimate,
    standardError: Math.sqrt(ss / (values.length - 1)),
    confidenceInterval: [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)],
    confidenceLevel: level,
    intervalMethod: 'percentile',
  };
}

/**
 * Penalty-reward contrast analysis (Brandt 1987, "A procedure for identifying value-enhancing
 * service components using customer satisfaction survey data"; Matzler & Sauerwein 2002, "The
 * factor structure of customer satisfaction", International Journal of Service Industry
 * Management 13): which drivers hurt more when they fail than they help when they excel.
 *
 * **Method.** Each driver is coded into two dummies: low (score at or below `low`, the bottom box
 * by default) and high (at or above `high`, the top box by default); the middle group is the
 * reference. The outcome is regressed on all 2p dummies at once by least squares (the Householder
 * QR fit of {@link ols}; weighted as R `lm(weights = )`). The **penalty** is the coefficient of
 * the low dummy as estimated (negative when a low score lowers the outcome), the **reward** the
 * coefficient of the high dummy; both with t intervals on the residual degrees of freedom. The
 * **asymmetry** is `reward + penalty` (reward minus |penalty| for a negative penalty), its
 * standard error from the covariance of the two coefficients.
 *
 * **Kano class** at the confidence level: asymmetry significantly below 0 is `'basic'` (must-be),
 * significantly above 0 `'excitement'` (delighter); otherwise `'performance'` when the penalty or
 * the reward differs from 0, `'unclassified'` when neither does.
 *
 * **Bootstrap** (optional): n cases redrawn with replacement (seeded xoshiro128**), the
 * regression refitted, percentile intervals (R type-7 quantiles) of penalty, reward and asymmetry;
 * a resample that leaves a group empty is redrawn and counted.
 *
 * @param rows - Rows keyed by column name.
 * @param options - `outcome`, `drivers`, `low`, `high` (a number, or one per driver), `weights`,
 *   `confidenceLevel`, `bootstrap`, `missing`, `missingCodes`.
 * @returns Per driver: its groups, penalty, reward, asymmetry, penalty share and Kano class.
 * @throws InputError `INVALID_OPTION` (no drivers, `low` not below `high`...), `COLUMN_NOT_FOUND`,
 *   `NOT_NUMERIC`; InsufficientDataError `TOO_FEW_CASES`, `ZERO_VARIANCE` (an empty or complete
 *   group: its dummy is constant); NumericalError `RANK_DEFICIENT` (dummies that are collinear).
 *
 * @example
 * ```ts
 * import { penaltyReward } from 'loyalty-drivers';
 * const rows = [
 *   { y: 1, a: 1, b: 3 }, { y: 2, a: 1, b: 5 }, { y: 6, a: 3, b: 1 }, { y: 7, a: 3, b: 3 },
 *   { y: 8, a: 5, b: 5 }, { y: 7, a: 5, b: 1 }, { y: 5, a: 3, b: 3 }, { y: 6, a: 3, b: 5 },
 *   { y: 1, a: 1, b: 3 }, { y: 7, a: 5, b: 3 }, { y: 6, a: 3, b: 1 }, { y: 7, a: 5, b: 3 },
 * ];
 * // a and b on 1-5: low = 1 (bottom box), high = 5 (top box), the middle group is the reference
 * const pr = penaltyReward(rows, { outcome: 'y', drivers: ['a', 'b'] });
 * pr.drivers[0].penalty.estimate; // => -4.71794... (R: lm(y ~ aLow + aHigh + bLow + bHigh), -4.71795)
 * pr.drivers[0].reward.estimate; // => 1.23076... (R lm: 1.23077)
 * pr.drivers[0].asymmetry.estimate; // => -3.48717... (1.23077 - 4.71795)
 * pr.drivers.map((d) => d.kanoClass); // => ['basic', 'unclassified'] (b: neither p below 0.05)
 * ```
 */
export function penaltyReward(rows: readonly Row[], options: PenaltyRewardOptions): PenaltyRewardResult {
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected { outcome, drivers }', {
      argument: 'options',
      expected: '{ outcome, drivers }',
    });
  }
  checkOptions(options, KEYS);
  const { outcome, drivers } = options;
  if (typeof outcome !== 'string' || outcome.length === 0) {
    throw new InputError('INVALID_OPTION', 'options.outcome: expected a column name', {
      argument: 'options.outcome',
      expected: 'a column name',
    });
  }
  if (!Array.isArray(drivers) || drivers.length === 0 || drivers.some((d) => typeof d !== 'string' || d.length === 0)) {
    throw new InputError('INVALID_OPTION', 'options.drivers: expected a non-empty array of column names', {
      argument: 'options.drivers',
      expected: 'a non-empty array of column names',
    });
  }
  if (new Set(drivers).size !== drivers.length || drivers.includes(outcome)) {
    throw new InputError('INVALID_OPTION', 'options.drivers: expected distinct columns other than the outcome', {
      argument: 'options.drivers',
      expected: 'distinct driver columns',
    });
  }
  if (options.weights !== undefined && (typeof options.weights !== 'string' || options.weights.length === 0)) {
    throw new InputError('INVALID_OPTION', 'options.weights: expected the name of a weights column', { argument: 'options.weights' });
  }
  const level = checkConfidenceLevel(options.confidenceLevel);
  const plan = checkBootstrap(options.bootstrap, 'options.bootstrap', level);
  const sample = readColumns(
    rows,
    [outcome, ...drivers].map((column) => ({ column })),
    {
      weights: options.weights,
      missing: options.missing,
      missingCodes: options.missingCodes,
    },
  );
  return penaltyRewardFromSample(sample, undefined, options, level, plan);
}

/**
 * {@link penaltyReward} on a read sample (outcome first, then the drivers). With `counts`, each
 * sample row is a distinct case standing for `counts[i]` respondents (the streaming path's
 * patterns): the groups' sizes and shares, n and the fit count them (frequency weights, the
 * residual df from the respondents), so the result is the respondents' own; no bootstrap then.
 * @internal
 */
export function penaltyRewardFromSample(
  sample: ColumnSample,
  counts: Float64Array | undefined,
  options: PenaltyRewardOptions,
  level: number,
  plan: ReturnType<typeof checkBootstrap>,
): PenaltyRewardResult {
  const { outcome, drivers } = options;
  if (counts && plan) throw new InputError('INVALID_OPTION', 'options.bootstrap: not on counted cases', { argument: 'options.bootstrap' });
  const [y, ...x] = sample.columns as Float64Array[];
  const m = y!.length;
  const w = sample.weights;
  const p = drivers.length;
  const lows = readCut(options.low, drivers, 'options.low', (j) => x[j]!.reduce((a, b) => Math.min(a, b), Infinity));
  const highs = readCut(options.high, drivers, 'options.high', (j) => x[j]!.reduce((a, b) => Math.max(a, b), -Infinity));
  drivers.forEach((d, j) => {
    if (!(lows[j]! < highs[j]!)) {
      throw new InputError('INVALID_OPTION', `options.low/high of "${d}": the low cut ${lows[j]} must be below the high cut ${highs[j]}`, {
        argument: 'options.low',
        column: d,
        expected: 'low < high',
      });
    }
  });
  const dummies: Float64Array[] = [];
  const names: string[] = [];
  const groups: ContrastGroup[][] = [];
  let n = 0;
  let weightSum = 0;
  const times = (i: number) => (counts ? counts[i]! : 1);
  for (let i = 0; i < m; i++) {
    if (!w || w[i]! > 0) n += times(i);
    weightSum += (w ? w[i]! : 1) * times(i);
  }
  drivers.forEach((d, j) => {
    const lo = new Float64Array(m);
    const hi = new Float64Array(m);
    const count = [0, 0];
    const mass = [0, 0];
    for (let i = 0; i < m; i++) {
      const v = x[j]![i]!;
      const wi = w ? w[i]! : 1;
      if (v <= lows[j]!) {
        lo[i] = 1;
        if (wi > 0) count[0]! += times(i);
        mass[0]! += wi * times(i);
      } else if (v >= highs[j]!) {
        hi[i] = 1;
        if (wi > 0) count[1]! += times(i);
        mass[1]! += wi * times(i);
      }
    }
    (['low', 'high'] as const).forEach((g, k) => {
      if (count[k] === 0 || count[k] === n) {
        throw new InsufficientDataError(
          'ZERO_VARIANCE',
          `driver "${d}": its ${g} group (score ${g === 'low' ? `<= ${lows[j]}` : `>= ${highs[j]}`}) has ${count[k]} of the ${n} cases; set options.${g} so that both groups and the middle have cases`,
          { argument: `options.${g}`, column: d, value: count[k]!, expected: 'a group with some but not all cases' },
        );
      }
    });
    if (count[0]! + count[1]! === n) {
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `driver "${d}": no case lies between the low cut ${lows[j]} and the high cut ${highs[j]}, so there is no middle group to contrast with`,
        { argument: 'options.low', column: d, expected: 'cases in the middle group' },
      );
    }
    dummies.push(lo, hi);
    names.push(`${d}:low`, `${d}:high`);
    groups.push([
      { rule: 'at-most', cut: lows[j]!, n: count[0]!, share: mass[0]! / weightSum },
      { rule: 'at-least', cut: highs[j]!, n: count[1]!, share: mass[1]! / weightSum },
    ]);
  });
  const k = 2 * p + 1;
  if (n <= k) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `${n} complete cases for ${k} coefficients (intercept and two dummies per driver): need at least ${k + 1}`,
      {
        argument: 'rows',
        value: n,
        expected: `at least ${k + 1} complete cases`,
      },
    );
  }
  const regression = (weights: Float64Array | undefined): RegressionSample => ({
    outcome,
    predictors: names,
    y: y!,
    x: dummies,
    weights,
    index: sample.index,
    n,
    weightSum,
    missing: sample.missing,
  });
  // Counted cases: frequency weights (times the case weight); n above is the respondents'.
  const fit = fitRows(regression(counts ? frequencyWeights(w, counts) : w), 1e-7, false);
  const df = fit.dfResidual;
  const q = tQuantile(1 - (1 - level) / 2, df);
  const V = fit.covariance;
  const b = fit.estimates;
  const alpha = 1 - level;
  const results: PenaltyRewardDriver[] = drivers.map((driver, j) => {
    const l = 1 + 2 * j;
    const h = l + 1;
    const penalty = contrast(b[l]!, V[l]![l]!, df, q, level);
    const reward = contrast(b[h]!, V[h]![h]!, df, q, level);
    const asymmetry = contrast(b[h]! + b[l]!, V[h]![h]! + V[l]![l]! + 2 * V[h]![l]!, df, q, level);
    const total = Math.abs(b[l]!) + Math.abs(b[h]!);
    return {
      driver,
      low: groups[j]![0]!,
      high: groups[j]![1]!,
      penalty,
      reward,
      asymmetry,
      penaltyShare: total > 0 ? Math.abs(b[l]!) / total : null,
      kanoClass: classify(penalty, reward, asymmetry, alpha),
    };
  });
  const totalSquares = fit.residualSumOfSquares + fit.modelSumOfSquares;
  const warnings: Warning[] = [];
  results.forEach((r) => {
    if (r.penalty.estimate > 0 || r.reward.estimate < 0) {
      warnings.push({
        code: 'REVERSED_CONTRAST',
        message: `driver "${r.driver}": ${r.penalty.estimate > 0 ? 'the low group scores above the middle' : 'the high group scores below the middle'} once the other drivers are held fixed; read its class with care`,
      });
    }
  });
  return {
    method: 'penalty-reward',
    outcome,
    n,
    weighted: w !== undefined,
    intercept: contrast(b[0]!, V[0]![0]!, df, q, level),
    rSquared: fit.modelSumOfSquares / totalSquares,
    dfResidual: df,
    drivers: results,
    classRule: CLASS_RULE,
    bootstrap: plan === null ? null : bootstrapContrasts(regression, dummies.length, m, w, plan, b, drivers),
    options: {
      weights: options.weights ?? null,
      confidenceLevel: level,
      low: Object.fromEntries(drivers.map((d, j) => [d, lows[j]!])),
      high: Object.fromEntries(drivers.map((d, j) => [d, highs[j]!])),
    },
    missing: sample.missing,
    warnings,
  };
}

function bootstrapContrasts(
  regression: (weights: Float64Array | undefined) => RegressionSample,
  columns: number,
  m: number,
  base: Float64Array | undefined,
  plan: NonNullable<ReturnType<typeof checkBootstrap>>,
  point: readonly number[],
  drivers: readonly string[],
): PenaltyRewardBootstrap {
  const B = plan.replicates;
  const random = createRandom(plan.seed);
  const draws = new Float64Array(B * columns);
  const weights = new Float64Array(m);
  const counts = new Int32Array(m);
  const maxRedraws = Math.max(10, Math.ceil(B / 10));
  const step = Math.max(1, Math.floor(B / 100));
  let redrawn = 0;
  for (let r = 0; r < B; ) {
    counts.fill(0);
    for (let t = 0; t < m; t++) counts[random.integer(m)]!++;
    for (let i = 0; i < m; i++) weights[i] = counts[i]! * (base ? base[i]! : 1);
    let estimates: number[];
    try {
      estimates = fitRows(regression(weights), 1e-7, false).estimates;
    } catch (e) {
      if (!(e instanceof LoyaltyError)) throw e;
      redrawn++;
      if (redrawn > maxRedraws) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `bootstrap: ${redrawn} resamples left a low or high group empty (${e.message}); the groups are too small for a bootstrap`,
          { argument: 'options.bootstrap', value: redrawn, expected: 'larger low and high groups' },
        );
      }
      continue;
    }
    for (let c = 0; c < columns; c++) draws[r * columns + c] = estimates[c + 1]!;
    r++;
    if (plan.onProgress !== undefined && (r % step === 0 || r === B)) plan.onProgress(r, B);
  }
  const out: Record<string, PenaltyRewardBootstrapDriver> = {};
  drivers.forEach((d, j) => {
    const pen = new Float64Array(B);
    const rew = new Float64Array(B);
    const asy = new Float64Array(B);
    for (let r = 0; r < B; r++) {
      pen[r] = draws[r * columns + 2 * j]!;
      rew[r] = draws[r * columns + 2 * j + 1]!;
      asy[r] = pen[r]! + rew[r]!;
    }
    const l = point[1 + 2 * j]!;
    const h = point[2 + 2 * j]!;
    out[d] = {
      penalty: percentile(pen, l, plan.confidenceLevel),
      reward: percentile(rew, h, plan.confidenceLevel),
      asymmetry: percentile(asy, l + h, plan.confidenceLevel),
    };
  });
  return {
    method: 'row-resampling',
    replicates: B,
    seed: plan.seed,
    confidenceLevel: plan.confidenceLevel,
    intervalMethod: 'percentile',
    redrawn,
    drivers: out,
  };
}
