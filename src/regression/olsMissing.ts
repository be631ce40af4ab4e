/**
 * {@link ols} under `missing: 'pairwise'` or `'fiml'` (every answer used, not only complete rows).
 *
 * FIML: the regression as lavaan `sem(y ~ x, missing = "ml", fixed.x = FALSE)` estimates it,
 * from the EM fit of the saturated normal model (see src/missing/fimlRegression.ts), standard
 * errors from the observed information; the estimates are ML, so the ratio estimate / SE is
 * referred to the standard normal (intervalMethod 'wald', as lavaan), `sigma` is the ML residual
 * SD, and the overall test is the Wald chi-square of the slopes divided by their number (its
 * p-value from chi-square on p degrees of freedom).
 *
 * Pairwise: the normal equations of the pairwise covariance matrix (each entry from the rows
 * answering both), with classical standard errors that take `n` = the smallest pair count
 * (the conservative choice; no exact theory exists for pairwise deletion).
 * @internal
 */
import { InputError } from '../errors.js';
import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from '../internal/distributions.js';
import { fimlRegression } from '../missing/fimlRegression.js';
import { missingCovariance } from '../missing/missingCovariance.js';
import { olsFromStatistics } from './olsFromStatistics.js';
import { waldF } from './inference.js';
import type { Coefficient, OlsOptions, OlsResult } from './types.js';

function refuse(name: string, policy: string, why: string): InputError {
  return new InputError('INVALID_OPTION', `${name}: not available with missing: '${policy}' (${why})`, {
    argument: name,
    expected: "missing: 'omit' for this option",
  });
}

/** The regression under pairwise deletion or FIML. */
export function olsWithMissing(
  rows: unknown,
  options: OlsOptions,
  policy: 'pairwise' | 'fiml',
  level: number,
  tolerance: number,
): OlsResult {
  if (options.weights !== undefined) throw refuse('options.weights', policy, 'the saturated model here is unweighted');
  if (options.robust !== undefined && options.robust !== false)
    throw refuse('options.robust', policy, 'robust errors need complete residuals');
  if (options.residuals === true) throw refuse('options.residuals', policy, 'incomplete rows have no residual');
  if (!Array.isArray(options.predictors) || options.predictors.length === 0 || typeof options.outcome !== 'string') {
    throw new InputError('INVALID_OPTION', 'options: expected { outcome, predictors } (column names)', {
      argument: 'options',
      expected: '{ outcome, predictors }',
    });
  }
  const names = [options.outcome, ...options.predictors];
  if (new Set(names).size !== names.length) {
    throw new InputError('INVALID_OPTION', 'options.predictors: a name is listed twice or is also the outcome', {
      argument: 'options.predictors',
      expected: 'distinct predictors other than the outcome',
    });
  }
  const m = missingCovariance(rows, names, policy, { missingCodes: options.missingCodes });
  const statisticsOptions = { outcome: options.outcome, predictors: options.predictors, confidenceLevel: level, tolerance };
  if (policy === 'pairwise')
    return { ...olsFromStatistics(m.input, statisticsOptions, level, tolerance), source: 'rows', missing: m.input.missing };
  // The classical fit on the FIML matrix gives the standardized slopes, VIF and the collinearity warnings.
  const base = olsFromStatistics(m.input, statisticsOptions, level, tolerance);
  const f = fimlRegression(m.fiml!.data, m.fiml!.fit, names);
  const c = names.length;
  const covariance = Array.from({ length: c }, (_, i) => Array.from({ length: c }, (__, j) => f.covariance[i * c + j]!));
  const q = normalQuantile(1 - (1 - level) / 2);
  const coefficients: Coefficient[] = base.coefficients.map((row, j) => {
    const estimate = f.coefficients[j]!;
    const standardError = Math.sqrt(covariance[j]![j]!);
    const z = estimate / standardError;
    return {
      ...row,
      estimate,
      standardError,
      tStatistic: z,
      pValue: normalTwoSidedP(z),
      confidenceInterval: [estimate - q * standardError, estimate + q * standardError] as const,
      intervalMethod: 'wald' as const,
    };
  });
  const p = options.predictors.length;
  const wald = waldF(Array.from(f.coefficients), covariance, 1, Number.POSITIVE_INFINITY);
  const rSquared = 1 - f.residualVariance / f.fit.covariance[0]!;
  return {
    ...base,
    algorithm: 'fiml-em',
    source: 'rows',
    standardErrorType: 'observed-information',
    design: null,
    rSquared,
    adjustedRSquared: 1 - ((1 - rSquared) * (f.n - 1)) / (f.n - p - 1),
    sigma: Math.sqrt(f.residualVariance),
    fStatistic: wald.fStatistic,
    fPValue: chiSquareUpperTail(wald.fStatistic * p, p),
    coefficients,
    missing: m.input.missing,
    fiml: {
      residualVariance: { estimate: f.residualVariance, standardError: f.residualVarianceStandardError },
      logLikelihood: f.fit.logLikelihood,
    },
  };
}
