import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkConfidenceLevel, checkNumberOption, readVector } from '../internal/validate.js';
import type { EstimateFields, Interval, MissingPolicy, MissingReport, ScaleRange, Warning } from '../types.js';
import { proportionEstimate } from './proportionEstimate.js';
import { checkScaleKeys } from './scaleKeys.js';
import { checkWeightsOrDesign, readVectorDesign, type DesignSummary, type SurveyDesign } from '../survey/design.js';

/** Options of {@link csat}. */
export interface CsatOptions {
  /** The answer scale (default 1-5, whole numbers). */
  readonly scale?: ScaleRange;
  /** Lowest score counted as satisfied (default 4: top-2-box on 1-5). */
  readonly satisfiedMin?: number;
  /** Sampling weights: an array, one per value (Taylor-linearized SEs). */
  readonly weights?: readonly unknown[];
  /**
   * A complex sample design (arrays aligned with `values`): design-based SE (survey::svymean)
   * and a Wald interval. Not with `weights`.
   */
  readonly design?: SurveyDesign;
  /** Confidence level in (0, 1), default 0.95. */
  readonly confidenceLevel?: number;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** Result of {@link csat}: the score, SE and interval in percentage points (0-100). */
export interface CsatResult extends EstimateFields {
  readonly method: 'csat';
  /** CSAT in percentage points (0-100). */
  readonly estimate: number;
  readonly satisfied: number;
  readonly n: number;
  readonly standardError: number;
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  /** `'wilson'`, or `'wald'` with a `design`. */
  readonly intervalMethod: 'wilson' | 'wald';
  readonly weighted: boolean;
  readonly weightSum: number;
  /** The design, when `options.design` was given (else `null`); its design effect is the score's. */
  readonly design: DesignSummary | null;
  readonly missing: MissingReport;
  readonly options: { readonly scale: ScaleRange; readonly satisfiedMin: number };
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

const CSAT_KEYS = optionKeys<CsatOptions>({
  scale: true,
  satisfiedMin: true,
  weights: true,
  design: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
});

const DEFAULT_SCALE: ScaleRange = { min: 1, max: 5, integer: true };

/**
 * Customer Satisfaction Score: the share of satisfied responses x 100, "satisfied" being the top
 * two boxes of a 1-5 scale (4 or 5) by default.
 *
 * Method: binomial proportion; Wilson score interval (Wilson 1927; the interval of R
 * `prop.test(correct = FALSE)`), which unlike Wald stays inside 0-100 and covers well near the
 * ends. With sampling weights the share is weighted, the SE Taylor-linearized (survey::svymean,
 * ids = ~1) and the Wilson interval uses the effective n `p (1 - p) / Var(p)`. With a `design`
 * (strata, clusters, fpc) the SE is design-based (svymean on the design) and the interval Wald.
 *
 * @param values - Satisfaction answers on `scale`.
 * @param options - Scale, satisfied threshold, `weights` (an array aligned with `values`) or `design`,
 *   confidence level, missing policy. Unknown keys are refused.
 * @returns CSAT in points with satisfied count, SE, Wilson interval, n and the missing report.
 * @throws InputError `EMPTY_INPUT`, `NOT_NUMERIC`, `OUT_OF_RANGE`, `INVALID_OPTION`;
 *   InsufficientDataError `TOO_FEW_CASES`.
 *   With a `design`: `MISSING_VALUE` (a missing design value), `LENGTH_MISMATCH`, `OUT_OF_RANGE`
 *   (a bad weight or fpc), InsufficientDataError `TOO_FEW_CASES` (a single-PSU stratum under
 *   `lonelyPsu: 'fail'`).
 *
 * @example
 * ```ts
 * import { csat } from 'loyalty-drivers';
 * // 82 satisfied (4 or 5) of 100 responses:
 * const r = csat([...Array(82).fill(5), ...Array(18).fill(2)]);
 * // => { estimate: 82, satisfied: 82, n: 100, confidenceInterval: [73.3..., 88.3...], ... }
 * ```
 */
export function csat(values: readonly unknown[], options: CsatOptions = {}): CsatResult {
  checkOptions(options, CSAT_KEYS);
  checkScaleKeys(options.scale);
  const scale = options.scale ?? DEFAULT_SCALE;
  const satisfiedMin = options.satisfiedMin === undefined ? 4 : checkNumberOption('options.satisfiedMin', options.satisfiedMin);
  if ((scale.max !== undefined && satisfiedMin > scale.max) || (scale.min !== undefined && satisfiedMin <= scale.min)) {
    throw new InputError(
      'INVALID_OPTION',
      `options.satisfiedMin (${satisfiedMin}) must lie inside the scale ${scale.min ?? ''}-${scale.max ?? ''}, above its minimum`,
      {
        argument: 'options.satisfiedMin',
        value: satisfiedMin,
        expected: 'a score inside the scale',
      },
    );
  }
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  checkWeightsOrDesign(options);
  const sample = readVector(values, { scale, weights: options.weights, missing: options.missing, missingCodes: options.missingCodes });
  const design = options.design === undefined ? undefined : readVectorDesign(options.design, (values as readonly unknown[]).length);
  const p = proportionEstimate(sample, (x) => x >= satisfiedMin, confidenceLevel, design);
  return {
    method: 'csat',
    estimate: 100 * p.estimate,
    satisfied: p.count,
    n: p.n,
    standardError: 100 * p.standardError,
    confidenceInterval: [100 * p.confidenceInterval[0], 100 * p.confidenceInterval[1]],
    confidenceLevel,
    intervalMethod: p.intervalMethod,
    weighted: p.weighted,
    weightSum: p.weightSum,
    design: p.design,
    missing: p.missing,
    options: { scale, satisfiedMin },
    warnings: [],
  };
}
