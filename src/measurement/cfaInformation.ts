/**
 * The casewise (FIML) normal likelihood of the CFA model over missingness patterns, with free
 * means: value, analytic gradient and analytic observed information. Complete data are the case
 * of one pattern ({@link completePatterns}), which gives the observed information the
 * complete-data fit uses for its final Newton steps.
 * @internal
 */
import { type EmFit, type PatternData, spdInverse } from '../missing/em.js';
import { observedInformation, parameterIndex } from '../missing/information.js';
import { type CfaStructure, choleskyOrNull, derivativeFactors, factorPairs, impliedMatrix, unpack } from './cfaModel.js';

/** One pattern holding every item: n cases with centred cross-products `n r` (a correlation or covariance matrix with divisor n). @internal */
export function completePatterns(r: readonly (readonly number[])[], n: number): PatternData {
  const k = r.length;
  return {
    k,
    n,
    centre: new Float64Array(k),
    patterns: [
      {
        observed: Int32Array.from({ length: k }, (_, j) => j),
        count: n,
        sum: new Float64Array(k),
        cross: Float64Array.from(r.flat(), (v) => v * n),
      },
    ],
  };
}

/** The casewise likelihood at a point. @internal */
export interface FimlEvaluation {
  /** `-logL / n`. */
  readonly f: number;
  readonly logLikelihood: number;
  /** Gradient of f in (means, CFA parameters). */
  readonly gradient: number[];
  /** `sum_p embed(c K - K T K)`: -2 times the derivative of logL in Sigma. */
  readonly m: number[][];
  readonly sigma: number[][];
}

/** Pattern statistics of the items divided by `sd` (the likelihood is equivariant; this makes the gradient unit-free). */
export function scalePatterns(data: PatternData, sd: readonly number[]): PatternData {
  return {
    k: data.k,
    n: data.n,
    centre: Float64Array.from(data.centre, (c, j) => c / sd[j]!),
    patterns: data.patterns.map((p) => {
      const o = p.observed;
      const m = o.length;
      return {
        observed: o,
        count: p.count,
        sum: Float64Array.from(p.sum, (s, a) => s / sd[o[a]!]!),
        cross: Float64Array.from(p.cross, (c, ab) => c / (sd[o[Math.floor(ab / m)]!]! * sd[o[ab % m]!]!)),
      };
    }),
  };
}

/** Casewise log-likelihood, its gradient and M at (mu, theta); null when a pattern's Sigma block is not positive definite. @internal */
export function evaluateCasewise(structure: CfaStructure, data: PatternData, y: readonly number[]): FimlEvaluation | null {
  const k = data.k;
  const n = data.n;
  const mu = y.slice(0, k);
  const par = unpack(structure, y.slice(k));
  const sigma = impliedMatrix(structure, par);
  if (choleskyOrNull(sigma) === null) return null;
  const m: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const gMu = new Array<number>(k).fill(0);
  let logL = 0;
  for (const p of data.patterns) {
    const o = p.observed;
    const q = o.length;
    const c = p.count;
    const s = new Float64Array(q * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) s[a * q + b] = sigma[o[a]!]![o[b]!]!;
    const inv = spdInverse(s, q);
    if (inv === null) return null;
    const kk = inv.inverse;
    const delta = Array.from(o, (j) => mu[j]! - data.centre[j]!);
    const dsum = Array.from(p.sum, (v, a) => v - c * delta[a]!);
    const t = new Float64Array(q * q);
    for (let a = 0; a < q; a++)
      for (let b = 0; b < q; b++)
        t[a * q + b] = p.cross[a * q + b]! - p.sum[a]! * delta[b]! - delta[a]! * p.sum[b]! + c * delta[a]! * delta[b]!;
    let trace = 0;
    for (let a = 0; a < q * q; a++) trace += kk[a]! * t[a]!;
    logL += -0.5 * (c * (q * Math.log(2 * Math.PI) + inv.logDet) + trace);
    const kt = new Float64Array(q * q);
    for (let a = 0; a < q; a++)
      for (let b = 0; b < q; b++) {
        let v = 0;
        for (let e = 0; e < q; e++) v += kk[a * q + e]! * t[e * q + b]!;
        kt[a * q + b] = v;
      }
    for (let a = 0; a < q; a++) {
      let v = 0;
      for (let b = 0; b < q; b++) v += kk[a * q + b]! * dsum[b]!;
      gMu[o[a]!]! -= v / n;
      for (let b = 0; b < q; b++) {
        let ktk = 0;
        for (let e = 0; e < q; e++) ktk += kt[a * q + e]! * kk[e * q + b]!;
        m[o[a]!]![o[b]!]! += c * kk[a * q + b]! - ktk;
      }
    }
  }
  // dlogL/dtheta_k = -1/2 tr(M dSigma_k) = -u_k' M v_k.
  const { u, v } = derivativeFactors(structure, par);
  const gTheta = u.map((uk, kIdx) => {
    let s = 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) s += uk[a]! * m[a]![b]! * v[kIdx]![b]!;
    return s / n;
  });
  return { f: -logL / n, logLikelihood: logL, gradient: [...gMu, ...gTheta], m, sigma };
}

/**
 * Observed information of (means, CFA parameters): `J' I_sat J + C`, with `I_sat` the observed
 * information of the saturated normal model at (mu, Sigma(theta)) (src/missing/information.ts),
 * `J` the Jacobian of (mu, vech Sigma) in the parameters, and `C_kl = 1/2 tr(M d2Sigma/dtheta_k dtheta_l)`
 * the curvature of the map (nonzero for loading x loading, `phi M_ij`, and loading x factor
 * correlation, `sum_d lambda_d M_id` over the items d of the other factor). @internal
 */
export function observedCfaInformation(structure: CfaStructure, data: PatternData, y: readonly number[], e: FimlEvaluation): number[][] {
  const k = data.k;
  const par = unpack(structure, y.slice(k));
  const fit = { means: Float64Array.from(y.slice(0, k)), covariance: Float64Array.from(e.sigma.flat()) } as unknown as EmFit;
  const sat = observedInformation(data, fit);
  const { mean, cov, q: qs } = parameterIndex(k);
  const { u, v } = derivativeFactors(structure, par);
  const qt = u.length;
  const q = k + qt;
  // J (qs x q), sparse by column: a loading touches one row and column of Sigma, a residual
  // variance one element, a factor correlation one block; so J' I_sat J costs qs x nnz, not qs^2 q.
  const columns: { rows: number[]; values: number[] }[] = [];
  for (let a = 0; a < k; a++) columns.push({ rows: [mean(a)], values: [1] });
  for (let t = 0; t < qt; t++) {
    const rows: number[] = [];
    const values: number[] = [];
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        const d = u[t]![a]! * v[t]![b]! + v[t]![a]! * u[t]![b]!;
        if (d !== 0) {
          rows.push(cov(a, b));
          values.push(d);
        }
      }
    }
    columns.push({ rows, values });
  }
  // sj = I_sat J (qs x q), then out = J' sj.
  const sj: Float64Array[] = Array.from({ length: q }, () => new Float64Array(qs));
  columns.forEach((col, c) => {
    const target = sj[c]!;
    col.rows.forEach((t, z) => {
      const val = col.values[z]!;
      for (let r = 0; r < qs; r++) target[r]! += sat[r * qs + t]! * val;
    });
  });
  const out: number[][] = Array.from({ length: q }, (_, r) =>
    Array.from({ length: q }, (__, c) => {
      let s = 0;
      const col = columns[r]!;
      for (let z = 0; z < col.rows.length; z++) s += col.values[z]! * sj[c]![col.rows[z]!]!;
      return s;
    }),
  );
  const p = k;
  const f = structure.factorOf;
  const m = e.m;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) out[k + i]![k + j]! += par.phi[f[i]!]![f[j]!]! * m[i]![j]!;
  }
  factorPairs(structure.factors).forEach(([a, b], t) => {
    const col = k + 2 * p + t;
    for (let i = 0; i < p; i++) {
      const other = f[i] === a ? b : f[i] === b ? a : -1;
      if (other < 0) continue;
      let s = 0;
      for (let d = 0; d < p; d++) if (f[d] === other) s += par.loadings[d]! * m[i]![d]!;
      out[k + i]![col]! += s;
      out[col]![k + i]! += s;
    }
  });
  return out;
}
