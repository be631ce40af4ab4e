/**
 * Result and option types of {@link profileSegments}.
 * @module
 */
import type { DesignSummary, SurveyDesign } from '../survey/design.js';
import type { EstimateFields, IntervalMethod, MissingReport, ScaleRange, Warning } from '../types.js';
import type { ProfileVariable } from './profileVariables.js';
import type { MeasureDefinition, MeasureSpec } from './resolveMeasure.js';
import type { ChiSquareSummary, NumericTests } from './segmentTests.js';
import type { LoyaltySegment } from './segmentLoyalty.js';

/** Options of {@link profileSegments}. */
export interface ProfileSegmentsOptions {
  /**
   * Variables to profile: column names (typed automatically: strings, booleans and 0/1 columns are
   * categorical, other numbers numeric) or measures such as `{ name: 'trust', mean: ['tru1', 'tru2', 'tru3'] }`,
   * optionally with `type: 'numeric' | 'categorical'`.
   */
  readonly variables?: readonly (string | ProfileVariable)[];
  /** The 0-10 recommend column for NPS per segment (with optional cut points and scale). */
  readonly nps?:
    | string
    | {
        readonly column: string;
        readonly promoterMin?: number;
        readonly detractorMax?: number;
        readonly scale?: ScaleRange;
        /** Scores that code a missing answer (e.g. `[-99]`): left out of the segment's NPS. */
        readonly missingCodes?: readonly number[];
      };
  /** Revenue per row (e.g. `'spend_12m'`): total, mean and share of revenue per segment. */
  readonly revenue?: MeasureSpec;
  /** Column of sampling weights: shares, means, NPS and revenue become weighted estimates; tests stay unweighted. */
  readonly weights?: string;
  /**
   * A survey design of column names (`{ weights, strata?, clusters?, fpc?, lonelyPsu? }`), instead
   * of `weights`: estimates are weighted with design-based SEs of each segment as a domain (R
   * `svyby(..., svymean)`), and every chi-square test gains its Rao-Scott correction (`raoScott`,
   * R `svychisq`). The ANOVA and Kruskal-Wallis tests stay unweighted.
   */
  readonly design?: SurveyDesign<string>;
  readonly confidenceLevel?: number;
}

/** Mean of a numeric variable in one segment. */
export interface NumericSummary {
  readonly n: number;
  readonly mean: number;
  /** Sample SD (n - 1); `null` with weights or a single value. */
  readonly standardDeviation: number | null;
  /** SE of the mean (Taylor-linearized with weights); `null` for a single value. */
  readonly standardError: number | null;
}

/** Category counts and (weighted) shares of a categorical variable in one segment. */
export interface CategoricalSummary {
  readonly n: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly shares: Readonly<Record<string, number>>;
}

/** One segment's profile. */
export interface SegmentProfile {
  readonly segment: LoyaltySegment;
  readonly label: string;
  readonly n: number;
  /** Share of the profiled rows (weighted when weights are given). */
  readonly share: number;
  /** `null` for a variable without values in this segment. */
  readonly numeric: Readonly<Record<string, NumericSummary | null>>;
  readonly categorical: Readonly<Record<string, CategoricalSummary>>;
  /** The segment's NPS (`estimate`, in points) with its interval (`'adjusted-wald'`, or `'wald'` with weights). */
  readonly nps:
    | (EstimateFields & {
        readonly intervalMethod: IntervalMethod;
        readonly n: number;
        readonly promoterShare: number;
        readonly detractorShare: number;
      })
    | null;
  readonly revenue: { readonly n: number; readonly total: number; readonly mean: number | null; readonly share: number } | null;
}

/** Result of {@link profileSegments}. */
export interface ProfileSegmentsResult {
  readonly method: 'segment-profile';
  /** Rows profiled (with a segment, and a weight when weighted). */
  readonly n: number;
  readonly weighted: boolean;
  readonly segments: readonly LoyaltySegment[];
  readonly emptySegments: readonly LoyaltySegment[];
  readonly profiles: Readonly<Record<LoyaltySegment, SegmentProfile>>;
  /** Differences across the non-empty segments (unweighted, available cases per variable). */
  readonly tests: {
    readonly numeric: Readonly<Record<string, NumericTests>>;
    readonly categorical: Readonly<Record<string, ChiSquareSummary | null>>;
    /** Chi-square of promoter / passive / detractor by segment. */
    readonly nps: ChiSquareSummary | null;
    readonly revenue: NumericTests | null;
  };
  readonly variables: readonly {
    readonly name: string;
    readonly type: 'numeric' | 'categorical';
    readonly definition: MeasureDefinition;
  }[];
  /** Tests that could not run, and why (`TEST_NOT_COMPUTED`). */
  readonly warnings: readonly Warning[];
  /** Rows without a segment (or weight) are dropped; `byColumn` counts missing cells per variable among profiled rows. */
  readonly missing: MissingReport;
  /** The design (strata, clusters, degrees of freedom...), `null` without one. */
  readonly design: DesignSummary | null;
  readonly options: { readonly confidenceLevel: number; readonly weights: string | null };
}
