/**
 * The noncentral chi-square distribution, for the RMSEA interval and its test of close fit.
 *
 * `P(X <= x; k, lambda) = sum_j Pois(j; lambda / 2) P(k / 2 + j, x / 2)` (Johnson, Kotz &
 * Balakrishnan 1995, 29.2), summed outward from the Poisson mode until the weights fall below
 * 1e-18 of their total; the weights are built by the recursion `w_{j+1} = w_j mu / (j + 1)` from
 * the mode and normalised by their own sum, so no log-gamma is needed. The upper tail sums the
 * upper regularized gammas directly (no `1 - cdf` cancellation).
 * @internal
 */
import gammainc from '@stdlib/math-base-special-gammainc';

function poissonMixture(x: number, k: number, lambda: number, upper: boolean): number {
  if (x <= 0) return upper ? 1 : 0;
  const mu = lambda / 2;
  const term = (j: number): number => gammainc(x / 2, k / 2 + j, true, upper);
  if (mu === 0) return term(0);
  const mode = Math.floor(mu);
  let weight = 1;
  let total = 0;
  let sum = 0;
  // Upward from the mode.
  for (let j = mode; ; j++) {
    total += weight;
    sum += weight * term(j);
    weight *= mu / (j + 1);
    if (weight < 1e-18 * total) break;
  }
  // Downward from the mode.
  weight = 1;
  for (let j = mode - 1; j >= 0; j--) {
    weight *= (j + 1) / mu;
    if (weight < 1e-18 * total) break;
    total += weight;
    sum += weight * term(j);
  }
  return sum / total;
}

/** `P(X <= x)` for X noncentral chi-square with `k` degrees of freedom and noncentrality `lambda`. @internal */
export function noncentralChiSquareCdf(x: number, k: number, lambda: number): number {
  return poissonMixture(x, k, lambda, false);
}

/** `P(X > x)`, computed without cancellation. @internal */
export function noncentralChiSquareUpperTail(x: number, k: number, lambda: number): number {
  return poissonMixture(x, k, lambda, true);
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
