import { fUpperTail, normalQuantile } from '../internal/distributions.js';
import type { Interval } from '../types.js';

/**
 * Quantile of the F distribution, `x` with `P(F_{d1,d2} <= x) = p`, by safeguarded regula falsi
 * (Illinois variant) on `log x` against the accurate upper tail; about 1e-13 relative.
 * @internal
 */
export function fQuantile(p: number, d1: number, d2: number): number {
  const upper = 1 - p;
  const h = (t: number): number => fUpperTail(Math.exp(t), d1, d2) - upper;
  let a = 0;
  let fa = h(a);
  let b = fa > 0 ? 1 : -1;
  let fb = h(b);
  // Expand until the root is bracketed (h decreases in t).
  for (let i = 0; i < 200 && Math.sign(fa) === Math.sign(fb) && fb !== 0; i++) {
    a = b;
    fa = fb;
    b = fa > 0 ? b + Math.max(1, Math.abs(b)) : b - Math.max(1, Math.abs(b));
    fb = h(b);
  }
  let side = 0;
  for (let i = 0; i < 200; i++) {
    const t = (a * fb - b * fa) / (fb - fa);
    const ft = h(t);
    if (ft === 0 || Math.abs(b - a) <= 1e-15 * Math.max(1, Math.abs(t))) return Math.exp(t);
    if (Math.sign(ft) === Math.sign(fb)) {
      b = t;
      fb = ft;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = t;
      fa = ft;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return Math.exp((a + b) / 2);
}

/**
 * Feldt's (1965) exact interval for alpha under the usual normal model (psych::alpha.ci):
 * `[1 - (1 - alpha) F_{1-a/2}, 1 - (1 - alpha) F_{a/2}]` with F on `n - 1` and
 * `(n - 1)(k - 1)` degrees of freedom, `a = 1 - confidence level`.
 * @internal
 */
export function feldtInterval(alpha: number, n: number, k: number, level: number): Interval {
  const a = 1 - level;
  const d1 = n - 1;
  const d2 = (n - 1) * (k - 1);
  return [1 - (1 - alpha) * fQuantile(1 - a / 2, d1, d2), 1 - (1 - alpha) * fQuantile(a / 2, d1, d2)];
}

/** Normal-theory interval `alpha -/+ z se` with the Duhachek & Iacobucci (2004) standard error. @internal */
export function duhachekInterval(alpha: number, standardError: number, level: number): Interval {
  const z = normalQuantile(1 - (1 - level) / 2);
  return [alpha - z * standardError, alpha + z * standardError];
}
