/**
 * The importance metrics that need one fit, not all subsets: first, last, betasq, pratt, car and
 * Johnson's relative weights.
 *
 * @internal
 */
import { inverse, symmetricEigen } from '../internal/matrix.js';

/** Per-predictor values, in predictor order. */
export interface SingleFitMetrics {
  readonly rSquared: number;
  /** Standardized coefficients `R_xx^-1 r_xy`. */
  readonly beta: number[];
  readonly first: number[];
  readonly last: number[];
  readonly betasq: number[];
  readonly pratt: number[];
  /** Squared CAR scores (present when requested). */
  readonly car: number[] | undefined;
  /** Johnson's relative weights (present when requested). */
  readonly johnson: number[] | undefined;
}

/**
 * Computes, from the correlation matrix (outcome last):
 * - `first_j = r_jy^2` (R2 of the predictor alone);
 * - `beta = R_xx^-1 r_xy` (standardized coefficients), `R2 = beta' r_xy`;
 * - `last_j = beta_j^2 / (R_xx^-1)_jj` (the R2 lost when j is dropped from the full model: the
 *   squared partial effect, computed directly rather than as a difference of two R2s);
 * - `betasq_j = beta_j^2`, `pratt_j = beta_j r_jy` (Pratt 1987; sums to R2);
 * - `car_j = omega_j^2`, `omega = R_xx^{-1/2} r_xy`, the CAR scores of Zuber & Strimmer (2011,
 *   "High-dimensional regression and variable selection using CAR scores", SAGMB 10), squared so
 *   they sum to R2 (R relaimpo's `car`);
 * - Johnson's (2000) relative weights: with `R_xx = V L V'` and `Lambda = V L^{1/2} V'`,
 *   `beta* = Lambda^-1 r_xy` (which equals omega) and `raw_j = sum_k Lambda_jk^2 beta*_k^2`,
 *   summing to R2 (Johnson 2000, "A heuristic method for estimating the relative weight of
 *   predictor variables in multiple regression", Multivariate Behavioral Research 35).
 *
 * The inverse is by LU with partial pivoting; the square roots by the symmetric eigen
 * decomposition. O(p^3).
 */
export function singleFitMetrics(correlation: Float64Array, p: number, withEigen: boolean): SingleFitMetrics {
  const P = p + 1;
  const rxx: number[][] = [];
  const r: number[] = [];
  for (let i = 0; i < p; i++) {
    const row: number[] = [];
    for (let j = 0; j < p; j++) row.push(correlation[i * P + j]!);
    rxx.push(row);
    r.push(correlation[i * P + p]!);
  }
  const inv = inverse(rxx, 'correlation matrix of the predictors');
  const beta = inv.map((row) => {
    let s = 0;
    for (let j = 0; j < p; j++) s += row[j]! * r[j]!;
    return s;
  });
  let rSquared = 0;
  for (let j = 0; j < p; j++) rSquared += beta[j]! * r[j]!;
  const first = r.map((v) => v * v);
  const last = beta.map((b, j) => (b * b) / inv[j]![j]!);
  const betasq = beta.map((b) => b * b);
  const pratt = beta.map((b, j) => b * r[j]!);
  let car: number[] | undefined;
  let johnson: number[] | undefined;
  if (withEigen) {
    const { values, vectors } = symmetricEigen(rxx);
    // omega = V diag(1 / sqrt(l)) V' r
    const z = values.map((l, k) => {
      let s = 0;
      for (let i = 0; i < p; i++) s += vectors[i]![k]! * r[i]!;
      return s / Math.sqrt(l);
    });
    const omega = r.map((_, i) => {
      let s = 0;
      for (let k = 0; k < p; k++) s += vectors[i]![k]! * z[k]!;
      return s;
    });
    car = omega.map((w) => w * w);
    // Lambda = V diag(sqrt(l)) V'
    johnson = new Array<number>(p).fill(0);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) {
        let lambda = 0;
        for (let m = 0; m < p; m++) lambda += vectors[j]![m]! * Math.sqrt(values[m]!) * vectors[k]![m]!;
        s += lambda * lambda * omega[k]! * omega[k]!;
      }
      johnson[j] = s;
    }
  }
  return { rSquared, beta, first, last, betasq, pratt, car, johnson };
}
