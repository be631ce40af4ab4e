import { normalCdf, normalQuantile } from '../internal/distributions.js';

/**
 * The order statistic at level `alpha` of B sorted replicates, interpolated on the normal scale
 * between ranks k = floor((B + 1) alpha) and k + 1 (Davison & Hinkley 1997, eq. 5.8; R boot's
 * `norm.inter`); the extreme replicate beyond the ends.
 */
function normalInterpolated(sorted: Float64Array, alpha: number): number {
  const B = sorted.length;
  const rank = (B + 1) * alpha;
  const k = Math.trunc(rank);
  if (k === rank) return sorted[Math.min(Math.max(k, 1), B) - 1]!;
  if (k <= 0) return sorted[0]!;
  if (k >= B) return sorted[B - 1]!;
  const lo = normalQuantile(k / (B + 1));
  const hi = normalQuantile((k + 1) / (B + 1));
  return sorted[k - 1]! + ((normalQuantile(alpha) - lo) / (hi - lo)) * (sorted[k]! - sorted[k - 1]!);
}

/**
 * BCa interval (Efron 1987): bias correction z0 = Phi^-1(share of replicates below the estimate),
 * acceleration a = sum L^3 / (6 (sum L^2)^(3/2)) from the jackknife influence values
 * L_i = mean(theta_(.)) - theta_(-i); the levels Phi(z0 + (z0 + z) / (1 - a (z0 + z))) at
 * z = Phi^-1(alpha / 2), Phi^-1(1 - alpha / 2), read off the replicates as R `boot.ci(type = "bca")`.
 * Null when z0 or a is not finite (every replicate on one side of the estimate, or a constant
 * jackknife).
 * @param sorted - The replicates, sorted ascending.
 * @param below - How many replicates lie below the estimate.
 * @param squares - sum over the jackknife of (theta_(-i) - mean)^2.
 * @param cubes - sum over the jackknife of (theta_(-i) - mean)^3 (so sum L^3 = -cubes).
 * @internal
 */
export function bcaInterval(
  sorted: Float64Array,
  below: number,
  squares: number,
  cubes: number,
  confidenceLevel: number,
): readonly [number, number] | null {
  const z0 = normalQuantile(below / sorted.length);
  const a = -cubes / (6 * squares ** 1.5);
  if (!Number.isFinite(z0) || !Number.isFinite(a)) return null;
  const level = (z: number): number => normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
  const z = normalQuantile((1 + confidenceLevel) / 2);
  return [normalInterpolated(sorted, level(-z)), normalInterpolated(sorted, level(z))];
}
