import { checkOptions, optionKeys } from '../internal/options.js';
import { InsufficientDataError } from '../errors.js';
import { chiSquareUpperTail } from '../internal/distributions.js';
import { sum } from '../internal/sums.js';
import type { MissingPolicy } from '../types.js';
import { readGroups } from './readGroups.js';

/** Options of {@link kruskalWallis}. */
export interface KruskalWallisOptions {
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** Result of {@link kruskalWallis}. */
export interface KruskalWallisResult {
  readonly method: 'kruskal-wallis';
  /** H, corrected for ties. */
  readonly statistic: number;
  readonly df: number;
  /** Chi-square approximation, as R `kruskal.test`. */
  readonly pValue: number;
  /** The tie correction `1 - sum(t^3 - t) / (N^3 - N)` H was divided by (1 without ties). */
  readonly tieCorrection: number;
  /** Effect size `epsilon^2 = H / (N - 1)` (Tomczak & Tomczak 2014). */
  readonly epsilonSquared: number;
  readonly n: number;
  readonly groups: readonly { readonly group: number; readonly n: number; readonly meanRank: number }[];
  /** Positions of groups without values (left out, as R drops unused levels). */
  readonly emptyGroups: readonly number[];
  readonly missingDropped: number;
}

/**
 * Kruskal-Wallis rank-sum test: do k groups come from the same distribution? The rank-based
 * alternative to {@link oneWayAnova} for skewed measures (spend, tenure) and ordinal scales.
 *
 * Method: rank all N values together (ties get their average rank),
 * `H = 12 / (N (N + 1)) * sum n_j (Rbar_j - (N + 1)/2)^2` (the centred form, free of the
 * cancellation in `12 / (N (N + 1)) sum R_j^2 / n_j - 3 (N + 1)`), divided by the tie correction
 * `1 - sum(t^3 - t) / (N^3 - N)` over tie groups of size t; p from the chi-square distribution on
 * k - 1 df. Reference: Kruskal & Wallis (1952), JASA 47(260); R `kruskal.test` (same correction).
 *
 * @param groups - One array of numbers per group (missing values dropped; empty groups left out
 *   and reported).
 * @param options - `missing`, `missingCodes`.
 * @returns H, df, p, the tie correction, epsilon squared and each group's n and mean rank.
 * @throws InputError `EMPTY_INPUT`, `NOT_NUMERIC`, `MISSING_VALUE`; InsufficientDataError
 *   `TOO_FEW_CASES` (fewer than 2 non-empty groups), `ZERO_VARIANCE` (all values tied).
 *
 * @example
 * ```ts
 * import { kruskalWallis } from 'loyalty-drivers';
 * // mean ranks 2 and 5: H = 12 / 42 * (3 * 1.5^2 + 3 * 1.5^2) = 27 / 7
 * kruskalWallis([[1, 2, 3], [4, 5, 6]]); // => { statistic: 3.857142..., df: 1, pValue: 0.049534..., tieCorrection: 1, n: 6, ... }
 * ```
 */
export function kruskalWallis(groups: readonly (readonly unknown[])[], options: KruskalWallisOptions = {}): KruskalWallisResult {
  checkOptions(options, KRUSKAL_WALLIS_KEYS);
  const sample = readGroups(groups, { argument: 'groups', missing: options.missing, missingCodes: options.missingCodes });
  const gs = sample.groups;
  const k = gs.length;
  const n = sum(gs.map((g) => g.length));
  // Rank by merging the groups' sorted copies (native typed-array sorts, then a k-way merge):
  // much faster than sorting one index array with a comparator. Each run of equal values gets
  // its average rank, credited to the groups in proportion to their share of the run.
  const sorted = gs.map((g) => Float64Array.from(g).sort());
  const at = new Int32Array(k);
  const inRun = new Int32Array(k);
  const rankSum = new Float64Array(k);
  let ties = 0;
  let done = 0;
  while (done < n) {
    let v = Infinity;
    for (let j = 0; j < k; j++) if (at[j]! < sorted[j]!.length && sorted[j]![at[j]!]! < v) v = sorted[j]![at[j]!]!;
    let t = 0;
    for (let j = 0; j < k; j++) {
      const g = sorted[j]!;
      let c = 0;
      while (at[j]! < g.length && g[at[j]!] === v) {
        at[j]!++;
        c++;
      }
      inRun[j] = c;
      t += c;
    }
    const rank = (2 * done + t + 1) / 2;
    for (let j = 0; j < k; j++) if (inRun[j]! > 0) rankSum[j]! += inRun[j]! * rank;
    if (t > 1) ties += t * t * t - t;
    done += t;
  }
  const tieCorrection = 1 - ties / (n * n * n - n);
  if (!(tieCorrection > 0)) {
    throw new InsufficientDataError('ZERO_VARIANCE', `groups: all ${n} values are tied (${sorted[0]![0]}); the test is undefined`, {
      argument: 'groups',
      expected: 'values that are not all equal',
    });
  }
  const centre = (n + 1) / 2;
  const meanRanks = gs.map((g, j) => rankSum[j]! / g.length);
  const h = ((12 / (n * (n + 1))) * sum(meanRanks.map((r, j) => gs[j]!.length * (r - centre) ** 2))) / tieCorrection;
  const df = k - 1;
  return {
    method: 'kruskal-wallis',
    statistic: h,
    df,
    pValue: chiSquareUpperTail(h, df),
    tieCorrection,
    epsilonSquared: h / (n - 1),
    n,
    groups: gs.map((g, j) => ({ group: sample.used[j]!, n: g.length, meanRank: meanRanks[j]! })),
    emptyGroups: sample.emptyGroups,
    missingDropped: sample.missingDropped,
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const KRUSKAL_WALLIS_KEYS = optionKeys<KruskalWallisOptions>({ missing: true, missingCodes: true });
