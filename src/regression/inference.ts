/**
 * Internal: coefficient tables and Wald F tests from estimates and a covariance matrix.
 *
 * @module regression/inference
 * @internal
 */
import { fUpperTail, normalQuantile, normalTwoSidedP, tQuantile, tTwoSidedP } from '../internal/distributions.js';
import { solve } from '../internal/matrix.js';
import type { Coefficient, LogisticCoefficient } from './types.js';

/** t-based table (Student t on `df`), as R's `summary.lm` and `confint.lm`. */
export function coefficientTable(
  terms: readonly string[],
  estimates: readonly number[],
  covariance: readonly (readonly number[])[],
  df: number,
  level: number,
  standardized: readonly (number | null)[],
): Coefficient[] {
  const q = tQuantile(1 - (1 - level) / 2, df);
  return terms.map((term, j) => {
    const estimate = estimates[j]!;
    const standardError = Math.sqrt(covariance[j]![j]!);
    const tStatistic = estimate / standardError;
    return {
      term,
      estimate,
      standardError,
      tStatistic,
      pValue: tTwoSidedP(tStatistic, df),
      confidenceInterval: [estimate - q * standardError, estimate + q * standardError] as const,
      confidenceLevel: level,
      intervalMethod: 't' as const,
      standardizedEstimate: standardized[j] ?? null,
    };
  });
}

/**
 * z-based table (standard normal), as R's `summary.glm` and `confint.default`; with `df`, t on
 * `df` (R `summary.svyglm`, `confint.svyglm`).
 */
export function logisticTable(
  terms: readonly string[],
  estimates: readonly number[],
  covariance: readonly (readonly number[])[],
  level: number,
  standardized: readonly (number | null)[],
  df?: number,
): LogisticCoefficient[] {
  const q = df === undefined ? normalQuantile(1 - (1 - level) / 2) : tQuantile(1 - (1 - level) / 2, df);
  return terms.map((term, j) => {
    const estimate = estimates[j]!;
    const standardError = Math.sqrt(covariance[j]![j]!);
    const zStatistic = estimate / standardError;
    const lower = estimate - q * standardError;
    const upper = estimate + q * standardError;
    return {
      term,
      estimate,
      standardError,
      zStatistic,
      pValue: df === undefined ? normalTwoSidedP(zStatistic) : tTwoSidedP(zStatistic, df),
      confidenceInterval: [lower, upper] as const,
      confidenceLevel: level,
      intervalMethod: df === undefined ? ('wald' as const) : ('t' as const),
      oddsRatio: Math.exp(estimate),
      oddsRatioInterval: [Math.exp(lower), Math.exp(upper)] as const,
      standardizedEstimate: standardized[j] ?? null,
    };
  });
}

/**
 * Wald F of `estimates[from..] = 0` with the given covariance: `b' V^-1 b / q` on (q, df).
 * With the classical covariance this equals the usual ANOVA F.
 */
export function waldF(
  estimates: readonly number[],
  covariance: readonly (readonly number[])[],
  from: number,
  df: number,
): { fStatistic: number; fPValue: number } {
  const idx = estimates.map((_, j) => j).filter((j) => j >= from);
  const b = idx.map((j) => estimates[j]!);
  const v = idx.map((i) => idx.map((j) => covariance[i]![j]!));
  const x = solve(v, b, 'covariance matrix of the slopes');
  let s = 0;
  for (let i = 0; i < b.length; i++) s += b[i]! * x[i]!;
  const fStatistic = s / b.length;
  return { fStatistic, fPValue: fUpperTail(fStatistic, b.length, df) };
}
