/**
 * Internal: {@link whatIf} for a binary outcome (`family: 'binomial'`).
 *
 * @module importance/whatIfBinomial
 * @internal
 */
import { normalQuantile } from '../internal/distributions.js';
import { readRegressionSample } from '../regression/design.js';
import { logisticRegression } from '../regression/logisticRegression.js';
import type { Row } from '../types.js';
import type { WhatIfBinomialResult } from './whatIfFamilies.js';
import type { WhatIfOptions } from './whatIf.js';

/** `g' V g`. */
export function quadraticForm(g: readonly number[], v: readonly (readonly number[])[]): number {
  let s = 0;
  for (let a = 0; a < g.length; a++) for (let b = 0; b < g.length; b++) s += g[a]! * v[a]![b]! * g[b]!;
  return s;
}

/**
 * The average change in predicted probability of a logistic fit when `driver` rises by `delta`:
 * `D = sum w_i [p(eta_i + delta b_j) - p(eta_i)] / sum w`, with the delta-method variance
 * `g' V g`, `g = dD/db = sum w_i [p1 (1 - p1) (x_i + delta e_j) - p0 (1 - p0) x_i] / sum w`
 * and `V` the covariance of the fit (R `vcov(glm)`).
 */
export function whatIfBinomial(rows: readonly Row[], options: WhatIfOptions, delta: number, level: number): WhatIfBinomialResult {
  const spec = {
    outcome: options.outcome,
    predictors: options.predictors,
    weights: options.weights,
    missing: options.missing,
    missingCodes: options.missingCodes,
  };
  const fit = logisticRegression(rows, { ...spec, confidenceLevel: level });
  const sample = readRegressionSample(rows, spec, { min: 0, max: 1, integer: true });
  const j = sample.predictors.indexOf(options.driver);
  const b = fit.coefficients.map((c) => c.estimate);
  const k = b.length;
  const m = sample.y.length;
  const w = sample.weights;
  let total = 0;
  let base = 0;
  let shifted = 0;
  let change = 0;
  const g = new Array<number>(k).fill(0);
  for (let i = 0; i < m; i++) {
    const wi = w ? w[i]! : 1;
    let eta = b[0]!;
    for (let l = 0; l < k - 1; l++) eta += b[l + 1]! * sample.x[l]![i]!;
    const p0 = 1 / (1 + Math.exp(-eta));
    const p1 = 1 / (1 + Math.exp(-(eta + delta * b[j + 1]!)));
    total += wi;
    base += wi * p0;
    shifted += wi * p1;
    change += wi * (p1 - p0);
    const d0 = p0 * (1 - p0);
    const d1 = p1 * (1 - p1);
    g[0] = g[0]! + wi * (d1 - d0);
    for (let l = 0; l < k - 1; l++) g[l + 1] = g[l + 1]! + wi * (d1 - d0) * sample.x[l]![i]!;
    g[j + 1] = g[j + 1]! + wi * d1 * delta;
  }
  const grad = g.map((v) => v / total);
  const estimate = change / total;
  const standardError = Math.sqrt(quadraticForm(grad, fit.covariance));
  const z = normalQuantile(1 - (1 - level) / 2);
  const c = fit.coefficients[j + 1]!;
  return {
    method: 'what-if',
    family: 'binomial',
    outcome: fit.outcome,
    predictors: [...fit.predictors],
    driver: options.driver,
    delta,
    n: fit.n,
    weightSum: fit.weightSum,
    weighted: options.weights !== undefined,
    confidenceLevel: level,
    coefficient: {
      estimate: c.estimate,
      standardError: c.standardError,
      confidenceInterval: c.confidenceInterval,
      confidenceLevel: level,
      intervalMethod: 'wald',
    },
    probabilityChange: {
      estimate,
      standardError,
      confidenceInterval: [estimate - z * standardError, estimate + z * standardError],
      confidenceLevel: level,
      intervalMethod: 'wald',
    },
    probability: { baseline: base / total, predicted: shifted / total },
    options: { weights: options.weights ?? null, family: 'binomial' },
    missing: fit.missing,
    warnings: [],
  };
}
