import { checkOptions, optionKeys } from '../internal/options.js';
import { InsufficientDataError } from '../errors.js';
import { fUpperTail } from '../internal/distributions.js';
import { mean, sum, sumOfSquares } from '../internal/sums.js';
import { checkOption } from '../internal/validate.js';
import type { MissingPolicy } from '../types.js';
import { readGroups } from './readGroups.js';

/** Options of {@link oneWayAnova}. */
export interface OneWayAnovaOptions {
  /**
   * `'fisher'` (default): the classical F test assuming equal variances (R `aov`, `oneway.test(var.equal = TRUE)`);
   * `'welch'`: Welch's (1951) heteroscedastic F (R `oneway.test(var.equal = FALSE)`).
   */
  readonly method?: 'fisher' | 'welch';
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** One group's summary in {@link OneWayAnovaResult}. */
export interface AnovaGroup {
  readonly group: number;
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n - 1); `null` for a single value. */
  readonly standardDeviation: number | null;
}

/** Result of {@link oneWayAnova}. */
export interface OneWayAnovaResult {
  readonly method: 'one-way-anova-fisher' | 'one-way-anova-welch';
  /** F statistic. */
  readonly statistic: number;
  readonly dfBetween: number;
  /** Within-groups df (`N - k`; Welch's approximate df for `'welch'`). */
  readonly dfWithin: number;
  readonly pValue: number;
  readonly sumOfSquaresBetween: number;
  readonly sumOfSquaresWithin: number;
  readonly meanSquareBetween: number;
  readonly meanSquareWithin: number;
  /** Effect size `SS_between / SS_total`. */
  readonly etaSquared: number;
  /** Values used, over the groups compared. */
  readonly n: number;
  readonly groups: readonly AnovaGroup[];
  /** Positions of groups without values (left out of the test, as R drops unused levels). */
  readonly emptyGroups: readonly number[];
  /** Missing values dropped. */
  readonly missingDropped: number;
}

/**
 * One-way analysis of variance: do k group means differ?
 *
 * Method: `F = (SS_between / (k - 1)) / (SS_within / (N - k))`, with `SS_within` the sum of
 * the groups' two-pass centred sums of squares and `SS_between = sum n_j (mean_j - mean)^2`
 * (no `sum x^2 - N mean^2` cancellation); p from the F upper tail via the regularized incomplete
 * beta. With `method: 'welch'`, Welch's (1951) statistic with weights `n_j / s_j^2` and
 * approximate denominator df `(k^2 - 1) / (3 sum (1 - w_j/W)^2 / (n_j - 1))`, as R
 * `oneway.test(var.equal = FALSE)`. Reference: R `summary(aov(y ~ g))`, `oneway.test`.
 *
 * @param groups - One array of numbers per group (missing values dropped and counted; an empty
 *   group is left out and reported in `emptyGroups`).
 * @param options - `method` (`'fisher'` default or `'welch'`), `missing`, `missingCodes`.
 * @returns F, dfs, p, sums of squares, eta squared and each group's n, mean and SD.
 * @throws InputError `EMPTY_INPUT`, `NOT_NUMERIC`, `INVALID_OPTION`, `MISSING_VALUE`;
 *   InsufficientDataError `TOO_FEW_CASES` (fewer than 2 non-empty groups, no residual df, or for
 *   Welch a group with fewer than 2 values), `ZERO_VARIANCE` (no variation within groups).
 *
 * @example
 * ```ts
 * import { oneWayAnova } from 'loyalty-drivers';
 * // means 2 and 5; SS_between = 3 (2 - 3.5)^2 + 3 (5 - 3.5)^2 = 13.5, SS_within = 2 + 2 = 4
 * oneWayAnova([[1, 2, 3], [4, 5, 6]]); // => { statistic: 13.5, dfBetween: 1, dfWithin: 4, pValue: 0.021311..., etaSquared: 0.771428..., n: 6, ... }
 * ```
 */
export function oneWayAnova(groups: readonly (readonly unknown[])[], options: OneWayAnovaOptions = {}): OneWayAnovaResult {
  checkOptions(options, ONE_WAY_ANOVA_KEYS);
  const method = checkOption('options.method', options.method ?? 'fisher', ['fisher', 'welch'] as const);
  const sample = readGroups(groups, { argument: 'groups', missing: options.missing, missingCodes: options.missingCodes });
  const gs = sample.groups;
  const k = gs.length;
  const sizes = gs.map((g) => g.length);
  const n = sum(sizes);
  const means = gs.map((g) => mean(g));
  const ssWithinByGroup = gs.map((g, j) => sumOfSquares(g, means[j]!));
  // Grand mean as the size-weighted mean of group means, then a compensated sum of n_j d_j^2.
  const grand = sum(means.map((m, j) => m * sizes[j]!)) / n;
  const ssBetween = sum(means.map((m, j) => sizes[j]! * (m - grand) ** 2));
  const ssWithin = sum(ssWithinByGroup);
  const summaries: AnovaGroup[] = gs.map((g, j) => ({
    group: sample.used[j]!,
    n: g.length,
    mean: means[j]!,
    standardDeviation: g.length > 1 ? Math.sqrt(ssWithinByGroup[j]! / (g.length - 1)) : null,
  }));
  if (n - k < 1) {
    throw new InsufficientDataError('TOO_FEW_CASES', `groups: ${n} values in ${k} groups leave no within-group degrees of freedom`, {
      argument: 'groups',
      expected: 'more values than groups',
    });
  }
  if (!(ssWithin > 0)) {
    throw new InsufficientDataError('ZERO_VARIANCE', 'groups: no variation within any group (every group is constant); F is undefined', {
      argument: 'groups',
      expected: 'variation within groups',
    });
  }
  const dfBetween = k - 1;
  let statistic: number;
  let dfWithin: number;
  if (method === 'fisher') {
    dfWithin = n - k;
    statistic = ssBetween / dfBetween / (ssWithin / dfWithin);
  } else {
    const bad = summaries.find((s) => s.n < 2 || !(ssWithinByGroup[summaries.indexOf(s)]! > 0));
    if (bad) {
      throw new InsufficientDataError(
        bad.n < 2 ? 'TOO_FEW_CASES' : 'ZERO_VARIANCE',
        `groups[${bad.group}]: Welch's F needs at least 2 values and a non-zero variance in every group (n = ${bad.n})`,
        {
          argument: `groups[${bad.group}]`,
          expected: 'n >= 2 and variance > 0',
        },
      );
    }
    const w = summaries.map((s, j) => s.n / (ssWithinByGroup[j]! / (s.n - 1)));
    const wSum = sum(w);
    const wMean = sum(w.map((wj, j) => wj * means[j]!)) / wSum;
    const a = sum(w.map((wj, j) => wj * (means[j]! - wMean) ** 2)) / dfBetween;
    const tmp = sum(w.map((wj, j) => (1 - wj / wSum) ** 2 / (sizes[j]! - 1)));
    statistic = a / (1 + ((2 * (k - 2)) / (k * k - 1)) * tmp);
    dfWithin = (k * k - 1) / (3 * tmp);
  }
  return {
    method: method === 'fisher' ? 'one-way-anova-fisher' : 'one-way-anova-welch',
    statistic,
    dfBetween,
    dfWithin,
    pValue: fUpperTail(statistic, dfBetween, dfWithin),
    sumOfSquaresBetween: ssBetween,
    sumOfSquaresWithin: ssWithin,
    meanSquareBetween: ssBetween / dfBetween,
    meanSquareWithin: ssWithin / (n - k),
    etaSquared: ssBetween / (ssBetween + ssWithin),
    n,
    groups: summaries,
    emptyGroups: sample.emptyGroups,
    missingDropped: sample.missingDropped,
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const ONE_WAY_ANOVA_KEYS = optionKeys<OneWayAnovaOptions>({ method: true, missing: true, missingCodes: true });
