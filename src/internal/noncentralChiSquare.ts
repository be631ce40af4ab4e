/**
 * The noncentral chi-square distribution, for the RMSEA interval and its test of close fit.
 *
 * `P(X > x; k, lambda) = sum_j Pois(j; lambda / 2) Q(k / 2 + j, x / 2)` (Johnson, Kotz &
 * Balakrishnan 1995, 29.2) over the Poisson weights within 1e-18 of the mode's, built by the
 * recursion `w_{j+1} = w_j mu / (j + 1)` from the mode and normalised by their own sum; the upper
 * tail is summed directly (relative accuracy), the CDF is its complement (absolute accuracy,
 * enough for the interval's 0.05 and 0.95). The central `Q(k/2, x/2)` comes from
 * `gammaUpper` (./distributions.ts), right at any number of degrees of freedom.
 * @internal
 */
import { gammaLower, gammaUpper } from './distributions.js';

/** Lanczos coefficients (g = 7, n = 9; Godfrey), about 15 digits for x > 0. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** `log Gamma(x)` for x >= 0.5 (Lanczos approximation). */
function logGamma(x: number): number {
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * `sum_j w_j Q(k/2 + j, x/2)` over the Poisson(lambda / 2) weights, and the total weight, for
 * `upper`; the lower tail is `1 - upper` (absolute accuracy, which is what the interval needs).
 * The upper regularized gammas come from one evaluation at `a0 = k/2` and the recursion
 * `Q(a + 1, y) = Q(a, y) + y^a e^-y / Gamma(a + 1)` (all terms positive, so no cancellation),
 * its terms carried in logs: @stdlib's gammainc loses digits for shapes above about 1000 near
 * `a = y` (at a = 1700 by 1e-2), which a large noncentrality reaches.
 */
function poissonMixtureUpper(x: number, k: number, lambda: number): number {
  if (x <= 0) return 1;
  const y = x / 2;
  const a0 = k / 2;
  const mu = lambda / 2;
  const q0 = gammaUpper(a0, y);
  if (mu === 0) return q0;
  const mode = Math.floor(mu);
  // Poisson weights relative to the mode, on [lo, hi] where they exceed 1e-18 of the mode's.
  let lo = mode;
  let w = 1;
  while (lo > 0) {
    w *= lo / mu;
    if (w < 1e-18) break;
    lo--;
  }
  let hi = mode;
  w = 1;
  for (;;) {
    w *= mu / (hi + 1);
    if (w < 1e-18) break;
    hi++;
  }
  const weights = new Float64Array(hi - lo + 1);
  weights[mode - lo] = 1;
  for (let j = mode + 1; j <= hi; j++) weights[j - lo] = weights[j - 1 - lo]! * (mu / j);
  for (let j = mode - 1; j >= lo; j--) weights[j - lo] = weights[j + 1 - lo]! * ((j + 1) / mu);
  let total = 0;
  for (const v of weights) total += v;
  // Q(a0 + j, y) upward from j = 0.
  const logY = Math.log(y);
  let logTerm = a0 * logY - y - logGamma(a0 + 1);
  let q = q0;
  let sum = 0;
  for (let j = 0; j <= hi; j++) {
    if (j >= lo) sum += weights[j - lo]! * Math.min(q, 1);
    q += Math.exp(logTerm);
    logTerm += logY - Math.log(a0 + j + 1);
  }
  return sum / total;
}

/** `P(X <= x)` for X noncentral chi-square with `k` degrees of freedom and noncentrality `lambda`. @internal */
export function noncentralChiSquareCdf(x: number, k: number, lambda: number): number {
  if (x <= 0) return 0;
  return lambda === 0 ? gammaLower(k / 2, x / 2) : 1 - poissonMixtureUpper(x, k, lambda);
}

/** `P(X > x)`, computed without cancellation. @internal */
export function noncentralChiSquareUpperTail(x: number, k: number, lambda: number): number {
  return poissonMixtureUpper(x, k, lambda);
}

/**
 * The noncentrality lambda in [lo, hi] with `P(X <= x; k, lambda) = p` (the CDF falls in lambda),
 * by bisection to the resolution of a double.
 */
function solveNoncentrality(x: number, k: number, p: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200 && b - a > 4 * Number.EPSILON * Math.max(1, b); i++) {
    const mid = (a + b) / 2;
    if (noncentralChiSquareCdf(x, k, mid) > p) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/**
 * RMSEA interval by inverting the noncentral chi-square in its noncentrality, as lavaan
 * (`lav_fit_rmsea_ci`): the lower limit solves `P(X2; df, lambda) = (1 + level) / 2`, the upper
 * `(1 - level) / 2`, each limit `sqrt(lambda / (n df))`, and 0 when the equation has no root in
 * `[0, x]` (lower) or `[0, max(n, 4 x)]` (upper). lavaan solves with `uniroot`'s default
 * tolerance (1.2e-4 in lambda); this solves to full precision.
 * @internal
 */
export function rmseaInterval(chiSquare: number, df: number, n: number, level: number): [number, number] {
  if (!(df > 0)) return [0, 0];
  const pLower = 1 - (1 - level) / 2;
  const pUpper = (1 - level) / 2;
  const lower =
    noncentralChiSquareCdf(chiSquare, df, 0) < pLower ? 0 : Math.sqrt(solveNoncentrality(chiSquare, df, pLower, 0, chiSquare) / (n * df));
  const top = Math.max(n, 4 * chiSquare);
  const upper =
    noncentralChiSquareCdf(chiSquare, df, top) > pUpper || noncentralChiSquareCdf(chiSquare, df, 0) < pUpper
      ? 0
      : Math.sqrt(solveNoncentrality(chiSquare, df, pUpper, 0, top) / (n * df));
  return [lower, upper];
}
