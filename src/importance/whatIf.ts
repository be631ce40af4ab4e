import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { ols } from '../regression/ols.js';
import type { OlsResult, RobustType } from '../regression/types.js';
import { checkConfidenceLevel, checkNumberOption, checkOption, requireRows } from '../internal/validate.js';
import type { EstimateFields, Interval, MissingPolicy, MissingReport, Row, Warning } from '../types.js';
import { whatIfBinomial } from './whatIfBinomial.js';
import type { WhatIfBinomialResult, WhatIfOrdinalResult } from './whatIfFamilies.js';
import { whatIfOrdinal } from './whatIfOrdinal.js';

/** The outcome model of {@link whatIf}. */
export type WhatIfFamily = 'gaussian' | 'binomial' | 'ordinal';

/** How the NPS part of {@link whatIf} reads and cuts the recommend scores. */
export interface WhatIfNpsOptions {
  /** Lowest (shifted) score counted as a promoter (default 9). */
  readonly promoterMin?: number;
  /** Highest (shifted) score counted as a detractor (default 6). */
  readonly detractorMax?: number;
  /** The recommend scale the shifted scores are clamped to (default 0 to 10). */
  readonly min?: number;
  readonly max?: number;
  /**
   * How a shifted, no longer whole score is categorised (the clamped score is used in every case):
   * - `'none'`: thresholds on the continuous value, promoter `>= promoterMin`, detractor
   *   `<= detractorMax` (the literal reading of domain.md section 5). Note the asymmetry this implies
   *   with the usual 9 / 6 cuts: any upward shift, however small, lifts every 6 out of the
   *   detractors, while an 8 needs a full point to become a promoter, so the predicted NPS is a
   *   step function of the shift that exaggerates small effects.
   * - `'nearest'`: round to the nearest whole score (halves up) first.
   * - `'interpolate'` (default): split the respondent between the two neighbouring whole scores in
   *   proportion to the fractional part (8.3 counts 0.7 as an 8 and 0.3 as a 9): the expected NPS
   *   if shifts were realised as whole-point moves with that probability; smooth in the shift.
   */
  readonly rounding?: 'none' | 'nearest' | 'interpolate';
}

/** Options of {@link whatIf}. */
export interface WhatIfOptions {
  /** The outcome column; for the NPS part, the 0-10 likelihood-to-recommend item. */
  readonly outcome: string;
  /** All drivers of the model (the coefficient of `driver` is adjusted for the others). */
  readonly predictors: readonly string[];
  /** The driver that changes; one of `predictors`. */
  readonly driver: string;
  /** The change in the driver, in its own units (e.g. 0.5 scale points); may be negative. */
  readonly delta: number;
  /**
   * The outcome model: `'gaussian'` (default; OLS and the NPS recount below), `'binomial'` (a
   * 0/1 outcome: logistic fit, average change in predicted probability) or `'ordinal'` (the
   * recommend score as ordered categories: proportional-odds logit fit, predicted NPS from the
   * category probabilities).
   */
  readonly family?: WhatIfFamily;
  /** Column of sampling weights (>= 0): WLS fit and weighted NPS. */
  readonly weights?: string;
  /**
   * Robust standard errors for the coefficient interval (`'HC0'`-`'HC3'`, `'HC4'`, `'HC4m'`,
   * `'HC5'`; `true` = HC3). Default classical. Gaussian family only.
   */
  readonly robust?: RobustType | boolean;
  /** Confidence level of the intervals, in (0, 1). Default 0.95. */
  readonly confidenceLevel?: number;
  /**
   * Predicted NPS by shifting each respondent's score (default true); `false` when the outcome is
   * not a 0-10 recommend item. With `family: 'ordinal'` only `promoterMin` and `detractorMax`
   * apply; with `'binomial'` there is no NPS part (leave it out or `false`).
   */
  readonly nps?: boolean | WhatIfNpsOptions;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** NPS with its category shares (weighted when weights are given). */
export interface NpsSnapshot {
  /** NPS in points. */
  readonly estimate: number;
  readonly promoterShare: number;
  readonly passiveShare: number;
  readonly detractorShare: number;
}

/** Result of {@link whatIf}. */
export interface WhatIfResult {
  readonly method: 'what-if';
  readonly outcome: string;
  readonly predictors: readonly string[];
  readonly driver: string;
  readonly delta: number;
  readonly n: number;
  readonly weightSum: number;
  readonly weighted: boolean;
  readonly confidenceLevel: number;
  /** The driver's OLS coefficient (adjusted for the other predictors), from {@link ols}. */
  readonly coefficient: EstimateFields & { readonly intervalMethod: 't'; readonly standardErrorType: 'classical' | RobustType };
  /**
   * Predicted change in the outcome, `coefficient * delta`, with the coefficient's standard error
   * and t interval times `|delta|`.
   */
  readonly outcomeChange: EstimateFields & { readonly intervalMethod: 't' };
  /** (Weighted) mean outcome in the cases used, and that mean plus the predicted change. */
  readonly outcomeMean: { readonly baseline: number; readonly predicted: number };
  /**
   * NPS of the cases used as observed and after shifting each respondent's score by
   * `coefficient * delta` (clamped to the scale); `predicted.confidenceInterval` repeats the recount
   * at the ends of the coefficient's interval. `null` with `nps: false`.
   */
  readonly nps: {
    readonly baseline: NpsSnapshot;
    /**
     * The predicted NPS, with `confidenceInterval`: the NPS recounted at the two ends of the
     * coefficient's t interval (`intervalMethod: 't'`; no standard error, the NPS is recounted,
     * not modelled).
     */
    readonly predicted: NpsSnapshot & {
      readonly confidenceInterval: Interval;
      readonly confidenceLevel: number;
      readonly intervalMethod: 't';
    };
    /** `predicted.estimate - baseline.estimate`, in NPS points. */
    readonly change: number;
    readonly promoterMin: number;
    readonly detractorMax: number;
    readonly rounding: 'none' | 'nearest' | 'interpolate';
    readonly scale: { readonly min: number; readonly max: number };
  } | null;
  readonly options: { readonly weights: string | null };
  readonly missing: MissingReport;
  /** Empty so far. */
  readonly warnings: readonly Warning[];
}

interface Cuts {
  readonly promoterMin: number;
  readonly detractorMax: number;
  readonly min: number;
  readonly max: number;
  readonly rounding: 'none' | 'nearest' | 'interpolate';
}

/** Promoter (+1), detractor (-1) or passive (0) for a score on the continuous scale. */
function category(x: number, c: Cuts): number {
  return x >= c.promoterMin ? 1 : x <= c.detractorMax ? -1 : 0;
}

function snapshot(scores: Float64Array, weights: Float64Array, shift: number, c: Cuts): NpsSnapshot {
  let total = 0;
  let promoters = 0;
  let detractors = 0;
  const credit = (k: number, w: number): void => {
    if (k > 0) promoters += w;
    else if (k < 0) detractors += w;
  };
  for (let i = 0; i < scores.length; i++) {
    const x = Math.min(c.max, Math.max(c.min, scores[i]! + shift));
    const w = weights[i]!;
    total += w;
    if (c.rounding === 'none') credit(category(x, c), w);
    else if (c.rounding === 'nearest') credit(category(Math.min(c.max, Math.floor(x + 0.5)), c), w);
    else {
      const low = Math.floor(x);
      const f = x - low;
      credit(category(low, c), w * (1 - f));
      if (f > 0) credit(category(Math.min(c.max, low + 1), c), w * f);
    }
  }
  const pP = promoters / total;
  const pD = detractors / total;
  return { estimate: 100 * (pP - pD), promoterShare: pP, passiveShare: 1 - pP - pD, detractorShare: pD };
}

/** The keys of {@link WhatIfOptions}. */
const KEYS = optionKeys<WhatIfOptions>({
  outcome: true,
  predictors: true,
  driver: true,
  delta: true,
  family: true,
  weights: true,
  robust: true,
  confidenceLevel: true,
  nps: true,
  missing: true,
  missingCodes: true,
});
const NPS_KEYS = optionKeys<WhatIfNpsOptions>({ promoterMin: true, detractorMax: true, min: true, max: true, rounding: true });

/**
 * What-if simulation: the predicted effect of raising one driver by `delta` on the outcome and on
 * the Net Promoter Score (domain model section 5).
 *
 * Method: OLS of the outcome on all the drivers ({@link ols}: Householder QR, weighted least
 * squares with sampling weights, optional HC standard errors). The outcome changes by
 * `b * delta`, with interval `[b_lower, b_upper] * delta` (the coefficient's t interval). For NPS
 * each respondent's observed score is shifted by `b * delta`, clamped to the scale (0-10), and
 * the categories are recounted. Shifted scores are no longer whole numbers. The default,
 * `nps.rounding: 'interpolate'`, splits each respondent between the two neighbouring whole scores
 * in proportion to the fractional part (a smooth expected NPS). The literal threshold rule
 * (`'none'`: promoter when the shifted value is `>= promoterMin`, detractor when `<= detractorMax`)
 * is available but is not the default: any upward shift, however small, lifts every 6 out of the
 * detractors while an 8 needs a whole point, so on the example survey a 0.2-point shift moved NPS
 * from -17.2 to +1.6. `'nearest'` rounds first (small shifts then change nothing).
 * The NPS interval recounts at the two ends of the coefficient's interval (NPS is monotone in the
 * shift); it reflects the uncertainty of the coefficient, not the sampling error of the NPS
 * itself. Everything is on the complete cases of the model (listwise), weighted when weights are
 * given. This is a ceteris-paribus model prediction, not a causal estimate.
 *
 * **`family: 'binomial'`** (a 0/1 outcome such as retained): {@link logisticRegression} of the
 * outcome on the drivers; `probabilityChange` is the average change in predicted probability when
 * every case's driver rises by `delta` (the others as observed), `mean [p(x + delta e_j) - p(x)]`
 * (weighted with weights), with a delta-method standard error from the fit's covariance
 * (`vcov(glm)`) and a Wald interval. Checked against R `glm` + `predict` on the shifted data.
 *
 * **`family: 'ordinal'`** (the 0-10 recommend score as ordered categories):
 * {@link ordinalRegression} (proportional-odds logit, `MASS::polr` / `ordinal::clm`); the NPS is
 * predicted from each case's category probabilities, `100 mean [P(Y >= 9) - P(Y <= 6)]`, as
 * observed (`nps.baseline`, beside the observed NPS) and after the shift (`nps.predicted`), each
 * and their difference (`nps.change`) with a delta-method standard error from the fit's covariance
 * and a Wald interval. Checked against R `clm` + `predict(type = "prob")`. `robust` is refused with
 * both; `nps` takes only `promoterMin` and `detractorMax` with `'ordinal'`.
 *
 * @param rows - Respondents (plain objects).
 * @param options - `outcome`, `predictors`, `driver`, `delta`, `weights`, `robust`,
 *   `confidenceLevel`, `nps`, `missing`, `missingCodes`.
 * @returns The coefficient, the outcome change with its interval, baseline and predicted NPS
 *   ({@link WhatIfResult}); {@link WhatIfBinomialResult} or {@link WhatIfOrdinalResult} for the
 *   other families.
 * @throws InputError `INVALID_OPTION` (driver not among the predictors, bad delta),
 *   `OUT_OF_RANGE` (a recommend score outside 0-10 or not whole, for the NPS part), and
 *   everything {@link ols} throws.
 *
 * @example
 * ```ts
 * import { whatIf } from 'loyalty-drivers';
 * const rows = [
 *   { recommend: 9, satisfaction: 6, trust: 5 }, { recommend: 7, satisfaction: 5, trust: 4 },
 *   { recommend: 4, satisfaction: 3, trust: 3 }, { recommend: 8, satisfaction: 6, trust: 5 },
 *   { recommend: 6, satisfaction: 4, trust: 5 }, { recommend: 3, satisfaction: 2, trust: 2 },
 * ];
 * const w = whatIf(rows, { outcome: 'recommend', predictors: ['satisfaction', 'trust'], driver: 'satisfaction', delta: 0.5 });
 * w.coefficient.estimate; // => 1.25974025974026 (= 97 / 77: satisfaction, adjusted for trust)
 * w.outcomeChange.estimate; // => 0.62987012987013 (b * delta)
 * // scores 9, 7, 4, 8, 6, 3 move up s = 0.63; 8.63 counts 0.63 as a promoter, 6.63 counts 0.37 as a detractor:
 * w.nps?.baseline.estimate; // => -33.333333333333336 (1 promoter, 2 passives, 3 detractors)
 * w.nps?.predicted.estimate; // => -12.33766... (100 * ((1 + s) - (2 + 1 - s)) / 6)
 * ```
 */
export function whatIf(rows: readonly Row[], options: WhatIfOptions & { readonly family: 'binomial' }): WhatIfBinomialResult;
export function whatIf(rows: readonly Row[], options: WhatIfOptions & { readonly family: 'ordinal' }): WhatIfOrdinalResult;
export function whatIf(rows: readonly Row[], options: WhatIfOptions & { readonly family?: 'gaussian' }): WhatIfResult;
export function whatIf(rows: readonly Row[], options: WhatIfOptions): WhatIfResult | WhatIfBinomialResult | WhatIfOrdinalResult;
export function whatIf(rows: readonly Row[], options: WhatIfOptions): WhatIfResult | WhatIfBinomialResult | WhatIfOrdinalResult {
  requireRows(rows);
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected { outcome, predictors, driver, delta }', {
      argument: 'options',
      expected: 'an object',
    });
  }
  checkOptions(options, KEYS);
  if (options.nps !== undefined && options.nps !== false && options.nps !== null && typeof options.nps === 'object')
    checkOptions(options.nps, NPS_KEYS, 'options.nps');
  if (!Array.isArray(options.predictors) || !options.predictors.includes(options.driver)) {
    throw new InputError(
      'INVALID_OPTION',
      `options.driver: expected one of the predictors (${Array.isArray(options.predictors) ? options.predictors.join(', ') : 'none given'}), got ${JSON.stringify(options.driver ?? null)}`,
      {
        argument: 'options.driver',
        expected: 'one of options.predictors',
      },
    );
  }
  const delta = checkNumberOption('options.delta', options.delta);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  const family = checkOption('options.family', options.family ?? 'gaussian', ['gaussian', 'binomial', 'ordinal'] as const);
  if (family !== 'gaussian') return otherFamily(rows, options, family, delta, confidenceLevel);
  const fit = ols(rows, {
    outcome: options.outcome,
    predictors: options.predictors,
    weights: options.weights,
    robust: options.robust,
    confidenceLevel,
    missing: options.missing,
    missingCodes: options.missingCodes,
    residuals: true,
  });
  const index = fit.rowIndex!;
  const m = index.length;
  const scores = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    const row = rows[index[t]!]!;
    scores[t] = row[options.outcome] as number;
    weights[t] = options.weights === undefined ? 1 : (row[options.weights] as number);
  }
  return whatIfFromFit(fit, scores, weights, index, options, delta, confidenceLevel);
}

/**
 * The what-if effect from the outcome's fit and its complete cases' outcome values and weights
 * (`scores[t]`, `weights[t]`, first row `rows[t]`); the streaming path passes one entry per
 * distinct outcome value with the total weight of its cases. @internal
 */
export function whatIfFromFit(
  fit: OlsResult,
  scores: Float64Array,
  weights: Float64Array,
  rows: ArrayLike<number>,
  options: WhatIfOptions,
  delta: number,
  confidenceLevel: number,
): WhatIfResult {
  const c = fit.coefficients.find((k) => k.term === options.driver)!;
  const b = c.estimate;
  const ends = [c.confidenceInterval[0] * delta, c.confidenceInterval[1] * delta].sort((x, y) => x - y) as [number, number];
  const m = scores.length;
  let wSum = 0;
  let wyy = 0;
  for (let t = 0; t < m; t++) {
    wSum += weights[t]!;
    wyy += weights[t]! * scores[t]!;
  }
  const baselineMean = wyy / wSum;
  let npsPart: WhatIfResult['nps'] = null;
  if (options.nps !== false) {
    const o: WhatIfNpsOptions = options.nps === undefined || options.nps === true ? {} : options.nps;
    const min = o.min === undefined ? 0 : checkNumberOption('options.nps.min', o.min);
    const max = o.max === undefined ? 10 : checkNumberOption('options.nps.max', o.max, { min, exclusiveMin: true });
    const promoterMin = o.promoterMin === undefined ? 9 : checkNumberOption('options.nps.promoterMin', o.promoterMin, { min, max });
    const detractorMax =
      o.detractorMax === undefined
        ? 6
        : checkNumberOption('options.nps.detractorMax', o.detractorMax, { min, max: promoterMin, exclusiveMax: true });
    for (let t = 0; t < m; t++) {
      const x = scores[t]!;
      if (x < min || x > max || !Number.isInteger(x)) {
        throw new InputError(
          'OUT_OF_RANGE',
          `column "${options.outcome}", row ${rows[t]}: ${x} is not a whole score from ${min} to ${max}; the NPS part shifts observed recommend scores (pass nps: false when the outcome is not a ${min}-${max} recommend item)`,
          {
            argument: 'rows',
            column: options.outcome,
            row: rows[t]!,
            value: x,
            expected: `an integer from ${min} to ${max}`,
          },
        );
      }
    }
    const rounding = checkOption('options.nps.rounding', o.rounding ?? 'interpolate', ['none', 'nearest', 'interpolate'] as const);
    const cuts: Cuts = { promoterMin, detractorMax, min, max, rounding };
    const baseline = snapshot(scores, weights, 0, cuts);
    const predicted = snapshot(scores, weights, b * delta, cuts);
    const low = snapshot(scores, weights, ends[0], cuts).estimate;
    const high = snapshot(scores, weights, ends[1], cuts).estimate;
    npsPart = {
      baseline,
      predicted: { ...predicted, confidenceInterval: [low, high], confidenceLevel, intervalMethod: 't' },
      change: predicted.estimate - baseline.estimate,
      promoterMin,
      detractorMax,
      rounding,
      scale: { min, max },
    };
  }
  return {
    method: 'what-if',
    outcome: options.outcome,
    predictors: [...options.predictors],
    driver: options.driver,
    delta,
    n: fit.n,
    weightSum: fit.weightSum,
    weighted: options.weights !== undefined,
    confidenceLevel,
    coefficient: {
      estimate: b,
      standardError: c.standardError,
      confidenceInterval: c.confidenceInterval,
      confidenceLevel,
      intervalMethod: 't',
      // whatIf fits listwise (its missing option is 'omit' | 'fail'), never FIML.
      standardErrorType: fit.standardErrorType as Exclude<typeof fit.standardErrorType, 'observed-information' | 'design'>,
    },
    outcomeChange: {
      estimate: b * delta,
      standardError: c.standardError * Math.abs(delta),
      confidenceInterval: ends,
      confidenceLevel,
      intervalMethod: 't',
    },
    outcomeMean: { baseline: baselineMean, predicted: baselineMean + b * delta },
    nps: npsPart,
    options: { weights: options.weights ?? null },
    missing: fit.missing,
    warnings: [],
  };
}

/** Refuses what only the linear what-if has, then runs the binomial or ordinal one. */
function otherFamily(
  rows: readonly Row[],
  options: WhatIfOptions,
  family: 'binomial' | 'ordinal',
  delta: number,
  level: number,
): WhatIfBinomialResult | WhatIfOrdinalResult {
  if (options.robust !== undefined && options.robust !== false) {
    throw new InputError('INVALID_OPTION', `options.robust: not with family "${family}" (its intervals are Wald, from the likelihood)`, {
      argument: 'options.robust',
      expected: `no robust option with family "${family}"`,
    });
  }
  if (family === 'binomial') {
    if (options.nps !== undefined && options.nps !== false) {
      throw new InputError(
        'INVALID_OPTION',
        'options.nps: not with family "binomial" (a 0/1 outcome has no NPS); use family "ordinal" on the recommend score',
        {
          argument: 'options.nps',
          expected: 'no nps option with family "binomial"',
        },
      );
    }
    return whatIfBinomial(rows, options, delta, level);
  }
  const o = options.nps;
  if (o === false || (typeof o === 'object' && o !== null && (o.min !== undefined || o.max !== undefined || o.rounding !== undefined))) {
    throw new InputError(
      'INVALID_OPTION',
      'options.nps: with family "ordinal" only promoterMin and detractorMax apply (no scores are shifted, so min, max and rounding have no role, and the NPS is the point of the ordinal what-if)',
      { argument: 'options.nps', expected: '{ promoterMin?, detractorMax? }' },
    );
  }
  const cuts: WhatIfNpsOptions = typeof o === 'object' && o !== null ? o : {};
  const promoterMin = cuts.promoterMin === undefined ? 9 : checkNumberOption('options.nps.promoterMin', cuts.promoterMin);
  const detractorMax =
    cuts.detractorMax === undefined
      ? 6
      : checkNumberOption('options.nps.detractorMax', cuts.detractorMax, { max: promoterMin, exclusiveMax: true });
  return whatIfOrdinal(rows, options, delta, level, { promoterMin, detractorMax });
}
