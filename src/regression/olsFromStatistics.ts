import { collinearityDiagnostics } from '../internal/collinearity.js';
/**
 * Internal: the summary-input path of {@link ols} (SufficientStatistics, covariance or
 * correlation matrix with n).
 *
 * @module regression/olsFromStatistics
 * @internal
 */
import { InputError, InsufficientDataError } from '../errors.js';
import { fUpperTail } from '../internal/distributions.js';
import type { MatrixInput } from '../summary/matrixInput.js';
import { fitFromStatistics } from './fitFromStatistics.js';
import { coefficientTable } from './inference.js';
import type { OlsOptions, OlsResult } from './types.js';

function rowsOnly(name: string, why: string): InputError {
  return new InputError('INVALID_OPTION', `${name}: ${why}; pass rows instead of summary statistics`, { argument: name, expected: 'rows' });
}

export function olsFromStatistics(data: MatrixInput, options: OlsOptions, level: number, tolerance: number): OlsResult {
  if (options.robust !== undefined && options.robust !== false)
    throw rowsOnly('options.robust', 'robust standard errors need the individual residuals');
  if (options.residuals === true) throw rowsOnly('options.residuals', 'residuals need the individual cases');
  if (options.weights !== undefined) {
    throw new InputError(
      'INVALID_OPTION',
      'options.weights: summary statistics carry their weighting already (sufficientStatistics(rows, { columns, weights }))',
      {
        argument: 'options.weights',
        expected: 'no weights option with summary input',
      },
    );
  }
  if (!Array.isArray(options.predictors) || options.predictors.length === 0) {
    throw new InputError('INVALID_OPTION', 'options.predictors: expected a non-empty array of variable names', {
      argument: 'options.predictors',
      expected: 'a non-empty array of names',
    });
  }
  const fit = fitFromStatistics(data, options.outcome, options.predictors, tolerance);
  const p = fit.predictors.length;
  const n = fit.n;
  const df = n - p - 1;
  if (df < 1) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `n = ${n} for ${p + 1} coefficients ((Intercept), ${fit.predictors.join(', ')}): need at least ${p + 2}`,
      {
        argument: 'data.n',
        value: n,
        expected: `at least ${p + 2}`,
      },
    );
  }
  const rss = fit.residualSumOfSquares;
  const sigma2 = rss / df;
  const inv = fit.inverseCrossProducts;
  const terms = fit.hasIntercept ? ['(Intercept)', ...fit.predictors] : [...fit.predictors];
  const estimates = fit.hasIntercept ? [fit.intercept, ...fit.slopes] : [...fit.slopes];
  let covariance: number[][] = inv.map((row) => row.map((v) => v * sigma2));
  if (fit.hasIntercept) {
    // (X'WX)^-1 with an intercept: [[1/W + m' S^-1 m, -(S^-1 m)'], [-(S^-1 m), S^-1]].
    const sm = inv.map((row) => row.reduce((a, v, l) => a + v * fit.means[l]!, 0));
    const v00 = 1 / fit.weightSum + sm.reduce((a, v, j) => a + v * fit.means[j]!, 0);
    covariance = [[v00 * sigma2, ...sm.map((v) => -v * sigma2)], ...covariance.map((row, j) => [-sm[j]! * sigma2, ...row])];
  }
  const standardized = fit.hasIntercept ? [null, ...fit.standardizedSlopes] : [...fit.standardizedSlopes];
  const r2 = fit.rSquared;
  const fStatistic = r2 / p / ((1 - r2) / df);
  const vif: Record<string, number> = {};
  fit.predictors.forEach((name, j) => {
    vif[name] = fit.vif[j]!;
  });
  const stats = data as { weighted?: boolean; missing?: OlsResult['missing'] };
  return {
    method: stats.weighted === true ? 'wls' : 'ols',
    algorithm: 'cholesky-sscp',
    source: fit.source,
    standardErrorType: 'classical',
    outcome: fit.outcome,
    predictors: fit.predictors,
    n,
    weightSum: fit.weightSum,
    dfModel: p,
    dfResidual: df,
    rSquared: r2,
    adjustedRSquared: 1 - ((1 - r2) * (n - 1)) / df,
    sigma: Math.sqrt(sigma2),
    fStatistic,
    fPValue: fUpperTail(fStatistic, p, df),
    coefficients: coefficientTable(terms, estimates, covariance, df, level, standardized),
    vif,
    options: { weights: null, robust: false, confidenceLevel: level, tolerance, residuals: false },
    missing: stats.missing ?? { policy: 'omit', rowsIn: n, rowsUsed: n, rowsDropped: 0, byColumn: {} },
    warnings: collinearityDiagnostics(fit.predictorCorrelation, fit.predictors).warnings,
    design: null,
  };
}
