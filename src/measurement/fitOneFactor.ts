import { NumericalError } from '../errors.js';
import { symmetricEigen, type Dense } from '../internal/matrix.js';

/** Result of the one-factor ML fit on a correlation matrix. @internal */
export interface OneFactorFit {
  /** Standardized loadings (loadings on the correlation scale). */
  readonly loadings: number[];
  /** Standardized residual variances `1 - l^2` at the solution (may be negative: Heywood case). */
  readonly uniquenesses: number[];
  /** ML discrepancy `F = log|Sigma| + tr(R Sigma^-1) - log|R| - k` at the solution. */
  readonly discrepancy: number;
  /** Asymptotic covariance of (loadings, uniquenesses) on the correlation scale, `(2/n) I^-1`; null if singular. */
  readonly covariance: number[][] | null;
  readonly method: 'closed-form' | 'fisher-scoring';
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest absolute gradient element of F at the solution. */
  readonly maxAbsoluteGradient: number;
}

/** Options of the iteration. @internal */
export interface FitOptions {
  readonly maxIterations: number;
  /** Converged when every gradient element of F is below this (default 1e-12; F is unit-free). */
  readonly tolerance: number;
}

/** Lower Cholesky factor, or null when `a` is not (numerically) positive definite. */
function choleskyOrNull(a: Dense): number[][] | null {
  const k = a.length;
  const l: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let p = 0; p < j; p++) s -= l[i]![p]! * l[j]![p]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}

/** Inverse of `a` from its Cholesky factor. */
function inverseFromCholesky(l: Dense): number[][] {
  const k = l.length;
  const inv: number[][] = [];
  for (let c = 0; c < k; c++) {
    // Solve L y = e_c, then L' x = y.
    const y = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) {
      let s = i === c ? 1 : 0;
      for (let p = 0; p < i; p++) s -= l[i]![p]! * y[p]!;
      y[i] = s / l[i]![i]!;
    }
    const x = new Array<number>(k).fill(0);
    for (let i = k - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let p = i + 1; p < k; p++) s -= l[p]![i]! * x[p]!;
      x[i] = s / l[i]![i]!;
    }
    inv.push(x);
  }
  return inv;
}

function logDetFromCholesky(l: Dense): number {
  let s = 0;
  for (let i = 0; i < l.length; i++) s += Math.log(l[i]![i]!);
  return 2 * s;
}

interface Evaluation {
  readonly f: number;
  readonly w: number[][];
}

/** F and Sigma^-1 at (lambda, psi); null when Sigma is not positive definite. */
function evaluate(r: Dense, logDetR: number, lambda: readonly number[], psi: readonly number[]): Evaluation | null {
  const k = r.length;
  const sigma = lambda.map((li, i) => lambda.map((lj, j) => li * lj + (i === j ? psi[i]! : 0)));
  const l = choleskyOrNull(sigma);
  if (l === null) return null;
  const w = inverseFromCholesky(l);
  let tr = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) tr += r[i]![j]! * w[j]![i]!;
  return { f: logDetFromCholesky(l) + tr - logDetR - k, w };
}

/**
 * Gradient and expected (Fisher) information of F for Sigma = l l' + diag(psi), at Sigma^-1 = w:
 * with G = W (Sigma - R) W and u = W l, c = l' W l,
 * dF/dl = 2 G l, dF/dpsi_i = G_ii; E[d2F] blocks: 2 (c W + u u'), 2 W_ij u_j, W_ij^2.
 */
function gradientAndInformation(r: Dense, lambda: readonly number[], psi: readonly number[], w: Dense): { g: number[]; h: number[][] } {
  const k = r.length;
  const diff = lambda.map((li, i) => lambda.map((lj, j) => li * lj + (i === j ? psi[i]! : 0) - r[i]![j]!));
  // G = W diff W
  const wd = w.map((row) => diff[0]!.map((_, j) => row.reduce((s, v, p) => s + v * diff[p]![j]!, 0)));
  const gm = wd.map((row) => w[0]!.map((_, j) => row.reduce((s, v, p) => s + v * w[p]![j]!, 0)));
  const u = w.map((row) => row.reduce((s, v, p) => s + v * lambda[p]!, 0));
  const c = lambda.reduce((s, v, i) => s + v * u[i]!, 0);
  const g = new Array<number>(2 * k).fill(0);
  for (let i = 0; i < k; i++) {
    g[i] = 2 * gm[i]!.reduce((s, v, p) => s + v * lambda[p]!, 0);
    g[k + i] = gm[i]![i]!;
  }
  const h: number[][] = Array.from({ length: 2 * k }, () => new Array<number>(2 * k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      h[i]![j] = 2 * (c * w[i]![j]! + u[i]! * u[j]!);
      h[i]![k + j] = 2 * w[i]![j]! * u[j]!;
      h[k + j]![i] = h[i]![k + j]!;
      h[k + i]![k + j] = w[i]![j]! * w[i]![j]!;
    }
  }
  return { g, h };
}

function maxAbs(xs: readonly number[]): number {
  let m = 0;
  for (const x of xs) m = Math.max(m, Math.abs(x));
  return m;
}

function finish(
  r: Dense,
  n: number,
  logDetR: number,
  lambda: number[],
  psi: number[],
  method: OneFactorFit['method'],
  iterations: number,
  tolerance: number,
): OneFactorFit {
  // Orientation: the factor's sign is not identified; make the loadings sum positive.
  if (lambda.reduce((a, b) => a + b, 0) < 0) for (let i = 0; i < lambda.length; i++) lambda[i] = -lambda[i]!;
  const e = evaluate(r, logDetR, lambda, psi);
  if (e === null) {
    // Unreachable: every accepted iterate (and the just-identified solution, where Sigma = R)
    // has a positive-definite Sigma. Kept as a guard so no NaN can reach a result.
    throw new NumericalError('NO_CONVERGENCE', 'one-factor model: the final model-implied covariance matrix is not positive definite', {
      expected: 'a positive-definite model-implied matrix',
    });
  }
  const { g, h } = gradientAndInformation(r, lambda, psi, e.w);
  const lh = choleskyOrNull(h);
  const covariance = lh === null ? null : inverseFromCholesky(lh).map((row) => row.map((v) => (2 / n) * v));
  const maxG = maxAbs(g);
  return {
    loadings: lambda,
    uniquenesses: psi,
    discrepancy: Math.max(e.f, 0),
    covariance,
    method,
    iterations,
    converged: maxG <= Math.max(tolerance, 1e-10),
    maxAbsoluteGradient: maxG,
  };
}

/**
 * Maximum-likelihood one-factor model `Sigma = l l' + Psi` fitted to a correlation matrix `r`
 * (ML is scale-invariant, so the standardized solution of the covariance matrix is the solution
 * on its correlation matrix; unstandardized values are rescaled by the caller).
 *
 * Method: with three items the model is just-identified and solved in closed form,
 * `l_1^2 = r_12 r_13 / r_23` (and cyclically), whenever `r_12 r_13 r_23 > 0`. Otherwise Fisher
 * scoring on the ML discrepancy (Joreskog 1967; Lee & Jennrich 1979) from principal-axis starting
 * values (`psi_0 = 1 / (R^-1)_ii`, `l_0` the first eigenvector of `R - Psi_0`), with step
 * halving (Armijo) whenever a step would leave Sigma indefinite or raise F. Residual variances
 * are not bounded (as lavaan): a negative one is reported as a Heywood case by the caller.
 * @internal
 */
export function fitOneFactor(r: Dense, n: number, options: FitOptions): OneFactorFit {
  const k = r.length;
  const lr = choleskyOrNull(r);
  if (lr === null) throw new Error('fitOneFactor: correlation matrix is not positive definite (caller checks)');
  const logDetR = logDetFromCholesky(lr);
  if (k === 3) {
    const p = r[0]![1]! * r[0]![2]! * r[1]![2]!;
    if (p > 0) {
      const l1 = Math.sqrt((r[0]![1]! * r[0]![2]!) / r[1]![2]!);
      const lambda = [l1, r[0]![1]! / l1, r[0]![2]! / l1];
      return finish(
        r,
        n,
        logDetR,
        lambda,
        lambda.map((l) => 1 - l * l),
        'closed-form',
        0,
        options.tolerance,
      );
    }
  }
  const rInv = inverseFromCholesky(lr);
  let psi = rInv.map((row, i) => Math.min(0.95, 1 / row[i]!));
  const reduced = r.map((row, i) => row.map((v, j) => (i === j ? 1 - psi[i]! : v)));
  const eig = symmetricEigen(reduced);
  let lambda: number[];
  if (eig.values[0]! > 0) {
    const s = Math.sqrt(eig.values[0]!);
    lambda = eig.vectors.map((row) => row[0]! * s);
  } else lambda = psi.map((p) => Math.sqrt(1 - p));
  if (lambda.reduce((a, b) => a + b, 0) < 0) lambda = lambda.map((l) => -l);
  psi = lambda.map((l, i) => Math.max(1 - l * l, 0.05 * (1 - 1 / rInv[i]![i]!) + 0.005));
  let current = evaluate(r, logDetR, lambda, psi);
  if (current === null) {
    psi = psi.map(() => 0.5);
    lambda = lambda.map((l) => Math.sign(l || 1) * Math.sqrt(0.5));
    current = evaluate(r, logDetR, lambda, psi)!;
  }
  let iterations = 0;
  const noise = 1e-13 * (1 + Math.abs(current.f) + k);
  for (; iterations < options.maxIterations; iterations++) {
    const { g, h } = gradientAndInformation(r, lambda, psi, current.w);
    if (maxAbs(g) <= options.tolerance) break;
    const lh = choleskyOrNull(h);
    if (lh === null) break;
    const hInv = inverseFromCholesky(lh);
    const delta = hInv.map((row) => -row.reduce((s, v, p) => s + v * g[p]!, 0));
    const slope = delta.reduce((s, d, p) => s + d * g[p]!, 0);
    let step = 1;
    let accepted = false;
    for (let halving = 0; halving < 60; halving++) {
      const nextLambda = lambda.map((l, i) => l + step * delta[i]!);
      const nextPsi = psi.map((p, i) => p + step * delta[k + i]!);
      const next = evaluate(r, logDetR, nextLambda, nextPsi);
      if (next !== null && next.f <= current.f + 1e-4 * step * slope + noise) {
        lambda = nextLambda;
        psi = nextPsi;
        current = next;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
    if (maxAbs(delta) * step <= 1e-15) {
      iterations++;
      break;
    }
  }
  return finish(r, n, logDetR, lambda, psi, 'fisher-scoring', iterations, options.tolerance);
}
