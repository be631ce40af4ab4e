/**
 * Shared machinery of the proportion-type indices (CSAT, retention, churn, repeat purchase):
 * a (weighted) share of cases meeting a condition, its Taylor-linearized SE, and a Wilson interval.
 * @internal
 */
import { linearizedMean, proportionEffectiveN, wilsonInterval } from '../internal/proportion.js';
import type { NumericSample } from '../internal/validate.js';
import type { Interval, MissingReport } from '../types.js';

/**
 * The estimate and inference every proportion-type index reports (retention, churn, repeat
 * purchase), in proportion units (0-1).
 */
export interface WilsonInference {
  /** The proportion, 0-1. */
  readonly estimate: number;
  readonly n: number;
  readonly standardError: number;
  readonly confidenceInterval: Interval;
  readonly confidenceLevel: number;
  /** Always `'wilson'`; weighted data use the design-effect-adjusted effective n. */
  readonly intervalMethod: 'wilson';
  readonly weighted: boolean;
  readonly weightSum: number;
  readonly missing: MissingReport;
}

/** A proportion with its inference, in proportion units (0-1). */
export interface ProportionEstimate extends WilsonInference {
  /** Cases meeting the condition (unweighted count). */
  readonly count: number;
}

/** Share of `sample` for which `hit(x)` holds, with SE and Wilson interval. */
export function proportionEstimate(
  sample: NumericSample,
  hit: (x: number) => boolean,
  confidenceLevel: number,
): ProportionEstimate {
  const x = sample.values;
  const n = x.length;
  const y = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (hit(x[i]!)) {
      y[i] = 1;
      count++;
    }
  }
  const w = sample.weights;
  const est = linearizedMean(y, w);
  const p = w ? est.mean : count / n;
  // Unweighted: the binomial SE sqrt(p (1 - p) / n), as prop.test reports; weighted: svymean.
  const variance = w ? est.variance : (p * (1 - p)) / n;
  const nEff = proportionEffectiveN(p, variance, n, w);
  return {
    estimate: p,
    count,
    n,
    standardError: Math.sqrt(variance),
    confidenceInterval: wilsonInterval(p, nEff, confidenceLevel),
    confidenceLevel,
    intervalMethod: 'wilson',
    weighted: w !== undefined,
    weightSum: est.weightSum,
    missing: sample.missing,
  };
}

/** The {@link WilsonInference} fields of an estimate, for spreading into a result. */
export function wilsonInference(p: WilsonInference): WilsonInference {
  return {
    estimate: p.estimate, n: p.n, standardError: p.standardError, confidenceInterval: p.confidenceInterval, confidenceLevel: p.confidenceLevel,
    intervalMethod: p.intervalMethod, weighted: p.weighted, weightSum: p.weightSum, missing: p.missing,
  };
}
