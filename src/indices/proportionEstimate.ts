/**
 * Shared machinery of the proportion-type indices (CSAT, retention, churn, repeat purchase):
 * a (weighted) share of cases meeting a condition, its Taylor-linearized SE, and a Wilson interval.
 * @internal
 */
import { linearizedMean, proportionEffectiveN, wilsonInterval } from '../internal/proportion.js';
import type { NumericSample } from '../internal/validate.js';
import type { Interval, MissingReport } from '../types.js';
import { designSummary, domainOf, spread, type DesignSummary } from '../survey/design.js';
import { designMean, type PreparedDesign } from '../survey/linearization.js';
import { waldInterval } from '../internal/proportion.js';

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
  /**
   * `'wilson'` (weighted data use the design-effect-adjusted effective n), or `'wald'` with a
   * survey `design` (design-based SE, normal quantile).
   */
  readonly intervalMethod: 'wilson' | 'wald';
  readonly weighted: boolean;
  readonly weightSum: number;
  /** The design, when `options.design` was given (else `null`); its design effect is the rate's. */
  readonly design: DesignSummary | null;
  readonly missing: MissingReport;
}

/** A proportion with its inference, in proportion units (0-1). */
export interface ProportionEstimate extends WilsonInference {
  /** Cases meeting the condition (unweighted count). */
  readonly count: number;
}

/**
 * Share of `sample` for which `hit(x)` holds, with SE and Wilson interval; with a prepared
 * `design` (whose rows `sample.index` points into), the design-based SE and a Wald interval.
 */
export function proportionEstimate(
  sample: NumericSample,
  hit: (x: number) => boolean,
  confidenceLevel: number,
  design?: PreparedDesign,
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
  if (design) {
    const est = designMean(spread(design.n, sample.index, y), design, domainOf(design.n, sample.index));
    const se = Math.sqrt(est.variance);
    return {
      estimate: est.estimate,
      count,
      n,
      standardError: se,
      confidenceInterval: waldInterval(est.estimate, se, confidenceLevel),
      confidenceLevel,
      intervalMethod: 'wald',
      weighted: true,
      weightSum: est.weightSum,
      design: designSummary(design, est.designEffect),
      missing: sample.missing,
    };
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
    design: null,
    missing: sample.missing,
  };
}

/** The {@link WilsonInference} fields of an estimate, for spreading into a result. */
export function wilsonInference(p: WilsonInference): WilsonInference {
  return {
    estimate: p.estimate,
    n: p.n,
    standardError: p.standardError,
    confidenceInterval: p.confidenceInterval,
    confidenceLevel: p.confidenceLevel,
    intervalMethod: p.intervalMethod,
    weighted: p.weighted,
    weightSum: p.weightSum,
    design: p.design,
    missing: p.missing,
  };
}
