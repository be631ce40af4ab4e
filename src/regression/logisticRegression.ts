import { InputError, NumericalError } from '../errors.js';
import { collinearityDiagnostics, VIF_SEVERE } from '../internal/collinearity.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { chiSquareUpperTail } from '../internal/distributions.js';
import { householderQr } from '../internal/qr.js';
import { centredCrossProducts, correlationFromCovariance, mean, weightedMean } from '../internal/sums.js';
import { checkConfidenceLevel, checkNumberOption } from '../internal/validate.js';
import type { Row } from '../types.js';
import { centredDesign, type RegressionSample, readRegressionSample } from './design.js';
import { readRowsDesign } from '../survey/design.js';
import type { PreparedDesign } from '../survey/linearization.js';
import { designCoefficients, designSample } from './designInference.js';
import { checkDesignOptions } from './designOptions.js';
import { logisticTable, waldF } from './inference.js';
import { binomialDeviance, irls, separationError } from './irls.js';
import { rankDeficiencyError } from './rankError.js';
import { compressRows, frequencyWeights, pickFirst } from '../internal/compressRows.js';
import type { LogisticOptions, LogisticResult } from './types.js';

/** The keys of {@link LogisticOptions}. */
const KEYS = optionKeys<LogisticOptions>({
  outcome: true,
  predictors: true,
  weights: true,
  design: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
  convergenceTolerance: true,
  maxIterations: true,
  tolerance: true,
  fitted: true,
});

/**
 * Logistic regression of a 0/1 behavioural outcome (retained, repurchased) on the drivers, with
 * the inference of R's `summary(glm(..., family = binomial))`: log-odds coefficients, standard
 * errors, Wald z and p, Wald intervals (`confint.default`), odds ratios, deviance, null
 * deviance, AIC, McFadden's R^2, the likelihood-ratio test and a convergence report.
 *
 * Method: iteratively reweighted least squares (McCullagh & Nelder 1989, section 2.5) exactly as
 * R's `glm.fit` runs it (start `mu = (w y + 0.5) / (w + 1)`, stop when the relative deviance
 * change `|D - D_old| / (|D| + 0.1)` falls below 1e-8, at most 25 iterations), each step solved by
 * the Householder QR of the centred design. Standard errors come from `R^-1` of the final
 * iteration's weighted design (`summary.glm`'s choice). Matches R to 1e-9 on the bundled survey.
 * Separation (a predictor or combination predicting the outcome perfectly, so the estimates do
 * not exist) is detected because the Newton steps stop shrinking, and reported as an error,
 * not as huge coefficients with a warning as `glm` does.
 *
 * **Survey designs** (`design: { weights, strata?, clusters?, fpc?, lonelyPsu? }`, column names):
 * the fit weighted by the design's weights (rescaled to mean 1, as `svyglm` does; the deviances
 * are then svyglm's), standard errors by linearization of the score equations (Binder 1983) with
 * strata, first-stage clusters and finite population corrections, t tests and intervals on
 * `degf + 1 - k` degrees of freedom: R `survey::svyglm(family = quasibinomial())` with `summary`
 * and `confint`, to 1e-9 on `apistrat`, `apiclus1` and the survey. Under a design there is no
 * likelihood-ratio test (`likelihoodRatio` is null); `designWaldTest` is the Wald F of all
 * slopes (`regTermTest`), `design` reports the design. `dfResidual` is the design's.
 *
 * Weights are prior weights as in `glm(weights = )` (estimates, standard errors and deviances
 * match R). The AIC is `deviance + 2 k` for every fit; R's `glm` computes something else when
 * weights are not integers.
 *
 * @param rows - Plain objects keyed by column name.
 * @param options - `outcome` (a 0/1 column), `predictors` (at least one), optional `weights` or
 *   `design` (`{ weights, strata?, clusters?, fpc?, lonelyPsu? }`, column names),
 *   `confidenceLevel` (default 0.95), `missing`, `missingCodes`, `convergenceTolerance`
 *   (default 1e-8), `maxIterations` (default 25), `tolerance` (rank, default 1e-7), `fitted`.
 * @returns A plain {@link LogisticResult}.
 * @throws InputError `OUT_OF_RANGE` (an outcome other than 0/1, naming column and row),
 *   `NOT_NUMERIC`, `COLUMN_NOT_FOUND`, `EMPTY_INPUT`, `INVALID_OPTION`; InsufficientDataError
 *   `TOO_FEW_CASES`, `ZERO_VARIANCE` (constant predictor, or every outcome the same);
 *   NumericalError `RANK_DEFICIENT` (collinear predictors, named; also nearly collinear ones, a VIF above 1e6), `SEPARATION` (naming the
 *   separating predictors), `NO_CONVERGENCE`.
 *
 * @example
 * ```ts
 * import { logisticRegression } from 'loyalty-drivers';
 * const rows = [
 *   { retained: 1, trust: 6 }, { retained: 0, trust: 2 }, { retained: 1, trust: 5 },
 *   { retained: 0, trust: 4 }, { retained: 1, trust: 3 }, { retained: 0, trust: 1 },
 *   { retained: 1, trust: 7 }, { retained: 0, trust: 5 },
 * ];
 * const fit = logisticRegression(rows, { outcome: 'retained', predictors: ['trust'] });
 * fit.coefficients[1]; // => { term: 'trust', estimate: 0.84831..., standardError: 0.59608..., zStatistic: 1.42314..., pValue: 0.15469..., oddsRatio: 2.33570..., standardizedEstimate: 1.72293..., ... }
 * fit.convergence; // => { converged: true, iterations: 4, tolerance: 1e-8, ... } (R glm: 4 iterations)
 * ```
 */
export function logisticRegression(rows: readonly Row[], options: LogisticOptions): LogisticResult {
  checkOptions(options, KEYS);
  const level = checkConfidenceLevel(options?.confidenceLevel);
  const epsilon =
    options?.convergenceTolerance === undefined
      ? 1e-8
      : checkNumberOption('options.convergenceTolerance', options.convergenceTolerance, {
          min: 0,
          max: 1,
          exclusiveMin: true,
          exclusiveMax: true,
        });
  const maxIterations =
    options?.maxIterations === undefined
      ? 25
      : checkNumberOption('options.maxIterations', options.maxIterations, { min: 1, max: 10000, integer: true });
  const tolerance =
    options?.tolerance === undefined
      ? 1e-7
      : checkNumberOption('options.tolerance', options.tolerance, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
  if (options?.fitted !== undefined && typeof options.fitted !== 'boolean') {
    throw new InputError('INVALID_OPTION', 'options.fitted: expected true or false', { argument: 'options.fitted', expected: 'a boolean' });
  }
  // A design: the weights rescaled to mean 1 over the design's rows, as svyglm fits them (the
  // estimates do not depend on the scale; the deviances are svyglm's).
  if (options?.design !== undefined) checkDesignOptions(rows, options, options.missing ?? 'omit');
  const prepared = options?.design === undefined ? undefined : readRowsDesign(rows, options.design);
  let sample = readRegressionSample(rows, prepared ? { ...options, weights: undefined } : options, { min: 0, max: 1, integer: true });
  let designWeightSum = sample.weightSum;
  if (prepared) {
    let total = 0;
    for (let i = 0; i < prepared.n; i++) total += prepared.weights[i]!;
    sample = designSample(sample, prepared, prepared.n / total);
    designWeightSum = 0;
    for (let i = 0; i < sample.index.length; i++) designWeightSum += prepared.weights[sample.index[i]!]!;
  }
  return logisticFromSample(sample, options, level, epsilon, maxIterations, tolerance, prepared, designWeightSum);
}

/**
 * The fit of {@link logisticRegression} on a read sample (the rows path, and the streaming path
 * that builds the sample from kept typed columns). @internal
 */
export function logisticFromSample(
  sample: RegressionSample,
  options: LogisticOptions,
  level: number,
  epsilon: number,
  maxIterations: number,
  tolerance: number,
  prepared?: PreparedDesign,
  designWeightSum = sample.weightSum,
  compress = true,
): LogisticResult {
  if (compress && !prepared && options.fitted !== true) {
    // Equal cases (predictors, outcome and weight) fitted as one row weighted by their count: the
    // same IRLS path, estimates, covariance and deviances (frequency weights), on fewer rows.
    const w0 = sample.weights;
    const groups = compressRows(w0 ? [...sample.x, sample.y, w0] : [...sample.x, sample.y]);
    if (groups) {
      const distinct: RegressionSample = {
        ...sample,
        x: sample.x.map((c) => pickFirst(c, groups)),
        y: pickFirst(sample.y, groups),
        weights: w0 ? pickFirst(w0, groups) : undefined,
      };
      const fit = logisticFromDistinct(distinct, groups.counts, options, level, epsilon, maxIterations, tolerance, designWeightSum, false);
      // Separation is reported on the cases (its message counts them): refit them as they are.
      if (fit !== null) return fit;
    }
  }
  return fitSample(sample, options, level, epsilon, maxIterations, tolerance, prepared, designWeightSum, undefined)!;
}

/**
 * {@link logisticRegression} on distinct cases already counted (the row path's compressed cases,
 * and the streaming path's patterns, src/analysis/stream/patternAccumulator.ts): `sample` holds
 * each distinct (predictors, outcome, case weight) once, its case weight in `weights` (undefined
 * when unweighted), with the rows' bookkeeping (n, weightSum, missing); `counts` the rows of
 * each. Fitted with frequency weights (case weight times count) and glm's start from the case
 * weights, it is the rows' fit: the same IRLS path, estimates, covariance and deviances. On
 * separation (its message counts cases): null, or with `refitOnSeparation` the distinct cases
 * refitted as rows, so that the message counts patterns, not respondents. @internal
 */
export function logisticFromDistinct(
  sample: RegressionSample,
  counts: Float64Array,
  options: LogisticOptions,
  level: number,
  epsilon: number,
  maxIterations: number,
  tolerance: number,
  designWeightSum = sample.weightSum,
  refitOnSeparation = true,
): LogisticResult | null {
  const caseWeights = sample.weights;
  const frequency = { ...sample, weights: frequencyWeights(caseWeights, counts) };
  const fit = fitSample(frequency, options, level, epsilon, maxIterations, tolerance, undefined, designWeightSum, caseWeights ?? null);
  if (fit !== null || !refitOnSeparation) return fit;
  return fitSample(frequency, options, level, epsilon, maxIterations, tolerance, undefined, designWeightSum, undefined);
}

/**
 * The fit itself; `startWeights` are the cases' prior weights for glm's start when `sample` is
 * compressed (null: unweighted cases), and a compressed fit returns null on separation.
 */
function fitSample(
  sample: RegressionSample,
  options: LogisticOptions,
  level: number,
  epsilon: number,
  maxIterations: number,
  tolerance: number,
  prepared: PreparedDesign | undefined,
  designWeightSum: number,
  startWeights: Float64Array | null | undefined,
): LogisticResult | null {
  const compressed = startWeights !== undefined;
  const start = startWeights === undefined ? sample.weights : startWeights;
  const { y, x, weights: w } = sample;
  const n = y.length;
  const p = x.length;
  const means = x.map((c) => (w ? weightedMean(c, w) : mean(c)));
  const base = centredDesign(x, w, undefined, means);
  // Rank check on the prior-weighted design, before any iteration.
  const check = new Float64Array(base.matrix);
  if (w) for (let l = 0; l <= p; l++) for (let i = 0; i < n; i++) check[l * n + i] = check[l * n + i]! * Math.sqrt(w[i]!);
  const qr = householderQr(check, n, p + 1, tolerance);
  if (qr.dependent.length > 0) throw rankDeficiencyError(qr, ['(Intercept)', ...sample.predictors], base.scales, means, tolerance);
  // The one collinearity rule. Under SEVERE_COLLINEARITY the IRLS coefficients are rounding noise
  // amplified (odds ratios overflow to Infinity), so the fit is refused rather than printed.
  const collinearity = collinearityDiagnostics(correlationFromCovariance(centredCrossProducts(x, w).sscp), sample.predictors);
  if (collinearity.level === 'severe') {
    const involved =
      collinearity.involved.length > 1 ? collinearity.involved : sample.predictors.filter((v) => collinearity.vif[v]! > VIF_SEVERE);
    throw new NumericalError(
      'RANK_DEFICIENT',
      `predictors ${involved.map((v) => `"${v}"`).join(', ')} are nearly linearly dependent (VIF above ${VIF_SEVERE.toExponential(0)}): a logistic fit would report coefficients and odds ratios made of rounding noise; drop or combine them`,
      {
        argument: 'options.predictors',
        column: involved[0],
        value: involved.join(', '),
        expected: 'predictors that are not nearly collinear',
      },
    );
  }
  const sd = x.map((c, j) => {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (w ? w[i]! : 1) * (c[i]! - means[j]!) ** 2;
    return Math.sqrt(ss / (sample.weightSum - 1));
  });
  const settings = { epsilon, maxIterations, tolerance };
  const fit = irls(base, x, y, w, sample.predictors, sd, settings, start);
  if (fit.separated) {
    if (compressed) return null;
    // Prune to a minimal separating set: drop each named predictor (weakest first) when the
    // others still separate without it.
    let involved = fit.involved;
    for (const candidate of [...fit.involved].reverse()) {
      if (involved.length === 1) break;
      const keep = involved.filter((v) => v !== candidate);
      const cols = keep.map((v) => x[sample.predictors.indexOf(v)]!);
      const m = keep.map((v) => means[sample.predictors.indexOf(v)]!);
      const s = keep.map((v) => sd[sample.predictors.indexOf(v)]!);
      const again = irls(centredDesign(cols, w, undefined, m), cols, y, w, keep, s, settings);
      if (again.separated) involved = keep;
    }
    throw separationError(involved, sample.outcome, fit.extreme, n);
  }
  let sy = 0;
  for (let i = 0; i < n; i++) sy += (w ? w[i]! : 1) * y[i]!;
  const nullMu = new Float64Array(n).fill(sy / sample.weightSum);
  const nullDeviance = binomialDeviance(y, nullMu, w);
  const chiSquare = nullDeviance - fit.deviance;
  let covariance = fit.covariance;
  let dfResidual = sample.n - p - 1;
  let designPart: Pick<LogisticResult, 'design' | 'designWaldTest'> = { design: null, designWaldTest: null };
  if (prepared) {
    // svyglm's scores: working residual (final mu) times glm's working weight (at the last
    // step's mu): x w (y - mu) v_step / v_final with v = mu (1 - mu); at convergence v_step ~ v_final.
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const m = fit.mu[i]!;
      const ms = fit.stepMu[i]!;
      r[i] = ((y[i]! - m) * (ms * (1 - ms))) / (m * (1 - m));
    }
    const d = designCoefficients(sample, prepared, fit.covariance, w!, r);
    covariance = d.covariance;
    dfResidual = d.dfResidual;
    const f = waldF(fit.estimates, covariance, 1, dfResidual);
    designPart = { design: d.summary, designWaldTest: { fStatistic: f.fStatistic, df: p, dfResidual, pValue: f.fPValue } };
  }
  const result: LogisticResult = {
    method: 'logistic',
    algorithm: 'irls-householder-qr',
    outcome: sample.outcome,
    predictors: [...sample.predictors],
    n: sample.n,
    weightSum: designWeightSum,
    dfResidual,
    dfNull: sample.n - 1,
    coefficients: logisticTable(
      ['(Intercept)', ...sample.predictors],
      fit.estimates,
      covariance,
      level,
      [null, ...fit.estimates.slice(1).map((b, j) => b * sd[j]!)],
      prepared ? dfResidual : undefined,
    ),
    covariance,
    deviance: fit.deviance,
    nullDeviance,
    logLikelihood: -fit.deviance / 2,
    aic: fit.deviance + 2 * (p + 1),
    mcFaddenRSquared: 1 - fit.deviance / nullDeviance,
    likelihoodRatio: prepared ? null : { chiSquare, df: p, pValue: chiSquareUpperTail(chiSquare, p) },
    convergence: {
      converged: fit.converged,
      iterations: fit.iterations,
      tolerance: epsilon,
      criterion: 'relative deviance change |D - D_old| / (|D| + 0.1)',
      finalChange: fit.finalChange,
    },
    options: {
      weights: options.weights ?? null,
      ...(options.design === undefined ? {} : { design: options.design }),
      confidenceLevel: level,
      convergenceTolerance: epsilon,
      maxIterations,
      tolerance,
      fitted: options.fitted === true,
    },
    missing: sample.missing,
    warnings: collinearity.warnings,
    ...designPart,
  };
  if (options.fitted !== true) return result;
  return { ...result, fittedProbabilities: Array.from(fit.mu), rowIndex: Array.from(sample.index) };
}
