/**
 * The checked correlation matrix every importance computation starts from.
 *
 * @internal
 */
import { InsufficientDataError, NumericalError } from '../errors.js';
import { assertPositiveDefinite, symmetricEigen } from '../internal/matrix.js';
import { correlationFromCovariance } from '../internal/sums.js';

/**
 * Correlation matrix (outcome last) from an SSCP, checked: positive variances, positive-definite
 * predictor block, positive semi-definite full matrix (R2 <= 1).
 */
export function checkedCorrelation(sscp: readonly (readonly number[])[], variables: readonly string[], outcome: string): Float64Array {
  const k = variables.length;
  const p = k - 1;
  for (let j = 0; j < k; j++) {
    if (!(sscp[j]![j]! > 0)) {
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `column "${variables[j]}" has zero variance in the cases used; it cannot explain or be explained`,
        {
          column: variables[j],
          expected: 'a variable that varies',
        },
      );
    }
  }
  const r = correlationFromCovariance(sscp);
  const block = r.slice(0, p).map((row) => row.slice(0, p));
  assertPositiveDefinite(block, `correlation matrix of the predictors (${variables.slice(0, p).join(', ')})`);
  const { values } = symmetricEigen(r);
  const smallest = values[values.length - 1]!;
  if (smallest < -1e-10 * Math.max(1, values[0]!)) {
    throw new NumericalError(
      'NOT_POSITIVE_DEFINITE',
      `correlation matrix of ${outcome} and the predictors is not positive semi-definite (smallest eigenvalue ${smallest.toPrecision(3)}): no data set has these correlations, and R2 would exceed 1`,
      { expected: 'a positive semi-definite correlation matrix' },
    );
  }
  const flat = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) flat[i * k + j] = r[i]![j]!;
  return flat;
}
