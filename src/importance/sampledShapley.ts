/**
 * Permutation-sampling estimate of lmg (the Shapley value of R2) for more predictors than the
 * exact all-subsets engine allows.
 *
 * @internal
 */
import type { Random } from '../internal/random.js';

/** A sampled Shapley estimate with its error statements. */
export interface SampledShapley {
  /** Estimated lmg per predictor; they sum to R2 exactly (up to rounding). */
  readonly lmg: number[];
  /** Monte Carlo standard error of each estimate (from the spread of the antithetic pairs). */
  readonly standardErrors: number[];
  /**
   * Distribution-free bound: with probability at least `confidenceLevel`, every estimate is within
   * this distance of the exact lmg at once (Hoeffding's inequality with a union bound over the p
   * predictors; each pair average lies in [0, R2]).
   */
  readonly errorBound: number;
  /** Permutations drawn (twice the number of antithetic pairs). */
  readonly permutations: number;
}

/**
 * Method (Castro, Gomez & Tejada 2009, "Polynomial calculation of the Shapley value based on
 * sampling", Computers & Operations Research 36): draw uniformly random orderings of the
 * predictors (Fisher-Yates), add the predictors in that order and record each one's R2 gain; the
 * mean gain over orderings estimates its Shapley value without bias. Each ordering is paired with
 * its reverse (antithetic sampling), which lowers the variance. One ordering costs one Gaussian
 * elimination of the correlation matrix in that order, about p^3 / 3 multiply-adds; each gain is
 * `a_yk^2 / a_kk` in the current Schur complement, so it is never negative and the gains of an
 * ordering add up to R2.
 *
 * @param pairs - Number of antithetic pairs (permutations = 2 * pairs), at least 2.
 * @param confidenceLevel - For `errorBound`, in (0, 1).
 */
export function sampledShapley(
  correlation: Float64Array,
  p: number,
  pairs: number,
  random: Random,
  confidenceLevel: number,
): SampledShapley {
  const P = p + 1;
  const work = new Float64Array(P * P);
  const order = new Int32Array(p);
  const gains = new Float64Array(p);
  const mean = new Float64Array(p);
  const m2 = new Float64Array(p);
  for (let j = 0; j < p; j++) order[j] = j;
  let rSquared = 0;
  const walk = (reverse: boolean): void => {
    work.set(correlation);
    const alive = new Uint8Array(P).fill(1);
    for (let t = 0; t < p; t++) {
      const k = order[reverse ? p - 1 - t : t]!;
      const kRow = k * P;
      const pivot = work[kRow + k]!;
      const ayk = work[kRow + p]!;
      gains[k] = gains[k]! + (ayk * ayk) / pivot;
      alive[k] = 0;
      for (let i = 0; i < P; i++) {
        if (!alive[i]) continue;
        const f = work[i * P + k]! / pivot;
        if (f === 0) continue;
        const iRow = i * P;
        for (let j = 0; j < P; j++) if (alive[j]) work[iRow + j] = work[iRow + j]! - f * work[kRow + j]!;
      }
    }
  };
  for (let s = 0; s < pairs; s++) {
    // Fisher-Yates shuffle of the current order.
    for (let i = p - 1; i > 0; i--) {
      const j = random.integer(i + 1);
      const tmp = order[i]!;
      order[i] = order[j]!;
      order[j] = tmp;
    }
    gains.fill(0);
    walk(false);
    walk(true);
    // Welford update with the pair average.
    let total = 0;
    for (let j = 0; j < p; j++) {
      const x = gains[j]! / 2;
      total += x;
      const delta = x - mean[j]!;
      mean[j] = mean[j]! + delta / (s + 1);
      m2[j] = m2[j]! + delta * (x - mean[j]!);
    }
    rSquared = total;
  }
  const standardErrors = Array.from(m2, (v) => Math.sqrt(v / (pairs - 1) / pairs));
  const delta = 1 - confidenceLevel;
  const errorBound = rSquared * Math.sqrt(Math.log((2 * p) / delta) / (2 * pairs));
  return { lmg: Array.from(mean), standardErrors, errorBound, permutations: 2 * pairs };
}
