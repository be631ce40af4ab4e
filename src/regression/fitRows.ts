/**
 * Internal: the rows path of {@link ols}: (weighted) least squares by Householder QR of the
 * centred, equilibrated design, with classical or sandwich covariance.
 *
 * @module regression/fitRows
 * @internal
 */
import { InsufficientDataError } from '../errors.js';
import { applyQTranspose, householderQr, solveUpper, thinQ, triangularFactor, upperTriangularInverse } from '../internal/qr.js';
import { mean, weightedMean } from '../internal/sums.js';
import { centredDesign, originalCovarianceRoot, type RegressionSample } from './design.js';
import { rankDeficiencyError } from './rankError.js';
import type { RobustType } from './types.js';

/** Everything {@link ols} needs to build its result. */
export interface RowsFit {
  /** `(Intercept)` first, then the slopes. */
  readonly estimates: number[];
  /** Covariance of the estimates (classical `sigma^2 (X'WX)^-1`, or the sandwich). */
  readonly covariance: number[][];
  readonly residualSumOfSquares: number;
  /** Explained (model) sum of squares about the (weighted) mean. */
  readonly modelSumOfSquares: number;
  readonly dfResidual: number;
  readonly sigma: number;
  readonly standardized: number[];
  readonly vif: number[];
  /** Correlation matrix of the predictors in the (weighted) sample, from the centred block of R. */
  readonly predictorCorrelation: number[][];
  readonly residuals: Float64Array;
  readonly fitted: Float64Array;
}

/** Neumaier-compensated `sum w e^2`. */
function weightedSquares(e: Float64Array, w: Float64Array | undefined): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < e.length; i++) {
    const x = (w ? w[i]! : 1) * e[i]! * e[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Fits `y ~ 1 + x` by Householder QR.
 *
 * The design is `[1, X - mean]` with columns scaled by exact powers of two and rows by
 * `sqrt(w)`; `Q' y` gives the coefficients `c = R^-1 (Q'y)_{1..p+1}` of that parametrization,
 * mapped back by the exact linear map `T` (slope_j = c_j s_j, intercept = mean_y + c_0 s_0 -
 * sum slope_j mean_j). The covariance is `sigma^2 G G'` with `G = T R^-1` (no X'X is formed or
 * inverted); the sandwich is `G (sum_i omega_i q_i q_i') G'` with `q_i` the rows of the thin Q.
 */
export function fitRows(sample: RegressionSample, tolerance: number, robust: RobustType | false): RowsFit {
  const { y, x, weights: w } = sample;
  const p = x.length;
  const n = y.length;
  const means = x.map((c) => (w ? weightedMean(c, w) : mean(c)));
  const yMean = w ? weightedMean(y, w) : mean(y);
  let rootW: Float64Array | undefined;
  if (w) {
    rootW = new Float64Array(n);
    for (let i = 0; i < n; i++) rootW[i] = Math.sqrt(w[i]!);
  }
  const design = centredDesign(x, w, rootW, means);
  const s = design.scales;
  const qr = householderQr(design.matrix, n, p + 1, tolerance);
  if (qr.dependent.length > 0) throw rankDeficiencyError(qr, ['(Intercept)', ...sample.predictors], s, means, tolerance);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (rootW ? rootW[i]! : 1) * (y[i]! - yMean);
  let totalSquares = 0;
  for (let i = 0; i < n; i++) totalSquares += z[i]! * z[i]!;
  applyQTranspose(qr, z);
  const r = triangularFactor(qr);
  const core = fitFromFactor(r, z, s, means, yMean, sample);
  const { slopes, shift } = core;
  // Residuals and fitted values on the original scale.
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = yMean + shift;
  for (let j = 0; j < p; j++) {
    const col = x[j]!;
    const b = slopes[j]!;
    const m = means[j]!;
    for (let i = 0; i < n; i++) fitted[i] = fitted[i]! + b * (col[i]! - m);
  }
  for (let i = 0; i < n; i++) residuals[i] = y[i]! - fitted[i]!;
  const rss = weightedSquares(residuals, w);
  checkResiduals(rss, totalSquares, sample, yMean);
  let meat: number[][] | undefined;
  if (robust) meat = sandwichMeat(qr, residuals, w, robust, sample.n, p + 1, sample.predictors, sample.index);
  return { ...finishFit(core, rss, totalSquares, sample, meat, yMean), residuals, fitted };
}

/** What the triangular factor gives before the residual sum of squares is known. @internal */
export interface FactorFit {
  readonly r: number[][];
  readonly rInverse: number[][];
  readonly g: number[][];
  readonly slopes: number[];
  readonly shift: number;
  readonly intercept: number;
  readonly mss: number;
  readonly p: number;
  readonly scales: readonly number[];
}

/**
 * The coefficients from R and `Q'z` of the centred, equilibrated design (`qz`: its first p + 1
 * entries are used). Shared by the rows path and the streaming path, whose R comes from a
 * chunked (TSQR) factorization: every quantity used below is invariant to the signs of R's rows.
 * @internal
 */
export function fitFromFactor(
  r: number[][],
  qz: ArrayLike<number>,
  s: readonly number[],
  means: readonly number[],
  yMean: number,
  sample: Pick<RegressionSample, 'predictors'>,
): FactorFit {
  const p = sample.predictors.length;
  const c = solveUpper(
    r,
    Array.from({ length: p + 1 }, (_, j) => qz[j]!),
  );
  const rInverse = upperTriangularInverse(r);
  const slopes = c.slice(1).map((cj, j) => cj * s[j + 1]!);
  const shift = c[0]! * s[0]!;
  let intercept = yMean + shift;
  for (let j = 0; j < p; j++) intercept -= slopes[j]! * means[j]!;
  const g = originalCovarianceRoot(rInverse, s, means);
  let mss = 0;
  for (let l = 1; l <= p; l++) mss += qz[l]! ** 2;
  return { r, rInverse, g, slopes, shift, intercept, mss, p, scales: s };
}

/**
 * The fit's inference from the factor, the residual sum of squares and (for robust errors) the
 * sandwich meat: covariance, sigma, VIF, standardized slopes, predictor correlations.
 * @internal
 */
export function finishFit(
  core: FactorFit,
  rss: number,
  totalSquares: number,
  sample: Pick<RegressionSample, 'n' | 'predictors' | 'outcome' | 'weightSum'>,
  meat: number[][] | undefined,
  yMean = 0,
): Omit<RowsFit, 'residuals' | 'fitted'> {
  const { r, rInverse, g, slopes, intercept, mss, p } = core;
  const s = core.scales;
  const dfResidual = sample.n - p - 1;
  checkResiduals(rss, totalSquares, sample, yMean);
  const sigma = Math.sqrt(rss / dfResidual);
  const covariance: number[][] = [];
  for (let a = 0; a <= p; a++) {
    const row: number[] = [];
    for (let b = 0; b <= p; b++) {
      let v = 0;
      if (meat) {
        for (let k = 0; k <= p; k++) for (let l = 0; l <= p; l++) v += g[a]![k]! * meat[k]![l]! * g[b]![l]!;
      } else {
        for (let k = 0; k <= p; k++) v += g[a]![k]! * g[b]![k]!;
        v *= sigma * sigma;
      }
      row.push(v);
    }
    covariance.push(row);
  }
  // VIF_j = [(Xc'W Xc)^-1]_jj (Xc'W Xc)_jj from the predictor block of R and R^-1 (scales cancel).
  const vif: number[] = [];
  const standardized: number[] = [];
  for (let j = 1; j <= p; j++) {
    let inv = 0;
    for (let l = j; l <= p; l++) inv += rInverse[j]![l]! ** 2;
    let norm2 = 0;
    for (let a = 1; a <= j; a++) norm2 += r[a]![j]! ** 2;
    vif.push(p === 1 ? 1 : inv * norm2);
    let full = 0;
    for (let a = 0; a <= j; a++) full += r[a]![j]! ** 2;
    standardized.push((slopes[j - 1]! * Math.sqrt(full / totalSquares)) / s[j]!);
  }
  // Xc'W Xc = R_xx' R_xx (the predictor block of R, the intercept column first): its correlations.
  const cross = Array.from({ length: p }, (_, j) =>
    Array.from({ length: p }, (_, l) => {
      let t = 0;
      for (let a = 1; a <= Math.min(j, l) + 1; a++) t += r[a]![j + 1]! * r[a]![l + 1]!;
      return t;
    }),
  );
  const predictorCorrelation = cross.map((row, j) => row.map((v, l) => (j === l ? 1 : v / Math.sqrt(cross[j]![j]! * cross[l]![l]!))));
  return {
    estimates: [intercept, ...slopes],
    covariance,
    residualSumOfSquares: rss,
    modelSumOfSquares: mss,
    dfResidual,
    sigma,
    standardized,
    vif,
    predictorCorrelation,
  };
}

/**
 * `sum_i omega_i q_i q_i'` over the rows `q_i` of the thin Q of the (weighted) design, with
 * `omega_i = w_i e_i^2` times 1 (HC0), `n / (n - k)` (HC1), `1 / (1 - h_i)` (HC2),
 * `1 / (1 - h_i)^2` (HC3), `1 / (1 - h_i)^delta_i` with `delta_i = min(4, n h_i / k)` (HC4,
 * Cribari-Neto 2004), `delta_i = min(1, n h_i / k) + min(1.5, n h_i / k)` (HC4m, Cribari-Neto &
 * da Silva 2011) or `1 / (1 - h_i)^(delta_i / 2)` with `delta_i = min(n h_i / k, max(4, 0.7 n
 * h_max / k))` (HC5, Cribari-Neto, Souza & Vasconcellos 2007), `h_i = ||q_i||^2`; the constants
 * are R sandwich's `vcovHC` defaults (Zeileis 2004). `n` counts the cases with a positive weight.
 */
function sandwichMeat(
  qr: ReturnType<typeof householderQr>,
  e: Float64Array,
  w: Float64Array | undefined,
  type: RobustType,
  n: number,
  k: number,
  predictors: readonly string[],
  index: Int32Array,
): number[][] {
  const rows = qr.rows;
  const { q, leverage } = thinQ(qr);
  const omega = new Float64Array(rows);
  let hMax = 0;
  for (let i = 0; i < rows; i++) hMax = Math.max(hMax, leverage[i]!);
  const hc5Cap = Math.max(4, (0.7 * n * hMax) / k);
  for (let i = 0; i < rows; i++) {
    let o = (w ? w[i]! : 1) * e[i]! * e[i]!;
    if (type === 'HC1') o *= n / (n - k);
    else if (type !== 'HC0') {
      const h = 1 - leverage[i]!;
      if (o > 0 && !(h > 1e-10)) {
        throw new InsufficientDataError(
          'TOO_FEW_CASES',
          `row ${index[i]} has leverage 1 (it alone determines a coefficient of ${predictors.join(', ')}), so ${type} is undefined; use HC0 or HC1`,
          {
            argument: 'options.robust',
            row: index[i]!,
            value: type,
            expected: 'cases with leverage below 1',
          },
        );
      }
      const ratio = (n * leverage[i]!) / k;
      const power =
        type === 'HC2'
          ? 1
          : type === 'HC3'
            ? 2
            : type === 'HC4'
              ? Math.min(4, ratio)
              : type === 'HC4m'
                ? Math.min(1, ratio) + Math.min(1.5, ratio)
                : Math.min(ratio, hc5Cap) / 2;
      o = o > 0 ? o / h ** power : 0;
    }
    omega[i] = o;
  }
  const meat: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    const oa = a * rows;
    for (let b = a; b < k; b++) {
      const ob = b * rows;
      let s = 0;
      for (let i = 0; i < rows; i++) s += omega[i]! * q[oa + i]! * q[ob + i]!;
      meat[a]![b] = s;
      meat[b]![a] = s;
    }
  }
  return meat;
}

/** A perfect fit leaves no residual variation to estimate a standard error from. */
function checkResiduals(
  rss: number,
  totalSquares: number,
  sample: Pick<RegressionSample, 'predictors' | 'outcome' | 'weightSum'>,
  yMean: number,
): void {
  if (!(rss > 1e-30 * (totalSquares + sample.weightSum * yMean * yMean))) {
    throw new InsufficientDataError(
      'ZERO_VARIANCE',
      `the residuals are all zero: "${sample.outcome}" is an exact linear function of ${sample.predictors.join(', ')}, so no standard error can be estimated`,
      {
        argument: 'options.outcome',
        column: sample.outcome,
        expected: 'an outcome with residual variation',
      },
    );
  }
}
