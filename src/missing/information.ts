/**
 * Observed information of the saturated multivariate-normal model under missing data, at the
 * EM estimate: the negative Hessian of the observed-data log-likelihood in (mu, vech Sigma),
 * summed over missingness patterns (analytic; Little & Rubin 2002, section 9.2; Savalei 2010).
 * Its inverse is the covariance of the ML estimates that every FIML standard error here is
 * derived from by the delta method.
 *
 * Per pattern with observed set o, n_p rows, `K = Sigma_oo^-1`, residual sum `D = sum (x - mu)`
 * and `T = sum (x - mu)(x - mu)'`, the second derivatives in directions v (means) and E
 * (a symmetric change of Sigma) are
 *   d2l[v1, v2] = -n_p v1' K v2,
 *   d2l[v, E]   = -v' K E K D,
 *   d2l[E1, E2] = n_p/2 tr(K E1 K E2) - 1/2 [tr(E1 K E2 M) + tr(E2 K E1 M)],  M = K T K,
 * with `E(a, b) = e_a e_b' + e_b e_a'` for a covariance and `e_a e_a'` for a variance, so the
 * parameters are the distinct elements of Sigma. At the ML estimate of a saturated model the
 * gradient is zero, so the information of any reparametrisation (a regression) is J' I J and
 * its covariance J I^-1 J': no second-derivative term of the map is needed.
 * @internal
 */
import { spdInverse, type EmFit, type PatternData } from './em.js';
import { NumericalError } from '../errors.js';

/** Parameter order of the information: the k means, then Sigma's distinct elements (a <= b) row by row. */
export function parameterIndex(k: number): {
  readonly mean: (a: number) => number;
  readonly cov: (a: number, b: number) => number;
  readonly q: number;
} {
  const offset = (a: number) => k + a * k - (a * (a - 1)) / 2;
  return {
    mean: (a) => a,
    cov: (a, b) => (a <= b ? offset(a) + (b - a) : offset(b) + (a - b)),
    q: k + (k * (k + 1)) / 2,
  };
}

/**
 * The observed information (q x q, row-major, q = k + k(k+1)/2) of the saturated normal model
 * at `fit`. Throws NumericalError `NOT_POSITIVE_DEFINITE` if a pattern's covariance block is singular.
 */
export function observedInformation(data: PatternData, fit: EmFit): Float64Array {
  const k = data.k;
  const { mean, cov, q } = parameterIndex(k);
  const info = new Float64Array(q * q);
  const add = (i: number, j: number, v: number) => {
    info[i * q + j]! -= v;
  };
  for (const p of data.patterns) {
    const o = p.observed;
    const m = o.length;
    const s = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) s[a * m + b] = fit.covariance[o[a]! * k + o[b]!]!;
    const inverse = spdInverse(s, m);
    if (inverse === null) {
      throw new NumericalError('NOT_POSITIVE_DEFINITE', 'FIML: the covariance of a missingness pattern is not positive definite', {
        argument: 'rows',
      });
    }
    const kk = inverse.inverse;
    // Residual sums about mu: D = sum - n delta, T = cross - sum delta' - delta sum' + n delta delta', delta = mu - centre.
    const c = p.count;
    const delta = new Float64Array(m);
    for (let a = 0; a < m; a++) delta[a] = fit.means[o[a]!]! - data.centre[o[a]!]!;
    const dsum = new Float64Array(m);
    for (let a = 0; a < m; a++) dsum[a] = p.sum[a]! - c * delta[a]!;
    const t = new Float64Array(m * m);
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++)
        t[a * m + b] = p.cross[a * m + b]! - p.sum[a]! * delta[b]! - delta[a]! * p.sum[b]! + c * delta[a]! * delta[b]!;
    const kd = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let v = 0;
      for (let b = 0; b < m; b++) v += kk[a * m + b]! * dsum[b]!;
      kd[a] = v;
    }
    const kt = new Float64Array(m * m);
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        let v = 0;
        for (let e = 0; e < m; e++) v += kk[a * m + e]! * t[e * m + b]!;
        kt[a * m + b] = v;
      }
    const mm = new Float64Array(m * m);
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        let v = 0;
        for (let e = 0; e < m; e++) v += kt[a * m + e]! * kk[e * m + b]!;
        mm[a * m + b] = v;
      }
    const K = (a: number, b: number) => kk[a * m + b]!;
    const M = (a: number, b: number) => mm[a * m + b]!;
    // Means x means.
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) add(mean(o[a]!), mean(o[b]!), -c * K(a, b));
    // Means x covariances: -v' K E K D with v = e_j, E = s (e_a e_b' + e_b e_a').
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        const sc = a === b ? 0.5 : 1;
        const pi = cov(o[a]!, o[b]!);
        for (let j = 0; j < m; j++) {
          const v = -sc * (K(j, a) * kd[b]! + K(j, b) * kd[a]!);
          add(mean(o[j]!), pi, v);
          add(pi, mean(o[j]!), v);
        }
      }
    }
    // Covariances x covariances.
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        const s1 = a === b ? 0.5 : 1;
        const pi = cov(o[a]!, o[b]!);
        for (let e = 0; e < m; e++) {
          for (let f = e; f < m; f++) {
            const s2 = e === f ? 0.5 : 1;
            const pj = cov(o[e]!, o[f]!);
            const s12 = s1 * s2;
            const trKK = s12 * (K(b, e) * K(f, a) + K(b, f) * K(e, a) + K(a, e) * K(f, b) + K(a, f) * K(e, b));
            const tr1 = s12 * (K(b, e) * M(f, a) + K(b, f) * M(e, a) + K(a, e) * M(f, b) + K(a, f) * M(e, b));
            const tr2 = s12 * (K(f, a) * M(b, e) + K(f, b) * M(a, e) + K(e, a) * M(b, f) + K(e, b) * M(a, f));
            add(pi, pj, 0.5 * c * trKK - 0.5 * (tr1 + tr2));
          }
        }
      }
    }
  }
  return info;
}
