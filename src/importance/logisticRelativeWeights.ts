/**
 * Johnson's relative weights for logistic regression (Tonidandel & LeBreton 2010).
 *
 * @internal
 */
import { symmetricEigen } from '../internal/matrix.js';
import type { PlayerData } from './familyData.js';

/** Raw weights (summing to `rSquared`) and the R2 they decompose. */
export interface LogisticRelativeWeights {
  readonly weights: number[];
  /** Squared (weighted) correlation of the fitted probabilities with the 0/1 outcome. */
  readonly rSquared: number;
}

/**
 * Method (Tonidandel & LeBreton 2010, after Johnson 2000): with R the (weighted) correlation
 * matrix of the drivers and S = R^(1/2) (symmetric), the orthogonal counterparts Z = X_std S^-1
 * give the same logistic fit, with slopes `b_Z = S b_std` (b_std the slopes per SD of each driver).
 * They are standardized as `beta = b_Z sqrt(R2) / sd(eta)`, eta the linear predictor and R2 the
 * squared correlation of the fitted probabilities with y, and
 * `weight_j = sum_k S_jk^2 beta_k^2` (S also carries Z back to the drivers). The weights sum to
 * R2. Everything except the full fit is closed form, so the weights honour case weights through
 * the weighted correlations and SDs (R rwa has no weights).
 *
 * @param slopes - Full-model slopes in original units, one per design column (one column per driver).
 * @param threshold - The full model's threshold: P(y = 1) = F(x'b - threshold).
 */
export function logisticRelativeWeights(data: PlayerData, slopes: readonly number[], threshold: number): LogisticRelativeWeights {
  const p = data.columns.length;
  const n = data.y.length;
  const w = data.weights;
  let total = 0;
  for (let i = 0; i < n; i++) total += w ? w[i]! : 1;
  const mean = (v: ArrayLike<number>): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i]! : 1) * v[i]!;
    return s / total;
  };
  const cov = (a: ArrayLike<number>, ma: number, b: ArrayLike<number>, mb: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i]! : 1) * (a[i]! - ma) * (b[i]! - mb);
    return s / total;
  };
  const means = data.columns.map(mean);
  const sds = data.columns.map((c, j) => Math.sqrt(cov(c, means[j]!, c, means[j]!)));
  const r = data.columns.map((a, i) => data.columns.map((b, j) => cov(a, means[i]!, b, means[j]!) / (sds[i]! * sds[j]!)));
  const { values, vectors } = symmetricEigen(r);
  const root = r.map((_, i) =>
    r.map((__, j) => values.reduce((acc, lam, k) => acc + vectors[i]![k]! * Math.sqrt(lam) * vectors[j]![k]!, 0)),
  );
  const eta = new Float64Array(n);
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let j = 0; j < p; j++) e += slopes[j]! * data.columns[j]![i]!;
    eta[i] = e;
    const z = e - threshold;
    fitted[i] = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }
  const mEta = mean(eta);
  const sdEta = Math.sqrt(cov(eta, mEta, eta, mEta));
  const mFit = mean(fitted);
  const mY = mean(data.y);
  const rPy = cov(fitted, mFit, data.y, mY) / Math.sqrt(cov(fitted, mFit, fitted, mFit) * cov(data.y, mY, data.y, mY));
  const rSquared = rPy * rPy;
  const bStd = slopes.map((b, j) => b * sds[j]!);
  const scale = Math.sqrt(rSquared) / sdEta;
  const beta = root.map((row) => row.reduce((acc, v, k) => acc + v * bStd[k]!, 0) * scale);
  const weights = root.map((row) => row.reduce((acc, v, k) => acc + v * v * beta[k]! * beta[k]!, 0));
  return { weights, rSquared };
}
