/**
 * Distribution functions for inference.
 *
 * Sources, chosen by measurement (domain.md section 9, and test/internal/distributions.test.ts
 * against R): the regularized incomplete beta and gamma functions and the t quantile of `@stdlib`
 * (13-15 digits, including deep tails), bundled into dist (their Apache-2.0 licence ships as
 * dist/THIRD-PARTY-NOTICES.md), and `@stdlib`'s erfc ported to `./erfc.ts` (bit-identical), so an
 * `nps()`-only bundle carries no @stdlib module. Every tail probability is computed directly,
 * never as `1 - cdf`, so p-values near 1e-200 keep their digits instead of rounding to 0.
 *
 * - Student t two-sided p: `I_{df/(df+t^2)}(df/2, 1/2)`.
 * - F upper tail: `I_{d2/(d2+d1 F)}(d2/2, d1/2)`, or its complement form, whichever argument is
 *   smaller (the other is then computed without cancellation).
 * - Chi-square upper tail: the upper regularized gamma `Q(k/2, x/2)`; from shape 100 on by
 *   `./incompleteGamma.ts`, because @stdlib's large-shape branch is off by up to 2% there.
 * - Normal CDF: `erfc(-x / sqrt 2) / 2`.
 * - Normal quantile: Abramowitz & Stegun 26.2.23 (error < 4.5e-4) in the body, the tail asymptote
 *   below p = 1e-15, then Halley steps against the normal CDF.
 */
import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import stdTQuantile from '@stdlib/stats-base-dists-t-quantile';
import { erfCentral, erfc } from './erfc.js';
import { regularizedGamma } from './incompleteGamma.js';

/** Standard normal CDF, accurate in the lower tail down to about 1e-308. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Two-sided normal p-value `2 P(Z > |z|)`. */
export function normalTwoSidedP(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Standard normal quantile for 0 < p < 1. The starting point is Abramowitz & Stegun 26.2.23
 * (Hastings' rational approximation in `t = sqrt(-2 ln p)`, absolute error < 4.5e-4), or the
 * tail asymptote below p = 1e-15; every result is polished by Halley steps on `Phi(x) - p`
 * against the accurate CDF (cubic convergence: three steps reach full precision), working in
 * the lower tail (p <= 0.5, mirrored for the upper half, where `1 - p` is exact).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0)) return p === 0 ? -Infinity : NaN;
  if (!(p < 1)) return p === 1 ? Infinity : NaN;
  if (p > 0.5) return -normalQuantile(1 - p);
  if (p === 0.5) return 0;
  let x: number;
  if (p > 1e-15) {
    const t = Math.sqrt(-2 * Math.log(p));
    x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  } else {
    // Tail asymptote x ~ -sqrt(L - ln L - ln 2pi), L = -2 ln p.
    const l = -2 * Math.log(p);
    x = -Math.sqrt(l - Math.log(l) - Math.log(2 * Math.PI));
  }
  for (let i = 0; i < 8; i++) {
    // Phi(x) - p; near the centre as erf(x / sqrt 2) / 2 - (p - 0.5), exact differences, since
    // Phi(x) - p itself cancels to a few digits when p is within 1e-7 of 0.5.
    const e = x > -1.19 ? 0.5 * erfCentral(x / Math.SQRT2) - (p - 0.5) : normalCdf(x) - p;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
  }
  return x;
}

/** Two-sided Student t p-value `2 P(T_df > |t|)`. */
export function tTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  if (df === Infinity) return normalTwoSidedP(t);
  return betainc(df / (df + t * t), df / 2, 0.5, true, false);
}

/** One-sided upper tail `P(T_df > t)`. */
export function tUpperTail(t: number, df: number): number {
  const half = tTwoSidedP(t, df) / 2;
  return t >= 0 ? half : 1 - half;
}

/** Student t quantile for 0 < p < 1 (df may be Infinity for the normal). */
export function tQuantile(p: number, df: number): number {
  if (df === Infinity) return normalQuantile(p);
  return stdTQuantile(p, df);
}

/** Upper tail `P(F_{d1,d2} > f)` of the F distribution. */
export function fUpperTail(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return 0;
  const denom = d2 + d1 * f;
  const x = d2 / denom;
  const y = (d1 * f) / denom;
  return x <= y ? betainc(x, d2 / 2, d1 / 2, true, false) : betainc(y, d1 / 2, d2 / 2, true, true);
}

/** Upper tail `P(X^2_k > x)` of the chi-square distribution. */
export function chiSquareUpperTail(x: number, k: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return gammaUpper(k / 2, x / 2);
}

/** Shape from which `./incompleteGamma.ts` replaces @stdlib (which is exact to 15 digits below 800). */
const OWN_GAMMA_FROM = 100;

/** Upper regularized incomplete gamma `Q(a, x)`. @internal */
export function gammaUpper(a: number, x: number): number {
  return a >= OWN_GAMMA_FROM ? regularizedGamma(a, x).upper : gammainc(x, a, true, true);
}

/** Lower regularized incomplete gamma `P(a, x)`. @internal */
export function gammaLower(a: number, x: number): number {
  return a >= OWN_GAMMA_FROM ? regularizedGamma(a, x).lower : gammainc(x, a, true, false);
}
