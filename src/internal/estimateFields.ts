/**
 * The estimate fields of a result (estimate, SE, interval, its level and method) and its n, as a
 * new plain object: what a summary of several results (waves, segments) shows of each.
 * @internal
 */
import type { EstimateFields } from '../types.js';

export function estimateFields<T extends EstimateFields & { readonly n: number }>(
  r: T,
): EstimateFields & { readonly n: number; readonly intervalMethod: T['intervalMethod'] } {
  return {
    estimate: r.estimate,
    standardError: r.standardError,
    confidenceInterval: r.confidenceInterval,
    confidenceLevel: r.confidenceLevel,
    intervalMethod: r.intervalMethod,
    n: r.n,
  };
}
