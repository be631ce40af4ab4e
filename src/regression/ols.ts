import { collinearityDiagnostics } from '../internal/collinearity.js';
import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { fUpperTail } from '../internal/distributions.js';
import { isMatrixInput, type MatrixInput } from '../summary/matrixInput.js';
import { checkConfidenceLevel, checkNumberOption, checkOption } from '../internal/validate.js';
import type { Row } from '../types.js';
import { readRegressionSample, type RegressionSample } from './design.js';
import { fitRows, type RowsFit } from './fitRows.js';
import { coefficientTable, waldF } from './inference.js';
import { olsFromStatistics } from './olsFromStatistics.js';
import { olsDesign } from './olsDesign.js';
import { olsWithMissing } from './olsMissing.js';
import { checkDesignOptions } from './designOptions.js';
import type { OlsOptions, OlsResult, RobustType } from './types.js';

/** The keys of {@link OlsOptions}. */
const KEYS = optionKeys<OlsOptions>({
  outcome: true,
  predictors: true,
  weights: true,
  design: true,
  robust: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
  residuals: true,
  tolerance: true,
});

/**
 * Linear regression of a loyalty outcome on its drivers, with the inference of R's
 * `summary(lm(...))`: coefficients, standard errors, t, p, confidence intervals, standardized
 * (beta) coefficients, R^2, adjusted R^2, residual standard error, the F test, VIF per predictor.
 *
 * **Method (rows).** Householder QR of the design `[1, X - mean]` (columns scaled by exact powers
 * of two, rows by `sqrt(w)` for weights), never the normal equations and never a pseudo-inverse
 * of X'X: coefficients from `R b = Q'y`, standard errors from the rows of `R^-1` (Golub & Van
 * Loan, Matrix Computations, 4th ed., section 5.3). Measured on NIST StRD Longley: every
 * certified coefficient and standard error to 13.6 or more significant digits (see the README).
 * A predictor that is an exact (within `tolerance`, default 1e-7 as R's `lm`) linear combination
 * of earlier terms stops the fit with `RANK_DEFICIENT`, naming the predictors and the relation.
 *
 * **Weights** are sampling weights used as R's `lm(weights = )` uses them: estimates minimise
 * `sum w e^2`, `sigma^2 = sum w e^2 / (n - p - 1)`, and `n` counts the cases with a positive
 * weight. For design-based standard errors as `survey::svyglm(ids = ~1)`, use `robust: 'HC0'`
 * and multiply by `sqrt(n / (n - 1))` (tested). The VIF of a weighted fit is that of the weighted
 * design (R `car::vif` on the weighted `lm`).
 *
 * **Robust** standard errors HC0-HC3 (White 1980; MacKinnon & White 1985) and HC4, HC4m, HC5
 * (Cribari-Neto 2004; Cribari-Neto & da Silva 2011; Cribari-Neto, Souza & Vasconcellos 2007:
 * leverage-adjusted, for samples with influential cases; sandwich's default constants) equal R
 * sandwich's `vcovHC` (tested to 1e-9, also on the high-leverage PublicSchools data); with them the F test is the Wald test of all slopes with the same covariance (as
 * `lmtest::waldtest(fit, vcov = )` and statsmodels' `cov_type`), and intervals use t on
 * `dfResidual` (as `lmtest::coefci`).
 *
 * **Survey designs** (`design: { weights, strata?, clusters?, fpc?, lonelyPsu? }`, column names):
 * the coefficients of the fit weighted by the design's weights, their covariance by
 * linearization of the estimating equations (Binder 1983) with strata, first-stage clusters and
 * finite population corrections, t tests and intervals on `degf + 1 - k` degrees of freedom and
 * the design-based Wald F of all slopes: R `survey::svyglm` (gaussian) with `summary`, `confint`
 * and `regTermTest`, to 1e-9 on R's `apistrat` and `apiclus1` and on the survey with missing
 * answers (see docs/guides/regression.md). The result's `design` reports the design.
 *
 * **Summary input** (a {@link MatrixInput}: SufficientStatistics, a covariance or a correlation
 * matrix with n): rows are not available, so the fit solves the normal equations of the
 * centred cross-product matrix by a Cholesky factorization (see `fitFromStatistics`), which
 * squares the condition number. Measured: on the bundled survey it agrees with the rows path to
 * 14 digits; on Longley it reaches 12.1 certified digits (the QR path 13.6). A correlation matrix gives a standardized fit with no intercept;
 * a covariance matrix without means gives no intercept row. Robust errors and residuals need rows.
 *
 * @param data - Rows (plain objects keyed by column name), or summary statistics.
 * @param options - `outcome`, `predictors` (at least one), optional `weights` column or `design`
 *   (`{ weights, strata?, clusters?, fpc?, lonelyPsu? }`, column names), `robust`
 *   (`'HC0' | 'HC1' | 'HC2' | 'HC3' | 'HC4' | 'HC4m' | 'HC5'`, `true` = HC3), `confidenceLevel` in (0, 1) (default 0.95),
 *   `missing` (`'omit'` default | `'fail'` | `'pairwise'` | `'fiml'`: see docs/guides/missing-data.md), `missingCodes`, `residuals` (default false),
 *   `tolerance` (default 1e-7).
 * @returns A plain {@link OlsResult}; `residuals`, `fittedValues`, `rowIndex` when asked.
 * @throws InputError `EMPTY_INPUT`, `COLUMN_NOT_FOUND`, `NOT_NUMERIC` (naming column and row),
 *   `MISSING_VALUE` (with `missing: 'fail'`), `INVALID_OPTION`; InsufficientDataError
 *   `TOO_FEW_CASES` (n must exceed the number of coefficients; with a design, also a lonely PSU
 *   under `lonelyPsu: 'fail'` and too few design degrees of freedom), `ZERO_VARIANCE` (a constant
 *   predictor or outcome, a perfect fit); NumericalError `RANK_DEFICIENT` (collinear predictors,
 *   named with their relation).
 *
 * @example
 * ```ts
 * import { ols } from 'loyalty-drivers';
 * const rows = [
 *   { recommend: 9, satisfaction: 6.0, trust: 5.7 }, { recommend: 7, satisfaction: 5.3, trust: 4.0 },
 *   { recommend: 4, satisfaction: 3.0, trust: 3.3 }, { recommend: 8, satisfaction: 6.3, trust: 5.0 },
 *   { recommend: 6, satisfaction: 4.0, trust: 4.7 }, { recommend: 3, satisfaction: 2.7, trust: 2.0 },
 * ];
 * const fit = ols(rows, { outcome: 'recommend', predictors: ['satisfaction', 'trust'] });
 * fit.coefficients[1]; // => { term: 'satisfaction', estimate: 0.92387..., standardError: 0.19335..., tStatistic: 4.77811..., pValue: 0.01742..., confidenceInterval: [0.30853..., 1.53922...], standardizedEstimate: 0.61408..., ... }
 * fit.rSquared; // => 0.98574... (R: lm(recommend ~ satisfaction + trust) gives the same)
 * ```
 */
export function ols(data: readonly Row[] | MatrixInput, options: OlsOptions): OlsResult {
  if (options === null || typeof options !== 'object') {
    throw new InputError('INVALID_OPTION', 'options: expected { outcome, predictors }', {
      argument: 'options',
      expected: '{ outcome, predictors }',
    });
  }
  checkOptions(options, KEYS);
  const level = checkConfidenceLevel(options?.confidenceLevel);
  const tolerance =
    options?.tolerance === undefined
      ? 1e-7
      : checkNumberOption('options.tolerance', options.tolerance, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
  const policy = checkOption('options.missing', options.missing ?? 'omit', ['omit', 'fail', 'pairwise', 'fiml'] as const);
  if (options.design !== undefined)
    return olsDesign(data as readonly Row[], options, checkDesignOptions(data, options, policy), level, tolerance);
  if (isMatrixInput(data)) {
    if (policy === 'pairwise' || policy === 'fiml') {
      throw new InputError('INVALID_OPTION', `options.missing: '${policy}' needs rows (summary statistics have no missing answers)`, {
        argument: 'options.missing',
        expected: "'omit' with summary input",
      });
    }
    return olsFromStatistics(data, options, level, tolerance);
  }
  if (policy === 'pairwise' || policy === 'fiml') return olsWithMissing(data, options, policy, level, tolerance);
  const robust: RobustType | false =
    options?.robust === undefined || options.robust === false
      ? false
      : options.robust === true
        ? 'HC3'
        : checkOption('options.robust', options.robust, ['HC0', 'HC1', 'HC2', 'HC3', 'HC4', 'HC4m', 'HC5'] as const);
  const wantResiduals = options?.residuals === undefined ? false : options.residuals === true;
  const sample = readRegressionSample(data, { ...options, missing: policy });
  const fit = fitRows(sample, tolerance, robust);
  const result = olsResult(sample, fit, options, level, tolerance, robust, wantResiduals);
  if (!wantResiduals) return result;
  return {
    ...result,
    residuals: Array.from(fit.residuals),
    fittedValues: Array.from(fit.fitted),
    rowIndex: Array.from(sample.index),
  };
}

/**
 * The {@link OlsResult} of a rows fit (the rows path, and the streaming path whose factor comes
 * from chunks). @internal
 */
export function olsResult(
  sample: Pick<RegressionSample, 'predictors' | 'outcome' | 'n' | 'weightSum' | 'missing'> & { readonly weights: unknown },
  fit: Omit<RowsFit, 'residuals' | 'fitted'>,
  options: OlsOptions,
  level: number,
  tolerance: number,
  robust: RobustType | false,
  wantResiduals: boolean,
): OlsResult {
  const p = sample.predictors.length;
  const df = fit.dfResidual;
  const terms = ['(Intercept)', ...sample.predictors];
  const rss = fit.residualSumOfSquares;
  const mss = fit.modelSumOfSquares;
  const rSquared = mss / (mss + rss);
  const classicalF = mss / p / (rss / df);
  const f = robust ? waldF(fit.estimates, fit.covariance, 1, df) : undefined;
  const vif: Record<string, number> = {};
  sample.predictors.forEach((name, j) => {
    vif[name] = fit.vif[j]!;
  });
  return {
    method: sample.weights ? 'wls' : 'ols',
    algorithm: 'householder-qr',
    source: 'rows',
    standardErrorType: robust || 'classical',
    outcome: sample.outcome,
    predictors: [...sample.predictors],
    n: sample.n,
    weightSum: sample.weightSum,
    dfModel: p,
    dfResidual: df,
    rSquared,
    adjustedRSquared: 1 - ((1 - rSquared) * (sample.n - 1)) / df,
    sigma: fit.sigma,
    fStatistic: f ? f.fStatistic : classicalF,
    fPValue: f ? f.fPValue : fUpperTail(classicalF, p, df),
    coefficients: coefficientTable(terms, fit.estimates, fit.covariance, df, level, [null, ...fit.standardized]),
    vif,
    options: { weights: options.weights ?? null, robust, confidenceLevel: level, tolerance, residuals: wantResiduals },
    missing: sample.missing,
    warnings: collinearityDiagnostics(fit.predictorCorrelation, sample.predictors).warnings,
    design: null,
  };
}
