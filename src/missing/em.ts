/**
 * Saturated multivariate-normal model fitted by EM to incomplete data (Dempster, Laird & Rubin
 * 1977; Little & Rubin 2002, ch. 11), from per-missingness-pattern sufficient statistics, so the
 * rows are read once and the iterations cost O(patterns x k^3), not O(n). Pure and browser-safe.
 *
 * @module missing/em
 * @internal
 */
import { NumericalError } from '../errors.js';

/** Sufficient statistics of one missingness pattern (rows observing exactly `observed`). @internal */
export interface PatternStatistics {
  /** Indices of the observed variables, ascending. */
  readonly observed: Int32Array;
  readonly count: number;
  /** Sum of the observed values, centred at `centre` (length = observed.length). */
  readonly sum: Float64Array;
  /** Sum of cross-products of the centred observed values (row-major, observed x observed). */
  readonly cross: Float64Array;
}

/** Per-pattern statistics of k columns (NaN = missing); rows with nothing observed are skipped. @internal */
export interface PatternData {
  readonly k: number;
  /** Rows with at least one observed value. */
  readonly n: number;
  /** The centre subtracted before accumulation (observed means), for accuracy. */
  readonly centre: Float64Array;
  readonly patterns: readonly PatternStatistics[];
}

/** Groups rows by missingness pattern and accumulates centred sums and cross-products. @internal */
export function patternStatistics(columns: readonly Float64Array[]): PatternData {
  const k = columns.length;
  const rows = k === 0 ? 0 : columns[0]!.length;
  const centre = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    let c = 0;
    const col = columns[j]!;
    for (let i = 0; i < rows; i++)
      if (!Number.isNaN(col[i]!)) {
        s += col[i]!;
        c++;
      }
    centre[j] = c > 0 ? s / c : 0;
  }
  const map = new Map<string, { observed: Int32Array; count: number; sum: Float64Array; cross: Float64Array }>();
  const key = new Array<string>(k);
  const obs: number[] = [];
  let n = 0;
  for (let i = 0; i < rows; i++) {
    obs.length = 0;
    for (let j = 0; j < k; j++) {
      const seen = !Number.isNaN(columns[j]![i]!);
      key[j] = seen ? '1' : '0';
      if (seen) obs.push(j);
    }
    if (obs.length === 0) continue;
    n++;
    const id = key.join('');
    let p = map.get(id);
    if (p === undefined) {
      const m = obs.length;
      p = { observed: Int32Array.from(obs), count: 0, sum: new Float64Array(m), cross: new Float64Array(m * m) };
      map.set(id, p);
    }
    const m = p.observed.length;
    p.count++;
    for (let a = 0; a < m; a++) {
      const da = columns[p.observed[a]!]![i]! - centre[p.observed[a]!]!;
      p.sum[a]! += da;
      for (let b = a; b < m; b++) p.cross[a * m + b]! += da * (columns[p.observed[b]!]![i]! - centre[p.observed[b]!]!);
    }
  }
  const patterns = [...map.values()].map((p) => {
    const m = p.observed.length;
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) p.cross[a * m + b] = p.cross[b * m + a]!;
    return p;
  });
  return { k, n, centre, patterns };
}

/** Cholesky of a row-major m x m matrix in place (lower); false when not positive definite. */
function choleskyInPlace(a: Float64Array, m: number): boolean {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j]!;
    for (let t = 0; t < j; t++) d -= a[j * m + t]! ** 2;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j]!;
      for (let t = 0; t < j; t++) s -= a[i * m + t]! * a[j * m + t]!;
      a[i * m + j] = s / l;
    }
  }
  return true;
}

/** Inverse of an SPD matrix from its Cholesky factor (row-major), and log-determinant. */
export function spdInverse(s: Float64Array, m: number): { inverse: Float64Array; logDet: number } | null {
  const l = Float64Array.from(s);
  if (!choleskyInPlace(l, m)) return null;
  let logDet = 0;
  for (let j = 0; j < m; j++) logDet += 2 * Math.log(l[j * m + j]!);
  // inv(L) by forward substitution, then inv = inv(L)' inv(L).
  const li = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    for (let i = c; i < m; i++) {
      let v = i === c ? 1 : 0;
      for (let t = c; t < i; t++) v -= l[i * m + t]! * li[t * m + c]!;
      li[i * m + c] = v / l[i * m + i]!;
    }
  }
  const inverse = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let v = 0;
      for (let t = j; t < m; t++) v += li[t * m + i]! * li[t * m + j]!;
      inverse[i * m + j] = v;
      inverse[j * m + i] = v;
    }
  }
  return { inverse, logDet };
}

/** Options of {@link emSaturated}. @internal */
export interface EmOptions {
  /** Largest scaled change of a parameter below which EM stops (default 1e-12). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

/** The EM estimate and how it was reached. @internal */
export interface EmFit {
  /** ML means (original units). */
  readonly means: Float64Array;
  /** ML covariance, divisor n, row-major k x k. */
  readonly covariance: Float64Array;
  readonly n: number;
  readonly patterns: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest change at the last iteration: |d mu_j| / sd_j and |d sigma_jl| / (sd_j sd_l). */
  readonly maxChange: number;
  readonly tolerance: number;
  /** Observed-data log-likelihood at the estimate. */
  readonly logLikelihood: number;
}

/** Observed-data normal log-likelihood of (mu, Sigma) (centred parametrisation). */
function logLikelihood(data: PatternData, mu: Float64Array, sigma: Float64Array): number {
  const k = data.k;
  let total = 0;
  for (const p of data.patterns) {
    const o = p.observed;
    const m = o.length;
    const s = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) s[a * m + b] = sigma[o[a]! * k + o[b]!]!;
    const inv = spdInverse(s, m);
    if (inv === null) return Number.NaN;
    // sum_i (x - mu)' S^-1 (x - mu) = tr(S^-1 [cross - sum mu' - mu sum' + count mu mu'])
    let q = 0;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const ma = mu[o[a]!]!;
        const mb = mu[o[b]!]!;
        const d = p.cross[a * m + b]! - p.sum[a]! * mb - ma * p.sum[b]! + p.count * ma * mb;
        q += inv.inverse[a * m + b]! * d;
      }
    }
    total += -0.5 * (p.count * (m * Math.log(2 * Math.PI) + inv.logDet) + q);
  }
  return total;
}

/**
 * EM for the saturated normal model. E-step per pattern: with observed O and missing M,
 * `B = Sigma_MO Sigma_OO^-1`, `E[x_M | x_O] = mu_M + B (x_O - mu_O)`,
 * `Cov[x_M | x_O] = Sigma_MM - B Sigma_OM`; the expected sums and cross-products are linear in
 * the pattern's sums and cross-products. M-step: `mu = T1 / n`, `Sigma = T2 / n - mu mu'`.
 * Start: observed means and variances, zero covariances. Stops when every scaled change is
 * below `tolerance`; throws NumericalError `NO_CONVERGENCE` after `maxIterations`.
 * @internal
 */
export function emSaturated(data: PatternData, names: readonly string[], options: EmOptions = {}): EmFit {
  const k = data.k;
  const n = data.n;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10000;
  let mu = new Float64Array(k);
  let sigma = new Float64Array(k * k);
  // Start: observed variances (about the observed means = centre, so mu = 0 here).
  const count = new Float64Array(k);
  for (const p of data.patterns) {
    const m = p.observed.length;
    for (let a = 0; a < m; a++) {
      const j = p.observed[a]!;
      count[j]! += p.count;
      sigma[j * k + j]! += p.cross[a * m + a]!;
    }
  }
  for (let j = 0; j < k; j++) sigma[j * k + j] = sigma[j * k + j]! / count[j]!;
  let iterations = 0;
  let maxChange = Number.POSITIVE_INFINITY;
  const t1 = new Float64Array(k);
  const t2 = new Float64Array(k * k);
  while (iterations < maxIterations) {
    iterations++;
    t1.fill(0);
    t2.fill(0);
    for (const p of data.patterns) {
      const o = p.observed;
      const m = o.length;
      const c = p.count;
      if (m === k) {
        for (let a = 0; a < k; a++) {
          t1[a]! += p.sum[a]!;
          for (let b = 0; b < k; b++) t2[a * k + b]! += p.cross[a * k + b]!;
        }
        continue;
      }
      const seen = new Uint8Array(k);
      for (const j of o) seen[j] = 1;
      const mis: number[] = [];
      for (let j = 0; j < k; j++) if (!seen[j]) mis.push(j);
      const q = mis.length;
      const soo = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) soo[a * m + b] = sigma[o[a]! * k + o[b]!]!;
      const inv = spdInverse(soo, m);
      if (inv === null) {
        throw new NumericalError(
          'NOT_POSITIVE_DEFINITE',
          `EM (FIML): the covariance of ${[...o].map((j) => names[j]).join(', ')} became singular at iteration ${iterations}`,
          { expected: 'variables that are not exact linear combinations of each other' },
        );
      }
      // B (q x m) = Sigma_MO Sigma_OO^-1; a = mu_M - B mu_O
      const bm = new Float64Array(q * m);
      for (let r = 0; r < q; r++) {
        for (let b = 0; b < m; b++) {
          let v = 0;
          for (let t = 0; t < m; t++) v += sigma[mis[r]! * k + o[t]!]! * inv.inverse[t * m + b]!;
          bm[r * m + b] = v;
        }
      }
      const av = new Float64Array(q);
      for (let r = 0; r < q; r++) {
        let v = mu[mis[r]!]!;
        for (let t = 0; t < m; t++) v -= bm[r * m + t]! * mu[o[t]!]!;
        av[r] = v;
      }
      // Observed block.
      for (let a = 0; a < m; a++) {
        t1[o[a]!]! += p.sum[a]!;
        for (let b = 0; b < m; b++) t2[o[a]! * k + o[b]!]! += p.cross[a * m + b]!;
      }
      // Expected missing sums: c a + B T1.
      const bt1 = new Float64Array(q);
      for (let r = 0; r < q; r++) {
        let v = 0;
        for (let t = 0; t < m; t++) v += bm[r * m + t]! * p.sum[t]!;
        bt1[r] = v;
        t1[mis[r]!]! += c * av[r]! + v;
      }
      // Missing x observed: a T1' + B T2.
      const bt2 = new Float64Array(q * m);
      for (let r = 0; r < q; r++) {
        for (let b = 0; b < m; b++) {
          let v = 0;
          for (let t = 0; t < m; t++) v += bm[r * m + t]! * p.cross[t * m + b]!;
          bt2[r * m + b] = v;
          const e = av[r]! * p.sum[b]! + v;
          t2[mis[r]! * k + o[b]!]! += e;
          t2[o[b]! * k + mis[r]!]! += e;
        }
      }
      // Missing x missing: c a a' + a (B T1)' + (B T1) a' + B T2 B' + c (Sigma_MM - B Sigma_OM).
      for (let r = 0; r < q; r++) {
        for (let s = 0; s < q; s++) {
          let btb = 0;
          let bso = 0;
          for (let t = 0; t < m; t++) {
            btb += bt2[r * m + t]! * bm[s * m + t]!;
            bso += bm[r * m + t]! * sigma[o[t]! * k + mis[s]!]!;
          }
          t2[mis[r]! * k + mis[s]!]! +=
            c * av[r]! * av[s]! + av[r]! * bt1[s]! + bt1[r]! * av[s]! + btb + c * (sigma[mis[r]! * k + mis[s]!]! - bso);
        }
      }
    }
    const nextMu = new Float64Array(k);
    const nextSigma = new Float64Array(k * k);
    for (let j = 0; j < k; j++) nextMu[j] = t1[j]! / n;
    for (let j = 0; j < k; j++) {
      for (let l = 0; l < k; l++) nextSigma[j * k + l] = t2[j * k + l]! / n - nextMu[j]! * nextMu[l]!;
    }
    maxChange = 0;
    for (let j = 0; j < k; j++) {
      const sj = Math.sqrt(nextSigma[j * k + j]!);
      maxChange = Math.max(maxChange, Math.abs(nextMu[j]! - mu[j]!) / sj);
      for (let l = 0; l < k; l++) {
        const sl = Math.sqrt(nextSigma[l * k + l]!);
        maxChange = Math.max(maxChange, Math.abs(nextSigma[j * k + l]! - sigma[j * k + l]!) / (sj * sl));
      }
    }
    mu = nextMu;
    sigma = nextSigma;
    if (maxChange < tolerance) break;
  }
  const converged = maxChange < tolerance;
  if (!converged) {
    throw new NumericalError(
      'NO_CONVERGENCE',
      `EM (FIML) did not converge in ${maxIterations} iterations (largest change ${maxChange.toExponential(2)}, tolerance ${tolerance}): too much missing information; use missing: 'pairwise' or 'omit'`,
      { expected: 'a converging EM' },
    );
  }
  const logL = logLikelihood(data, mu, sigma);
  const means = new Float64Array(k);
  for (let j = 0; j < k; j++) means[j] = mu[j]! + data.centre[j]!;
  return { means, covariance: sigma, n, patterns: data.patterns.length, iterations, converged, maxChange, tolerance, logLikelihood: logL };
}
