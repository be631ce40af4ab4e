/**
 * Internal: the design-based path of {@link ols} (`design` given): the weighted least-squares
 * fit with the design's weights, standard errors by linearization as R `survey::svyglm` with the
 * gaussian family.
 *
 * @module regression/olsDesign
 * @internal
 */
import { collinearityDiagnostics } from '../internal/collinearity.js';
import { readRowsDesign } from '../survey/design.js';
import type { MissingPolicy, Row } from '../types.js';
import { readRegressionSample } from './design.js';
import { designCoefficients, designSample } from './designInference.js';
import { fitRows } from './fitRows.js';
import { coefficientTable, waldF } from './inference.js';
import type { OlsOptions, OlsResult } from './types.js';

/**
 * Coefficients as `lm(weights = design weights)`; covariance `A B A` with `A = (X'WX)^-1` and
 * `B` the design covariance of the scores `x_i w_i e_i`; t on `degf + 1 - k`; the F test is the
 * design-based Wald F of all slopes on (p, df) (R `regTermTest(method = "Wald")`).
 */
export function olsDesign(rows: readonly Row[], options: OlsOptions, policy: MissingPolicy, level: number, tolerance: number): OlsResult {
  const prepared = readRowsDesign(rows, options.design);
  const sample = designSample(readRegressionSample(rows, { ...options, weights: undefined, missing: policy }), prepared);
  const fit = fitRows(sample, tolerance, false);
  const p = sample.predictors.length;
  const s2 = fit.sigma * fit.sigma;
  const bread = fit.covariance.map((row) => row.map((v) => v / s2));
  const design = designCoefficients(sample, prepared, bread, sample.weights!, fit.residuals);
  const df = design.dfResidual;
  const terms = ['(Intercept)', ...sample.predictors];
  const rSquared = fit.modelSumOfSquares / (fit.modelSumOfSquares + fit.residualSumOfSquares);
  const f = waldF(fit.estimates, design.covariance, 1, df);
  const vif: Record<string, number> = {};
  sample.predictors.forEach((name, j) => {
    vif[name] = fit.vif[j]!;
  });
  const wantResiduals = options.residuals === true;
  const result: OlsResult = {
    method: 'wls',
    algorithm: 'householder-qr',
    source: 'rows',
    standardErrorType: 'design',
    outcome: sample.outcome,
    predictors: [...sample.predictors],
    n: sample.n,
    weightSum: sample.weightSum,
    dfModel: p,
    dfResidual: df,
    rSquared,
    adjustedRSquared: 1 - ((1 - rSquared) * (sample.n - 1)) / fit.dfResidual,
    sigma: fit.sigma,
    fStatistic: f.fStatistic,
    fPValue: f.fPValue,
    coefficients: coefficientTable(terms, fit.estimates, design.covariance, df, level, [null, ...fit.standardized]),
    vif,
    options: { weights: null, robust: false, confidenceLevel: level, tolerance, residuals: wantResiduals, design: options.design },
    missing: sample.missing,
    warnings: collinearityDiagnostics(fit.predictorCorrelation, sample.predictors).warnings,
    design: design.summary,
  };
  if (!wantResiduals) return result;
  return { ...result, residuals: Array.from(fit.residuals), fittedValues: Array.from(fit.fitted), rowIndex: Array.from(sample.index) };
}
