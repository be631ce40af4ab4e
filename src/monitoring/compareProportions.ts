import { checkOptions, optionKeys } from '../internal/options.js';
import { InputError, InsufficientDataError } from '../errors.js';
import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from '../internal/distributions.js';
import { linearizedMean } from '../internal/proportion.js';
import { checkConfidenceLevel, checkNumberOption } from '../internal/validate.js';
import type { DesignSummary } from '../survey/design.js';
import { domainDesignSummary } from '../survey/designCovariance.js';
import { designMean } from '../survey/linearization.js';
import type { Interval, MissingPolicy, Warning } from '../types.js';
import { isSampleInput, readSample, type SampleInput } from './readSample.js';

/** Counts for one sample: `successes` of `n` (as R `prop.test(x, n)`). */
export interface ProportionCounts {
  readonly successes: number;
  readonly n: number;
}

/** Options of {@link compareProportions}. */
export interface CompareProportionsOptions {
  readonly confidenceLevel?: number;
  /** Yates' continuity correction as R `prop.test(correct = TRUE)`; unweighted only. Default false. */
  readonly continuityCorrection?: boolean;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** One sample's proportion in {@link CompareProportionsResult}. */
export interface ProportionSummary {
  readonly proportion: number;
  /** Unweighted count of successes. */
  readonly successes: number;
  readonly n: number;
  /** Binomial SE `sqrt(p (1 - p) / n)`, or Taylor-linearized with weights. */
  readonly standardError: number;
}

/** Result of {@link compareProportions}; everything in proportion units (0-1). */
export interface CompareProportionsResult {
  readonly method: 'two-proportion';
  /** `'pooled'`: R `prop.test` (score test, pooled p under H0); `'wald'`: weighted data. */
  readonly test: 'pooled' | 'wald';
  readonly a: ProportionSummary;
  readonly b: ProportionSummary;
  /** The difference `b - a` (second minus first: later wave minus earlier). */
  readonly estimate: number;
  /** Unpooled SE of the difference, `sqrt(V_a + V_b)` (the one the interval uses). */
  readonly standardError: number;
  /** Signed z: `sign(estimate) * sqrt(chiSquared)`. */
  readonly statistic: number;
  /** `z^2`, R `prop.test`'s X-squared on 1 df. */
  readonly chiSquared: number;
  readonly pValue: number;
  /** Wald interval of the difference (with the continuity correction when `continuityCorrection`), clipped to [-1, 1]. */
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  readonly intervalMethod: 'wald';
  readonly continuityCorrection: boolean;
  /** True with weights or designs. */
  readonly weighted: boolean;
  /**
   * With a design per sample (`{ values, design }`): each sample's design (strata and PSUs of its
   * answered rows, design df, the proportion's design effect); `null` otherwise.
   */
  readonly design?: { readonly a: DesignSummary; readonly b: DesignSummary } | null;
  /** Empty so far. */
  readonly warnings: readonly Warning[];
}

function readCounts(x: ProportionCounts, argument: string): { p: number; successes: number; n: number } {
  const n = checkNumberOption(`${argument}.n`, x.n, { min: 1, integer: true });
  const successes = checkNumberOption(`${argument}.successes`, x.successes, { min: 0, max: n, integer: true });
  return { p: successes / n, successes, n };
}

/**
 * Difference between two independent proportions (CSAT, retention, churn between waves), with
 * test and interval. `difference = b - a`.
 *
 * Method. Unweighted (counts, or 0/1 values): R `prop.test(c(x_b, x_a), c(n_b, n_a), correct = FALSE)`:
 * the score test with the pooled proportion under H0, `X^2 = d^2 / (pbar (1 - pbar) (1/n_a + 1/n_b))`
 * on 1 df, and the unpooled Wald interval `d -/+ z sqrt(p_a q_a / n_a + p_b q_b / n_b)`; with
 * `continuityCorrection`, Yates' correction as R `correct = TRUE` (`min(0.5, |d| / (1/n_a + 1/n_b))`).
 * Weighted (`{ values, weights }`): each sample's proportion and Taylor-linearized variance as
 * `survey::svymean` on its own design (`ids = ~1`), the Wald test `z = d / sqrt(V_a + V_b)` and
 * interval (as `survey::svycontrast` on `svyby` with the sample as a stratum).
 * With a design per sample (`{ values, design: { weights, strata?, clusters?, fpc?, lonelyPsu? } }`,
 * arrays aligned with the values, the samples drawn independently): each proportion is `svymean`
 * on its design (missing answers outside the domain), with the same Wald test and interval: R
 * `svycontrast` of `svyby(svymean)` on the two samples in one design with strata apart (tested
 * to 1e-9). The result's `design` reports both designs.
 * Reference: Newcombe (1998), Statistics in Medicine 17, 873-890 (the Wald difference interval).
 *
 * @param a - First sample: `{ successes, n }`, an array of 0/1 (or booleans), or `{ values, weights }`.
 * @param b - Second sample, same forms.
 * @param options - `confidenceLevel`, `continuityCorrection` (unweighted), `missing`, `missingCodes`.
 * @returns Both proportions with SEs, the difference `b - a`, its SE, z, X^2, p and interval.
 * @throws InputError `EMPTY_INPUT`, `OUT_OF_RANGE` (a value other than 0/1), `INVALID_OPTION`
 *   (bad counts; a continuity correction with weights; one sample weighted and the other not),
 *   `LENGTH_MISMATCH`; InsufficientDataError `TOO_FEW_CASES`, `ZERO_VARIANCE` (both proportions
 *   0 or both 1: the test is undefined).
 *
 * @example
 * ```ts
 * import { compareProportions } from 'loyalty-drivers';
 * // CSAT (top-2-box) by wave: 545 of 1,025 satisfied in wave 1, 525 of 975 in wave 2.
 * const r = compareProportions({ successes: 545, n: 1025 }, { successes: 525, n: 975 });
 * r.estimate; // => 0.006754... (wave 2 minus wave 1)
 * r.chiSquared; // => 0.091630... (R prop.test: X-squared = 0.091631)
 * r.pValue; // => 0.762113...
 * r.confidenceInterval; // => [-0.036976..., 0.050484...]
 * ```
 */
export function compareProportions(
  a: ProportionCounts | SampleInput,
  b: ProportionCounts | SampleInput,
  options: CompareProportionsOptions = {},
): CompareProportionsResult {
  checkOptions(options, COMPARE_PROPORTIONS_KEYS);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  const correct = options.continuityCorrection === true;
  const sides = (
    [
      ['a', a],
      ['b', b],
    ] as const
  ).map(([name, x]) => {
    if (x !== null && typeof x === 'object' && !isSampleInput(x) && 'successes' in x) {
      return {
        ...readCounts(x as ProportionCounts, name),
        weighted: false,
        variance: Number.NaN,
        design: undefined as DesignSummary | undefined,
      };
    }
    if (!isSampleInput(x)) {
      throw new InputError('INVALID_OPTION', `${name}: expected { successes, n }, an array of 0/1 values, or { values, weights }`, {
        argument: name,
        expected: '{ successes, n } | array | { values, weights }',
      });
    }
    const s = readSample(x, name, {
      scale: { min: 0, max: 1, integer: true },
      missing: options.missing,
      missingCodes: options.missingCodes,
      booleans: true,
    });
    let successes = 0;
    for (let i = 0; i < s.values.length; i++) successes += s.values[i]!;
    const n = s.values.length;
    if (s.design) {
      const { prepared, used, all } = s.design;
      const est = designMean(all, prepared, used);
      const design = domainDesignSummary(prepared, (row) => used[row] === 1, est.designEffect);
      return { p: est.estimate, successes, n, weighted: true, variance: est.variance, design };
    }
    if (!s.weights) return { p: successes / n, successes, n, weighted: false, variance: Number.NaN, design: undefined };
    const est = linearizedMean(s.values, s.weights);
    return { p: est.mean, successes, n, weighted: true, variance: est.variance, design: undefined };
  });
  const [sa, sb] = sides as [ProportionSide, ProportionSide];
  return compareProportionSides(sa, sb, options);
}

/** One sample as the test uses it: the proportion, its counts, and with weights the proportion's variance. @internal */
export interface ProportionSide {
  readonly p: number;
  readonly successes: number;
  readonly n: number;
  readonly weighted: boolean;
  /** The (design-based) variance of the proportion; NaN unweighted. */
  readonly variance: number;
  readonly design: DesignSummary | undefined;
}

/**
 * The test of {@link compareProportions} from the two samples' summaries (the streaming wave
 * comparison builds them from sums over chunks, src/analysis/stream/waveAccumulator.ts).
 * @internal
 */
export function compareProportionSides(
  sa: ProportionSide,
  sb: ProportionSide,
  options: CompareProportionsOptions = {},
): CompareProportionsResult {
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  const correct = options.continuityCorrection === true;
  if (sa.weighted !== sb.weighted) {
    throw new InputError(
      'INVALID_OPTION',
      `${sa.weighted ? 'a' : 'b'} is weighted and ${sa.weighted ? 'b' : 'a'} is not; pass weights for both samples (all 1 for an unweighted one)`,
      {
        argument: sa.weighted ? 'b' : 'a',
        expected: 'weights on both samples or neither',
      },
    );
  }
  if ((sa.design === undefined) !== (sb.design === undefined)) {
    throw new InputError(
      'INVALID_OPTION',
      `${sa.design ? 'a' : 'b'} has a design and ${sa.design ? 'b' : 'a'} has weights only; give both samples a design (weights alone are the design { weights })`,
      {
        argument: sa.design ? 'b' : 'a',
        expected: 'a design on both samples or neither',
      },
    );
  }
  const weighted = sa.weighted;
  if (weighted && correct) {
    throw new InputError('INVALID_OPTION', 'options.continuityCorrection: defined for counts, not for weighted data', {
      argument: 'options.continuityCorrection',
      expected: 'false with weights',
    });
  }
  const d = sb.p - sa.p;
  const va = weighted ? sa.variance : (sa.p * (1 - sa.p)) / sa.n;
  const vb = weighted ? sb.variance : (sb.p * (1 - sb.p)) / sb.n;
  const se = Math.sqrt(va + vb);
  const z = normalQuantile(0.5 + confidenceLevel / 2);
  let chiSquared: number;
  let yates = 0;
  if (weighted) {
    chiSquared = (d / se) ** 2;
  } else {
    const pooled = (sa.successes + sb.successes) / (sa.n + sb.n);
    const inverseN = 1 / sa.n + 1 / sb.n;
    if (correct) yates = Math.min(0.5, Math.abs(d) / inverseN);
    // X^2 = (|d| - yates (1/n_a + 1/n_b))^2 / (pbar qbar (1/n_a + 1/n_b)), prop.test's statistic in closed form.
    chiSquared = (Math.abs(d) - yates * inverseN) ** 2 / (pooled * (1 - pooled) * inverseN);
    yates *= inverseN;
  }
  if (!Number.isFinite(chiSquared)) {
    throw new InsufficientDataError(
      'ZERO_VARIANCE',
      `a, b: proportions ${sa.p} and ${sb.p} leave the difference without variance; the test is undefined`,
      {
        argument: 'b',
        value: sb.p,
        expected: 'proportions that vary',
      },
    );
  }
  const half = z * se + yates;
  return {
    method: 'two-proportion',
    test: weighted ? 'wald' : 'pooled',
    a: { proportion: sa.p, successes: sa.successes, n: sa.n, standardError: Math.sqrt(va) },
    b: { proportion: sb.p, successes: sb.successes, n: sb.n, standardError: Math.sqrt(vb) },
    estimate: d,
    standardError: se,
    statistic: Math.sign(d) * Math.sqrt(chiSquared),
    chiSquared,
    pValue: weighted ? normalTwoSidedP(d / se) : chiSquareUpperTail(chiSquared, 1),
    confidenceInterval: [Math.max(-1, d - half), Math.min(1, d + half)],
    confidenceLevel,
    intervalMethod: 'wald',
    continuityCorrection: correct,
    weighted,
    design: sa.design && sb.design ? { a: sa.design, b: sb.design } : null,
    warnings: [],
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const COMPARE_PROPORTIONS_KEYS = optionKeys<CompareProportionsOptions>({
  confidenceLevel: true,
  continuityCorrection: true,
  missing: true,
  missingCodes: true,
});
