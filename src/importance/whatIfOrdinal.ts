/**
 * Internal: {@link whatIf} for the recommend score as an ordinal outcome (`family: 'ordinal'`).
 *
 * @module importance/whatIfOrdinal
 * @internal
 */
import { normalQuantile } from '../internal/distributions.js';
import { readRegressionSample } from '../regression/design.js';
import { ordinalRegression } from '../regression/ordinalRegression.js';
import type { Row } from '../types.js';
import { quadraticForm } from './whatIfBinomial.js';
import type { PredictedNps, WhatIfOrdinalResult } from './whatIfFamilies.js';
import type { WhatIfOptions } from './whatIf.js';

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Model-based NPS of a proportional-odds logit fit (`P(Y <= k) = F(theta_k - eta)`, polr's
 * signs): each case's `100 (1 - P(Y <= a) - P(Y <= b))` with `a` the highest level below
 * `promoterMin` and `b` the highest level at or below `detractorMax`, averaged (weighted), at
 * `eta_i = x_i' beta + shift_i`. Returns the NPS, its shares and the gradient in the order
 * thresholds then coefficients (that of the fit's covariance).
 */
function modelNps(
  theta: readonly number[],
  beta: readonly number[],
  x: readonly Float64Array[],
  w: Float64Array | undefined,
  a: number,
  b: number,
  driver: number,
  delta: number,
): { nps: number; promoter: number; detractor: number; gradient: number[] } {
  const K1 = theta.length;
  const p = beta.length;
  const g = new Array<number>(K1 + p).fill(0);
  const m = x[0]!.length;
  // P(Y <= level index k): 0 below the first level, 1 at the last, F(theta_k - eta) between.
  const cumulative = (k: number, eta: number): [number, number] => {
    if (k < 0) return [0, 0];
    if (k >= K1) return [1, 0];
    const F = logistic(theta[k]! - eta);
    return [F, F * (1 - F)];
  };
  let total = 0;
  let promoter = 0;
  let detractor = 0;
  for (let i = 0; i < m; i++) {
    const wi = w ? w[i]! : 1;
    let eta = delta * beta[driver]!;
    for (let l = 0; l < p; l++) eta += beta[l]! * x[l]![i]!;
    const [Fa, fa] = cumulative(a, eta);
    const [Fb, fb] = cumulative(b, eta);
    total += wi;
    promoter += wi * (1 - Fa);
    detractor += wi * Fb;
    if (a >= 0 && a < K1) g[a] = g[a]! - 100 * wi * fa;
    if (b >= 0 && b < K1) g[b] = g[b]! - 100 * wi * fb;
    for (let l = 0; l < p; l++) g[K1 + l] = g[K1 + l]! + 100 * wi * (fa + fb) * (x[l]![i]! + (l === driver ? delta : 0));
  }
  return {
    nps: (100 * (promoter - detractor)) / total,
    promoter: promoter / total,
    detractor: detractor / total,
    gradient: g.map((v) => v / total),
  };
}

/**
 * The predicted NPS from the category probabilities of {@link ordinalRegression} (logit link) of
 * the recommend score on the drivers, as observed and with `driver` raised by `delta`, each with
 * a delta-method standard error `sqrt(g' V g)` from the fit's covariance, and their difference.
 */
export function whatIfOrdinal(
  rows: readonly Row[],
  options: WhatIfOptions,
  delta: number,
  level: number,
  cuts: { readonly promoterMin: number; readonly detractorMax: number },
): WhatIfOrdinalResult {
  const spec = {
    outcome: options.outcome,
    predictors: options.predictors,
    weights: options.weights,
    missing: options.missing,
    missingCodes: options.missingCodes,
  };
  const fit = ordinalRegression(rows, { ...spec, confidenceLevel: level });
  const sample = readRegressionSample(rows, spec);
  const levels = fit.levels;
  const theta = fit.thresholds.map((t) => t.estimate);
  const beta = fit.coefficients.map((c) => c.estimate);
  const j = sample.predictors.indexOf(options.driver);
  let a = -1;
  let b = -1;
  levels.forEach((v, k) => {
    if (v < cuts.promoterMin) a = k;
    if (v <= cuts.detractorMax) b = k;
  });
  const z = normalQuantile(1 - (1 - level) / 2);
  const wald = (estimate: number, standardError: number) => ({
    estimate,
    standardError,
    confidenceInterval: [estimate - z * standardError, estimate + z * standardError] as const,
    confidenceLevel: level,
    intervalMethod: 'wald' as const,
  });
  const at = (shift: number): { nps: PredictedNps; gradient: number[] } => {
    const r = modelNps(theta, beta, sample.x, sample.weights, a, b, j, shift);
    return {
      nps: {
        ...wald(r.nps, Math.sqrt(quadraticForm(r.gradient, fit.covariance))),
        promoterShare: r.promoter,
        passiveShare: 1 - r.promoter - r.detractor,
        detractorShare: r.detractor,
      },
      gradient: r.gradient,
    };
  };
  const base = at(0);
  const shifted = at(delta);
  const diff = shifted.gradient.map((v, k) => v - base.gradient[k]!);
  let total = 0;
  let observed = 0;
  for (let i = 0; i < sample.y.length; i++) {
    const wi = sample.weights ? sample.weights[i]! : 1;
    const y = sample.y[i]!;
    total += wi;
    observed += wi * (y >= cuts.promoterMin ? 1 : y <= cuts.detractorMax ? -1 : 0);
  }
  const c = fit.coefficients[j]!;
  return {
    method: 'what-if',
    family: 'ordinal',
    outcome: fit.outcome,
    predictors: [...fit.predictors],
    driver: options.driver,
    delta,
    n: fit.n,
    weightSum: fit.weightSum,
    weighted: options.weights !== undefined,
    confidenceLevel: level,
    coefficient: wald(c.estimate, c.standardError),
    levels: [...levels],
    nps: {
      observed: (100 * observed) / total,
      baseline: base.nps,
      predicted: shifted.nps,
      change: wald(shifted.nps.estimate - base.nps.estimate, Math.sqrt(quadraticForm(diff, fit.covariance))),
      promoterMin: cuts.promoterMin,
      detractorMax: cuts.detractorMax,
    },
    options: { weights: options.weights ?? null, family: 'ordinal' },
    missing: fit.missing,
    warnings: [],
  };
}
