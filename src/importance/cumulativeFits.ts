/**
 * The subset-fit engine behind importance for binary and ordinal outcomes: the log-likelihood of
 * the cumulative-logit model (the logistic model when the outcome has two categories) of every
 * subset of the players, by Newton steps warm-started from the neighbouring subset.
 *
 * @internal
 */
import { InsufficientDataError, NumericalError } from '../errors.js';

/** The data every subset fit reads. */
export interface CumulativeDesign {
  /** Cases. */
  readonly n: number;
  /** Design columns. */
  readonly m: number;
  /** The m design columns (no intercept column), each of length n, centred and scaled for conditioning. */
  readonly x: readonly Float64Array[];
  /** Outcome category of each case, 0..categories-1. */
  readonly y: Int32Array;
  /** Number of outcome categories (2 = logistic). */
  readonly categories: number;
  /** Case weights, or undefined for 1. */
  readonly w: Float64Array | undefined;
}

/** A converged fit. */
export interface CumulativeFit {
  readonly logLikelihood: number;
  /** Thresholds theta_0..theta_{K-2} (P(Y <= j) = F(theta_j - eta)). */
  readonly thresholds: number[];
  /** Slopes of the design columns fitted, in the order given. */
  readonly slopes: number[];
  /** Newton passes over the data (each one evaluation of the likelihood, gradient and information). */
  readonly passes: number;
}

/** Work counters of a run, for the benchmark and the convergence report. */
export interface FitCounters {
  fits: number;
  passes: number;
  borders: number;
  /** Running estimate of c in dec' ~ c dec^2, which decides when a pass can skip the information. */
  ratio: number;
  /** Fits ended by the cubic estimate (no pass at their last point). */
  cubic: number;
}

const MAX_STEPS = 60;

/** Logistic cdf. */
function cdf(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The state of a fit at one point: what a child subset needs to start from it. */
interface Point {
  /** Design columns in the model. */
  cols: Int32Array;
  /** Parameters: thresholds then slopes. */
  theta: Float64Array;
  /** The log-likelihood at `theta`. */
  logLikelihood: number;
  /** After a climb: the estimate of the maximum (the log-likelihood plus the predicted remaining gain). */
  maximum: number;
  /** Score vector (q = K - 1 + k). */
  grad: Float64Array;
  /** Information matrix, row-major q x q (full). */
  info: Float64Array;
  /** Per case: linear predictor, d l / d eta, -d2 l / d eta2, the two threshold-eta cross terms. */
  eta: Float64Array;
  gEta: Float64Array;
  hEta: Float64Array;
  cUp: Float64Array;
  cLow: Float64Array;
  /**
   * Logistic: per case the third derivative of the log-likelihood along z, times the case's sign
   * and weight. Ordinal: f(a) = F(a) S(a) at the upper argument a (0 for the top category).
   */
  t3: Float64Array;
  /** Logistic: per case the fourth derivative along z, times the case's weight. Ordinal: S(a) - F(a). */
  t4: Float64Array;
  /** Ordinal: f(b) at the lower argument b (0 for the bottom category), S(b) - F(b), and p = F(a) - F(b). */
  fB: Float64Array;
  dB: Float64Array;
  pp: Float64Array;
  /** The Newton step not taken at acceptance: theta + step is the estimate to second order. */
  step: Float64Array;
}

function newPoint(n: number, cols: Int32Array, K: number): Point {
  const q = K - 1 + cols.length;
  return {
    cols,
    theta: new Float64Array(q),
    logLikelihood: 0,
    maximum: 0,
    grad: new Float64Array(q),
    info: new Float64Array(q * q),
    eta: new Float64Array(n),
    gEta: new Float64Array(n),
    hEta: new Float64Array(n),
    cUp: new Float64Array(n),
    cLow: new Float64Array(n),
    t3: new Float64Array(n),
    t4: new Float64Array(n),
    fB: new Float64Array(K > 2 ? n : 0),
    dB: new Float64Array(K > 2 ? n : 0),
    pp: new Float64Array(K > 2 ? n : 0),
    step: new Float64Array(q),
  };
}

/**
 * One pass over the cases at `pt.theta`: log-likelihood, score and information of the
 * cumulative-logit model. For case i with category y, `a = theta_y - eta` and
 * `b = theta_{y-1} - eta` (absent at the ends), `p = F(a) - F(b)`; the derivatives of `log p` in
 * (a, b) give the threshold and eta terms, and eta = x' beta spreads the eta terms over the
 * slopes.
 */
function evaluate(d: CumulativeDesign, pt: Point, withInfo = true): void {
  linearPredictor(d, pt);
  if (d.categories === 2) {
    evaluateLogistic(d, pt, withInfo);
    return;
  }
  const { n, x, y, w } = d;
  const K = d.categories;
  const t = K - 1;
  const cols = pt.cols;
  const k = cols.length;
  const q = t + k;
  const th = pt.theta;
  const grad = pt.grad;
  const info = pt.info;
  grad.fill(0);
  if (withInfo) info.fill(0);
  const { eta, gEta, hEta, cUp, cLow, t3: fA, t4: dA, fB, dB, pp } = pt;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i]!;
    const wi = w ? w[i]! : 1;
    const yi = y[i]!;
    let A = 0;
    let B = 0;
    let laa = 0;
    let lbb = 0;
    let lp: number;
    if (yi === 0 || yi === t) {
      // An end category: p = F(a) (lowest) or 1 - F(b) = F(-b) (highest); with z the argument of
      // that F, d log p / dz = 1 - F(z) and d2 log p / dz2 = -F(z) (1 - F(z)).
      const z = yi === 0 ? th[0]! - e : e - th[t - 1]!;
      const ez = Math.exp(-Math.abs(z));
      const F = z >= 0 ? 1 / (1 + ez) : ez / (1 + ez);
      const S = z >= 0 ? ez / (1 + ez) : 1 / (1 + ez);
      lp = (z >= 0 ? 0 : z) - Math.log1p(ez);
      pp[i] = F;
      if (yi === 0) {
        A = S;
        laa = -F * S;
        fA[i] = F * S;
        dA[i] = S - F;
        fB[i] = 0;
        dB[i] = 0;
      } else {
        B = -S;
        lbb = -F * S;
        // z = -b: F(b) = S(z), S(b) = F(z).
        fA[i] = 0;
        dA[i] = 0;
        fB[i] = F * S;
        dB[i] = F - S;
      }
    } else {
      const a = th[yi]! - e;
      const b = th[yi - 1]! - e;
      const Fa = cdf(a);
      const Fb = cdf(b);
      const Sa = cdf(-a);
      const Sb = cdf(-b);
      // The difference of the two tails that loses least.
      const p = b > 0 ? Sb - Sa : Fa - Fb;
      lp = Math.log(p);
      const fa = Fa * Sa;
      const fb = Fb * Sb;
      pp[i] = p;
      fA[i] = fa;
      dA[i] = Sa - Fa;
      fB[i] = fb;
      dB[i] = Sb - Fb;
      A = fa / p;
      B = -fb / p;
      laa = (fa * (Sa - Fa)) / p - A * A;
      lbb = -(fb * (Sb - Fb)) / p - B * B;
    }
    const lab = -A * B;
    ll += wi * lp;
    gEta[i] = -(A + B) * wi;
    hEta[i] = -(laa + 2 * lab + lbb) * wi;
    // The cross terms of eta with the threshold above (theta_y) and below (theta_{y-1}); 0 where absent.
    cUp[i] = yi < t ? (laa + lab) * wi : 0;
    cLow[i] = yi > 0 ? (lab + lbb) * wi : 0;
    if (yi < t) grad[yi] = grad[yi]! + A * wi;
    if (yi > 0) grad[yi - 1] = grad[yi - 1]! + B * wi;
    if (!withInfo) continue;
    if (yi < t) info[yi * q + yi] = info[yi * q + yi]! - laa * wi;
    if (yi > 0) {
      info[(yi - 1) * q + yi - 1] = info[(yi - 1) * q + yi - 1]! - lbb * wi;
      if (yi < t) info[(yi - 1) * q + yi] = info[(yi - 1) * q + yi]! - lab * wi;
    }
  }
  pt.logLikelihood = ll;
  if (!withInfo) {
    for (let c = 0; c < k; c++) grad[t + c] = dot(gEta, x[cols[c]!]!, n);
    return;
  }
  const up = new Float64Array(K);
  const low = new Float64Array(K);
  for (let c = 0; c < k; c++) {
    const xc = x[cols[c]!]!;
    up.fill(0);
    low.fill(0);
    for (let i = 0; i < n; i++) {
      const v = xc[i]!;
      const yi = y[i]!;
      up[yi] = up[yi]! + cUp[i]! * v;
      low[yi] = low[yi]! + cLow[i]! * v;
    }
    for (let j = 0; j < t; j++) info[j * q + t + c] = up[j]! + low[j + 1]!;
  }
  slopeBlock(d, cols, hEta, info, t, q, 0, gEta, grad);
  mirror(info, q, t);
}

/** Completes the symmetric information: threshold rows were filled in their upper part, slope rows in their lower part. */
function mirror(info: Float64Array, q: number, t: number): void {
  for (let r = 0; r < t; r++) for (let c = r + 1; c < q; c++) info[c * q + r] = info[r * q + c]!;
  for (let r = t + 1; r < q; r++) for (let c = t; c < r; c++) info[c * q + r] = info[r * q + c]!;
}

/** eta = X beta over the fitted columns, column by column. */
function linearPredictor(d: CumulativeDesign, pt: Point): void {
  const { n, x } = d;
  const t = d.categories - 1;
  const cols = pt.cols;
  const eta = pt.eta;
  if (cols.length === 0) {
    eta.fill(0);
    return;
  }
  const b0 = pt.theta[t]!;
  const x0 = x[cols[0]!]!;
  for (let i = 0; i < n; i++) eta[i] = b0 * x0[i]!;
  for (let c = 1; c < cols.length; c++) {
    const b = pt.theta[t + c]!;
    const xc = x[cols[c]!]!;
    for (let i = 0; i < n; i++) eta[i] = eta[i]! + b * xc[i]!;
  }
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
  }
  if (i < n) s0 += a[i]! * b[i]!;
  return s0 + s1;
}

const scratch = {
  hx: new Float64Array(0),
  u: new Float64Array(0),
  u2: new Float64Array(0),
  /** After a higherOrderGain: L^-1 v (L the Cholesky factor) and its squared norm v' I^-1 v. */
  r: new Float64Array(0),
  vv: 0,
};

/**
 * The slope block of the information, upper triangle, rows `from`..k-1: `sum h x_c x_e` for
 * e >= c, two columns per sweep of `h x_c`.
 */
function slopeBlock(
  d: CumulativeDesign,
  cols: Int32Array,
  h: Float64Array,
  info: Float64Array,
  t: number,
  q: number,
  from: number,
  g: Float64Array | null,
  grad: Float64Array | null,
): void {
  const { n, x } = d;
  if (scratch.hx.length < n) scratch.hx = new Float64Array(n);
  const hx = scratch.hx;
  const k = cols.length;
  for (let c = from; c < k; c++) {
    const xc = x[cols[c]!]!;
    // In the same sweep: the score of column c (when g is given) and, for the logistic model, the
    // threshold's cross term -sum h x_c.
    if (g && grad) {
      let sg = 0;
      let sh = 0;
      for (let i = 0; i < n; i++) {
        const v = xc[i]!;
        const hv = h[i]! * v;
        hx[i] = hv;
        sh += hv;
        sg += g[i]! * v;
      }
      grad[t + c] = sg;
      if (t === 1) info[1 + c] = -sh;
    } else for (let i = 0; i < n; i++) hx[i] = h[i]! * xc[i]!;
    const base = (t + c) * q + t;
    let e2 = 0;
    // Four columns per sweep: hx is loaded once for four products.
    for (; e2 + 3 <= c; e2 += 4) {
      const xa = x[cols[e2]!]!;
      const xb = x[cols[e2 + 1]!]!;
      const xc2 = x[cols[e2 + 2]!]!;
      const xd = x[cols[e2 + 3]!]!;
      let sa = 0;
      let sb = 0;
      let sc = 0;
      let sd = 0;
      for (let i = 0; i < n; i++) {
        const v = hx[i]!;
        sa += v * xa[i]!;
        sb += v * xb[i]!;
        sc += v * xc2[i]!;
        sd += v * xd[i]!;
      }
      // Stored in the lower part of row c (the caller mirrors).
      info[base + e2] = sa;
      info[base + e2 + 1] = sb;
      info[base + e2 + 2] = sc;
      info[base + e2 + 3] = sd;
    }
    for (; e2 + 1 <= c; e2 += 2) {
      const xa = x[cols[e2]!]!;
      const xb = x[cols[e2 + 1]!]!;
      let sa = 0;
      let sb = 0;
      for (let i = 0; i < n; i++) {
        const v = hx[i]!;
        sa += v * xa[i]!;
        sb += v * xb[i]!;
      }
      info[base + e2] = sa;
      info[base + e2 + 1] = sb;
    }
    if (e2 <= c) info[base + e2] = dot(hx, x[cols[e2]!]!, n);
  }
}

/**
 * {@link evaluate} for two categories (the logistic model), with the threshold handled as a
 * column of -1: per case, z = eta - theta for y = 1 and theta - eta for y = 0, the score terms are
 * +-(1 - F(z)) and the information is F(z) (1 - F(z)) (1, x)(1, x)' up to the threshold's sign.
 */
function evaluateLogistic(d: CumulativeDesign, pt: Point, withInfo: boolean): void {
  const { n, x, w } = d;
  const sign = signs(d);
  const cols = pt.cols;
  const k = cols.length;
  const q = 1 + k;
  const theta = pt.theta[0]!;
  const grad = pt.grad;
  const info = pt.info;
  const { eta, gEta, hEta, t3, t4 } = pt;
  let ll = 0;
  let gTheta = 0;
  let hTheta = 0;
  // Unweighted, log F is summed as the log of products of eight F (one log per eight cases instead
  // of a log1p per case); an F below 1e-150, or a product below it, is flushed so nothing underflows.
  let prod = 1;
  for (let i = 0; i < n; i++) {
    const s = sign[i]!;
    const z = s * (eta[i]! - theta);
    const ez = Math.exp(-Math.abs(z));
    const inv = 1 / (1 + ez);
    const wi = w ? w[i]! : 1;
    let F: number;
    let S: number;
    if (z >= 0) {
      F = inv;
      S = ez * inv;
    } else {
      F = ez * inv;
      S = inv;
    }
    if (w) ll += wi * ((z >= 0 ? 0 : z) - Math.log1p(ez));
    else if (F > 1e-150) {
      prod *= F;
      if ((i & 7) === 7 || prod < 1e-150) {
        ll += Math.log(prod);
        prod = 1;
      }
    } else ll += z - Math.log1p(ez);
    // d log p / d eta = +S (y = 1) or -S (y = 0); d / d theta the opposite.
    const ge = s * S * wi;
    const he = F * S * wi;
    gEta[i] = ge;
    hEta[i] = he;
    // d3 log F(z) / dz3 = -F S (S - F); along eta it carries the sign (s^3 = s).
    const d1 = S - F;
    t3[i] = -s * he * d1;
    // d4 log F(z) / dz4 = -F S ((S - F)^2 - 2 F S).
    t4[i] = -he * (d1 * d1 - 2 * F * S);
    gTheta -= ge;
    hTheta += he;
  }
  if (prod !== 1) ll += Math.log(prod);
  grad[0] = gTheta;
  pt.logLikelihood = ll;
  if (!withInfo) {
    for (let c = 0; c < k; c++) grad[1 + c] = dot(gEta, x[cols[c]!]!, n);
    return;
  }
  info[0] = hTheta;
  slopeBlock(d, cols, hEta, info, 1, q, 0, gEta, grad);
  mirror(info, q, 1);
}

const signCache = new WeakMap<CumulativeDesign, Float64Array>();

/** +1 for y = 1, -1 for y = 0 (the logistic pass's z = sign (eta - theta)). */
function signs(d: CumulativeDesign): Float64Array {
  let s = signCache.get(d);
  if (!s) {
    s = Float64Array.from(d.y, (v) => (v === 1 ? 1 : -1));
    signCache.set(d, s);
  }
  return s;
}

/**
 * Solves `info * delta = grad` by Cholesky into `delta`; returns the Newton decrement
 * `grad' delta`, or -1 when the information is not positive definite.
 */
function newtonStep(info: Float64Array, grad: Float64Array, q: number, work: Float64Array, delta: Float64Array): number {
  work.set(info.subarray(0, q * q));
  for (let j = 0; j < q; j++) {
    let s = work[j * q + j]!;
    for (let l = 0; l < j; l++) s -= work[j * q + l]! * work[j * q + l]!;
    if (!(s > 0)) return -1;
    const r = Math.sqrt(s);
    work[j * q + j] = r;
    for (let i = j + 1; i < q; i++) {
      let v = work[i * q + j]!;
      for (let l = 0; l < j; l++) v -= work[i * q + l]! * work[j * q + l]!;
      work[i * q + j] = v / r;
    }
  }
  for (let i = 0; i < q; i++) {
    let v = grad[i]!;
    for (let l = 0; l < i; l++) v -= work[i * q + l]! * delta[l]!;
    delta[i] = v / work[i * q + i]!;
  }
  for (let i = q - 1; i >= 0; i--) {
    let v = delta[i]!;
    for (let l = i + 1; l < q; l++) v -= work[l * q + i]! * delta[l]!;
    delta[i] = v / work[i * q + i]!;
  }
  let dec = 0;
  for (let i = 0; i < q; i++) dec += grad[i]! * delta[i]!;
  return dec;
}

/** Makes the per-case work arrays `scratch.u` and `scratch.u2` at least `n` long. */
function growScratch(n: number): void {
  if (scratch.u.length < n) {
    scratch.u = new Float64Array(n);
    scratch.u2 = new Float64Array(n);
  }
}

/** `u = base + x' delta[first ..]` over the columns `cols`: each case's move along the step. */
function stepAlong(
  u: Float64Array,
  x: readonly Float64Array[],
  cols: Int32Array,
  delta: Float64Array,
  first: number,
  base: number,
  n: number,
): void {
  u.fill(base, 0, n);
  for (let c = 0; c < cols.length; c++) {
    const b = delta[first + c]!;
    const xc = x[cols[c]!]!;
    for (let i = 0; i < n; i++) u[i] = u[i]! + b * xc[i]!;
  }
}

/**
 * `cube / 6 + v' I^-1 v / 8 + quartic / 24`, with `v' I^-1 v = |L^-1 v|^2` from the Cholesky
 * factor `chol` (lower, row-major q x q); `L^-1 v` (in place in `v`) and its square are kept in
 * `scratch.r`, `scratch.vv` for the step's correction.
 */
function fourthOrderGain(v: Float64Array<ArrayBuffer>, chol: Float64Array, q: number, cube: number, quartic: number): number {
  let vv = 0;
  for (let i = 0; i < q; i++) {
    let r = v[i]!;
    for (let l = 0; l < i; l++) r -= chol[i * q + l]! * v[l]!;
    r /= chol[i * q + i]!;
    v[i] = r;
    vv += r * r;
  }
  scratch.r = v;
  scratch.vv = vv;
  return cube / 6 + vv / 8 + quartic / 24;
}

/**
 * Logistic: the log-likelihood gain beyond the quadratic model, to fourth order in the Newton step
 * `delta`: `T[delta]^3 / 6 + v' I^-1 v / 8 + Q[delta]^4 / 24`, with T and Q the third and fourth
 * derivative tensors and `v = T[delta, delta, .]` (the maximum moves by `I^-1 v / 2` beyond delta).
 * `chol` is the Cholesky factor of the information (lower triangle, row-major q x q).
 */
function higherOrderGain(d: CumulativeDesign, pt: Point, delta: Float64Array, chol: Float64Array): number {
  if (d.categories > 2) return higherOrderGainOrdinal(d, pt, delta, chol);
  const { n, x } = d;
  growScratch(n);
  const u = scratch.u;
  const tu2 = scratch.u2;
  const cols = pt.cols;
  const k = cols.length;
  const q = 1 + k;
  stepAlong(u, x, cols, delta, 1, -delta[0]!, n);
  const { t3, t4 } = pt;
  let cube = 0;
  let quartic = 0;
  let v0 = 0;
  for (let i = 0; i < n; i++) {
    const z = u[i]!;
    const z2 = z * z;
    const a = t3[i]! * z2;
    tu2[i] = a;
    v0 -= a;
    cube += a * z;
    quartic += t4[i]! * z2 * z2;
  }
  const v = new Float64Array(q);
  v[0] = v0;
  for (let c = 0; c < k; c++) v[1 + c] = dot(tu2, x[cols[c]!]!, n);
  return fourthOrderGain(v, chol, q, cube, quartic);
}

/**
 * {@link higherOrderGain} for three or more categories. Per case, along the step, the upper and
 * lower arguments move by `da = delta_theta_y - u` and `db = delta_theta_{y-1} - u` (u = x' delta_beta),
 * p(s) = F(a + s da) - F(b + s db), and with r_k = p^(k) / p the third and fourth derivatives of
 * log p are `r3 - 3 r1 r2 + 2 r1^3` and `r4 - 4 r1 r3 - 3 r2^2 + 12 r1^2 r2 - 6 r1^4`. The logistic
 * density f = F S has derivatives f (S - F), f (1 - 6 f) and f (S - F) (1 - 12 f). v comes from
 * the partial derivatives in a and b of the second derivative along the step.
 */
function higherOrderGainOrdinal(d: CumulativeDesign, pt: Point, delta: Float64Array, chol: Float64Array): number {
  const { n, x, y, w } = d;
  const t = d.categories - 1;
  growScratch(n);
  const u = scratch.u;
  const sg = scratch.u2;
  const cols = pt.cols;
  const k = cols.length;
  const q = t + k;
  stepAlong(u, x, cols, delta, t, 0, n);
  const { t3: fA, t4: dA, fB, dB, pp } = pt;
  const v = new Float64Array(q);
  let cube = 0;
  let quartic = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    const wi = w ? w[i]! : 1;
    const ui = u[i]!;
    const da = yi < t ? delta[yi]! - ui : 0;
    const db = yi > 0 ? delta[yi - 1]! - ui : 0;
    const fa = fA[i]!;
    const fb = fB[i]!;
    const fa1 = fa * dA[i]!;
    const fb1 = fb * dB[i]!;
    const fa2 = fa * (1 - 6 * fa);
    const fb2 = fb * (1 - 6 * fb);
    const fa3 = fa1 * (1 - 12 * fa);
    const fb3 = fb1 * (1 - 12 * fb);
    const p = pp[i]!;
    const da2 = da * da;
    const db2 = db * db;
    const r1 = (fa * da - fb * db) / p;
    const r2 = (fa1 * da2 - fb1 * db2) / p;
    const r3 = (fa2 * da2 * da - fb2 * db2 * db) / p;
    const r4 = (fa3 * da2 * da2 - fb3 * db2 * db2) / p;
    const r1s = r1 * r1;
    cube += wi * (r3 - 3 * r1 * r2 + 2 * r1s * r1);
    quartic += wi * (r4 - 4 * r1 * r3 - 3 * r2 * r2 + 12 * r1s * r2 - 6 * r1s * r1s);
    const ga = (wi * (fa2 * da2 - r2 * fa - 2 * r1 * (fa1 * da - r1 * fa))) / p;
    const gb = (-wi * (fb2 * db2 - r2 * fb - 2 * r1 * (fb1 * db - r1 * fb))) / p;
    if (yi < t) v[yi] = v[yi]! + ga;
    if (yi > 0) v[yi - 1] = v[yi - 1]! + gb;
    sg[i] = -(ga + gb);
  }
  for (let c = 0; c < k; c++) v[t + c] = dot(sg, x[cols[c]!]!, n);
  return fourthOrderGain(v, chol, q, cube, quartic);
}

/**
 * Newton iterations from `pt` (already evaluated) to the maximum, set as `maximum` of the point
 * returned. Every mode stops when the Newton decrement `g' I^-1 g` (twice the remaining gain, to
 * second order) is below `tolerance` and adds half of it. `'light'` lets a pass predicted to be the
 * last skip the information matrix; `'fresh'` keeps the information exact at the returned point
 * (the point children extend); `'cubic'` (subset fits) also stops earlier on the fourth-order
 * estimate of {@link higherOrderGain} and takes Chebyshev-corrected steps. A step that lowers the
 * log-likelihood is halved (the likelihood is concave, so halving finds an ascent).
 */
function climb(
  d: CumulativeDesign,
  pt: Point,
  spare: Point,
  tolerance: number,
  counters: FitCounters,
  label: () => string,
  mode: 'light' | 'fresh' | 'cubic' = 'light',
): Point {
  const q = pt.theta.length;
  // With the third- and fourth-order terms the estimate's error is of fifth order, measured at
  // about 1.5 c^1.5 dec^2.5 (c the running ratio dec' / dec^2): allowed at 4 c^1.5 dec^2.5 up to
  // 1e-3 of the decrement tolerance, 1e-13 of |LL0|.
  const fifth = tolerance * 1e-3;
  const cubic = mode === 'cubic';
  const work = new Float64Array(q * q);
  const delta = new Float64Array(q);
  let cur = pt;
  let other = spare;
  // Whether cur.info was computed at cur's point (false after a light pass).
  let fresh = true;
  for (let step = 0; step < MAX_STEPS; step++) {
    const dec = newtonStep(cur.info, cur.grad, q, work, delta);
    if (dec < 0) {
      throw new NumericalError(
        'NOT_POSITIVE_DEFINITE',
        `${label()}: the information matrix is not positive definite (collinear drivers, or a driver constant within an outcome category)`,
        { argument: 'options.predictors', expected: 'drivers that are not collinear' },
      );
    }
    if (dec < tolerance) {
      cur.maximum = cur.logLikelihood + dec / 2;
      cur.step.set(delta);
      return cur;
    }
    if (cubic && fresh && 4 * counters.ratio ** 1.5 * dec ** 2.5 < fifth) {
      // LL* = LL + g'delta / 2 + (third and fourth order) + O(delta^5): the maximum without another pass.
      const T = higherOrderGain(d, cur, delta, work);
      cur.maximum = cur.logLikelihood + dec / 2 + T;
      cur.step.set(delta);
      counters.cubic++;
      return cur;
    }
    if (!fresh) {
      // The stale information's step was not final: refresh it here and step again.
      evaluate(d, cur, true);
      counters.passes++;
      fresh = true;
      step--;
      continue;
    }
    // Newton's decrement falls quadratically (dec' ~ c dec^2): when the next one is predicted far
    // below the tolerance, the next pass is the last and needs no information matrix.
    const light = mode === 'light' && counters.ratio * dec * dec < tolerance / 10;
    // When the pass after a Newton step is predicted not to be the last (its decrement c dec^2 still
    // too large for the stop), the step gets its second-order correction I^-1 v / 2 (a Chebyshev
    // step: the error falls to third order), so that the next pass usually is the last. Only a
    // correction smaller than half the step (in the information norm) is taken.
    let corrected = false;
    if (cubic && 4 * counters.ratio ** 1.5 * (counters.ratio * dec * dec) ** 2.5 >= fifth) {
      higherOrderGain(d, cur, delta, work);
      if (scratch.vv < dec) {
        const r = scratch.r;
        for (let i = q - 1; i >= 0; i--) {
          let e = r[i]!;
          for (let l = i + 1; l < q; l++) e -= work[l * q + i]! * r[l]!;
          r[i] = e / work[i * q + i]!;
        }
        for (let i = 0; i < q; i++) delta[i] = delta[i]! + r[i]! / 2;
        corrected = true;
      }
    }
    let scale = 1;
    for (let half = 0; half < 30; half++) {
      for (let i = 0; i < q; i++) other.theta[i] = cur.theta[i]! + scale * delta[i]!;
      other.cols = cur.cols;
      evaluate(d, other, !light);
      counters.passes++;
      if (other.logLikelihood >= cur.logLikelihood - 1e-12 * Math.abs(cur.logLikelihood)) break;
      scale /= 2;
    }
    if (light) other.info.set(cur.info);
    fresh = !light;
    const swap = cur;
    cur = other;
    other = swap;
    // The ratio c is measured on plain Newton steps only.
    if (!light && scale === 1 && !corrected) {
      const next = newtonStep(cur.info, cur.grad, q, work, delta);
      if (next > 0 && dec > 1e-6) {
        const observed = next / (dec * dec);
        counters.ratio = observed > counters.ratio ? observed : 0.99 * counters.ratio + 0.01 * observed;
      }
    }
  }
  throw new NumericalError(
    'NO_CONVERGENCE',
    `${label()}: Newton iterations did not converge in ${MAX_STEPS} steps; a driver may separate the outcome (the estimates diverge)`,
    { argument: 'options.predictors', expected: 'drivers that do not separate the outcome' },
  );
}

/** Threshold start: the logits of the (weighted) cumulative proportions, the intercept-only maximum. */
function nullThresholds(d: CumulativeDesign): number[] {
  const counts = new Float64Array(d.categories);
  for (let i = 0; i < d.n; i++) counts[d.y[i]!] = counts[d.y[i]!]! + (d.w ? d.w[i]! : 1);
  let total = 0;
  for (const c of counts) total += c;
  const out: number[] = [];
  let cum = 0;
  for (let j = 0; j < d.categories; j++) {
    if (!(counts[j]! > 0)) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `outcome category ${j + 1} of ${d.categories} has no cases (with a positive weight)`,
        {
          argument: 'options.outcome',
          expected: 'cases in every outcome category',
        },
      );
    }
  }
  for (let j = 0; j < d.categories - 1; j++) {
    cum += counts[j]!;
    out.push(Math.log(cum / (total - cum)));
  }
  return out;
}

/** Decrement tolerance: 1e-10 of the null log-likelihood (at least 1e-12), so the fitted log-likelihood is within about 1e-15 of it relative. */
function toleranceFor(d: CumulativeDesign): number {
  const th = nullThresholds(d);
  const pt = newPoint(d.n, new Int32Array(0), d.categories);
  pt.theta.set(th);
  evaluate(d, pt);
  return Math.max(1e-12, 1e-10 * Math.abs(pt.logLikelihood));
}

/** One fit from the intercept-only start (the cold baseline and a check). */
export function coldFit(d: CumulativeDesign, cols: readonly number[], counters?: FitCounters): CumulativeFit {
  const c = counters ?? { fits: 0, passes: 0, borders: 0, ratio: 1e-3, cubic: 0 };
  const tolerance = toleranceFor(d);
  const colArr = Int32Array.from(cols);
  const pt = newPoint(d.n, colArr, d.categories);
  pt.theta.set(nullThresholds(d));
  evaluate(d, pt);
  const before = c.passes;
  c.passes++;
  const out = climb(d, pt, newPoint(d.n, colArr, d.categories), tolerance, c, () => 'subset fit');
  c.fits++;
  const t = d.categories - 1;
  return { ...snapshot(out, d.categories), passes: c.passes - before };
}

/**
 * Starts a child (the parent plus `added` columns) at the parent's point with the new slopes at
 * zero: the linear predictor and per-case terms are the parent's, so only the border of the
 * score and information (the new columns against the old) needs a pass, costing n (k + 2) per
 * new column instead of n k^2 / 2.
 */
function extend(d: CumulativeDesign, parent: Point, added: readonly number[], child: Point): void {
  const { n, x, y } = d;
  const t = d.categories - 1;
  const kp = parent.cols.length;
  const qp = t + kp;
  const q = child.theta.length;
  child.cols.set(parent.cols);
  for (let a = 0; a < added.length; a++) child.cols[kp + a] = added[a]!;
  child.theta.fill(0);
  child.theta.set(parent.theta);
  child.logLikelihood = parent.logLikelihood;
  child.eta.set(parent.eta);
  child.gEta.set(parent.gEta);
  child.hEta.set(parent.hEta);
  child.t3.set(parent.t3);
  child.t4.set(parent.t4);
  if (t > 1) {
    child.cUp.set(parent.cUp);
    child.cLow.set(parent.cLow);
    child.fB.set(parent.fB);
    child.dB.set(parent.dB);
    child.pp.set(parent.pp);
  }
  child.grad.fill(0);
  child.grad.set(parent.grad);
  const info = child.info;
  info.fill(0);
  for (let r = 0; r < qp; r++) for (let c = 0; c < qp; c++) info[r * q + c] = parent.info[r * qp + c]!;
  const cols = child.cols;
  const { gEta, hEta, cUp, cLow } = parent;
  const K = d.categories;
  const up = new Float64Array(K);
  const low = new Float64Array(K);
  for (let a = 0; a < added.length; a++) {
    const ja = kp + a;
    const xa = x[added[a]!]!;
    // The threshold rows against the new column (upper part); logistic: in slopeBlock.
    if (t > 1) {
      up.fill(0);
      low.fill(0);
      for (let i = 0; i < n; i++) {
        const v = xa[i]!;
        const yi = y[i]!;
        up[yi] = up[yi]! + cUp[i]! * v;
        low[yi] = low[yi]! + cLow[i]! * v;
      }
      for (let j = 0; j < t; j++) info[j * q + t + ja] = up[j]! + low[j + 1]!;
    }
  }
  // The new slope rows against every earlier column and themselves (lower part).
  slopeBlock(d, cols, hEta, info, t, q, kp, gEta, child.grad);
  for (let a = 0; a < added.length; a++) {
    const r = t + kp + a;
    for (let c = t; c < r; c++) info[c * q + r] = info[r * q + c]!;
    for (let c = 0; c < t; c++) info[r * q + c] = info[c * q + r]!;
  }
}

/** Log-likelihoods of every subset of the players, and of the models the pseudo-R2s need. */
export interface SubsetLikelihoods {
  /** `table[mask]`: log-likelihood with the players whose bit `P - 1 - j` is set (plus the always columns). */
  readonly table: Float64Array;
  /** Intercept-only log-likelihood (the null model of every pseudo-R2). */
  readonly nullLogLikelihood: number;
  /** The full model's fit (every player and the always columns). */
  readonly full: CumulativeFit;
  readonly counters: FitCounters;
}

/**
 * Fits every subset of the players (each player one or more design columns; `always` columns in
 * every model) by a depth-first walk of the binomial subset tree: a child adds a player with a
 * higher index than any in its parent and starts from the parent's converged point with the new
 * slopes at zero (the score and information extended by one border pass). The first Newton step
 * is then exact, and typically one or two more passes meet the tolerance.
 */
export function subsetLikelihoods(
  d: CumulativeDesign,
  players: readonly (readonly number[])[],
  always: readonly number[],
): SubsetLikelihoods {
  const P = players.length;
  const counters: FitCounters = { fits: 0, passes: 0, borders: 0, ratio: initialRatio(d), cubic: 0 };
  const tolerance = toleranceFor(d);
  const table = new Float64Array(2 ** P);
  const K = d.categories;
  const nullPt = newPoint(d.n, new Int32Array(0), K);
  nullPt.theta.set(nullThresholds(d));
  evaluate(d, nullPt);
  counters.passes++;
  const nullFit = climb(d, nullPt, newPoint(d.n, new Int32Array(0), K), tolerance, counters, () => 'intercept-only fit', 'fresh');
  const nullLogLikelihood = nullFit.maximum;
  let root = nullFit;
  if (always.length > 0) {
    const cols = new Int32Array(always.length);
    const start = newPoint(d.n, cols, K);
    extend(d, nullFit, always, start);
    counters.borders++;
    root = climb(d, start, newPoint(d.n, cols, K), tolerance, counters, () => 'fit of the always-in drivers', 'fresh');
  }
  counters.fits++;
  table[0] = root.maximum;
  // Per depth, two reusable points per column count (the climb swaps between them).
  const pool = new Map<number, Point[]>();
  const take = (k: number, depth: number): [Point, Point] => {
    const key = depth * 4096 + k;
    let pts = pool.get(key);
    if (!pts) {
      pts = [newPoint(d.n, new Int32Array(k), K), newPoint(d.n, new Int32Array(k), K)];
      pool.set(key, pts);
    }
    return [pts[0]!, pts[1]!];
  };
  const visit = (parent: Point, mask: number, last: number, depth: number): void => {
    for (let j = last + 1; j < P; j++) {
      const cols = players[j]!;
      const k = parent.cols.length + cols.length;
      const [a, b] = take(k, depth);
      extend(d, parent, cols, a);
      counters.borders++;
      const childMask = mask | (1 << (P - 1 - j));
      const fit = climb(d, a, b, tolerance, counters, () => 'subset fit', childMask !== fullMask ? 'cubic' : 'fresh');
      counters.fits++;
      table[childMask] = fit.maximum;
      if (childMask === fullMask) full = snapshot(fit, K);
      // Children take their points from the next depth's pool, so this fit survives their walk.
      if (j < P - 1) visit(fit, childMask, j, depth + 1);
    }
  };
  const fullMask = 2 ** P - 1;
  let full: CumulativeFit = snapshot(root, K);
  visit(root, 0, -1, 0);
  return { table, nullLogLikelihood, full, counters };
}

function snapshot(pt: Point, K: number): CumulativeFit {
  const t = K - 1;
  const theta = pt.theta.map((v, i) => v + pt.step[i]!);
  return {
    logLikelihood: pt.maximum,
    thresholds: Array.from(theta.subarray(0, t)),
    slopes: Array.from(theta.subarray(t)),
    passes: 0,
  };
}

/**
 * Log-likelihoods along one ordering of the players (for permutation-sampled Shapley values):
 * `out[t]` = the model with the first t + 1 players of `order` (always columns included), each fit
 * warm-started from the previous one.
 */
export function orderedLikelihoods(
  d: CumulativeDesign,
  players: readonly (readonly number[])[],
  always: readonly number[],
  order: ArrayLike<number>,
  rootLogLikelihood: { value: number },
  counters: FitCounters,
  tolerance: number,
): Float64Array {
  const K = d.categories;
  const nullPt = newPoint(d.n, new Int32Array(0), K);
  nullPt.theta.set(nullThresholds(d));
  evaluate(d, nullPt);
  counters.passes++;
  let cur = climb(d, nullPt, newPoint(d.n, new Int32Array(0), K), tolerance, counters, () => 'intercept-only fit', 'fresh');
  if (always.length > 0) {
    const start = newPoint(d.n, new Int32Array(always.length), K);
    extend(d, cur, always, start);
    cur = climb(
      d,
      start,
      newPoint(d.n, new Int32Array(always.length), K),
      tolerance,
      counters,
      () => 'fit of the always-in drivers',
      'fresh',
    );
  }
  rootLogLikelihood.value = cur.maximum;
  const out = new Float64Array(order.length);
  for (let s = 0; s < order.length; s++) {
    const cols = players[order[s]!]!;
    const k = cur.cols.length + cols.length;
    const a = newPoint(d.n, new Int32Array(k), K);
    extend(d, cur, cols, a);
    counters.borders++;
    cur = climb(d, a, newPoint(d.n, new Int32Array(k), K), tolerance, counters, () => 'subset fit', 'cubic');
    counters.fits++;
    out[s] = cur.maximum;
  }
  return out;
}

/**
 * The first guess of c in dec' ~ c dec^2, before any Newton step has measured it: c falls as 1/N
 * (measured 0.6/N logistic, 1.5/N ordinal at N = 2,000), so 4/N errs on the safe side (a larger c
 * stops later).
 */
export function initialRatio(d: CumulativeDesign): number {
  let total = 0;
  for (let i = 0; i < d.n; i++) total += d.w ? d.w[i]! : 1;
  return 4 / total;
}

/** The decrement tolerance the fits use (exported for the sampled walk). */
export function fitTolerance(d: CumulativeDesign): number {
  return toleranceFor(d);
}
