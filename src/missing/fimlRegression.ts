/**
 * The linear regression of one variable on others under full-information maximum likelihood:
 * the saturated normal model of all of them fitted by EM (every row with any answer counts),
 * reparametrised as intercept, slopes and residual variance, with standard errors from the
 * observed information by the delta method. This is lavaan's `sem(y ~ x, missing = "ml",
 * fixed.x = FALSE)` (its default `information = "observed"`), whose model is the same saturated
 * model: `beta = S_xx^-1 S_xy`, `alpha = mu_y - beta' mu_x`, `sigma2 = S_yy - S_yx beta`.
 * @internal
 */
import { NumericalError } from '../errors.js';
import { spdInverse, type EmFit, type PatternData } from './em.js';
import { observedInformation, parameterIndex } from './information.js';

/** The FIML regression of `columns[0]` on `columns[1..]`. */
export interface FimlRegression {
  /** Intercept then slopes. */
  readonly coefficients: Float64Array;
  /** Covariance of intercept and slopes (row-major, (p + 1) x (p + 1)). */
  readonly covariance: Float64Array;
  readonly residualVariance: number;
  readonly residualVarianceStandardError: number;
  /** EM means and ML covariance (divisor n) of all the variables, outcome first. */
  readonly fit: EmFit;
  /** Rows with at least one observed value. */
  readonly n: number;
}

/** The regression from the EM fit of the saturated model of `names` (outcome first) and its pattern statistics. */
export function fimlRegression(data: PatternData, fit: EmFit, names: readonly string[]): FimlRegression {
  const k = data.k;
  const p = k - 1;
  const S = (a: number, b: number) => fit.covariance[a * k + b]!;
  const sxx = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) sxx[a * p + b] = S(a + 1, b + 1);
  const inverse = spdInverse(sxx, p);
  if (inverse === null) {
    throw new NumericalError('NOT_POSITIVE_DEFINITE', `FIML: the predictors' covariance is singular (${names.slice(1).join(', ')})`, {
      argument: 'options.predictors',
    });
  }
  const sxxInv = inverse.inverse;
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let v = 0;
    for (let b = 0; b < p; b++) v += sxxInv[a * p + b]! * S(b + 1, 0);
    beta[a] = v;
  }
  let alpha = fit.means[0]!;
  for (let a = 0; a < p; a++) alpha -= beta[a]! * fit.means[a + 1]!;
  let sigma2 = S(0, 0);
  for (let a = 0; a < p; a++) sigma2 -= S(0, a + 1) * beta[a]!;

  // Jacobian of (alpha, beta, sigma2) in the saturated parameters (means, then vech Sigma).
  const { mean, cov, q } = parameterIndex(k);
  const r = p + 2;
  const jac = new Float64Array(r * q);
  jac[0 * q + mean(0)] = 1;
  for (let a = 0; a < p; a++) jac[0 * q + mean(a + 1)] = -beta[a]!;
  const exy = new Float64Array(p);
  const exx = new Float64Array(p * p);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      // E = e_a e_b' + e_b e_a' (a != b) or e_a e_a'.
      exy.fill(0);
      exx.fill(0);
      let eyy = 0;
      const set = (i: number, j: number) => {
        if (i === 0 && j === 0) eyy = 1;
        else if (i === 0) exy[j - 1] = 1;
        else if (j === 0) exy[i - 1] = 1;
        else exx[(i - 1) * p + (j - 1)] = 1;
      };
      set(a, b);
      set(b, a);
      // d beta = S_xx^-1 (E_xy - E_xx beta); d alpha = -mu_x' d beta; d sigma2 = E_yy - 2 beta' E_xy + beta' E_xx beta.
      const rhs = new Float64Array(p);
      for (let i = 0; i < p; i++) {
        let v = exy[i]!;
        for (let j = 0; j < p; j++) v -= exx[i * p + j]! * beta[j]!;
        rhs[i] = v;
      }
      const col = cov(a, b);
      let dAlpha = 0;
      for (let i = 0; i < p; i++) {
        let v = 0;
        for (let j = 0; j < p; j++) v += sxxInv[i * p + j]! * rhs[j]!;
        jac[(i + 1) * q + col] = v;
        dAlpha -= fit.means[i + 1]! * v;
      }
      jac[0 * q + col] = dAlpha;
      let dSigma = eyy;
      for (let i = 0; i < p; i++) {
        dSigma -= 2 * beta[i]! * exy[i]!;
        for (let j = 0; j < p; j++) dSigma += beta[i]! * exx[i * p + j]! * beta[j]!;
      }
      jac[(p + 1) * q + col] = dSigma;
    }
  }
  const info = observedInformation(data, fit);
  const infoInverse = spdInverse(info, q);
  if (infoInverse === null) {
    throw new NumericalError(
      'NOT_POSITIVE_DEFINITE',
      'FIML: the observed information is not positive definite (too few cases for the model)',
      {
        argument: 'rows',
      },
    );
  }
  const v = infoInverse.inverse;
  // J V J'.
  const jv = new Float64Array(r * q);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let t = 0; t < q; t++) s += jac[i * q + t]! * v[t * q + j]!;
      jv[i * q + j] = s;
    }
  const full = new Float64Array(r * r);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let t = 0; t < q; t++) s += jv[i * q + t]! * jac[j * q + t]!;
      full[i * r + j] = s;
    }
  const c = p + 1;
  const covariance = new Float64Array(c * c);
  for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) covariance[i * c + j] = full[i * r + j]!;
  const coefficients = new Float64Array(c);
  coefficients[0] = alpha;
  coefficients.set(beta, 1);
  return {
    coefficients,
    covariance,
    residualVariance: sigma2,
    residualVarianceStandardError: Math.sqrt(full[(p + 1) * r + (p + 1)]!),
    fit,
    n: data.n,
  };
}
