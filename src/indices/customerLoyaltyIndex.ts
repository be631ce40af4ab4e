import { InputError } from '../errors.js';
import { linearizedMean, tInterval, waldInterval } from '../internal/proportion.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkConfidenceLevel, checkNumberOption, checkOption, readColumns } from '../internal/validate.js';
import type { EstimateFields, Interval, MissingPolicy, MissingReport, Row, ScaleRange, Warning } from '../types.js';
import { checkScaleKeys } from './scaleKeys.js';
import {
  checkWeightsOrDesign,
  designSummary,
  domainOf,
  readRowsDesign,
  spread,
  type DesignSummary,
  type SurveyDesign,
} from '../survey/design.js';
import { designMean } from '../survey/linearization.js';

/**
 * The two Customer Loyalty Index conventions:
 * - `'mean'`: the mean of the items, rescaled to 0-100 by `(x - min) / (max - min) * 100`.
 * - `'net'`: the mean of the items' net scores, each computed like NPS (% 9-10 minus % 0-6).
 */
export type CustomerLoyaltyIndexMethod = 'mean' | 'net';

/** Options of {@link customerLoyaltyIndex}. */
export interface CustomerLoyaltyIndexOptions {
  /**
   * The item columns: likelihood to recommend, to repurchase, and to buy other products
   * (upsell / cross-sell), e.g. `['recommend', 'repurchase_intent', 'upsell_intent']`.
   */
  readonly items: readonly string[];
  /** Convention, default `'mean'`. */
  readonly method?: CustomerLoyaltyIndexMethod;
  /** Item scale, default 0-10 whole numbers. */
  readonly scale?: ScaleRange;
  /** Net-score cut points (method `'net'`): promoters >= 9, detractors <= 6 by default. */
  readonly promoterMin?: number;
  readonly detractorMax?: number;
  /** Sampling weights: the name of a column of `rows` (Taylor-linearized SEs). */
  readonly weights?: string;
  /**
   * A complex sample design, by column names (`{ weights: 'w', strata: 'region', clusters:
   * 'school', fpc: 'N' }`): design-based SE (survey::svymean) and a Wald interval. Not with
   * `weights`.
   */
  readonly design?: SurveyDesign<string>;
  readonly confidenceLevel?: number;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** Result of {@link customerLoyaltyIndex}: everything on 0-100 (`'mean'`) or -100..100 (`'net'`). */
export interface CustomerLoyaltyIndexResult extends EstimateFields {
  readonly method: 'customer-loyalty-index';
  /** The convention used (the `method` option). */
  readonly convention: CustomerLoyaltyIndexMethod;
  /** The index for the group. */
  readonly estimate: number;
  readonly n: number;
  readonly standardError: number;
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  /**
   * `'t'` (convention `'mean'` unweighted, n - 1 df) or `'wald'` (normal quantile: convention
   * `'net'`, or weighted data as survey::svymean).
   */
  readonly intervalMethod: 't' | 'wald';
  /** Each item's own score under the convention (rescaled mean, or net score). */
  readonly items: Readonly<Record<string, number>>;
  /** Each input row's index, `null` where an item is missing. */
  readonly perRespondent: readonly (number | null)[];
  readonly weighted: boolean;
  readonly weightSum: number;
  /** The design, when `options.design` was given (else `null`); its design effect is the index's. */
  readonly design: DesignSummary | null;
  readonly missing: MissingReport;
  readonly options: {
    readonly items: readonly string[];
    readonly scale: ScaleRange;
    readonly promoterMin: number;
    readonly detractorMax: number;
  };
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

const CLI_KEYS = optionKeys<CustomerLoyaltyIndexOptions>({
  items: true,
  method: true,
  scale: true,
  promoterMin: true,
  detractorMax: true,
  weights: true,
  design: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
});

const DEFAULT_SCALE: ScaleRange = { min: 0, max: 10, integer: true };

/**
 * Customer Loyalty Index (the metric, not the command-line tool): one number combining
 * likelihood to recommend, to repurchase and to buy more (upsell / cross-sell).
 *
 * Method: per respondent, convention `'mean'` averages the items and rescales to 0-100;
 * `'net'` averages the items' +1/0/-1 promoter/passive/detractor codes (x 100). The group index is
 * the (weighted) mean of the per-respondent values over complete cases, which for `'mean'` equals
 * the mean of the item means rescaled and for `'net'` the mean of the items' net scores. SE:
 * `'mean'` uses `s / sqrt(n)` with a t interval; `'net'` uses the multinomial form of Rocks (2016)
 * (denominator n, reducing to the NPS variance for one item) with a normal interval; weighted data
 * use Taylor linearization (survey::svymean, ids = ~1) and a normal interval; a `design` (strata,
 * clusters, fpc, by column names) the design-based svymean SE, rows with a missing item staying
 * in the design with no contribution (R `na.rm = TRUE`).
 *
 * @param rows - Respondents as plain objects.
 * @param options - Item columns (required), convention, scale, cut points, `weights` (a column
 *   name) or `design` (column names). Unknown keys are refused.
 * @returns The index with SE and interval, per-item scores and each respondent's index.
 * @throws InputError `COLUMN_NOT_FOUND`, `OUT_OF_RANGE`, `NOT_NUMERIC`, `INVALID_OPTION`;
 *   InsufficientDataError `TOO_FEW_CASES`.
 *   With a `design`: `MISSING_VALUE` (a missing design value), `COLUMN_NOT_FOUND`, `OUT_OF_RANGE`
 *   (a bad weight or fpc), InsufficientDataError `TOO_FEW_CASES` (a single-PSU stratum under
 *   `lonelyPsu: 'fail'`).
 *
 * @example
 * ```ts
 * import { customerLoyaltyIndex } from 'loyalty-drivers';
 * const rows = [
 *   { rec: 10, rep: 8, up: 6 },
 *   { rec: 4, rep: 6, up: 2 },
 * ];
 * customerLoyaltyIndex(rows, { items: ['rec', 'rep', 'up'] }).estimate;
 * // => 60  (item means 7, 7, 4 -> mean 6 on 0-10 -> 60)
 * customerLoyaltyIndex(rows, { items: ['rec', 'rep', 'up'], method: 'net' }).estimate;
 * // => -50  (net scores 0, -50, -100)
 * ```
 */
export function customerLoyaltyIndex(rows: unknown, options: CustomerLoyaltyIndexOptions): CustomerLoyaltyIndexResult {
  checkOptions(options, CLI_KEYS);
  if (options === null || typeof options !== 'object' || !Array.isArray(options.items) || options.items.length === 0) {
    throw new InputError(
      'INVALID_OPTION',
      'options.items: expected the item columns, e.g. ["recommend", "repurchase_intent", "upsell_intent"]',
      {
        argument: 'options.items',
        expected: 'a non-empty array of column names',
      },
    );
  }
  checkScaleKeys(options.scale);
  const convention = checkOption('options.method', options.method ?? 'mean', ['mean', 'net'] as const);
  const scale = options.scale ?? DEFAULT_SCALE;
  if (convention === 'mean' && (scale.min === undefined || scale.max === undefined || !(scale.max > scale.min))) {
    throw new InputError(
      'INVALID_OPTION',
      'options.scale: the "mean" convention rescales by the scale range; give both min and max (max > min)',
      {
        argument: 'options.scale',
        expected: '{ min, max } with max > min',
      },
    );
  }
  const promoterMin = options.promoterMin === undefined ? 9 : checkNumberOption('options.promoterMin', options.promoterMin);
  const detractorMax = options.detractorMax === undefined ? 6 : checkNumberOption('options.detractorMax', options.detractorMax);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  checkWeightsOrDesign(options);
  const sample = readColumns(
    rows,
    options.items.map((column) => ({ column, scale })),
    {
      weights: options.weights,
      missing: options.missing,
      missingCodes: options.missingCodes,
    },
  );
  const k = options.items.length;
  const n = sample.index.length;
  const lo = scale.min ?? 0;
  const range = (scale.max ?? 1) - lo;
  const code = (x: number): number => (x >= promoterMin ? 1 : x <= detractorMax ? -1 : 0);
  const per = new Float64Array(n);
  const itemTotals = new Float64Array(k);
  const prepared = options.design === undefined ? undefined : readRowsDesign(rows as readonly Row[], options.design);
  const w = prepared ? Float64Array.from(sample.index, (i) => prepared.weights[i]!) : sample.weights;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    wsum += wi;
    let s = 0;
    for (let j = 0; j < k; j++) {
      const x = sample.columns[j]![i]!;
      const v = convention === 'mean' ? ((x - lo) / range) * 100 : code(x) * 100;
      s += v;
      itemTotals[j] = itemTotals[j]! + wi * v;
    }
    per[i] = s / k;
  }
  const est = linearizedMean(per, w);
  let standardError: number;
  let confidenceInterval: Interval;
  let design: DesignSummary | null = null;
  if (prepared) {
    const de = designMean(spread(prepared.n, sample.index, per), prepared, domainOf(prepared.n, sample.index));
    standardError = Math.sqrt(de.variance);
    confidenceInterval = waldInterval(est.mean, standardError, confidenceLevel);
    design = designSummary(prepared, de.designEffect);
  } else if (w) {
    standardError = Math.sqrt(est.variance);
    confidenceInterval = waldInterval(est.mean, standardError, confidenceLevel);
  } else if (convention === 'mean') {
    standardError = Math.sqrt(est.variance);
    confidenceInterval = n > 1 ? tInterval(est.mean, standardError, n - 1, confidenceLevel) : [est.mean, est.mean];
  } else {
    // Rocks' multinomial form: denominator n (s^2 (n - 1) / n^2).
    standardError = Math.sqrt((est.variance * (n - 1)) / n);
    confidenceInterval = waldInterval(est.mean, standardError, confidenceLevel);
  }
  const perRespondent: (number | null)[] = new Array(sample.missing.rowsIn).fill(null);
  sample.index.forEach((rowIndex, i) => {
    perRespondent[rowIndex] = per[i]!;
  });
  const items: Record<string, number> = {};
  options.items.forEach((name, j) => {
    items[name] = itemTotals[j]! / wsum;
  });
  return {
    method: 'customer-loyalty-index',
    convention,
    estimate: est.mean,
    n,
    standardError,
    confidenceInterval,
    confidenceLevel,
    intervalMethod: w || convention === 'net' ? 'wald' : 't',
    items,
    perRespondent,
    weighted: w !== undefined,
    weightSum: est.weightSum,
    design,
    missing: sample.missing,
    options: { items: [...options.items], scale, promoterMin, detractorMax },
    warnings: [],
  };
}
