import { checkOptions, optionKeys } from '../internal/options.js';
import { InputError, InsufficientDataError } from '../errors.js';
import { tQuantile, tTwoSidedP } from '../internal/distributions.js';
import { linearizedMean } from '../internal/proportion.js';
import { mean, sumOfSquares } from '../internal/sums.js';
import { checkConfidenceLevel, checkNumberOption } from '../internal/validate.js';
import type { DesignSummary } from '../survey/design.js';
import { domainDesignSummary } from '../survey/designCovariance.js';
import { designMean } from '../survey/linearization.js';
import type { Interval, MissingPolicy, ScaleRange, Warning } from '../types.js';
import { isSampleInput, readSample, type SampleInput } from './readSample.js';

/** Summary statistics for one sample (as published tables give them). */
export interface MeanSummaryInput {
  readonly mean: number;
  readonly standardDeviation: number;
  readonly n: number;
}

/** Options of {@link compareMeans}. */
export interface CompareMeansOptions {
  /** `false` (default): Welch's t; `true`: Student's pooled-variance t (R `var.equal = TRUE`). Unweighted only. */
  readonly equalVariance?: boolean;
  readonly confidenceLevel?: number;
  /** Declared scale of the values (checked), e.g. `{ min: 1, max: 7 }`. */
  readonly scale?: ScaleRange;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** One sample in {@link CompareMeansResult}. */
export interface MeanSummary {
  readonly mean: number;
  readonly n: number;
  /** Sample SD (n - 1); `null` with weights. */
  readonly standardDeviation: number | null;
  /** SE of the mean: `s / sqrt(n)`, or Taylor-linearized with weights. */
  readonly standardError: number;
}

/** Result of {@link compareMeans}. */
export interface CompareMeansResult {
  readonly method: 'welch-t' | 'student-t' | 'design-based-t';
  readonly a: MeanSummary;
  readonly b: MeanSummary;
  /** The difference `b - a` (second minus first: later wave minus earlier). */
  readonly estimate: number;
  readonly standardError: number;
  /** t statistic. */
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** t interval of the difference on `df` degrees of freedom. */
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  readonly intervalMethod: 't';
  /** True with weights or designs. */
  readonly weighted: boolean;
  /**
   * With a design per sample (`{ values, design }`): each sample's design (strata and PSUs of its
   * answered rows, design df, the mean's design effect); `null` otherwise.
   */
  readonly design?: { readonly a: DesignSummary; readonly b: DesignSummary } | null;
  /** Empty so far. */
  readonly warnings: readonly Warning[];
}

/** One sample as the t test uses it: mean, n, variance (`null` with weights) and the mean's variance. @internal */
export interface MeanSide {
  readonly mean: number;
  readonly n: number;
  readonly variance: number | null;
  readonly meanVariance: number;
  readonly weighted: boolean;
  readonly design?: DesignSummary;
}

function readSide(x: unknown, name: string, options: CompareMeansOptions): MeanSide {
  if (x !== null && typeof x === 'object' && !isSampleInput(x) && 'mean' in x) {
    const s = x as MeanSummaryInput;
    const m = checkNumberOption(`${name}.mean`, s.mean);
    const sd = checkNumberOption(`${name}.standardDeviation`, s.standardDeviation, { min: 0 });
    const n = checkNumberOption(`${name}.n`, s.n, { min: 2, integer: true });
    return { mean: m, n, variance: sd * sd, meanVariance: (sd * sd) / n, weighted: false };
  }
  if (!isSampleInput(x)) {
    throw new InputError('INVALID_OPTION', `${name}: expected an array of numbers, { values, weights } or { mean, standardDeviation, n }`, {
      argument: name,
      expected: 'array | { values, weights } | { mean, standardDeviation, n }',
    });
  }
  const s = readSample(x, name, { scale: options.scale, missing: options.missing, missingCodes: options.missingCodes, minimum: 2 });
  if (s.design) {
    const { prepared, used, all } = s.design;
    const est = designMean(all, prepared, used);
    const design = domainDesignSummary(prepared, (row) => used[row] === 1, est.designEffect);
    return { mean: est.estimate, n: s.values.length, variance: null, meanVariance: est.variance, weighted: true, design };
  }
  if (s.weights) {
    const est = linearizedMean(s.values, s.weights);
    return { mean: est.mean, n: s.values.length, variance: null, meanVariance: est.variance, weighted: true };
  }
  const m = mean(s.values);
  const v = sumOfSquares(s.values, m) / (s.values.length - 1);
  return { mean: m, n: s.values.length, variance: v, meanVariance: v / s.values.length, weighted: false };
}

/**
 * Difference between two independent means (a driver score, spend, tenure between waves), with
 * t test and interval. `difference = b - a`.
 *
 * Method. Unweighted: Welch's t (Welch 1947), `t = d / sqrt(s_a^2/n_a + s_b^2/n_b)` with the
 * Welch-Satterthwaite df, as R `t.test(b, a)`; `equalVariance: true` gives Student's pooled t
 * (`var.equal = TRUE`). Weighted (`{ values, weights }`): each mean and its Taylor-linearized
 * variance as `survey::svymean` on its own design (`ids = ~1`), `t = d / sqrt(V_a + V_b)` on
 * `n_a + n_b - 3` df: exactly R `survey::svyttest(y ~ group, svydesign(ids = ~1, strata = ~group,
 * weights = ~w))` (design df `n - 2` strata, less one for the group coefficient).
 * With a design per sample (`{ values, design: { weights, strata?, clusters?, fpc?, lonelyPsu? } }`,
 * arrays aligned with the values; the two samples drawn independently, e.g. two waves), each mean
 * is `svymean` on its design (a missing answer leaves its row in the design outside the domain)
 * and `t = d / sqrt(V_a + V_b)` on `degf_a + degf_b - 1` df: R `svyttest(y ~ wave)` on the two
 * samples in one design with strata apart, and `svycontrast` of `svyby(svymean)` for the SE
 * (tested to 1e-9). The result's `design` reports both designs.
 *
 * @param a - First sample: an array of numbers, `{ values, weights }`, or `{ mean, standardDeviation, n }`.
 * @param b - Second sample, same forms.
 * @param options - `equalVariance`, `confidenceLevel`, `scale`, `missing`, `missingCodes`.
 * @returns Both means with SEs, the difference, its SE, t, df, p and interval.
 * @throws InputError `EMPTY_INPUT`, `NOT_NUMERIC`, `OUT_OF_RANGE`, `LENGTH_MISMATCH`,
 *   `INVALID_OPTION` (one sample weighted and the other not; `equalVariance` with weights);
 *   InsufficientDataError `TOO_FEW_CASES` (fewer than 2 values in a sample), `ZERO_VARIANCE`
 *   (both samples constant).
 *
 * @example
 * ```ts
 * import { compareMeans } from 'loyalty-drivers';
 * const r = compareMeans([3, 4, 5, 4, 3], [5, 6, 5, 7, 6, 6]);
 * r.estimate; // => 2.033333...
 * r.statistic; // => 4.199413... (R t.test(b, a): t = 4.1994132, df = 8.2233099, p = 0.002820685)
 * r.df; // => 8.223309...
 * r.pValue; // => 0.002820...
 * ```
 */
export function compareMeans(
  a: SampleInput | MeanSummaryInput,
  b: SampleInput | MeanSummaryInput,
  options: CompareMeansOptions = {},
): CompareMeansResult {
  checkOptions(options, COMPARE_MEANS_KEYS);
  checkConfidenceLevel(options.confidenceLevel); // before the samples, as its errors always came
  return compareMeanSides(readSide(a, 'a', options), readSide(b, 'b', options), options);
}

/**
 * The test of {@link compareMeans} from the two samples' summaries (the streaming wave
 * comparison builds them from sums over chunks, src/analysis/stream/waveAccumulator.ts).
 * @internal
 */
export function compareMeanSides(sa: MeanSide, sb: MeanSide, options: CompareMeansOptions = {}): CompareMeansResult {
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  const equalVariance = options.equalVariance === true;
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
  if (weighted && equalVariance) {
    throw new InputError('INVALID_OPTION', 'options.equalVariance: the pooled t is for unweighted samples', {
      argument: 'options.equalVariance',
      expected: 'false with weights',
    });
  }
  const d = sb.mean - sa.mean;
  let se: number;
  let df: number;
  if (sa.design && sb.design) {
    // Independent samples, each its own design: as svyttest on the two in one design with the
    // samples' strata apart, df = degf_a + degf_b - 1.
    se = Math.sqrt(sa.meanVariance + sb.meanVariance);
    df = sa.design.degreesOfFreedom + sb.design.degreesOfFreedom - 1;
  } else if (weighted) {
    se = Math.sqrt(sa.meanVariance + sb.meanVariance);
    df = sa.n + sb.n - 3;
  } else if (equalVariance) {
    const pooled = ((sa.n - 1) * sa.variance! + (sb.n - 1) * sb.variance!) / (sa.n + sb.n - 2);
    se = Math.sqrt(pooled * (1 / sa.n + 1 / sb.n));
    df = sa.n + sb.n - 2;
  } else {
    se = Math.sqrt(sa.meanVariance + sb.meanVariance);
    df = (sa.meanVariance + sb.meanVariance) ** 2 / (sa.meanVariance ** 2 / (sa.n - 1) + sb.meanVariance ** 2 / (sb.n - 1));
  }
  if (!(se > 0)) {
    throw new InsufficientDataError(
      'ZERO_VARIANCE',
      `a, b: both samples are constant (${sa.mean} and ${sb.mean}); the t statistic is undefined`,
      {
        argument: 'b',
        expected: 'samples that vary',
      },
    );
  }
  const t = d / se;
  const q = tQuantile(0.5 + confidenceLevel / 2, df);
  const summary = (s: MeanSide): MeanSummary => ({
    mean: s.mean,
    n: s.n,
    standardDeviation: s.variance === null ? null : Math.sqrt(s.variance),
    standardError: Math.sqrt(s.meanVariance),
  });
  return {
    method: weighted ? 'design-based-t' : equalVariance ? 'student-t' : 'welch-t',
    a: summary(sa),
    b: summary(sb),
    estimate: d,
    standardError: se,
    statistic: t,
    df,
    pValue: tTwoSidedP(t, df),
    confidenceInterval: [d - q * se, d + q * se],
    confidenceLevel,
    intervalMethod: 't',
    weighted,
    design: sa.design && sb.design ? { a: sa.design, b: sb.design } : null,
    warnings: [],
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const COMPARE_MEANS_KEYS = optionKeys<CompareMeansOptions>({
  equalVariance: true,
  confidenceLevel: true,
  scale: true,
  missing: true,
  missingCodes: true,
});
