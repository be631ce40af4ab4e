import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkConfidenceLevel, readVector } from '../internal/validate.js';
import type { MissingPolicy, Warning } from '../types.js';
import { proportionEstimate, wilsonInference, type WilsonInference } from './proportionEstimate.js';
import { checkWeightsOrDesign, readVectorDesign, type SurveyDesign } from '../survey/design.js';

/** Customer counts over a period, for the period form of {@link retentionRate}. */
export interface PeriodCounts {
  /** Customers at the start of the period (S). */
  readonly atStart: number;
  /** Customers at the end of the period (E). */
  readonly atEnd: number;
  /** New customers acquired during the period (N). */
  readonly acquired: number;
}

/** Options of {@link retentionRate} and {@link churnRate}. */
export interface RetentionOptions {
  /** Sampling weights: an array, one per customer (customer-table form only). */
  readonly weights?: readonly unknown[];
  /**
   * A complex sample design (customer-table form; arrays aligned with `data`): design-based SE
   * (survey::svymean) and a Wald interval. Not with `weights`.
   */
  readonly design?: SurveyDesign;
  readonly confidenceLevel?: number;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** Result of {@link retentionRate} (and, mirrored, {@link churnRate}): rates in 0-1. */
export interface RetentionResult extends WilsonInference {
  readonly method: 'retention-rate' | 'churn-rate';
  /** The retention (or churn) rate, 0-1. */
  readonly estimate: number;
  /** `'customer-table'` (mean of a 0/1 column) or `'period-counts'` ((E - N) / S). */
  readonly source: 'customer-table' | 'period-counts';
  /** Customers retained (or churned). */
  readonly count: number;
  /** Customers at risk: the table's complete rows, or S. */
  readonly n: number;
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

/** The keys of {@link RetentionOptions}. @internal */
export const RETENTION_KEYS = optionKeys<RetentionOptions>({
  weights: true,
  design: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
});
const PERIOD_KEYS = optionKeys<PeriodCounts>({ atStart: true, atEnd: true, acquired: true });

function checkCount(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new InputError('OUT_OF_RANGE', `${name}: expected a whole number of customers >= 0, got ${String(v)}`, {
      argument: name,
      expected: 'an integer >= 0',
      value: typeof v === 'number' ? v : String(v),
    });
  }
  return v;
}

/**
 * Customer retention rate, from a customer table or from period counts.
 *
 * - Customer table: `retained` is a 0/1 value per customer; the rate is their (weighted) mean.
 * - Period counts: `(E - N) / S`, customers at the end less those acquired during the period,
 *   over customers at the start.
 *
 * Method: both are proportions of the customers at risk, with a Wilson interval (R
 * `prop.test(correct = FALSE)`); weighted tables get Taylor-linearized SEs (survey::svymean,
 * ids = ~1) and the effective-n Wilson interval; a `design` (strata, clusters, fpc) gives the
 * design-based SE (svymean on the design) and a Wald interval. Period counts are treated as S
 * Bernoulli trials.
 *
 * @param data - An array of 0/1 values, or `{ atStart, atEnd, acquired }`.
 * @param options - `weights` or `design` (table form; arrays aligned with `data`), confidence level, missing
 *   policy. Unknown keys are refused (`INVALID_OPTION`).
 * @returns The rate with count, n, SE and Wilson interval.
 * @throws InputError `OUT_OF_RANGE` (a value other than 0/1, counts that do not add up),
 *   `EMPTY_INPUT`, `NOT_NUMERIC`; InsufficientDataError `TOO_FEW_CASES`.
 *   With a `design`: `MISSING_VALUE` (a missing design value), `LENGTH_MISMATCH`, `OUT_OF_RANGE`
 *   (a bad weight or fpc), InsufficientDataError `TOO_FEW_CASES` (a single-PSU stratum under
 *   `lonelyPsu: 'fail'`).
 *
 * @example
 * ```ts
 * import { retentionRate } from 'loyalty-drivers';
 * retentionRate({ atStart: 200, atEnd: 210, acquired: 40 }).estimate; // => 0.85  ((210 - 40) / 200)
 * retentionRate([1, 1, 0, 1]).estimate; // => 0.75
 * ```
 */
export function retentionRate(data: readonly unknown[] | PeriodCounts, options: RetentionOptions = {}): RetentionResult {
  checkOptions(options, RETENTION_KEYS);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  checkWeightsOrDesign(options);
  if (Array.isArray(data) || ArrayBuffer.isView(data)) {
    const sample = readVector(data as readonly unknown[], {
      argument: 'retained',
      scale: { min: 0, max: 1, integer: true },
      weights: options.weights,
      missing: options.missing,
      missingCodes: options.missingCodes,
    });
    const design = options.design === undefined ? undefined : readVectorDesign(options.design, (data as readonly unknown[]).length);
    const p = proportionEstimate(sample, (x) => x === 1, confidenceLevel, design);
    return { method: 'retention-rate', source: 'customer-table', count: p.count, ...wilsonInference(p), warnings: [] };
  }
  if (data === null || typeof data !== 'object') {
    throw new InputError('EMPTY_INPUT', 'data: expected an array of 0/1 retained flags or { atStart, atEnd, acquired }', {
      argument: 'data',
      expected: 'an array or period counts',
    });
  }
  if (options.design !== undefined) {
    throw new InputError(
      'INVALID_OPTION',
      'options.design: applies to the customer-table form (an array of 0/1 flags), not to period counts',
      {
        argument: 'options.design',
        expected: 'no design with period counts',
      },
    );
  }
  checkOptions(data, PERIOD_KEYS, 'data');
  const counts = data as PeriodCounts;
  const s = checkCount('data.atStart', counts.atStart);
  const e = checkCount('data.atEnd', counts.atEnd);
  const a = checkCount('data.acquired', counts.acquired);
  if (s === 0) {
    throw new InputError('OUT_OF_RANGE', 'data.atStart: no customers at the start of the period; the rate is undefined', {
      argument: 'data.atStart',
      value: 0,
      expected: '> 0',
    });
  }
  if (a > e || e - a > s) {
    throw new InputError('OUT_OF_RANGE', `data: atEnd - acquired (${e} - ${a} = ${e - a}) must lie between 0 and atStart (${s})`, {
      argument: 'data',
      expected: '0 <= atEnd - acquired <= atStart',
    });
  }
  const retained = e - a;
  const flags = new Float64Array(s);
  flags.fill(1, 0, retained);
  const sample = {
    values: flags,
    weights: undefined,
    index: new Int32Array(0),
    missing: { policy: 'omit' as const, rowsIn: s, rowsUsed: s, rowsDropped: 0, byColumn: {} },
  };
  const p = proportionEstimate(sample, (x) => x === 1, confidenceLevel);
  return { method: 'retention-rate', source: 'period-counts', count: retained, ...wilsonInference(p), warnings: [] };
}
