import { NumericalError } from '../errors.js';
import { chiSquareUpperTail } from '../internal/distributions.js';
import { assertPositiveDefinite } from '../internal/matrix.js';
import { fitOneFactor } from './fitOneFactor.js';
import type { ItemData } from './readItems.js';

/** Global fit of the one-factor model, as lavaan's `fitMeasures` reports it. */
export interface FactorModelFit {
  /** Likelihood-ratio chi-square `n F_ML` (lavaan's "normal" likelihood uses n, not n - 1). */
  readonly chiSquare: number;
  /** `k(k+1)/2 - 2k`: 0 for three items (just-identified), 2 for four, 5 for five. */
  readonly degreesOfFreedom: number;
  /** Upper-tail chi-square p-value; null when the model has no degrees of freedom. */
  readonly pValue: number | null;
  /** Chi-square and df of the independence (baseline) model. */
  readonly baselineChiSquare: number;
  readonly baselineDegreesOfFreedom: number;
  /** Comparative fit index (Bentler 1990), in [0, 1]. */
  readonly cfi: number;
  /** Tucker-Lewis index (not truncated at 1, as lavaan). */
  readonly tli: number;
  /** Root mean square error of approximation, `sqrt(max(chi2 - df, 0) / (df n))`; 0 when df = 0. */
  readonly rmsea: number;
  /** Standardized root mean square residual (Bentler's, diagonal included, as lavaan's `srmr`). */
  readonly srmr: number;
  /** The minimised ML discrepancy `F = log|Sigma| + tr(S Sigma^-1) - log|S| - k`. */
  readonly discrepancy: number;
}

/** How the estimate was reached. */
export interface FactorModelConvergence {
  /** `'closed-form'` for a just-identified 3-item scale, else `'fisher-scoring'`. */
  readonly method: 'closed-form' | 'fisher-scoring';
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest absolute element of the gradient of F at the estimate (correlation scale). */
  readonly maxAbsoluteGradient: number;
  /** The convergence tolerance on that gradient. */
  readonly tolerance: number;
}

/**
 * A one-factor maximum-likelihood measurement model of one scale (lavaan `cfa(std.lv = TRUE)`):
 * loadings, residual variances, omega and AVE, global fit and convergence.
 */
export interface OneFactorModelResult {
  readonly estimator: 'ML';
  /** `'just-identified'` (3 items: fits exactly) or `'over-identified'` (4+ items: testable). */
  readonly identification: 'just-identified' | 'over-identified';
  readonly items: readonly string[];
  /** Completely standardized loadings (lavaan `standardizedSolution()` `est.std`). */
  readonly standardizedLoadings: Readonly<Record<string, number>>;
  /** Delta-method standard errors of the standardized loadings (null if the information is singular or the fit did not converge). */
  readonly standardizedLoadingStandardErrors: Readonly<Record<string, number>> | null;
  /** `1 - l^2`: the share of each item's variance the factor leaves unexplained (negative: Heywood). */
  readonly standardizedResidualVariances: Readonly<Record<string, number>>;
  /**
   * Unstandardized loadings with the factor variance fixed at 1, on the covariance matrix with
   * divisor n (lavaan's default); null when fitted from a correlation matrix.
   */
  readonly loadings: Readonly<Record<string, number>> | null;
  readonly loadingStandardErrors: Readonly<Record<string, number>> | null;
  readonly residualVariances: Readonly<Record<string, number>> | null;
  readonly residualVarianceStandardErrors: Readonly<Record<string, number>> | null;
  /** McDonald's omega total `(sum l)^2 / ((sum l)^2 + sum (1 - l^2))` from the standardized loadings. */
  readonly omegaTotal: number;
  /** Average variance extracted `mean(l^2)` (Fornell & Larcker 1981). */
  readonly averageVarianceExtracted: number;
  readonly fit: FactorModelFit;
  readonly convergence: FactorModelConvergence;
  /** Items with a negative residual variance (standardized loading above 1): an improper solution. */
  readonly heywoodItems: readonly string[];
}

/** Iteration settings. @internal */
export interface FactorModelSettings {
  readonly maxIterations: number;
  readonly tolerance: number;
}

function record(keys: readonly string[], values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  keys.forEach((key, j) => {
    out[key] = values[j]!;
  });
  return out;
}

/**
 * Fits the one-factor ML model to scale `s` of `data` (3+ items).
 * @throws NumericalError `NOT_POSITIVE_DEFINITE` when the items' correlation matrix is singular
 *   (an item duplicates another, or fewer cases than items).
 * @internal
 */
export function oneFactorModel(data: ItemData, s: number, settings: FactorModelSettings): OneFactorModelResult {
  const scale = data.scales[s]!;
  const items = scale.items;
  const k = items.length;
  const first = data.offsets[s]!;
  const c = items.map((_, a) => items.map((__, b) => data.covariance[first + a]![first + b]!));
  const sd = c.map((row, j) => Math.sqrt(row[j]!));
  const r = c.map((row, a) => row.map((v, b) => (a === b ? 1 : v / (sd[a]! * sd[b]!))));
  try {
    assertPositiveDefinite(r, `correlation matrix of scale "${scale.name}" (${items.join(', ')})`);
  } catch (e) {
    if (!(e instanceof NumericalError)) throw e;
    throw new NumericalError(
      'NOT_POSITIVE_DEFINITE',
      `scale "${scale.name}": ${e.message}; an item duplicates another or there are too few cases (${data.n}) for ${k} items, so the factor model cannot be fitted (options.factorModel = false skips it)`,
      { argument: 'scales', column: items[0], expected: 'a positive-definite item correlation matrix' },
    );
  }
  const n = data.n;
  const fit = fitOneFactor(r, n, settings);
  const l = fit.loadings;
  const psi = fit.uniquenesses;
  // ML on the covariance with divisor n (lavaan's likelihood "normal"): unstandardized values
  // are the correlation-scale ones times the item SD (divisor n), variances times its square.
  const fromCorrelation = data.source === 'correlation';
  const sdN = sd.map((v) => v * Math.sqrt((n - 1) / n));
  // No standard errors from a point that is not an optimum.
  const acov = fit.converged ? fit.covariance : null;
  const standardizedSe =
    acov === null
      ? null
      : l.map((li, i) => {
          const sigma = li * li + psi[i]!;
          const s3 = sigma * Math.sqrt(sigma);
          const dl = psi[i]! / s3;
          const dp = -li / (2 * s3);
          const v = dl * dl * acov[i]![i]! + 2 * dl * dp * acov[i]![k + i]! + dp * dp * acov[k + i]![k + i]!;
          return Math.sqrt(Math.max(v, 0));
        });
  const std = l.map((li, i) => li / Math.sqrt(li * li + psi[i]!));
  const sumL = std.reduce((a, b) => a + b, 0);
  const sumU = std.reduce((a, b) => a + (1 - b * b), 0);
  // Global fit.
  const df = (k * (k + 1)) / 2 - 2 * k;
  let logDetR = 0;
  {
    // log|R| from the Cholesky diagonal.
    const lr: number[][] = r.map(() => new Array<number>(k).fill(0));
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let v = r[i]![j]!;
        for (let p = 0; p < j; p++) v -= lr[i]![p]! * lr[j]![p]!;
        lr[i]![j] = i === j ? Math.sqrt(v) : v / lr[j]![j]!;
      }
      logDetR += 2 * Math.log(lr[i]![i]!);
    }
  }
  const chiSquare = n * fit.discrepancy;
  const baselineChiSquare = -n * logDetR;
  const baselineDf = (k * (k - 1)) / 2;
  const excess = Math.max(chiSquare - df, 0);
  const cfiDenominator = Math.max(chiSquare - df, baselineChiSquare - baselineDf, 0);
  let srmrSum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const implied = l[i]! * l[j]! + (i === j ? psi[i]! : 0);
      srmrSum += (r[i]![j]! - implied) ** 2;
    }
  }
  const heywoodItems = items.filter((_, i) => psi[i]! < 0);
  return {
    estimator: 'ML',
    identification: df === 0 ? 'just-identified' : 'over-identified',
    items: [...items],
    standardizedLoadings: record(items, std),
    standardizedLoadingStandardErrors: standardizedSe === null ? null : record(items, standardizedSe),
    standardizedResidualVariances: record(
      items,
      std.map((v) => 1 - v * v),
    ),
    loadings: fromCorrelation
      ? null
      : record(
          items,
          l.map((li, i) => li * sdN[i]!),
        ),
    loadingStandardErrors:
      fromCorrelation || acov === null
        ? null
        : record(
            items,
            l.map((_, i) => Math.sqrt(acov[i]![i]!) * sdN[i]!),
          ),
    residualVariances: fromCorrelation
      ? null
      : record(
          items,
          psi.map((p, i) => p * sdN[i]! * sdN[i]!),
        ),
    residualVarianceStandardErrors:
      fromCorrelation || acov === null
        ? null
        : record(
            items,
            psi.map((_, i) => Math.sqrt(acov[k + i]![k + i]!) * sdN[i]! * sdN[i]!),
          ),
    omegaTotal: (sumL * sumL) / (sumL * sumL + sumU),
    averageVarianceExtracted: std.reduce((a, b) => a + b * b, 0) / k,
    fit: {
      chiSquare,
      degreesOfFreedom: df,
      pValue: df === 0 ? null : chiSquareUpperTail(chiSquare, df),
      baselineChiSquare,
      baselineDegreesOfFreedom: baselineDf,
      cfi: cfiDenominator === 0 ? 1 : 1 - excess / cfiDenominator,
      tli: df === 0 ? 1 : (baselineChiSquare / baselineDf - chiSquare / df) / (baselineChiSquare / baselineDf - 1),
      rmsea: df === 0 ? 0 : Math.sqrt(excess / (df * n)),
      srmr: Math.sqrt(srmrSum / ((k * (k + 1)) / 2)),
      discrepancy: fit.discrepancy,
    },
    convergence: {
      method: fit.method,
      iterations: fit.iterations,
      converged: fit.converged,
      maxAbsoluteGradient: fit.maxAbsoluteGradient,
      tolerance: settings.tolerance,
    },
    heywoodItems,
  };
}
