import { InsufficientDataError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkConfidenceLevel, readVector } from '../internal/validate.js';
import type { MissingPolicy, Warning } from '../types.js';
import { proportionEstimate, wilsonInference, type WilsonInference } from './proportionEstimate.js';
import { checkWeightsOrDesign, readVectorDesign, type SurveyDesign } from '../survey/design.js';

/** Options of {@link repeatPurchaseRate}. */
export interface RepeatPurchaseOptions {
  /** Sampling weights: an array, one per customer. */
  readonly weights?: readonly unknown[];
  /**
   * A complex sample design (arrays aligned with `purchases`): design-based SE (survey::svymean
   * over the purchasers' domain) and a Wald interval. Not with `weights`.
   */
  readonly design?: SurveyDesign;
  readonly confidenceLevel?: number;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** Result of {@link repeatPurchaseRate}. */
export interface RepeatPurchaseResult extends WilsonInference {
  readonly method: 'repeat-purchase-rate';
  /** Customers with 2+ purchases / customers with 1+ purchases, 0-1. */
  readonly estimate: number;
  readonly repeatCustomers: number;
  /** Customers with at least one purchase (the denominator). */
  readonly n: number;
  /** Customers with no purchase, left out of the denominator. */
  readonly nonPurchasers: number;
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

const REPEAT_PURCHASE_KEYS = optionKeys<RepeatPurchaseOptions>({
  weights: true,
  design: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
});

/**
 * Repeat purchase rate: customers with two or more purchases over customers with at least one.
 *
 * Method: a proportion among purchasers with a Wilson interval (weighted: Taylor SE and
 * effective-n Wilson, as the other proportion indices; with a `design`: the design-based SE of
 * the purchasers' domain, R `svymean(~I(purchases >= 2), subset(design, purchases >= 1))`, and a
 * Wald interval).
 *
 * @param purchases - Purchase counts per customer (whole numbers >= 0).
 * @param options - `weights` or `design` (arrays aligned with `purchases`), confidence level, missing policy.
 *   Unknown keys are refused (`INVALID_OPTION`).
 * @returns The rate, counts, SE and interval; non-purchasers are counted, not used.
 * @throws InputError `OUT_OF_RANGE` (negative or fractional counts), `NOT_NUMERIC`, `EMPTY_INPUT`;
 *   InsufficientDataError `TOO_FEW_CASES` when nobody purchased.
 *   With a `design`: `MISSING_VALUE` (a missing design value), `LENGTH_MISMATCH`, `OUT_OF_RANGE`
 *   (a bad weight or fpc), InsufficientDataError `TOO_FEW_CASES` (a single-PSU stratum under
 *   `lonelyPsu: 'fail'`).
 *
 * @example
 * ```ts
 * import { repeatPurchaseRate } from 'loyalty-drivers';
 * repeatPurchaseRate([0, 1, 2, 5]).estimate; // => 0.666...  (2 of the 3 purchasers)
 * ```
 */
export function repeatPurchaseRate(purchases: readonly unknown[], options: RepeatPurchaseOptions = {}): RepeatPurchaseResult {
  checkOptions(options, REPEAT_PURCHASE_KEYS);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  checkWeightsOrDesign(options);
  const all = readVector(purchases, {
    argument: 'purchases',
    scale: { min: 0, integer: true },
    weights: options.weights,
    missing: options.missing,
    missingCodes: options.missingCodes,
  });
  const keep: number[] = [];
  for (let i = 0; i < all.values.length; i++) if (all.values[i]! >= 1) keep.push(i);
  const nonPurchasers = all.values.length - keep.length;
  if (keep.length === 0) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `purchases: none of the ${all.values.length} customers made a purchase; the rate is undefined`,
      {
        argument: 'purchases',
        expected: 'at least one customer with 1+ purchases',
      },
    );
  }
  if (options.design !== undefined) {
    const design = readVectorDesign(options.design, (purchases as readonly unknown[]).length);
    // The purchasers' domain, indexed into the whole design.
    const domain = {
      values: Float64Array.from(keep, (i) => all.values[i]!),
      weights: undefined,
      index: Int32Array.from(keep, (i) => all.index[i]!),
      missing: all.missing,
    };
    const p = proportionEstimate(domain, (x) => x >= 2, confidenceLevel, design);
    return {
      method: 'repeat-purchase-rate',
      repeatCustomers: p.count,
      nonPurchasers,
      ...wilsonInference(p),
      missing: all.missing,
      warnings: [],
    };
  }
  const values = Float64Array.from(keep, (i) => all.values[i]!);
  const weights = all.weights ? Float64Array.from(keep, (i) => all.weights![i]!) : undefined;
  const sample = readVector(values, {
    argument: 'purchases (customers with 1+ purchases)',
    weights: weights ? Array.from(weights) : undefined,
  });
  const p = proportionEstimate(sample, (x) => x >= 2, confidenceLevel);
  return {
    method: 'repeat-purchase-rate',
    repeatCustomers: p.count,
    nonPurchasers,
    ...wilsonInference(p),
    missing: all.missing,
    warnings: [],
  };
}
