import { InputError, NumericalError } from '../errors.js';
import { normalCdf, normalQuantile, normalTwoSidedP } from '../internal/distributions.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { checkConfidenceLevel } from '../internal/validate.js';
import type { Interval, MissingPolicy, MissingReport, Row, Warning } from '../types.js';
import { inverse, solve } from '../internal/matrix.js';
import { householderQr } from '../internal/qr.js';
import { mean, weightedMean } from '../internal/sums.js';
import { centredDesign, readRegressionSample, type RegressionSample } from './design.js';
import { compressRows, pickFirst, sumByGroup } from '../internal/compressRows.js';
import { rankDeficiencyError } from './rankError.js';

/** Link of the cumulative model. */
export type OrdinalLink = 'logit' | 'probit' | 'cloglog';

/** Options of {@link ordinalRegression}. */
export interface OrdinalOptions {
  readonly outcome: string;
  readonly predictors: readonly string[];
  readonly weights?: string;
  readonly link?: OrdinalLink;
  readonly confidenceLevel?: number;
  /** `'omit'` (default) drops incomplete rows listwise and reports them; `'fail'` throws. */
  readonly missing?: MissingPolicy;
  /** Numbers that code a missing answer (e.g. `[-99]`). */
  readonly missingCodes?: readonly number[];
}

/** One threshold or coefficient with Wald inference. */
export interface OrdinalTerm {
  readonly term: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly zStatistic: number;
  readonly pValue: number;
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  readonly intervalMethod: 'wald';
}

/** Result of {@link ordinalRegression}. */
export interface OrdinalResult {
  readonly method: 'ordinal-regression';
  readonly link: OrdinalLink;
  readonly outcome: string;
  readonly predictors: string[];
  readonly n: number;
  readonly weightSum: number;
  /** Sorted distinct outcome values found in the cases used. */
  readonly levels: number[];
  readonly thresholds: OrdinalTerm[];
  readonly coefficients: OrdinalTerm[];
  /**
   * Covariance matrix of the estimates (the inverse observed information), rows and columns in the
   * order thresholds then coefficients (as `ordinal::clm`'s `vcov`; `MASS::polr` puts the
   * coefficients first).
   */
  readonly covariance: number[][];
  readonly logLikelihood: number;
  readonly nullLogLikelihood: number;
  readonly deviance: number;
  readonly aic: number;
  readonly pseudoRSquared: { mcFadden: number; coxSnell: number; nagelkerke: number; estrella: number };
  /** Fitted category probabilities per case used (rows in `levels` order). */
  readonly fittedProbabilities: number[][];
  readonly convergence: { converged: boolean; iterations: number; maxAbsGradient: number; tolerance: number };
  readonly options: { weights: string | null; link: OrdinalLink; confidenceLevel: number };
  readonly missing: MissingReport;
  readonly warnings: readonly Warning[];
}

interface LinkFns {
  cdf(z: number): number;
  pdf(z: number): number;
  dpdf(z: number): number;
  quantile(p: number): number;
}

const LINKS: Record<OrdinalLink, LinkFns> = {
  logit: {
    cdf: (z) => 1 / (1 + Math.exp(-z)),
    pdf: (z) => {
      const F = 1 / (1 + Math.exp(-z));
      return F * (1 - F);
    },
    dpdf: (z) => {
      const F = 1 / (1 + Math.exp(-z));
      return F * (1 - F) * (1 - 2 * F);
    },
    quantile: (p) => Math.log(p / (1 - p)),
  },
  probit: {
    cdf: normalCdf,
    pdf: (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI),
    dpdf: (z) => (-z * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI),
    quantile: normalQuantile,
  },
  cloglog: {
    cdf: (z) => -Math.expm1(-Math.exp(z)),
    pdf: (z) => Math.exp(z - Math.exp(z)),
    dpdf: (z) => Math.exp(z - Math.exp(z)) * (1 - Math.exp(z)),
    quantile: (p) => Math.log(-Math.log1p(-p)),
  },
};

/** The keys of {@link OrdinalOptions}. */
const KEYS = optionKeys<OrdinalOptions>({
  outcome: true,
  predictors: true,
  weights: true,
  link: true,
  confidenceLevel: true,
  missing: true,
  missingCodes: true,
});

/** The Newton step and the covariance use ml-matrix's LU (src/internal/matrix.ts); null when singular. */
function solveOrNull(a: number[][], b: number[]): number[] | null {
  try {
    return solve(a, b, 'information matrix');
  } catch (e) {
    if (e instanceof NumericalError) return null;
    throw e;
  }
}

/**
 * Proportional-odds cumulative link model, as R's `MASS::polr`: `link(P(Y <= k)) = theta_k - x'beta`
 * (polr's sign convention: a positive coefficient moves cases to higher categories). Levels are
 * the sorted distinct numeric outcome values among the cases used. Fitted by Newton-Raphson with
 * the analytic gradient and Hessian and step halving (a step that unorders the thresholds has
 * log-likelihood -Infinity and is halved). Pseudo-R2: McFadden (1974) 1 - LL/LL0; Cox & Snell
 * (1989) 1 - exp(2 (LL0 - LL) / N); Nagelkerke (1991) CoxSnell / (1 - exp(2 LL0 / N)); Estrella
 * (1998) 1 - (LL/LL0)^(-2 LL0 / N).
 *
 * @example
 * ```ts
 * import { ordinalRegression } from 'loyalty-drivers';
 * const rows = [1, 2, 3, 1, 2, 3, 2, 3, 1, 3].map((y, i) => ({ y, x: [1, 2, 3, 2, 1, 3, 3, 2, 2, 1][i] }));
 * ordinalRegression(rows, { outcome: 'y', predictors: ['x'] }).levels; // => [1, 2, 3]
 * ```
 */
export function ordinalRegression(rows: readonly Row[], options: OrdinalOptions): OrdinalResult {
  checkOptions(options, KEYS);
  const link = options?.link ?? 'logit';
  if (!(link in LINKS))
    throw new InputError('INVALID_OPTION', 'options.link: expected "logit", "probit" or "cloglog"', {
      argument: 'options.link',
      expected: '"logit", "probit" or "cloglog"',
    });
  const level = checkConfidenceLevel(options?.confidenceLevel);
  const sample = readRegressionSample(rows, options);
  return ordinalFromSample(sample, options, link, level);
}

/**
 * The fit of {@link ordinalRegression} on a read sample. Cases equal in every predictor and the
 * outcome are fitted as one row weighted by their count (summed weights) when that halves the
 * rows: the log-likelihood, its derivatives and the start (weighted marginal proportions) are
 * the same sums, so the fit is the same; `compress: false` keeps every case. @internal
 */
export function ordinalFromSample(
  sample: RegressionSample,
  options: OrdinalOptions,
  link: OrdinalLink,
  level: number,
  compress = true,
): OrdinalResult {
  const groups = compress ? compressRows([...sample.x, sample.y]) : null;
  const {
    y,
    x,
    weights: w,
  } = groups
    ? {
        y: pickFirst(sample.y, groups),
        x: sample.x.map((c) => pickFirst(c, groups)),
        weights: sample.weights ? sumByGroup(sample.weights, groups) : groups.counts,
      }
    : sample;
  const n = y.length;
  const p = x.length;
  // Rank check on the (weighted) centred design with an intercept, as logisticRegression does.
  const means = x.map((c) => (w ? weightedMean(c, w) : mean(c)));
  const base = centredDesign(x, w, undefined, means);
  const check = new Float64Array(base.matrix);
  if (w) for (let l = 0; l <= p; l++) for (let i = 0; i < n; i++) check[l * n + i] = check[l * n + i]! * Math.sqrt(w[i]!);
  const qr = householderQr(check, n, p + 1, 1e-7);
  if (qr.dependent.length > 0) throw rankDeficiencyError(qr, ['(Intercept)', ...sample.predictors], base.scales, means, 1e-7);
  const levels = [...new Set(Array.from(y))].sort((a, b) => a - b);
  const K = levels.length;
  if (K < 3)
    throw new InputError(
      'OUT_OF_RANGE',
      `options.outcome: "${sample.outcome}" has ${K} level(s); an ordinal model needs at least 3 (use logisticRegression for 2)`,
      { argument: 'options.outcome', column: sample.outcome, expected: 'at least 3 distinct values' },
    );
  const cat = Array.from(y, (v) => levels.indexOf(v));
  const wt = (i: number) => (w ? w[i]! : 1);
  const L = LINKS[link];
  const m = K - 1 + p;
  // Start: thresholds from cumulative marginal proportions, beta = 0.
  const counts = new Array<number>(K).fill(0);
  for (let i = 0; i < n; i++) counts[cat[i]!] = counts[cat[i]!]! + wt(i);
  const total = counts.reduce((a, b) => a + b, 0);
  const par = new Array<number>(m).fill(0);
  let cum = 0;
  for (let k = 0; k < K - 1; k++) {
    cum += counts[k]!;
    par[k] = L.quantile(cum / total);
  }
  const evaluate = (q: number[], withHessian: boolean) => {
    for (let k = 1; k < K - 1; k++) if (!(q[k]! > q[k - 1]!)) return { ll: -Infinity, g: [], H: [] };
    let ll = 0;
    const g = new Array<number>(m).fill(0);
    const H = withHessian ? Array.from({ length: m }, () => new Array<number>(m).fill(0)) : [];
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += x[j]![i]! * q[K - 1 + j]!;
      const k = cat[i]!;
      const up = k < K - 1 ? q[k]! - eta : Infinity;
      const lo = k > 0 ? q[k - 1]! - eta : -Infinity;
      const Fu = k < K - 1 ? L.cdf(up) : 1;
      const Fl = k > 0 ? L.cdf(lo) : 0;
      const P = Fu - Fl;
      if (!(P > 0)) return { ll: -Infinity, g: [], H: [] };
      const wi = wt(i);
      ll += wi * Math.log(P);
      const fu = k < K - 1 ? L.pdf(up) : 0;
      const fl = k > 0 ? L.pdf(lo) : 0;
      const a = new Array<number>(m).fill(0);
      if (k < K - 1) a[k] = fu;
      if (k > 0) a[k - 1] = -fl;
      for (let j = 0; j < p; j++) a[K - 1 + j] = -x[j]![i]! * (fu - fl);
      for (let r = 0; r < m; r++) g[r] = g[r]! + (wi * a[r]!) / P;
      if (!withHessian) continue;
      const du = k < K - 1 ? L.dpdf(up) : 0;
      const dl = k > 0 ? L.dpdf(lo) : 0;
      const d2 = (r: number, s: number): number => {
        const br = r >= K - 1,
          bs = s >= K - 1;
        if (!br && !bs) return r === s ? (r === k ? du : r === k - 1 ? -dl : 0) : 0;
        if (br && bs) return x[r - K + 1]![i]! * x[s - K + 1]![i]! * (du - dl);
        const t = br ? s : r;
        const xv = x[(br ? r : s) - K + 1]![i]!;
        return t === k ? -xv * du : t === k - 1 ? xv * dl : 0;
      };
      for (let r = 0; r < m; r++)
        for (let s = 0; s <= r; s++) {
          const h = wi * (d2(r, s) / P - (a[r]! * a[s]!) / (P * P));
          H[r]![s] = H[r]![s]! + h;
          if (s !== r) H[s]![r] = H[s]![r]! + h;
        }
    }
    return { ll, g, H };
  };
  const tolerance = 1e-10;
  let cur = evaluate(par, true);
  let iterations = 0;
  let converged = false;
  const maxIterations = 100;
  while (iterations < maxIterations) {
    const maxG = Math.max(...cur.g.map(Math.abs));
    if (maxG < tolerance * Math.max(1, total)) {
      converged = true;
      break;
    }
    iterations++;
    const step = solveOrNull(
      cur.H.map((r) => r.map((v) => -v)),
      cur.g,
    );
    if (!step) break;
    let t = 1;
    let next = evaluate(
      par.map((v, r) => v + t * step[r]!),
      true,
    );
    while (!(next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)) && t > 1e-10) {
      t /= 2;
      next = evaluate(
        par.map((v, r) => v + t * step[r]!),
        true,
      );
    }
    if (!(next.ll > -Infinity)) break;
    for (let r = 0; r < m; r++) par[r] = par[r]! + t * step[r]!;
    cur = next;
  }
  // Separation: a coefficient whose effect over one (weighted) SD of its predictor exceeds 20 on
  // the link scale (odds ratio > 4.8e8 per SD) means the likelihood has no finite maximum.
  const sds = x.map((c, j) => {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += wt(i) * (c[i]! - means[j]!) ** 2;
    return Math.sqrt(ss / total);
  });
  const diverging = sample.predictors.filter((_, j) => Math.abs(par[K - 1 + j]!) * sds[j]! > 20);
  if (diverging.length > 0)
    throw new NumericalError(
      'SEPARATION',
      `ordinalRegression: the estimates of ${diverging.map((v) => `"${v}"`).join(', ')} diverge (complete or quasi-complete separation of "${sample.outcome}")`,
      { argument: 'options.predictors', column: diverging[0] },
    );
  if (!converged) throw new NumericalError('NO_CONVERGENCE', `ordinalRegression: no convergence after ${iterations} iterations`, {});
  const cov = inverse(
    cur.H.map((r) => r.map((v) => -v)),
    'ordinalRegression: the information matrix (collinear predictors?)',
  );
  const zc = normalQuantile(1 - (1 - level) / 2);
  const term = (name: string, r: number): OrdinalTerm => {
    const se = Math.sqrt(cov[r]![r]!);
    const est = par[r]!;
    return {
      term: name,
      estimate: est,
      standardError: se,
      zStatistic: est / se,
      pValue: normalTwoSidedP(est / se),
      confidenceInterval: [est - zc * se, est + zc * se],
      confidenceLevel: level,
      intervalMethod: 'wald',
    };
  };
  let ll0 = 0;
  for (let k = 0; k < K; k++) if (counts[k]! > 0) ll0 += counts[k]! * Math.log(counts[k]! / total);
  const ll = cur.ll;
  const probabilities = Array.from({ length: n }, (_, i) => {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[j]![i]! * par[K - 1 + j]!;
    const F = [0, ...par.slice(0, K - 1).map((t) => L.cdf(t - eta)), 1];
    return levels.map((_, k) => F[k + 1]! - F[k]!);
  });
  // One array per case, as without compression.
  const fitted = groups ? Array.from(groups.groupOf, (g) => [...probabilities[g]!]) : probabilities;
  const coxSnell = 1 - Math.exp((2 * (ll0 - ll)) / total);
  return {
    method: 'ordinal-regression',
    link,
    outcome: sample.outcome,
    predictors: [...sample.predictors],
    n: sample.n,
    weightSum: sample.weightSum,
    levels,
    thresholds: levels.slice(0, -1).map((v, k) => term(`${v}|${levels[k + 1]}`, k)),
    coefficients: sample.predictors.map((name, j) => term(name, K - 1 + j)),
    covariance: cov.map((row) => [...row]),
    logLikelihood: ll,
    nullLogLikelihood: ll0,
    deviance: -2 * ll,
    aic: -2 * ll + 2 * m,
    pseudoRSquared: {
      mcFadden: 1 - ll / ll0,
      coxSnell,
      nagelkerke: coxSnell / (1 - Math.exp((2 * ll0) / total)),
      estrella: 1 - (ll / ll0) ** ((-2 * ll0) / total),
    },
    fittedProbabilities: fitted,
    convergence: { converged, iterations, maxAbsGradient: Math.max(...cur.g.map(Math.abs)), tolerance },
    options: { weights: options.weights ?? null, link, confidenceLevel: level },
    missing: sample.missing,
    warnings: [],
  };
}
