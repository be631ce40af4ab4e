/**
 * Means and proportions with their sampling variance, unweighted or with sampling weights, and
 * the intervals the indices share.
 *
 * Weighted variances are Taylor-linearized exactly as R `survey::svymean` with
 * `svydesign(ids = ~1, weights = ~w)` (with-replacement, one stage):
 * `Var(ybar_w) = n / (n - 1) * sum w_i^2 (y_i - ybar_w)^2 / (sum w)^2`.
 * With all weights 1 this is `s^2 / n`, the textbook variance of a mean.
 */
import { normalQuantile, tQuantile } from './distributions.js';
import { sum, weightedMean } from './sums.js';
import type { Interval } from '../types.js';

/** A mean (or proportion, for 0/1 data) and the variance of that estimate. */
export interface MeanEstimate {
  readonly mean: number;
  readonly variance: number;
  readonly n: number;
  readonly weightSum: number;
}

/** Mean and its variance; Taylor-linearized when weighted (see module note). */
export function linearizedMean(y: ArrayLike<number>, w?: ArrayLike<number>): MeanEstimate {
  const n = y.length;
  if (!w) {
    const m = sum(y) / n;
    let ss = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      const d = y[i]! - m;
      ss += d * d;
      sd += d;
    }
    ss -= (sd * sd) / n;
    return { mean: m + sd / n, variance: n > 1 ? ss / (n * (n - 1)) : 0, n, weightSum: n };
  }
  const sw = sum(w);
  const m = weightedMean(y, w);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const e = w[i]! * (y[i]! - m);
    acc += e * e;
  }
  return { mean: m, variance: n > 1 ? ((n / (n - 1)) * acc) / (sw * sw) : 0, n, weightSum: sw };
}

/** Kish's effective sample size `(sum w)^2 / sum w^2` (n when unweighted). */
export function effectiveSampleSize(n: number, w?: ArrayLike<number>): number {
  if (!w) return n;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i]!;
    s2 += w[i]! * w[i]!;
  }
  return (s * s) / s2;
}

/** Symmetric normal-theory (Wald) interval `estimate -/+ z SE`. */
export function waldInterval(estimate: number, standardError: number, level: number): Interval {
  const z = normalQuantile(0.5 + level / 2);
  return [estimate - z * standardError, estimate + z * standardError];
}

/** Symmetric t interval `estimate -/+ t_{df} SE`. */
export function tInterval(estimate: number, standardError: number, df: number, level: number): Interval {
  const t = tQuantile(0.5 + level / 2, df);
  return [estimate - t * standardError, estimate + t * standardError];
}

/**
 * Wilson score interval for a proportion `p` from `n` trials (Wilson 1927), the interval of
 * R `prop.test(correct = FALSE)`. For weighted data pass the effective n `p (1 - p) / Var(p)`.
 */
export function wilsonInterval(p: number, n: number, level: number): Interval {
  const z = normalQuantile(0.5 + level / 2);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Effective n for a weighted proportion: `p (1 - p) / Var(p)` (the design-effect-adjusted
 * sample size of Korn & Graubard 1998), or Kish's n when p is 0 or 1.
 */
export function proportionEffectiveN(p: number, variance: number, n: number, w?: ArrayLike<number>): number {
  if (!w) return n;
  if (p <= 0 || p >= 1 || !(variance > 0)) return effectiveSampleSize(n, w);
  return (p * (1 - p)) / variance;
}
