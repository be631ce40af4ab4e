import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from '../internal/distributions.js';
import { noncentralChiSquareUpperTail, rmseaInterval } from '../internal/noncentralChiSquare.js';
import type { StatisticsSource } from '../summary/matrixInput.js';
import type { EstimateFields, MissingReport, Warning } from '../types.js';
import type {
  CfaConvergence,
  CfaFactorCorrelation,
  CfaFitMeasures,
  CfaLoading,
  CfaResidualVariance,
  ConfirmatoryFactorAnalysisResult,
} from './confirmatoryFactorAnalysis.js';
import { choleskyOrNull, factorPairs, type CfaStructure } from './cfaModel.js';
import type { NormalizedScale } from './types.js';

/** What a fit (complete data or FIML) hands to {@link cfaResult}, on the items' own scale. @internal */
export interface CfaEstimates {
  readonly n: number;
  readonly source: StatisticsSource;
  readonly missing: MissingReport;
  /** Loadings, residual variances, factor correlations (the order of fitCfa). */
  readonly estimates: readonly number[];
  /** Their asymptotic covariance matrix. */
  readonly covariance: readonly (readonly number[])[];
  /** FIML item means, else null. */
  readonly means: readonly number[] | null;
  readonly fit: CfaFitMeasures;
  readonly convergence: CfaConvergence;
}

/**
 * The public result: Wald inference of every parameter and the completely standardized loadings
 * and residual variances with delta-method SEs (`d(l / s) / d(l, t) = (t, -l / 2) / s^3`,
 * `d(t / s^2) / d(l, t) = (-2 l t, l^2) / s^4`, `s^2 = l^2 + t`), warnings. @internal
 */
export function cfaResult(
  scales: readonly NormalizedScale[],
  structure: CfaStructure,
  e: CfaEstimates,
  options: ConfirmatoryFactorAnalysisResult['options'],
): ConfirmatoryFactorAnalysisResult {
  const level = options.confidenceLevel;
  const names = scales.map((s) => s.name);
  const itemNames = scales.flatMap((s) => s.items);
  const p = itemNames.length;
  const x = e.estimates;
  const v = e.covariance;
  const delta = (i: number, jl: number, jt: number): number =>
    jl * jl * v[i]![i]! + 2 * jl * jt * v[i]![p + i]! + jt * jt * v[p + i]![p + i]!;
  const loadings: CfaLoading[] = [];
  const residualVariances: CfaResidualVariance[] = [];
  for (let i = 0; i < p; i++) {
    const l = x[i]!;
    const t = x[p + i]!;
    const s2 = l * l + t;
    const s = Math.sqrt(s2);
    const std = wald(l / s, delta(i, t / (s2 * s), -l / (2 * s2 * s)), level);
    loadings.push({ factor: names[structure.factorOf[i]!]!, item: itemNames[i]!, ...wald(l, v[i]![i]!, level), standardized: std });
    residualVariances.push({
      item: itemNames[i]!,
      ...wald(t, v[p + i]![p + i]!, level),
      standardized: wald(t / s2, delta(i, (-2 * l * t) / (s2 * s2), (l * l) / (s2 * s2)), level),
    });
  }
  const m = names.length;
  const matrix = names.map((_, a) => names.map((__, b) => (a === b ? 1 : 0) as number));
  const factorCorrelations: CfaFactorCorrelation[] = factorPairs(m).map(([a, b], t) => {
    const k = 2 * p + t;
    matrix[a]![b] = x[k]!;
    matrix[b]![a] = x[k]!;
    return { first: names[a]!, second: names[b]!, ...wald(x[k]!, v[k]![k]!, level) };
  });
  const warnings: Warning[] = [];
  const heywoodItems = itemNames.filter((_, i) => x[p + i]! < 0);
  if (heywoodItems.length > 0) {
    warnings.push({
      code: 'HEYWOOD_CASE',
      message: `Heywood case: negative residual variance for ${heywoodItems.join(', ')} (standardized loading above 1); the solution is improper.`,
    });
  }
  if (m > 1 && choleskyOrNull(matrix) === null) {
    const worst = factorCorrelations.reduce((a, b) => (Math.abs(b.estimate) > Math.abs(a.estimate) ? b : a));
    warnings.push({
      code: 'FACTOR_CORRELATION_NOT_POSITIVE_DEFINITE',
      message: `The factor correlation matrix is not positive definite (largest correlation ${worst.first}-${worst.second} ${worst.estimate.toFixed(3)}): two factors may not be distinct, so the solution is improper.`,
    });
  }
  const items: Record<string, readonly string[]> = {};
  for (const s of scales) items[s.name] = [...s.items];
  let means: Record<string, number> | null = null;
  if (e.means !== null) {
    means = {};
    itemNames.forEach((item, i) => {
      means![item] = e.means![i]!;
    });
  }
  return {
    method: 'confirmatory-factor-analysis',
    estimator: 'ML',
    n: e.n,
    source: e.source,
    factorNames: names,
    items,
    loadings,
    residualVariances,
    factorCorrelations,
    factorCorrelationMatrix: matrix,
    means,
    fit: e.fit,
    convergence: e.convergence,
    heywoodItems,
    missing: e.missing,
    options,
    warnings,
  };
}

/** Fit indices from the chi-squares, as lavaan's `fitMeasures`. @internal */
export function fitMeasures(input: {
  readonly n: number;
  readonly chiSquare: number;
  readonly df: number;
  readonly baselineChiSquare: number;
  readonly baselineDf: number;
  readonly srmr: number;
  readonly logLikelihood: number;
  readonly unrestricted: number;
  readonly parameters: number;
}): CfaFitMeasures {
  const { n, chiSquare, df, baselineChiSquare, baselineDf } = input;
  const t1 = Math.max(chiSquare - df, 0);
  const t2 = Math.max(chiSquare - df, baselineChiSquare - baselineDf, 0);
  const tliNum = baselineChiSquare / baselineDf - chiSquare / df;
  const tliDen = baselineChiSquare / baselineDf - 1;
  return {
    chiSquare,
    degreesOfFreedom: df,
    pValue: df > 0 ? chiSquareUpperTail(chiSquare, df) : null,
    baselineChiSquare,
    baselineDegreesOfFreedom: baselineDf,
    baselinePValue: chiSquareUpperTail(baselineChiSquare, baselineDf),
    cfi: t2 === 0 ? 1 : 1 - t1 / t2,
    tli: df > 0 ? (tliNum < 0 && tliDen < 0 ? 1 : tliNum / tliDen) : 1,
    rmsea: df > 0 ? Math.sqrt(t1 / (n * df)) : 0,
    rmseaConfidenceInterval: rmseaInterval(chiSquare, df, n, 0.9),
    rmseaConfidenceLevel: 0.9,
    rmseaPClose: df > 0 ? noncentralChiSquareUpperTail(chiSquare, df, n * df * 0.05 * 0.05) : null,
    srmr: input.srmr,
    logLikelihood: input.logLikelihood,
    unrestrictedLogLikelihood: input.unrestricted,
    parameters: input.parameters,
    aic: -2 * input.logLikelihood + 2 * input.parameters,
    bic: -2 * input.logLikelihood + input.parameters * Math.log(n),
    minimumDiscrepancy: chiSquare / (2 * n),
  };
}

/** Wald inference of one estimate. @internal */
export function wald(
  estimate: number,
  variance: number,
  confidenceLevel: number,
): EstimateFields & { readonly zStatistic: number; readonly pValue: number } {
  const standardError = Math.sqrt(Math.max(variance, 0));
  const z = normalQuantile(1 - (1 - confidenceLevel) / 2);
  const zStatistic = estimate / standardError;
  return {
    estimate,
    standardError,
    zStatistic,
    pValue: normalTwoSidedP(zStatistic),
    confidenceInterval: [estimate - z * standardError, estimate + z * standardError],
    confidenceLevel,
    intervalMethod: 'wald',
  };
}
