import { NumericalError } from '../errors.js';
import type { Dense } from '../internal/matrix.js';
import {
  choleskyOrNull,
  derivativeFactors,
  factorPairs,
  impliedMatrix,
  inverseFromCholesky,
  logDet,
  pack,
  unpack,
  type CfaParameters,
  type CfaSettings,
  type CfaStructure,
} from './cfaModel.js';
import { fitOneFactor } from './fitOneFactor.js';

/** Result of {@link fitCfa} on a correlation matrix. @internal */
export interface CfaFit extends CfaParameters {
  /** `F = log|Sigma| + tr(R Sigma^-1) - log|R| - p` at the solution. */
  readonly discrepancy: number;
  /** `log|Sigma|` at the solution. */
  readonly logDetSigma: number;
  /** Model-implied correlation-scale matrix. */
  readonly sigma: number[][];
  /** Expected information of F, `H_kl = tr(W dSigma_k W dSigma_l)` (covariance of the estimates = (2 / n) H^-1). */
  readonly information: number[][];
  readonly iterations: number;
  /** Of which Newton steps (the rest Fisher scoring). */
  readonly newtonSteps: number;
  readonly maxAbsoluteGradient: number;
}

function matVec(a: Dense, x: readonly number[]): number[] {
  return a.map((row) => {
    let s = 0;
    for (let j = 0; j < x.length; j++) s += row[j]! * x[j]!;
    return s;
  });
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Gradient `g_k = tr(G dSigma_k) = 2 u_k' G v_k` of a discrepancy whose derivative in Sigma is
 * the symmetric `G`, and the information `H_kl = tr(W dSigma_k W dSigma_l) =
 * 2 [(u_k' W u_l)(v_k' W v_l) + (u_k' W v_l)(v_k' W u_l)]`. @internal
 */
export function gradientAndInformation(
  factors: { u: number[][]; v: number[][] },
  g: Dense,
  w: Dense,
): { gradient: number[]; information: number[][] } {
  const { u, v } = factors;
  const q = u.length;
  const gradient = u.map((uk, k) => 2 * dot(uk, matVec(g, v[k]!)));
  const wu = u.map((x) => matVec(w, x));
  const wv = v.map((x) => matVec(w, x));
  const information: number[][] = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (let k = 0; k < q; k++) {
    for (let l = k; l < q; l++) {
      const h = 2 * (dot(u[k]!, wu[l]!) * dot(v[k]!, wv[l]!) + dot(u[k]!, wv[l]!) * dot(v[k]!, wu[l]!));
      information[k]![l] = h;
      information[l]![k] = h;
    }
  }
  return { gradient, information };
}

interface Evaluation {
  readonly f: number;
  readonly logDetSigma: number;
  readonly sigma: number[][];
  readonly w: number[][];
}

function evaluate(structure: CfaStructure, r: Dense, logDetR: number, x: readonly number[]): Evaluation | null {
  const sigma = impliedMatrix(structure, unpack(structure, x));
  const l = choleskyOrNull(sigma);
  if (l === null) return null;
  const w = inverseFromCholesky(l);
  const p = r.length;
  let tr = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) tr += r[i]![j]! * w[j]![i]!;
  const logDetSigma = logDet(l);
  return { f: logDetSigma + tr - logDetR - p, logDetSigma, sigma, w };
}

/** `G = W (Sigma - R) W`, the derivative of F in Sigma (symmetric form). */
function discrepancyDerivative(e: Evaluation, r: Dense): number[][] {
  const p = r.length;
  const d = e.sigma.map((row, i) => row.map((s, j) => s - r[i]![j]!));
  const wd = e.w.map((row) => Array.from({ length: p }, (_, j) => row.reduce((s, v, k) => s + v * d[k]![j]!, 0)));
  return wd.map((row) => Array.from({ length: p }, (_, j) => row.reduce((s, v, k) => s + v * e.w[k]![j]!, 0)));
}

/** Solves the symmetric positive-definite system `h x = b`; null if not positive definite. */
function spdSolve(h: Dense, b: readonly number[]): number[] | null {
  const l = choleskyOrNull(h);
  if (l === null) return null;
  const n = b.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/**
 * Starting values: each scale's own one-factor ML loadings (three items or more; two items:
 * `sqrt|r_12|` for both), residual variances `1 - l^2` (at least 0.1), factor correlations the
 * mean disattenuated item correlation `r_ij / (l_i l_j)` between the two scales, shrunk toward 0
 * until the starting Sigma is positive definite.
 */
function startingValues(structure: CfaStructure, r: Dense, n: number): number[] {
  const p = r.length;
  const m = structure.factors;
  const f = structure.factorOf;
  const loadings = new Array<number>(p).fill(0);
  for (let a = 0; a < m; a++) {
    const idx = f.map((fa, i) => (fa === a ? i : -1)).filter((i) => i >= 0);
    if (idx.length >= 3) {
      const sub = idx.map((i) => idx.map((j) => r[i]![j]!));
      const one = fitOneFactor(sub, n, { maxIterations: 50, tolerance: 1e-6 });
      idx.forEach((i, t) => {
        loadings[i] = Math.max(Math.min(one.loadings[t]!, 0.95), -0.95);
      });
    } else {
      const l0 = Math.sqrt(Math.min(Math.abs(idx.length === 2 ? r[idx[0]!]![idx[1]!]! : 0.5), 0.9));
      for (const i of idx) loadings[i] = l0;
    }
    for (const i of idx) if (Math.abs(loadings[i]!) < 0.1) loadings[i] = 0.1;
  }
  const residualVariances = loadings.map((l) => Math.max(1 - l * l, 0.1));
  const phi = Array.from({ length: m }, (_, a) => Array.from({ length: m }, (__, b) => (a === b ? 1 : 0) as number));
  for (const [a, b] of factorPairs(m)) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < p; i++) {
      if (f[i] !== a) continue;
      for (let j = 0; j < p; j++) {
        if (f[j] !== b) continue;
        s += r[i]![j]! / (loadings[i]! * loadings[j]!);
        c++;
      }
    }
    const v = Math.max(Math.min(s / c, 0.95), -0.95);
    phi[a]![b] = v;
    phi[b]![a] = v;
  }
  for (let shrink = 0; shrink < 60; shrink++) {
    if (choleskyOrNull(phi) !== null) break;
    for (const [a, b] of factorPairs(m)) {
      phi[a]![b] = phi[a]![b]! * 0.8;
      phi[b]![a] = phi[a]![b]!;
    }
  }
  return pack(structure, { loadings, residualVariances, phi });
}

/** Largest gradient element of F below which Newton steps replace Fisher scoring. */
const NEWTON_SWITCH = 1e-3;

/**
 * The observed Hessian of F at x (analytic): with `W = Sigma^-1`, `P = W R W`, `G = W (Sigma - R) W`
 * and each `dSigma_k = u_k v_k' + v_k u_k'`,
 * `d2F/dk dl = -tr(W A_l W A_k) + 2 tr(W A_l P A_k) + tr(G d2Sigma/dk dl)`, the last term nonzero
 * for loading x loading (`2 phi G_ij`) and loading x factor correlation (`2 sum_d lambda_d G_id`
 * over the items d of the other factor). Null when Sigma or the Hessian is not positive definite.
 * (test/measurement/confirmatoryFactorAnalysis.test.ts checks it against `(2 / n)` times the
 * casewise observed information of one complete pattern, src/measurement/cfaInformation.ts.)
 * @internal
 */
export function observedHessian(structure: CfaStructure, r: Dense, x: readonly number[]): number[][] | null {
  const par = unpack(structure, x);
  const sigma = impliedMatrix(structure, par);
  const l = choleskyOrNull(sigma);
  if (l === null) return null;
  const w = inverseFromCholesky(l);
  const p = r.length;
  const wr = w.map((row) => Array.from({ length: p }, (_, j) => row.reduce((s, v, k) => s + v * r[k]![j]!, 0)));
  const pm = wr.map((row) => Array.from({ length: p }, (_, j) => row.reduce((s, v, k) => s + v * w[k]![j]!, 0)));
  const g = w.map((row, i) => row.map((v, j) => v - pm[i]![j]!));
  const { u, v } = derivativeFactors(structure, par);
  const q = u.length;
  const wu = u.map((a) => matVec(w, a));
  const wv = v.map((a) => matVec(w, a));
  const pu = u.map((a) => matVec(pm, a));
  const pv = v.map((a) => matVec(pm, a));
  const h: number[][] = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (let k = 0; k < q; k++) {
    for (let m = k; m < q; m++) {
      // tr(W A_m W A_k) and tr(W A_m P A_k), A = u v' + v u'.
      const wTerm = 2 * (dot(u[k]!, wu[m]!) * dot(v[k]!, wv[m]!) + dot(u[k]!, wv[m]!) * dot(v[k]!, wu[m]!));
      const pTerm =
        dot(v[m]!, pu[k]!) * dot(v[k]!, wu[m]!) +
        dot(v[m]!, pv[k]!) * dot(u[k]!, wu[m]!) +
        dot(u[m]!, pu[k]!) * dot(v[k]!, wv[m]!) +
        dot(u[m]!, pv[k]!) * dot(u[k]!, wv[m]!);
      h[k]![m] = -wTerm + 2 * pTerm;
    }
  }
  const f = structure.factorOf;
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) h[i]![j]! += 2 * par.phi[f[i]!]![f[j]!]! * g[i]![j]!;
  factorPairs(structure.factors).forEach(([a, b], t) => {
    const col = 2 * p + t;
    for (let i = 0; i < p; i++) {
      const other = f[i] === a ? b : f[i] === b ? a : -1;
      if (other < 0) continue;
      let s2 = 0;
      for (let d = 0; d < p; d++) if (f[d] === other) s2 += par.loadings[d]! * g[i]![d]!;
      h[i]![col]! += 2 * s2;
    }
  });
  for (let k = 0; k < q; k++) for (let m = 0; m < k; m++) h[k]![m] = h[m]![k]!;
  return choleskyOrNull(h) === null ? null : h;
}

/**
 * Maximum-likelihood CFA on the correlation matrix `r` of n cases (ML is scale-invariant, so the
 * caller rescales to the covariance metric). Fisher scoring on F: `x <- x - H^-1 g` with the
 * analytic gradient and expected information ({@link gradientAndInformation}), halving the step
 * while it leaves Sigma indefinite or raises F, from {@link startingValues}; once the gradient is
 * below 1e-3, Newton steps on the analytic observed Hessian where it is positive definite. Each factor is then
 * oriented so that its loadings sum to a positive number (the sign of a factor is not identified).
 * @throws NumericalError `NO_CONVERGENCE` when the gradient is still above `tolerance` after
 *   `maxIterations` (or no step lowers F), `RANK_DEFICIENT` when the information is singular
 *   (the model is not identified on these data).
 * @internal
 */
export function fitCfa(structure: CfaStructure, r: Dense, n: number, settings: CfaSettings): CfaFit {
  const chol = choleskyOrNull(r);
  if (chol === null) {
    throw new NumericalError('NOT_POSITIVE_DEFINITE', 'the item correlation matrix is not positive definite', {
      expected: 'a positive-definite item correlation matrix',
    });
  }
  const logDetR = logDet(chol);
  let x = startingValues(structure, r, n);
  let e = evaluate(structure, r, logDetR, x);
  if (e === null) {
    // Starting values with Sigma indefinite: fall back to a unit-loading, zero-correlation start.
    x = pack(structure, {
      loadings: r.map(() => 0.5),
      residualVariances: r.map(() => 0.75),
      phi: Array.from({ length: structure.factors }, (_, a) =>
        Array.from({ length: structure.factors }, (__, b) => (a === b ? 1 : 0) as number),
      ),
    });
    e = evaluate(structure, r, logDetR, x)!;
  }
  let iterations = 0;
  let newtonSteps = 0;
  let maxG = Number.POSITIVE_INFINITY;
  let stalled = false;
  for (;;) {
    const { gradient, information } = gradientAndInformation(
      derivativeFactors(structure, unpack(structure, x)),
      discrepancyDerivative(e, r),
      e.w,
    );
    maxG = gradient.reduce((s, g) => Math.max(s, Math.abs(g)), 0);
    if (maxG <= settings.tolerance || iterations >= settings.maxIterations || stalled) break;
    // Fisher scoring converges linearly, slowly for a misfitting model; near the optimum take
    // Newton steps on the analytic observed Hessian ({@link observedHessian}), which converge
    // quadratically, falling back to Fisher where it is not positive definite.
    let step: number[] | null = null;
    if (maxG < NEWTON_SWITCH) {
      const observed = observedHessian(structure, r, x);
      if (observed !== null) step = spdSolve(observed, gradient);
      if (step !== null) newtonSteps++;
    }
    if (step === null) step = spdSolve(information, gradient);
    if (step === null) break;
    iterations++;
    let t = 1;
    let accepted = false;
    for (let half = 0; half < 40; half++) {
      const trial = x.map((v, k) => v - t * step[k]!);
      const te = evaluate(structure, r, logDetR, trial);
      // Near the optimum a step changes F by less than the rounding of its evaluation (~1e-15):
      // accept what does not raise it beyond 1e-12, so the last iterations are not starved by noise
      // (the halving only guards against the large divergent steps far from the optimum).
      if (te !== null && te.f <= e.f + 1e-12 * Math.max(1, Math.abs(e.f))) {
        x = trial;
        e = te;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) stalled = true;
  }
  if (!(maxG <= settings.tolerance)) {
    throw new NumericalError(
      'NO_CONVERGENCE',
      `confirmatory factor analysis: no convergence after ${iterations} Fisher-scoring iterations (largest gradient element ${maxG.toExponential(2)}, tolerance ${settings.tolerance}); the model may be empirically unidentified (a factor with two weak items, factors correlating near 1)`,
      { expected: `a gradient below ${settings.tolerance}` },
    );
  }
  // Orientation.
  const par = unpack(structure, x);
  const m = structure.factors;
  const sign = Array.from({ length: m }, (_, a) => {
    const sum = par.loadings.reduce((s, l, i) => s + (structure.factorOf[i] === a ? l : 0), 0);
    return sum < 0 ? -1 : 1;
  });
  const loadings = par.loadings.map((l, i) => l * sign[structure.factorOf[i]!]!);
  const phi = par.phi.map((row, a) => row.map((v, b) => v * sign[a]! * sign[b]!));
  const oriented: CfaParameters = { loadings, residualVariances: par.residualVariances, phi };
  const final = evaluate(structure, r, logDetR, pack(structure, oriented))!;
  const { gradient, information } = gradientAndInformation(
    derivativeFactors(structure, oriented),
    discrepancyDerivative(final, r),
    final.w,
  );
  if (choleskyOrNull(information) === null) {
    throw new NumericalError(
      'RANK_DEFICIENT',
      'confirmatory factor analysis: the information matrix is singular at the solution, so the model is not identified on these data (a two-item factor uncorrelated with the others?)',
      { expected: 'an identified model' },
    );
  }
  return {
    ...oriented,
    discrepancy: Math.max(final.f, 0),
    logDetSigma: final.logDetSigma,
    sigma: final.sigma,
    information,
    iterations,
    newtonSteps,
    maxAbsoluteGradient: gradient.reduce((s, g) => Math.max(s, Math.abs(g)), 0),
  };
}
