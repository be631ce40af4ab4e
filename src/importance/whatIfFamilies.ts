/**
 * Result types of {@link whatIf} for a binary (`family: 'binomial'`) and an ordinal
 * (`family: 'ordinal'`) outcome.
 *
 * @module importance/whatIfFamilies
 */
import type { EstimateFields, MissingReport, Warning } from '../types.js';

/** An estimate with a Wald (normal) interval. */
export type WaldEstimate = EstimateFields & { readonly intervalMethod: 'wald' };

/** What every {@link whatIf} result of a non-linear family shares. */
interface WhatIfFamilyBase {
  readonly method: 'what-if';
  readonly outcome: string;
  readonly predictors: readonly string[];
  readonly driver: string;
  readonly delta: number;
  /** Cases used (listwise complete). */
  readonly n: number;
  readonly weightSum: number;
  readonly weighted: boolean;
  readonly confidenceLevel: number;
  readonly options: { readonly weights: string | null; readonly family: 'binomial' | 'ordinal' };
  readonly missing: MissingReport;
  /** Empty so far. */
  readonly warnings: readonly Warning[];
}

/** Result of {@link whatIf} with `family: 'binomial'` (a 0/1 outcome such as retained). */
export interface WhatIfBinomialResult extends WhatIfFamilyBase {
  readonly family: 'binomial';
  /** The driver's log-odds coefficient in the logistic fit ({@link logisticRegression}), Wald interval. */
  readonly coefficient: WaldEstimate;
  /**
   * The average change in predicted probability when the driver rises by `delta` (every case
   * shifted, the other drivers as observed): `mean_i [p(x_i + delta e_j) - p(x_i)]`, weighted
   * when weights are given, with its delta-method standard error and Wald interval.
   */
  readonly probabilityChange: WaldEstimate;
  /** The (weighted) mean predicted probability as observed, and after the shift. */
  readonly probability: { readonly baseline: number; readonly predicted: number };
}

/** A model-based NPS (points) with its category shares. */
export type PredictedNps = WaldEstimate & {
  readonly promoterShare: number;
  readonly passiveShare: number;
  readonly detractorShare: number;
};

/** Result of {@link whatIf} with `family: 'ordinal'` (the 0-10 recommend score as ordered categories). */
export interface WhatIfOrdinalResult extends WhatIfFamilyBase {
  readonly family: 'ordinal';
  /** The driver's coefficient in the proportional-odds logit fit ({@link ordinalRegression}), Wald interval. */
  readonly coefficient: WaldEstimate;
  /** The outcome values that are the model's categories (sorted). */
  readonly levels: readonly number[];
  readonly nps: {
    /** NPS of the observed scores of the cases used. */
    readonly observed: number;
    /** NPS from the fitted category probabilities, as observed (delta-method SE, Wald interval). */
    readonly baseline: PredictedNps;
    /** NPS from the category probabilities after the shift. */
    readonly predicted: PredictedNps;
    /** `predicted - baseline`, with the delta-method SE of the difference. */
    readonly change: WaldEstimate;
    readonly promoterMin: number;
    readonly detractorMax: number;
  };
}
