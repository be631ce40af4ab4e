import { InputError } from '../errors.js';
import { linearizedMean, waldInterval } from '../internal/proportion.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkConfidenceLevel, checkNumberOption, checkOption, readVector } from '../internal/validate.js';
import type { EstimateFields, Interval, MissingPolicy, MissingReport, ScaleRange, Warning } from '../types.js';
import { checkScaleKeys } from './scaleKeys.js';
import {
  checkWeightsOrDesign,
  designSummary,
  domainOf,
  readVectorDesign,
  spread,
  type DesignSummary,
  type SurveyDesign,
} from '../survey/design.js';
import { designMean } from '../survey/linearization.js';

/** Interval methods for the Net Promoter Score. */
export type NpsIntervalMethod = 'adjusted-wald' | 'wald';

/** Options of {@link nps}. */
export interface NpsOptions {
  /** Lowest score counted as a promoter (default 9). */
  readonly promoterMin?: number;
  /** Highest score counted as a detractor (default 6). */
  readonly detractorMax?: number;
  /** The answer scale (default 0-10, whole numbers). */
  readonly scale?: ScaleRange;
  /** Sampling weights, one per value. SEs are then Taylor-linearized (survey::svymean, ids = ~1). */
  readonly weights?: readonly unknown[];
  /**
   * A complex sample design (arrays aligned with `values`): weights, strata, clusters, fpc. The SE
   * is then design-based (survey::svymean on the design) and the interval Wald. Not with `weights`.
   */
  readonly design?: SurveyDesign;
  /** Interval method: `'adjusted-wald'` (default when unweighted) or `'wald'` (the only one with weights or a design). */
  readonly intervalMethod?: NpsIntervalMethod;
  /** Confidence level in (0, 1), default 0.95. */
  readonly confidenceLevel?: number;
  readonly missing?: MissingPolicy;
  /** Numbers that code a missing answer (e.g. `[-99]`). */
  readonly missingCodes?: readonly number[];
}

/**
 * Result of {@link nps}. The score (`estimate`), its SE and interval are in NPS points
 * (-100 to 100).
 */
export interface NpsResult extends EstimateFields {
  readonly method: 'nps';
  /** The Net Promoter Score, in points (-100 to 100). */
  readonly estimate: number;
  readonly n: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** Shares (weighted when weights are given), summing to 1. */
  readonly promoterShare: number;
  readonly passiveShare: number;
  readonly detractorShare: number;
  /** Standard error in NPS points. */
  readonly standardError: number;
  /** Variance of `pP - pD` in proportion units (squared SE / 100^2); compareNps adds these. */
  readonly variance: number;
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  readonly intervalMethod: NpsIntervalMethod;
  readonly weighted: boolean;
  readonly weightSum: number;
  /** The design, when `options.design` was given (else `null`); its design effect is the score's. */
  readonly design: DesignSummary | null;
  readonly missing: MissingReport;
  readonly options: { readonly promoterMin: number; readonly detractorMax: number; readonly scale: ScaleRange };
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

const NPS_KEYS = optionKeys<NpsOptions>({
  promoterMin: true,
  detractorMax: true,
  scale: true,
  weights: true,
  design: true,
  intervalMethod: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
});

const DEFAULT_SCALE: ScaleRange = { min: 0, max: 10, integer: true };

/**
 * Net Promoter Score: `100 (pP - pD)`, promoters scoring 9-10 and detractors 0-6 on "how likely
 * are you to recommend" (cut points configurable), with its standard error and interval.
 *
 * Method: the multinomial variance of the difference of two proportions,
 * `Var = (pP + pD - (pP - pD)^2) / n` (Rocks 2016, "Interval estimation for the Net Promoter
 * Score", The American Statistician 70(4)). The default interval is Rocks' **adjusted Wald**:
 * add 0.75 promoters, 1.5 passives and 0.75 detractors (n + 3) before the Wald formula; Rocks'
 * simulations show it keeps close to nominal coverage at small n where Wald undercovers. The
 * reported `estimate` and `standardError` are always the unadjusted ones. With sampling weights the
 * shares are weighted, the SE is Taylor-linearized (R `survey::svymean(~I(promoter - detractor))`
 * with `svydesign(ids = ~1, weights = ~w)`), and the interval is Wald (the pseudo-count
 * adjustment is defined for counts, not weighted data). With a `design` (strata, clusters,
 * fpc) the SE is design-based, R `svymean` on `svydesign(ids, strata, weights, fpc)` (see the
 * survey-designs guide); a missing score leaves its row in the design with no contribution.
 *
 * @param values - Scores, e.g. 0-10. Missing: `null`, `undefined`, `''`, `NaN`, `missingCodes`.
 * @param options - Cut points, scale, `weights` (an array aligned with `values`) or `design`, `intervalMethod`,
 *   confidence level, missing policy. Unknown keys are refused.
 * @returns NPS with counts, shares, SE, interval, n and the missing-value report.
 * @throws InputError `EMPTY_INPUT`, `NOT_NUMERIC`, `OUT_OF_RANGE` (a score outside the scale or
 *   not a whole number, naming the position), `LENGTH_MISMATCH`, `INVALID_OPTION` (also for an unknown option key), `MISSING_VALUE`;
 *   InsufficientDataError `TOO_FEW_CASES` when every value is missing.
 *   With a `design`: `MISSING_VALUE` (a missing design value), `LENGTH_MISMATCH`, `OUT_OF_RANGE`
 *   (a bad weight or fpc), InsufficientDataError `TOO_FEW_CASES` (a single-PSU stratum under
 *   `lonelyPsu: 'fail'`).
 *
 * @example
 * ```ts
 * import { nps } from 'loyalty-drivers';
 * const r = nps([10, 9, 8, 3]);
 * // => { estimate: 25, promoters: 2, passives: 1, detractors: 1, n: 4, intervalMethod: 'adjusted-wald', ... }
 * ```
 */
export function nps(values: readonly unknown[], options: NpsOptions = {}): NpsResult {
  checkOptions(options, NPS_KEYS);
  checkScaleKeys(options.scale);
  const scale = options.scale ?? DEFAULT_SCALE;
  // A cut outside the scale empties a category and gives an absurd score without a word.
  const promoterMin =
    options.promoterMin === undefined
      ? 9
      : checkNumberOption('options.promoterMin', options.promoterMin, { min: scale.min, max: scale.max });
  const detractorMax =
    options.detractorMax === undefined
      ? 6
      : checkNumberOption('options.detractorMax', options.detractorMax, { min: scale.min, max: scale.max });
  if (!(detractorMax < promoterMin)) {
    throw new InputError('INVALID_OPTION', `options.detractorMax (${detractorMax}) must be below options.promoterMin (${promoterMin})`, {
      argument: 'options.detractorMax',
      value: detractorMax,
      expected: `< ${promoterMin}`,
    });
  }
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  checkWeightsOrDesign(options);
  const weighted = options.weights !== undefined || options.design !== undefined;
  const interval = checkOption('options.intervalMethod', options.intervalMethod ?? (weighted ? 'wald' : 'adjusted-wald'), [
    'adjusted-wald',
    'wald',
  ] as const);
  if (weighted && interval === 'adjusted-wald') {
    throw new InputError(
      'INVALID_OPTION',
      'options.intervalMethod: "adjusted-wald" adds pseudo-counts and is not defined for weighted data or a design; use "wald"',
      {
        argument: 'options.intervalMethod',
        value: interval,
        expected: '"wald" with weights',
      },
    );
  }
  const sample = readVector(values, {
    scale,
    weights: options.weights,
    missing: options.missing,
    missingCodes: options.missingCodes,
  });
  const prepared = options.design === undefined ? undefined : readVectorDesign(options.design, (values as readonly unknown[]).length);
  const x = sample.values;
  const w = prepared ? Float64Array.from(sample.index, (i) => prepared.weights[i]!) : sample.weights;
  const n = x.length;
  // y = +1 promoter, -1 detractor, 0 passive: NPS / 100 is its (weighted) mean.
  const y = new Float64Array(n);
  let promoters = 0;
  let detractors = 0;
  let wp = 0;
  let wd = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    wsum += wi;
    if (x[i]! >= promoterMin) {
      y[i] = 1;
      promoters++;
      wp += wi;
    } else if (x[i]! <= detractorMax) {
      y[i] = -1;
      detractors++;
      wd += wi;
    }
  }
  const passives = n - promoters - detractors;
  let pP: number;
  let pD: number;
  let variance: number;
  let design: DesignSummary | null = null;
  if (prepared) {
    const est = designMean(spread(prepared.n, sample.index, y), prepared, domainOf(prepared.n, sample.index));
    pP = wp / wsum;
    pD = wd / wsum;
    variance = est.variance;
    design = designSummary(prepared, est.designEffect);
  } else if (w) {
    const est = linearizedMean(y, w);
    pP = wp / wsum;
    pD = wd / wsum;
    variance = est.variance;
  } else {
    pP = promoters / n;
    pD = detractors / n;
    variance = Math.max(0, pP + pD - (pP - pD) ** 2) / n;
  }
  const score = 100 * (pP - pD);
  const standardError = 100 * Math.sqrt(variance);
  let confidenceInterval: Interval;
  if (interval === 'wald') {
    confidenceInterval = waldInterval(score, standardError, confidenceLevel);
  } else {
    const m = n + 3;
    const aP = (promoters + 0.75) / m;
    const aD = (detractors + 0.75) / m;
    const aSe = 100 * Math.sqrt((aP + aD - (aP - aD) ** 2) / m);
    confidenceInterval = waldInterval(100 * (aP - aD), aSe, confidenceLevel);
  }
  confidenceInterval = [Math.max(-100, confidenceInterval[0]), Math.min(100, confidenceInterval[1])];
  return {
    method: 'nps',
    estimate: score,
    n,
    promoters,
    passives,
    detractors,
    promoterShare: pP,
    passiveShare: 1 - pP - pD,
    detractorShare: pD,
    standardError,
    variance,
    confidenceInterval,
    confidenceLevel,
    intervalMethod: interval,
    weighted,
    weightSum: wsum,
    design,
    missing: sample.missing,
    options: { promoterMin, detractorMax, scale },
    warnings: [],
  };
}
