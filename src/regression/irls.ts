/**
 * Internal: iteratively reweighted least squares for the logistic model, step for step as R's
 * `glm.fit` with `binomial(link = "logit")`, each weighted least-squares step solved by the
 * Householder QR of the centred design; plus the separation check.
 *
 * @module regression/irls
 * @internal
 */
import { NumericalError } from '../errors.js';
import { applyQTranspose, householderQr, solveUpper, triangularFactor, upperTriangularInverse } from '../internal/qr.js';
import { originalCovarianceRoot, type CentredDesign } from './design.js';

const EPS = Number.EPSILON;

/** Inverse logit with glm's guards (|eta| > 30 clamps to eps or 1/eps), so mu never reaches 0 or 1. */
function inverseLogit(eta: number): number {
  const t = eta < -30 ? EPS : eta > 30 ? 1 / EPS : Math.exp(eta);
  return t / (1 + t);
}

/** d mu / d eta with glm's guard. */
function muEta(eta: number): number {
  if (eta > 30 || eta < -30) return EPS;
  const t = Math.exp(eta);
  return t / ((1 + t) * (1 + t));
}

/** Binomial deviance `2 sum w [y log(y/mu) + (1-y) log((1-y)/(1-mu))]` for 0/1 y. */
export function binomialDeviance(y: Float64Array, mu: ArrayLike<number>, w: Float64Array | undefined): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    s += 2 * wi * -Math.log(y[i] === 1 ? mu[i]! : 1 - mu[i]!);
  }
  return s;
}

/** One weighted least-squares step: returns the new parametrization coefficients and the QR used. */
function step(design: CentredDesign, y: Float64Array, w: Float64Array | undefined, eta: Float64Array, mu: Float64Array, tolerance: number) {
  const n = y.length;
  const k = design.scales.length;
  const rw = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = muEta(eta[i]!);
    const variance = mu[i]! * (1 - mu[i]!);
    rw[i] = Math.sqrt(((w ? w[i]! : 1) * d * d) / variance);
    z[i] = rw[i]! * (eta[i]! + (y[i]! - mu[i]!) / d);
  }
  const a = new Float64Array(n * k);
  for (let l = 0; l < k; l++) {
    const off = l * n;
    for (let i = 0; i < n; i++) a[off + i] = design.matrix[off + i]! * rw[i]!;
  }
  const qr = householderQr(a, n, k, tolerance);
  if (qr.dependent.length > 0) return undefined;
  applyQTranspose(qr, z);
  const r = triangularFactor(qr);
  return { c: solveUpper(r, z), r };
}

function linearPredictor(design: CentredDesign, c: readonly number[], n: number): Float64Array {
  const eta = new Float64Array(n);
  for (let l = 0; l < c.length; l++) {
    const off = l * n;
    const cl = c[l]!;
    for (let i = 0; i < n; i++) eta[i] = eta[i]! + cl * design.matrix[off + i]!;
  }
  return eta;
}

export interface IrlsFit {
  readonly separated: false;
  readonly estimates: number[];
  readonly covariance: number[][];
  readonly deviance: number;
  readonly mu: Float64Array;
  /**
   * The fitted probabilities the last IRLS step was computed at (one step before `mu`): the
   * working weights `w mu (1 - mu)` of glm's `$weights`, of the covariance, and of svyglm's scores.
   */
  readonly stepMu: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly finalChange: number;
}

/**
 * IRLS from glm's start `mu = (w y + 0.5) / (w + 1)`, stopping when
 * `|D - D_old| / (|D| + 0.1) < epsilon`. The covariance is `(X' W X)^-1` with the working
 * weights of the final iteration, as `summary.glm` takes it from the last QR.
 *
 * Separation (Albert & Anderson 1984): when the maximum-likelihood estimate does not exist, the
 * Newton steps do not shrink: the separated cases' linear predictors keep growing by about one
 * unit per step while the deviance creeps to its infimum. After the deviance criterion (or the
 * iteration limit) is met, two further steps are taken; if both still move some linear predictor
 * by more than 0.1 (at a genuine optimum they move by ~1e-8 or less), the fit is stopped with
 * `SEPARATION`, naming the predictors along whose direction the coefficients diverge.
 */
/** What {@link irls} returns when the estimates do not exist. */
export interface Separation {
  readonly separated: true;
  /** Predictors along which the coefficients diverge, largest first. */
  readonly involved: string[];
  /** Cases whose fitted probability is within 1e-6 of their outcome. */
  readonly extreme: number;
}

export function irls(
  design: CentredDesign,
  x: readonly Float64Array[],
  y: Float64Array,
  w: Float64Array | undefined,
  names: readonly string[],
  sd: readonly number[],
  options: { epsilon: number; maxIterations: number; tolerance: number },
  startWeights: Float64Array | null | undefined = w,
): IrlsFit | Separation {
  const n = y.length;
  let eta: Float64Array = new Float64Array(n);
  let mu: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // glm's start reads the prior weights of the cases; a compressed sample passes those apart
    // from its fitting weights (the cases' weights times their counts).
    const wi = startWeights ? startWeights[i]! : 1;
    eta[i] = Math.log((wi * y[i]! + 0.5) / (wi + 1) / (1 - (wi * y[i]! + 0.5) / (wi + 1)));
    mu[i] = inverseLogit(eta[i]!);
  }
  let devOld = binomialDeviance(y, mu, w);
  let last: { c: number[]; r: number[][] } | undefined;
  let stepMu: Float64Array = mu;
  let converged = false;
  let change = Infinity;
  let iterations = 0;
  let dev = devOld;
  for (let iter = 1; iter <= options.maxIterations; iter++) {
    iterations = iter;
    const s = step(design, y, w, eta, mu, options.tolerance);
    if (!s) break; // working weights collapsed: a symptom of separation, checked below
    last = s;
    stepMu = mu;
    eta = linearPredictor(design, s.c, n);
    mu = eta.map(inverseLogit);
    dev = binomialDeviance(y, mu, w);
    change = Math.abs(dev - devOld) / (Math.abs(dev) + 0.1);
    if (change < options.epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  // Separation check: do further Newton steps keep moving the linear predictor?
  let probeEta: Float64Array = eta;
  let probeMu: Float64Array = mu;
  let moved = 0;
  let direction: number[] | undefined;
  for (let extra = 0; extra < 2; extra++) {
    const s = step(design, y, w, probeEta, probeMu, options.tolerance);
    if (!s) {
      moved++;
      continue;
    }
    const next = linearPredictor(design, s.c, n);
    let maxMove = 0;
    for (let i = 0; i < n; i++) maxMove = Math.max(maxMove, Math.abs(next[i]! - probeEta[i]!));
    if (maxMove > 0.1) {
      moved++;
      direction = s.c.map((c, l) => c - (last ? last.c[l]! : 0));
    }
    probeEta = next;
    probeMu = next.map(inverseLogit);
  }
  if (moved === 2 || !last) {
    let extreme = 0;
    for (let i = 0; i < n; i++) if (Math.abs(y[i]! - inverseLogit(probeEta[i]!)) < 1e-6) extreme++;
    return { separated: true, involved: separating(direction, design, names, sd, separatingAlone(x, y, w)), extreme };
  }
  if (!converged) {
    throw new NumericalError(
      'NO_CONVERGENCE',
      `logistic regression did not converge in ${options.maxIterations} IRLS iterations (relative deviance change ${change.toExponential(2)} > ${options.epsilon}); raise options.maxIterations`,
      {
        argument: 'options.maxIterations',
        value: options.maxIterations,
        expected: 'more iterations',
      },
    );
  }
  const { c, r } = last;
  const s = design.scales;
  const slopes = c.slice(1).map((cj, j) => cj * s[j + 1]!);
  let intercept = c[0]! * s[0]!;
  slopes.forEach((b, j) => {
    intercept -= b * design.means[j]!;
  });
  const g = originalCovarianceRoot(upperTriangularInverse(r), s, design.means);
  const covariance = g.map((ga) => g.map((gb) => ga.reduce((acc, v, l) => acc + v * gb[l]!, 0)));
  return {
    separated: false,
    estimates: [intercept, ...slopes],
    covariance,
    deviance: dev,
    mu,
    stepMu,
    iterations,
    converged,
    finalChange: change,
  };
}

/** Predictors that separate the outcome on their own (every case with y = 1 on one side of every case with y = 0, ties allowed). */
function separatingAlone(x: readonly Float64Array[], y: Float64Array, w: Float64Array | undefined): boolean[] {
  return x.map((c) => {
    let min0 = Infinity,
      max0 = -Infinity,
      min1 = Infinity,
      max1 = -Infinity;
    for (let i = 0; i < c.length; i++) {
      if (w && !(w[i]! > 0)) continue;
      if (y[i] === 1) {
        min1 = Math.min(min1, c[i]!);
        max1 = Math.max(max1, c[i]!);
      } else {
        min0 = Math.min(min0, c[i]!);
        max0 = Math.max(max0, c[i]!);
      }
    }
    return max0 <= min1 || max1 <= min0;
  });
}

function separating(
  direction: number[] | undefined,
  design: CentredDesign,
  names: readonly string[],
  sd: readonly number[],
  alone: readonly boolean[],
): string[] {
  if (alone.some(Boolean)) return names.filter((_, j) => alone[j]);
  if (!direction) return [...names];
  const size = names.map((_, j) => Math.abs(direction[j + 1]! * design.scales[j + 1]!) * sd[j]!);
  const top = Math.max(...size);
  const order = names
    .map((_, j) => j)
    .filter((j) => size[j]! >= 0.05 * top)
    .sort((a, b) => size[b]! - size[a]!);
  return order.length > 0 ? order.map((j) => names[j]!) : [...names];
}

/** The `SEPARATION` error naming the predictors that separate the outcome. */
export function separationError(involved: readonly string[], outcome: string, extreme: number, n: number): NumericalError {
  return new NumericalError(
    'SEPARATION',
    `${extreme === n ? 'complete ' : ''}separation: ${involved.map((v) => `"${v}"`).join(', ')} predict${involved.length === 1 ? 's' : ''} "${outcome}" perfectly (${extreme} of ${n} cases get fitted probabilities within 1e-6 of their 0/1 outcome), so the coefficients diverge and the maximum-likelihood estimates do not exist. Drop or merge ${involved.length === 1 ? 'that predictor' : 'one of these predictors'}, or use a penalized (Firth) logistic regression`,
    {
      argument: 'options.predictors',
      column: involved[0],
      value: involved.join(', '),
      expected: 'predictors that do not separate the outcome',
    },
  );
}
