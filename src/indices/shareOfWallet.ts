import { InputError, InsufficientDataError } from '../errors.js';
import { linearizedMean, tInterval, waldInterval } from '../internal/proportion.js';
import { sum } from '../internal/sums.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkConfidenceLevel, readCell, readVector } from '../internal/validate.js';
import type { EstimateFields, MissingPolicy, MissingReport, Warning } from '../types.js';
import {
  checkWeightsOrDesign,
  designSummary,
  domainOf,
  readVectorDesign,
  spread,
  type DesignSummary,
  type SurveyDesign,
} from '../survey/design.js';
import { designMean, designRatio } from '../survey/linearization.js';

/** Options of {@link shareOfWallet}. */
export interface ShareOfWalletOptions {
  /** Sampling weights: an array, one per customer. */
  readonly weights?: readonly unknown[];
  /**
   * A complex sample design (arrays aligned with the spends): design-based SEs (svyratio,
   * svymean over the customers with category spend) and Wald intervals. Not with `weights`.
   */
  readonly design?: SurveyDesign;
  readonly confidenceLevel?: number;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/**
 * One group-level share (0-1) with its inference: `intervalMethod` is `'wald'` for the ratio of
 * sums and for weighted data, `'t'` (n - 1 df) for the unweighted mean of ratios.
 */
export interface WalletEstimate extends EstimateFields {
  readonly intervalMethod: 'wald' | 't';
}

/** Result of {@link shareOfWallet}. */
export interface ShareOfWalletResult {
  readonly method: 'share-of-wallet';
  /** Spend-weighted share: total brand spend / total category spend. */
  readonly ratioOfSums: WalletEstimate;
  /** Customer-weighted share: the mean of each customer's brand / category ratio. */
  readonly meanOfRatios: WalletEstimate;
  /** Each input customer's share, `null` where a spend is missing or category spend is 0. */
  readonly perCustomer: readonly (number | null)[];
  /** Customers with a share (category spend > 0). */
  readonly n: number;
  /** Customers left out because their category spend is 0 (no wallet to share). */
  readonly zeroCategorySpend: number;
  readonly confidenceLevel: number;
  readonly weighted: boolean;
  /**
   * The design, when `options.design` was given (else `null`); its `designEffect` is that of
   * `meanOfRatios` (a ratio's design effect is not computed).
   */
  readonly design: DesignSummary | null;
  readonly missing: MissingReport;
  /** Always present; empty when there is nothing to say. */
  readonly warnings: readonly Warning[];
}

const SHARE_OF_WALLET_KEYS = optionKeys<ShareOfWalletOptions>({
  weights: true,
  design: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
});

/**
 * Share of wallet: brand spend over category spend, per customer and for the group, both ways:
 * `ratioOfSums` (sum of brand / sum of category: spend-weighted, big spenders count more) and
 * `meanOfRatios` (mean of the customers' shares: each customer counts once).
 *
 * Method: customers with category spend 0 have no share and are left out of both (and counted).
 * `ratioOfSums` is a ratio estimator with the linearized SE of R `survey::svyratio`
 * (`Var = n/(n-1) sum w^2 (y - R x)^2 / (sum w x)^2`) and a normal interval; `meanOfRatios` is a
 * mean with SE `s / sqrt(n)` and a t interval (weighted: svymean SE, normal interval). With a
 * `design` (strata, clusters, fpc) both SEs are design-based over the domain of customers with a
 * share (svyratio and svymean on `subset(design, category > 0)`), with Wald intervals.
 *
 * @param brandSpend - Spend with the brand per customer (>= 0).
 * @param categorySpend - Spend in the whole category per customer (>= brand spend).
 * @param options - `weights` or `design` (arrays aligned with the spends), confidence level, missing policy.
 *   Unknown keys are refused (`INVALID_OPTION`).
 * @returns Both group shares with SEs and intervals, and each customer's share.
 * @throws InputError `OUT_OF_RANGE` (negative spend, brand above category, naming the row),
 *   `LENGTH_MISMATCH`, `NOT_NUMERIC`; InsufficientDataError `TOO_FEW_CASES`.
 *   With a `design`: `MISSING_VALUE` (a missing design value), `LENGTH_MISMATCH`, `OUT_OF_RANGE`
 *   (a bad weight or fpc), InsufficientDataError `TOO_FEW_CASES` (a single-PSU stratum under
 *   `lonelyPsu: 'fail'`).
 *
 * @example
 * ```ts
 * import { shareOfWallet } from 'loyalty-drivers';
 * const r = shareOfWallet([50, 10, 0], [100, 10, 0]);
 * r.ratioOfSums.estimate; // => 0.5454... (60 / 110)
 * r.meanOfRatios.estimate; // => 0.75 ((0.5 + 1) / 2)
 * r.perCustomer; // => [0.5, 1, null] (the third customer has no category spend)
 * r.zeroCategorySpend; // => 1
 * ```
 */
export function shareOfWallet(
  brandSpend: readonly unknown[],
  categorySpend: readonly unknown[],
  options: ShareOfWalletOptions = {},
): ShareOfWalletResult {
  checkOptions(options, SHARE_OF_WALLET_KEYS);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  checkWeightsOrDesign(options);
  if (!Array.isArray(categorySpend) || !Array.isArray(brandSpend) || categorySpend.length !== brandSpend.length) {
    throw new InputError(
      'LENGTH_MISMATCH',
      `categorySpend: expected one value per customer (${Array.isArray(brandSpend) ? brandSpend.length : '?'}), got ${Array.isArray(categorySpend) ? categorySpend.length : typeof categorySpend}`,
      {
        argument: 'categorySpend',
        expected: 'an array as long as brandSpend',
      },
    );
  }
  const policy = options.missing ?? 'omit';
  // Read both columns with the same rules; a row missing either is dropped listwise.
  const brand = brandSpend.map((v, i) => readCell(v, i, { argument: 'brandSpend', scale: { min: 0 }, missingCodes: options.missingCodes }));
  const category = categorySpend.map((v, i) =>
    readCell(v, i, { argument: 'categorySpend', scale: { min: 0 }, missingCodes: options.missingCodes }),
  );
  const perCustomer: (number | null)[] = new Array(brand.length).fill(null);
  const ratios: number[] = [];
  const ys: number[] = [];
  const xs: number[] = [];
  const ws: unknown[] = [];
  const kept: number[] = [];
  let zero = 0;
  let missB = 0;
  let missC = 0;
  for (let i = 0; i < brand.length; i++) {
    const b = brand[i]!;
    const c = category[i]!;
    if (b === null || c === null) {
      if (policy === 'fail') {
        throw new InputError(
          'MISSING_VALUE',
          `${b === null ? 'brandSpend' : 'categorySpend'}[${i}]: missing value and options.missing is "fail"`,
          { argument: b === null ? 'brandSpend' : 'categorySpend', row: i },
        );
      }
      if (b === null) missB++;
      if (c === null) missC++;
      continue;
    }
    if (b > c) {
      throw new InputError('OUT_OF_RANGE', `brandSpend[${i}]: brand spend ${b} exceeds category spend ${c}; expected brand <= category`, {
        argument: 'brandSpend',
        row: i,
        value: b,
        expected: `<= ${c}`,
      });
    }
    if (c === 0) {
      zero++;
      continue;
    }
    perCustomer[i] = b / c;
    ratios.push(b / c);
    ys.push(b);
    xs.push(c);
    kept.push(i);
    if (options.weights) ws.push(options.weights[i]);
  }
  if (ratios.length < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `categorySpend: ${ratios.length} customer(s) with category spend above 0 and both spends present (${zero} with 0); need at least 2 for a share with a standard error`,
      {
        argument: 'categorySpend',
        expected: 'at least 2 customers with category spend > 0',
      },
    );
  }
  if (options.weights && options.weights.length !== brand.length) {
    throw new InputError('LENGTH_MISMATCH', `options.weights: expected ${brand.length} weights, got ${options.weights.length}`, {
      argument: 'options.weights',
    });
  }
  const byColumn: Record<string, number> = {};
  if (missB) byColumn['brandSpend'] = missB;
  if (missC) byColumn['categorySpend'] = missC;
  // Customers with no category spend have no share: reported beside the missing counts.
  if (zero) byColumn['categorySpend = 0'] = zero;
  const missing: MissingReport = {
    policy,
    rowsIn: brand.length,
    rowsUsed: ratios.length,
    rowsDropped: brand.length - ratios.length,
    byColumn,
  };
  if (options.design !== undefined) {
    const d = readVectorDesign(options.design, brand.length);
    const used = domainOf(d.n, kept);
    const ratio = designRatio(spread(d.n, kept, ys), spread(d.n, kept, xs), d, used);
    const mean = designMean(spread(d.n, kept, ratios), d, used);
    const rSe = Math.sqrt(ratio.variance);
    const mSe = Math.sqrt(mean.variance);
    return {
      method: 'share-of-wallet',
      ratioOfSums: {
        estimate: ratio.estimate,
        standardError: rSe,
        confidenceInterval: waldInterval(ratio.estimate, rSe, confidenceLevel),
        confidenceLevel,
        intervalMethod: 'wald',
      },
      meanOfRatios: {
        estimate: mean.estimate,
        standardError: mSe,
        confidenceInterval: waldInterval(mean.estimate, mSe, confidenceLevel),
        confidenceLevel,
        intervalMethod: 'wald',
      },
      perCustomer,
      n: ratios.length,
      zeroCategorySpend: zero,
      confidenceLevel,
      weighted: true,
      design: designSummary(d, mean.designEffect),
      missing,
      warnings: [],
    };
  }
  const sample = readVector(ratios, { argument: 'share', weights: options.weights ? ws : undefined });
  const w = sample.weights;
  const n = ratios.length;
  // Ratio of sums with svyratio's linearized variance.
  const sy = w ? sum(ys.map((y, i) => y * w[i]!)) : sum(ys);
  const sx = w ? sum(xs.map((x, i) => x * w[i]!)) : sum(xs);
  const r = sy / sx;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const e = (w ? w[i]! : 1) * (ys[i]! - r * xs[i]!);
    acc += e * e;
  }
  const ratioSe = Math.sqrt(((n / (n - 1)) * acc) / (sx * sx));
  const m = linearizedMean(sample.values, w);
  const meanSe = Math.sqrt(m.variance);
  return {
    method: 'share-of-wallet',
    ratioOfSums: {
      estimate: r,
      standardError: ratioSe,
      confidenceInterval: waldInterval(r, ratioSe, confidenceLevel),
      confidenceLevel,
      intervalMethod: 'wald',
    },
    meanOfRatios: {
      estimate: m.mean,
      standardError: meanSe,
      confidenceInterval: w ? waldInterval(m.mean, meanSe, confidenceLevel) : tInterval(m.mean, meanSe, n - 1, confidenceLevel),
      confidenceLevel,
      intervalMethod: w ? 'wald' : 't',
    },
    perCustomer,
    n,
    zeroCategorySpend: zero,
    confidenceLevel,
    weighted: w !== undefined,
    design: null,
    missing,
    warnings: [],
  };
}
