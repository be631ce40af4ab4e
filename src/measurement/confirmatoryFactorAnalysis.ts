import { InputError, NumericalError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkConfidenceLevel, checkNumberOption, checkOption } from '../internal/validate.js';
import type { MatrixInput, StatisticsSource } from '../summary/matrixInput.js';
import type { EstimateFields, MissingReport, Row, Warning } from '../types.js';
import { cfaResult, fitMeasures, type CfaEstimates } from './cfaResult.js';
import { choleskyOrNull, parameterCount, type CfaStructure } from './cfaModel.js';
import { fitCfa } from './fitCfa.js';
import { fitCfaFiml } from './fitCfaFiml.js';
import { normalizeScales } from './normalizeScales.js';
import { readItems } from './readItems.js';
import type { NormalizedScale, ScaleDefinitions } from './types.js';

/** Options of {@link confirmatoryFactorAnalysis}. */
export interface ConfirmatoryFactorAnalysisOptions {
  /**
   * `'omit'` (listwise deletion, default), `'fail'` (refuse a missing answer) or `'fiml'` (full
   * information maximum likelihood on every case with at least one item, lavaan `missing = "ml"`).
   * `'pairwise'` is refused: a pairwise covariance matrix has no likelihood to maximise.
   */
  readonly missing?: 'omit' | 'fail' | 'fiml';
  /** Numeric codes that mean "no answer" (e.g. `[-99]`). */
  readonly missingCodes?: readonly number[];
  /** Level of the Wald intervals of the estimates (default 0.95, as lavaan's `parameterEstimates`). */
  readonly confidenceLevel?: number;
  /** Iteration limit of the Fisher scoring (default 1000). */
  readonly maxIterations?: number;
  /** Convergence tolerance on the largest gradient element of the ML discrepancy (default 1e-12). */
  readonly tolerance?: number;
}

const CFA_KEYS = optionKeys<ConfirmatoryFactorAnalysisOptions>({
  missing: true,
  missingCodes: true,
  confidenceLevel: true,
  maxIterations: true,
  tolerance: true,
});

/** A standardized estimate (lavaan `standardizedSolution()`, `std.all`) with delta-method inference. */
export interface CfaStandardizedEstimate extends EstimateFields {
  readonly zStatistic: number;
  readonly pValue: number;
}

/** One item's loading on its factor. */
export interface CfaLoading extends EstimateFields {
  readonly factor: string;
  readonly item: string;
  /** `estimate / standardError`, referred to the standard normal. */
  readonly zStatistic: number;
  /** Two-sided p-value of the loading being 0. */
  readonly pValue: number;
  /** The completely standardized loading `lambda / sqrt(lambda^2 + theta)` (the item's correlation with its factor). */
  readonly standardized: CfaStandardizedEstimate;
}

/** One item's residual (unique) variance. */
export interface CfaResidualVariance extends EstimateFields {
  readonly item: string;
  readonly zStatistic: number;
  readonly pValue: number;
  /** `theta / (lambda^2 + theta)`: the share of the item's variance its factor leaves unexplained. */
  readonly standardized: CfaStandardizedEstimate;
}

/** The correlation of two factors (their variances are fixed at 1, so it is also their covariance). */
export interface CfaFactorCorrelation extends EstimateFields {
  readonly first: string;
  readonly second: string;
  readonly zStatistic: number;
  readonly pValue: number;
}

/** Global fit, as lavaan's `fitMeasures()` reports it. */
export interface CfaFitMeasures {
  /** Likelihood-ratio chi-square against the saturated model: `n F_ML` (lavaan's likelihood "normal" uses n, not n - 1). */
  readonly chiSquare: number;
  /** `p(p+1)/2 - parameters` (with FIML the p means are in both models and cancel). */
  readonly degreesOfFreedom: number;
  /** Upper-tail chi-square p-value; null when the model has no degrees of freedom. */
  readonly pValue: number | null;
  /** Chi-square, df and p-value of the independence (baseline) model: uncorrelated items. */
  readonly baselineChiSquare: number;
  readonly baselineDegreesOfFreedom: number;
  readonly baselinePValue: number;
  /** Comparative fit index (Bentler 1990), in [0, 1]. */
  readonly cfi: number;
  /** Tucker-Lewis index (not truncated at 1, as lavaan). */
  readonly tli: number;
  /** `sqrt(max(chi2 - df, 0) / (n df))`; 0 when df = 0. */
  readonly rmsea: number;
  /** 90% interval of the RMSEA by noncentral chi-square inversion (Browne & Cudeck 1993; lavaan). */
  readonly rmseaConfidenceInterval: readonly [number, number];
  readonly rmseaConfidenceLevel: 0.9;
  /** Test of close fit: `P(X > chi2)` for X noncentral chi-square with noncentrality `n df 0.05^2`; null when df = 0. */
  readonly rmseaPClose: number | null;
  /**
   * Standardized root mean square residual, lavaan's `srmr` (Bentler's): the residuals
   * `(s_ij - sigma_ij) / sqrt(s_ii s_jj)` over the lower triangle with the diagonal, and with
   * FIML the mean residuals `(m_i - mu_i) / sqrt(s_ii)` too, against the saturated (EM) moments.
   */
  readonly srmr: number;
  /** Log-likelihood of the model and of the saturated (unrestricted) model. */
  readonly logLikelihood: number;
  readonly unrestrictedLogLikelihood: number;
  /** Free parameters (with FIML, the p item means included), as lavaan's `npar`. */
  readonly parameters: number;
  /** `-2 logL + 2 parameters`. */
  readonly aic: number;
  /** `-2 logL + parameters log n`. */
  readonly bic: number;
  /** `chi2 / (2 n)`, lavaan's `fmin`. */
  readonly minimumDiscrepancy: number;
}

/** How the estimate was reached. */
export interface CfaConvergence {
  /**
   * `'fisher-scoring'` (complete data: Fisher scoring, then Newton steps on the observed Hessian
   * once the gradient is below 1e-3) or `'newton'` (FIML, on the observed information throughout).
   */
  readonly method: 'fisher-scoring' | 'newton';
  readonly iterations: number;
  /** How many of the iterations were Newton steps. */
  readonly newtonSteps: number;
  /** Always true: a fit that does not converge throws NumericalError `NO_CONVERGENCE`. */
  readonly converged: true;
  /** Largest absolute element of the gradient at the estimate (of F on the correlation scale; with FIML of -logL / n). */
  readonly maxAbsoluteGradient: number;
  readonly tolerance: number;
}

/** Result of {@link confirmatoryFactorAnalysis}. */
export interface ConfirmatoryFactorAnalysisResult {
  readonly method: 'confirmatory-factor-analysis';
  readonly estimator: 'ML';
  /** Cases used (with FIML every case with at least one item answered). */
  readonly n: number;
  readonly source: StatisticsSource;
  /** Factor (scale) names in input order. */
  readonly factorNames: readonly string[];
  /** Items of each factor, in input order. */
  readonly items: Readonly<Record<string, readonly string[]>>;
  /** Every loading, factor by factor, item by item. */
  readonly loadings: readonly CfaLoading[];
  /** Residual variances, in item order. */
  readonly residualVariances: readonly CfaResidualVariance[];
  /** Every pair of factors (a before b in `factorNames`). */
  readonly factorCorrelations: readonly CfaFactorCorrelation[];
  /** The estimated factor correlation matrix, in `factorNames` order. */
  readonly factorCorrelationMatrix: readonly (readonly number[])[];
  /** With FIML the estimated item means (null otherwise: means are not part of the complete-data model). */
  readonly means: Readonly<Record<string, number>> | null;
  readonly fit: CfaFitMeasures;
  readonly convergence: CfaConvergence;
  /** Items with a negative residual variance (an improper solution, warning `HEYWOOD_CASE`). */
  readonly heywoodItems: readonly string[];
  readonly missing: MissingReport;
  readonly options: {
    readonly missing: 'omit' | 'fail' | 'fiml';
    readonly missingCodes: readonly number[];
    readonly confidenceLevel: number;
    readonly maxIterations: number;
    readonly tolerance: number;
  };
  /** `HEYWOOD_CASE`, `FACTOR_CORRELATION_NOT_POSITIVE_DEFINITE`. */
  readonly warnings: readonly Warning[];
}

function checkDistinctItems(scales: readonly NormalizedScale[]): void {
  const seen = new Map<string, string>();
  for (const s of scales) {
    for (const item of s.items) {
      const other = seen.get(item);
      if (other !== undefined) {
        throw new InputError(
          'INVALID_OPTION',
          `scales: item "${item}" is in both "${other}" and "${s.name}"; each item loads on one factor in this CFA`,
          { argument: 'scales', column: item, expected: 'each item in one scale' },
        );
      }
      seen.set(item, s.name);
    }
  }
}

/**
 * Confirmatory factor analysis of all driver scales at once: the covariance-based check of the
 * measurement model beside PLS. Each scale is a factor measured by its items, the factors
 * correlate freely, factor variances are fixed at 1 (lavaan `cfa(model, data, std.lv = TRUE)`).
 *
 * Method: maximum likelihood with lavaan's defaults. The sample covariance has divisor n
 * (lavaan's likelihood "normal"), so the chi-square is `n F_ML`, not `(n - 1) F_ML`, with
 * `F_ML = log|Sigma| + tr(S Sigma^-1) - log|S| - p`; standard errors from the expected
 * information `(2 / n) H^-1` (lavaan `information = "expected"`), Wald z, p and intervals;
 * standardized estimates (`std.all`) with delta-method SEs. The optimizer is the library's own:
 * the core carries no optimization dependency (it is pure and browser-safe), the model's
 * gradient, expected information and observed Hessian are closed-form and cheap, and a generic
 * quasi-Newton (lavaan's nlminb) stops at a gradient of about 1e-6, where these steps reach the
 * ML point to rounding. Fisher scoring on F with the analytic gradient and information, step halving,
 * from each scale's one-factor solution, then Newton steps on the analytic observed Hessian once
 * the gradient is below 1e-3 (quadratic convergence), until every gradient element is below `tolerance`
 * (1e-12), so the estimates are the exact ML point to about 1e-12. Residual variances are not
 * bounded, as lavaan: a negative one is an improper solution, reported as `HEYWOOD_CASE`; a
 * factor correlation matrix that is not positive definite as
 * `FACTOR_CORRELATION_NOT_POSITIVE_DEFINITE`. Fit: chi-square and baseline (independence)
 * chi-square, CFI, TLI, RMSEA with its 90% interval by noncentral chi-square inversion and the
 * p of close fit (RMSEA <= 0.05), SRMR (Bentler's, lavaan's `srmr`), log-likelihood, AIC, BIC.
 * With `missing: 'fiml'`, full-information ML on the casewise likelihood with the item means
 * free (lavaan `missing = "ml"`): Newton steps on the analytic observed information from the
 * two-stage (EM) solution, SEs from the observed information (lavaan's default there); the
 * chi-square is against the EM saturated model, the baseline is the independence model fitted
 * by FIML (each item's own mean and variance).
 * References: lavaan 0.6-14 on the example survey's four driver scales (listwise and FIML),
 * Holzinger & Swineford's nine tests (three factors) and a Heywood case from a correlation
 * matrix, test/fixtures/r/cfa.R: every estimate, SE and fit index to 1e-9 relative against
 * lavaan polished to its own zero gradient (largest error 1.1e-10, FIML).
 *
 * @param data - Rows, or a summary (`{ covariance | correlation, variables, n }` or
 *   {@link SufficientStatistics}) holding every item; a covariance has divisor n - 1 and is
 *   rescaled to n, as lavaan's `sample.cov`.
 * @param scales - {@link ScaleDefinitions}, the shape {@link reliability} takes: at least two
 *   items per scale, each item in one scale (reverse-worded items are recoded first).
 * @param options - `missing` ('omit' | 'fail' | 'fiml'), `missingCodes`, `confidenceLevel` (0.95),
 *   `maxIterations` (1000), `tolerance` (1e-12). Unknown keys are refused (`INVALID_OPTION`).
 * @returns A {@link ConfirmatoryFactorAnalysisResult}.
 * @throws InputError `INVALID_OPTION` (an item in two scales, a one-item scale, fewer data
 *   moments than parameters, `missing: 'pairwise'`), `COLUMN_NOT_FOUND`, `OUT_OF_RANGE`,
 *   `NOT_NUMERIC`, `MISSING_VALUE`; InsufficientDataError `TOO_FEW_CASES`, `ZERO_VARIANCE`;
 *   NumericalError `NOT_POSITIVE_DEFINITE` (an item duplicates another), `NO_CONVERGENCE`
 *   (naming the iterations and the gradient left), `RANK_DEFICIENT` (not identified on these data).
 *
 * @example
 * ```ts
 * import { confirmatoryFactorAnalysis } from 'loyalty-drivers';
 * // Holzinger & Swineford's correlations of six tests (n = 301), two factors.
 * const correlation = [
 *   [1, 0.297, 0.441, 0.373, 0.293, 0.357],
 *   [0.297, 1, 0.34, 0.153, 0.139, 0.193],
 *   [0.441, 0.34, 1, 0.159, 0.077, 0.198],
 *   [0.373, 0.153, 0.159, 1, 0.733, 0.704],
 *   [0.293, 0.139, 0.077, 0.733, 1, 0.72],
 *   [0.357, 0.193, 0.198, 0.704, 0.72, 1],
 * ];
 * const cfa = confirmatoryFactorAnalysis(
 *   { correlation, variables: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'], n: 301 },
 *   { visual: ['x1', 'x2', 'x3'], textual: ['x4', 'x5', 'x6'] },
 * );
 * cfa.factorCorrelations[0].estimate; // => 0.460631116... (lavaan: 0.4606311538, stopped at its tolerance)
 * cfa.loadings[0].standardized.estimate; // => 0.777713657... (lavaan std.all: 0.7777135815)
 * cfa.fit.chiSquare; // => 24.5683465... (lavaan: 24.568)
 * cfa.fit.degreesOfFreedom; // => 8
 * cfa.fit.rmsea; // => 0.0829490... (lavaan: 0.083)
 * ```
 */
export function confirmatoryFactorAnalysis(
  data: readonly Row[] | MatrixInput,
  scales: ScaleDefinitions,
  options: ConfirmatoryFactorAnalysisOptions = {},
): ConfirmatoryFactorAnalysisResult {
  checkOptions(options, CFA_KEYS);
  const list = normalizeScales(scales, 'scales', 2, 1);
  checkDistinctItems(list);
  const missing = options.missing ?? 'omit';
  if (missing === ('pairwise' as string)) {
    throw new InputError(
      'INVALID_OPTION',
      'options.missing: "pairwise" is not supported by confirmatoryFactorAnalysis (a pairwise covariance matrix has no likelihood to maximise); use "fiml" for incomplete data, or "omit"',
      { argument: 'options.missing', value: 'pairwise', expected: '"omit", "fail" or "fiml"' },
    );
  }
  checkOption('options.missing', missing, ['omit', 'fail', 'fiml'] as const);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  const maxIterations =
    options.maxIterations === undefined
      ? 1000
      : checkNumberOption('options.maxIterations', options.maxIterations, { min: 1, max: 100000, integer: true });
  const tolerance =
    options.tolerance === undefined
      ? 1e-12
      : checkNumberOption('options.tolerance', options.tolerance, { min: 0, max: 1e-3, exclusiveMin: true });
  const structure: CfaStructure = {
    factorOf: list.flatMap((s, a) => s.items.map(() => a)),
    factors: list.length,
  };
  const p = structure.factorOf.length;
  const q = parameterCount(structure);
  const moments = (p * (p + 1)) / 2;
  if (q > moments) {
    throw new InputError(
      'INVALID_OPTION',
      `scales: ${p} items give ${moments} variances and covariances for ${q} parameters, so the model is not identified (a single two-item scale? give it a third item or analyse it with other scales)`,
      { argument: 'scales', expected: 'at least as many moments as parameters' },
    );
  }
  const settings = { maxIterations, tolerance };
  const echo = { missing, missingCodes: [...(options.missingCodes ?? [])], confidenceLevel, maxIterations, tolerance };
  if (missing === 'fiml') {
    const estimates = fitCfaFiml(data, list, structure, settings, options.missingCodes);
    return cfaResult(list, structure, estimates, echo);
  }
  const items = readItems(data, list, { argument: 'rows', missing, missingCodes: options.missingCodes, minimum: 2 });
  const n = items.n;
  // ML on the covariance with divisor n (lavaan's likelihood "normal"), fitted on its correlation
  // matrix (ML is scale-invariant) and rescaled by the item SDs.
  const sd = items.covariance.map((row, j) => Math.sqrt((row[j]! * (n - 1)) / n));
  const r = items.covariance.map((row, i) => row.map((v, j) => (i === j ? 1 : (v * (n - 1)) / n / (sd[i]! * sd[j]!))));
  if (choleskyOrNull(r) === null) {
    throw new NumericalError(
      'NOT_POSITIVE_DEFINITE',
      `scales: the correlation matrix of the ${p} items is not positive definite (an item duplicates another, or there are fewer cases (${n}) than items)`,
      { argument: 'scales', expected: 'a positive-definite item correlation matrix' },
    );
  }
  const fit = fitCfa(structure, r, n, settings);
  const scaleOf = (k: number): number => (k < p ? sd[k]! : k < 2 * p ? sd[k - p]! * sd[k - p]! : 1);
  const covariance = spdInverseScaled(fit.information, 2 / n);
  const x = [...fit.loadings, ...fit.residualVariances, ...factorPairValues(fit.phi)];
  const chiSquare = n * fit.discrepancy;
  const df = moments - q;
  let logDetR = 0;
  const cr = choleskyOrNull(r)!;
  for (let i = 0; i < p; i++) logDetR += 2 * Math.log(cr[i]![i]!);
  const baselineChiSquare = -n * logDetR;
  let srmrSum = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) srmrSum += (r[i]![j]! - fit.sigma[i]![j]!) ** 2;
  const logSd = sd.reduce((s, v) => s + 2 * Math.log(v), 0);
  const twoPi = p * Math.log(2 * Math.PI);
  // logL = -n/2 [p log 2 pi + log|Sigma| + tr(S Sigma^-1)]; tr(S Sigma^-1) = F - log|Sigma| + log|S| + p.
  const logLikelihood = (-n / 2) * (twoPi + logDetR + logSd + fit.discrepancy + p);
  const unrestricted = (-n / 2) * (twoPi + logDetR + logSd + p);
  const estimates: CfaEstimates = {
    n,
    source: items.source,
    missing: items.missing,
    estimates: x.map((v, k) => v * scaleOf(k)),
    covariance: covariance.map((row, k) => row.map((v, l) => v * scaleOf(k) * scaleOf(l))),
    means: null,
    fit: fitMeasures({
      n,
      chiSquare,
      df,
      baselineChiSquare,
      baselineDf: (p * (p - 1)) / 2,
      srmr: Math.sqrt(srmrSum / moments),
      logLikelihood,
      unrestricted,
      parameters: q,
    }),
    convergence: {
      method: 'fisher-scoring',
      iterations: fit.iterations,
      newtonSteps: fit.newtonSteps,
      converged: true,
      maxAbsoluteGradient: fit.maxAbsoluteGradient,
      tolerance,
    },
  };
  return cfaResult(list, structure, estimates, echo);
}

function factorPairValues(phi: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (let a = 0; a < phi.length; a++) for (let b = a + 1; b < phi.length; b++) out.push(phi[a]![b]!);
  return out;
}

/** `c H^-1` for a positive-definite H. */
function spdInverseScaled(h: readonly (readonly number[])[], c: number): number[][] {
  const l = choleskyOrNull(h)!;
  const k = h.length;
  const out: number[][] = [];
  for (let col = 0; col < k; col++) {
    const y = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) {
      let s = i === col ? 1 : 0;
      for (let t = 0; t < i; t++) s -= l[i]![t]! * y[t]!;
      y[i] = s / l[i]![i]!;
    }
    const xcol = new Array<number>(k).fill(0);
    for (let i = k - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let t = i + 1; t < k; t++) s -= l[t]![i]! * xcol[t]!;
      xcol[i] = s / l[i]![i]!;
    }
    out.push(xcol);
  }
  return out.map((row, i) => row.map((_, j) => c * out[j]![i]!));
}
