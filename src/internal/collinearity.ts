/**
 * Collinearity diagnostics of a set of predictors from their correlation matrix: one rule, used
 * by every result that warns about collinearity (driver correlations, regression, importance).
 *
 * - VIF_j = [R^-1]_jj = 1 / (1 - R2_j), R2_j the R2 of predictor j on the others.
 * - Condition indices sqrt(lambda_max / lambda_k) of the correlation matrix, the condition number
 *   their largest; the predictors involved in the worst near-dependency are those with a
 *   variance-decomposition proportion of at least 0.5 on its dimension (Belsley, Kuh & Welsch
 *   1980, ch. 3; here on the centred and scaled predictors, as the correlation matrix is).
 *
 * The rule (thresholds stated in docs/guides/conventions.md):
 * - `HIGH_VIF`: a VIF above 5 (R2_j above 0.8): the coefficient is unstable.
 * - `HIGH_CONDITION_NUMBER`: condition number above 30 (Belsley et al.'s "strong").
 * - `SEVERE_COLLINEARITY`: a VIF above 10^6. The predictor's variation of its own is then below a
 *   thousandth of its standard deviation, smaller than the rounding of answers written to two
 *   decimals on a 1-7 scale: what separates it from the others is noise, so any statistic that
 *   rests on its unique part (its coefficient, betasq, pratt, last, car, the decisions of
 *   complete and conditional dominance) is noise too.
 * @internal
 */
import { inverse, symmetricEigen, type Dense } from './matrix.js';
import type { Warning } from '../types.js';

/** VIF above which a predictor's coefficient is called unstable. */
export const VIF_CAUTION = 5;
/** Condition number above which collinearity is called strong. */
export const CONDITION_CAUTION = 30;
/** VIF above which the predictor's unique part is below the rounding of the data. */
export const VIF_SEVERE = 1e6;

/** What {@link collinearityDiagnostics} finds. */
export interface CollinearityDiagnostics {
  readonly vif: Readonly<Record<string, number>>;
  readonly conditionNumber: number;
  /** `sqrt(largest / eigenvalue_k)` for each eigenvalue, largest eigenvalue first. */
  readonly conditionIndices: readonly number[];
  /** Predictors in the worst near-dependency (proportion >= 0.5 on its dimension). */
  readonly involved: readonly string[];
  /** `'severe'` when a VIF exceeds {@link VIF_SEVERE}, `'high'` on any caution, else `'none'`. */
  readonly level: 'none' | 'high' | 'severe';
  readonly warnings: readonly Warning[];
}

const fmt = (v: number): string => (v >= 1e5 ? v.toExponential(1) : v.toFixed(1));

/**
 * Diagnoses the predictors whose correlation matrix is `r` (positive definite: a singular one is
 * the caller's `RANK_DEFICIENT` error).
 * @param what how the messages call the predictors (`'driver'`, `'predictor'`).
 */
export function collinearityDiagnostics(r: Dense, names: readonly string[], what = 'predictor'): CollinearityDiagnostics {
  const k = names.length;
  const warnings: Warning[] = [];
  if (k < 2)
    return {
      vif: Object.fromEntries(names.map((n) => [n, 1])),
      conditionNumber: 1,
      conditionIndices: [1],
      involved: [],
      level: 'none',
      warnings,
    };
  const rInverse = inverse(r, `correlation matrix of ${names.join(', ')}`);
  const vif = Object.fromEntries(names.map((name, j) => [name, rInverse[j]![j]!]));
  const { values, vectors } = symmetricEigen(r);
  const largest = values[0]!;
  const conditionIndices = values.map((v) => Math.sqrt(largest / v));
  const conditionNumber = conditionIndices[k - 1]!;
  // Variance-decomposition proportions on the last (smallest-eigenvalue) dimension:
  // phi_jk = v_jk^2 / lambda_k, pi_jk = phi_jk / sum_k phi_jk.
  const involved = names.filter((_, j) => {
    let total = 0;
    for (let d = 0; d < k; d++) total += vectors[j]![d]! ** 2 / values[d]!;
    return vectors[j]![k - 1]! ** 2 / values[k - 1]! / total >= 0.5;
  });
  const severe = names.filter((n) => vif[n]! > VIF_SEVERE);
  if (severe.length > 0) {
    warnings.push({
      code: 'SEVERE_COLLINEARITY',
      message: `${what}s ${(involved.length > 1 ? involved : severe).map((n) => `"${n}"`).join(', ')} are nearly linearly dependent (VIF ${severe.map((n) => `${n} ${fmt(vif[n]!)}`).join(', ')}, above ${fmt(VIF_SEVERE)}): what separates them is at the scale of rounding, so their coefficients and any importance or dominance built on their unique parts are noise; drop or combine them.`,
    });
  }
  for (const name of names) {
    const v = vif[name]!;
    if (v > VIF_CAUTION && v <= VIF_SEVERE) {
      warnings.push({
        code: 'HIGH_VIF',
        message: `${what} "${name}" has VIF ${fmt(v)} (> ${VIF_CAUTION}): its regression coefficient is unstable; prefer relative importance.`,
      });
    }
  }
  if (conditionNumber > CONDITION_CAUTION) {
    warnings.push({
      code: 'HIGH_CONDITION_NUMBER',
      message: `condition number ${fmt(conditionNumber)} (> ${CONDITION_CAUTION}): strong collinearity${involved.length > 1 ? ` among ${involved.map((n) => `"${n}"`).join(', ')}` : ''} (Belsley, Kuh & Welsch 1980).`,
    });
  }
  const level = severe.length > 0 ? 'severe' : warnings.length > 0 ? 'high' : 'none';
  return { vif, conditionNumber, conditionIndices, involved, level, warnings };
}
