/**
 * Option and result types of {@link compareWaves}.
 * @module
 */
import type { BootstrapInterval } from '../importance/bootstrapImportance.js';
import type { ImportanceMetric } from '../importance/importanceMetrics.js';
import type { ScaleDefinitions } from '../measurement/types.js';
import type { DesignSummary, SurveyDesign } from '../survey/design.js';
import type { BootstrapOptions, BootstrapSummary, EstimateFields, Interval, MissingReport, ScaleRange, Warning } from '../types.js';
import type { MeasureSpec } from '../segmentation/resolveMeasure.js';
import type { HighRule } from '../segmentation/segmentLoyalty.js';
import type { SegmentTransitionsResult } from '../segmentation/segmentTransitions.js';
import type { CompareMeansResult } from './compareMeans.js';
import type { CompareNpsResult } from './compareNps.js';
import type { CompareProportionsResult } from './compareProportions.js';

/** A wave label as found in the data. */
export type WaveValue = string | number;

/** Importance per wave and its bootstrap. */
export interface WaveImportanceOptions {
  /** Outcome column the drivers explain, e.g. `'recommend'`. */
  readonly outcome: string;
  /** Importance metric (default `'lmg'`, the Shapley value of R2). */
  readonly metric?: ImportanceMetric;
  /**
   * Bootstrap of the importance differences between waves: `false` (default) for none, or
   * `{ replicates, seed, confidenceLevel? }` (the level defaults to the comparison's).
   */
  readonly bootstrap?: BootstrapOptions;
}

/** The Dick & Basu segments whose transitions a panel comparison counts (see {@link segmentTransitions}). */
export interface WaveSegmentsOptions {
  readonly attitude: MeasureSpec;
  readonly behaviour: MeasureSpec;
  readonly attitudeCut?: number | 'median';
  readonly behaviourCut?: number | 'median';
  readonly attitudeHigh?: HighRule;
  readonly behaviourHigh?: HighRule;
  /** Revenue column: what the moves did to revenue. */
  readonly revenue?: string;
}

/** Options of {@link compareWaves}. */
export interface CompareWavesOptions {
  /** Column holding the wave (survey round, before/after); numbers or strings. */
  readonly wave: string;
  /** Waves to compare, in order (default: every wave in the data, ascending). Rows of other waves are left out. */
  readonly order?: readonly WaveValue[];
  /** Compare every wave with this one; default: each wave with the one before it. */
  readonly baseline?: WaveValue;
  /** 0-10 recommend column for NPS (optionally with cut points and scale). */
  readonly nps?:
    | string
    | { readonly column: string; readonly promoterMin?: number; readonly detractorMax?: number; readonly scale?: ScaleRange };
  /** CSAT column (1-5 by default; top-2-box). */
  readonly csat?: string | { readonly column: string; readonly satisfiedMin?: number; readonly scale?: ScaleRange };
  /** 0/1 retained column. */
  readonly retention?: string;
  /** Customer Loyalty Index items (mean convention, 0-100 per respondent). */
  readonly customerLoyaltyIndex?: { readonly items: readonly string[]; readonly scale?: ScaleRange };
  /** Driver scales: means per wave and Welch tests, scored by `scaleScores` (every item answered). */
  readonly drivers?: ScaleDefinitions;
  /** Driver importance per wave (needs `drivers`), with bootstrap intervals of the differences. */
  readonly importance?: WaveImportanceOptions;
  /** Column of sampling weights. */
  readonly weights?: string;
  /**
   * A survey design of column names (`{ weights, strata?, clusters?, fpc?, lonelyPsu? }`), instead
   * of `weights`: each wave is an independent sample with its own strata and PSUs (R `svydesign`
   * per wave, or strata crossed with the wave); every index and driver mean gets its design-based
   * SE, and the changes compare them as `compareNps` / `compareProportions` / `compareMeans` do for
   * designed samples. No importance bootstrap with a design.
   */
  readonly design?: SurveyDesign<string>;
  readonly confidenceLevel?: number;
  readonly missingCodes?: readonly number[];
  /**
   * Respondent id column, for a panel (the same respondents in several waves): with `segments`,
   * each comparison counts how respondents moved between the loyalty segments.
   */
  readonly id?: string;
  /** The segments of the transition matrix (needs `id`). */
  readonly segments?: WaveSegmentsOptions;
}

/** An index in one wave: the estimate with its SE and interval, and the cases used. */
export interface WaveEstimate extends EstimateFields {
  readonly n: number;
}

/** A driver's mean in one wave. */
export interface WaveDriverMean {
  readonly mean: number;
  readonly standardError: number;
  /** `null` with weights. */
  readonly standardDeviation: number | null;
}

/** Importance of the drivers in one wave. */
export interface WaveImportance {
  readonly n: number;
  readonly rSquared: number;
  /** Raw metric per driver (R2 units for lmg). */
  readonly importance: Readonly<Record<string, number>>;
  /** Metric per driver divided by its sum. */
  readonly shares: Readonly<Record<string, number>>;
  /** Percentile bootstrap interval per driver (when bootstrapped); `estimate` is the wave's importance. */
  readonly intervals: Readonly<Record<string, BootstrapInterval>> | null;
}

/** One wave's indices, driver means and importance. */
export interface WaveSummary {
  readonly wave: WaveValue;
  /** Rows in this wave. */
  readonly rows: number;
  /** NPS in points. */
  readonly nps: WaveEstimate | null;
  /** CSAT in points (0-100). */
  readonly csat: WaveEstimate | null;
  /** Retention rate, 0-1. */
  readonly retention: WaveEstimate | null;
  /** Mean per-respondent CLI, 0-100. */
  readonly customerLoyaltyIndex: WaveEstimate | null;
  /** Driver means on the wave's rows complete on every driver item (`n` of them). */
  readonly drivers: { readonly n: number; readonly means: Readonly<Record<string, WaveDriverMean>> } | null;
  readonly importance: WaveImportance | null;
}

/** Bootstrap distribution of a between-wave difference (`to - from`). */
export interface WaveDifferenceInterval extends EstimateFields {
  /** Point estimate of the difference `to - from`. */
  readonly estimate: number;
  /** Standard deviation of the replicate differences. */
  readonly standardError: number;
  /** Percentile interval of the replicate differences. */
  readonly confidenceInterval: Interval;
  readonly intervalMethod: 'percentile';
  /** Share of replicates with a positive difference; near 0 or 1 means a clear change. */
  readonly proportionPositive: number;
}

/** The change from one wave to another (`to - from`). */
export interface WaveComparison {
  readonly from: WaveValue;
  readonly to: WaveValue;
  /** Difference in NPS points, z test. */
  readonly nps: CompareNpsResult | null;
  /** Difference in proportion units (0-1), R prop.test (or weighted Wald). */
  readonly csat: CompareProportionsResult | null;
  readonly retention: CompareProportionsResult | null;
  /** Welch t on the per-respondent CLI (0-100). */
  readonly customerLoyaltyIndex: CompareMeansResult | null;
  /** Welch t per driver. */
  readonly drivers: Readonly<Record<string, CompareMeansResult>> | null;
  /** Bootstrap intervals of the importance differences (and of R2's). */
  readonly importance: {
    readonly rSquared: WaveDifferenceInterval;
    readonly drivers: Readonly<Record<string, WaveDifferenceInterval>>;
  } | null;
  /**
   * With `id` and `segments`: how the respondents of both waves moved between segments, with the
   * Stuart-Maxwell and Bowker tests and the NPS and revenue changes ({@link segmentTransitions});
   * `null` otherwise, or when no respondent is in both waves (a `NO_PANEL` warning).
   */
  readonly transitions: SegmentTransitionsResult | null;
}

/** Result of {@link compareWaves}. */
export interface CompareWavesResult {
  readonly method: 'wave-comparison';
  readonly wave: string;
  readonly waves: readonly WaveSummary[];
  /** `'consecutive'` or `'baseline'`. */
  readonly design: 'consecutive' | 'baseline';
  readonly comparisons: readonly WaveComparison[];
  readonly weighted: boolean;
  /** The design of each wave's sample (strata, PSUs, design df), in wave order; `null` without a design. */
  readonly surveyDesign: readonly DesignSummary[] | null;
  readonly confidenceLevel: number;
  /** Importance settings used (null without importance). */
  readonly importance: { readonly outcome: string; readonly metric: ImportanceMetric } | null;
  /** The bootstrap of the importance differences (null when none ran). */
  readonly bootstrap: BootstrapSummary | null;
  /** Rows without a wave (or of a wave not compared) are dropped. */
  readonly missing: MissingReport;
  /** `NO_PANEL`: `id` given but no respondent (with a segment) is in both waves of a comparison. */
  readonly warnings: readonly Warning[];
}
