/**
 * The across-segment tests of a profile, in compact form, with any test that cannot run
 * (a constant variable, a single category) reported as a note instead of aborting the profile.
 * @internal
 */
import { LoyaltyError } from '../errors.js';
import type { PreparedDesign } from '../survey/linearization.js';
import { raoScottTest } from '../survey/raoScott.js';
import type { Warning } from '../types.js';
import { chiSquareIndependence } from './chiSquareIndependence.js';
import { kruskalWallis } from './kruskalWallis.js';
import { oneWayAnova } from './oneWayAnova.js';

/** One-way ANOVA across segments (classical F). */
export interface AnovaSummary {
  readonly statistic: number;
  readonly dfBetween: number;
  readonly dfWithin: number;
  readonly pValue: number;
  readonly etaSquared: number;
}

/** Kruskal-Wallis across segments (tie-corrected H). */
export interface KruskalWallisSummary {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly epsilonSquared: number;
}

/** Pearson chi-square of segment x category (no continuity correction). */
export interface ChiSquareSummary {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly cramersV: number;
  readonly minimumExpected: number;
  readonly cellsExpectedBelowFive: number;
  /**
   * With a survey design: the Rao-Scott corrected test (R `svychisq`): the F form (R's default:
   * `statistic`, `df1`, `df2`, `pValue`) and the first-order corrected chi-square. The fields
   * above stay the unweighted Pearson test.
   */
  readonly raoScott?: {
    readonly statistic: number;
    readonly df1: number;
    readonly df2: number;
    readonly pValue: number;
    readonly chiSquare: { readonly statistic: number; readonly df: number; readonly pValue: number };
    /** Pearson's X^2 of the weighted table scaled to its n (the statistic the corrections divide). */
    readonly pearson: number;
    readonly meanDesignEffect: number;
  };
}

/** Tests of a numeric variable; a test is `null` when it cannot run (see the profile's `warnings`). */
export interface NumericTests {
  readonly anova: AnovaSummary | null;
  readonly kruskalWallis: KruskalWallisSummary | null;
}

function attempt<T>(what: string, warnings: Warning[], fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LoyaltyError) {
      warnings.push({ code: 'TEST_NOT_COMPUTED', message: `${what}: not computed (${e.code}: ${e.message})` });
      return null;
    }
    throw e;
  }
}

export function numericTests(name: string, groups: readonly number[][], warnings: Warning[]): NumericTests {
  const anova = attempt(`${name}, one-way ANOVA`, warnings, () => {
    const r = oneWayAnova(groups);
    return { statistic: r.statistic, dfBetween: r.dfBetween, dfWithin: r.dfWithin, pValue: r.pValue, etaSquared: r.etaSquared };
  });
  const kw = attempt(`${name}, Kruskal-Wallis`, warnings, () => {
    const r = kruskalWallis(groups);
    return { statistic: r.statistic, df: r.df, pValue: r.pValue, epsilonSquared: r.epsilonSquared };
  });
  return { anova, kruskalWallis: kw };
}

export function categoricalTest(
  name: string,
  table: readonly number[][],
  warnings: Warning[],
  design?: { readonly rows: Int32Array; readonly columns: Int32Array; readonly prepared: PreparedDesign },
): ChiSquareSummary | null {
  return attempt(`${name}, chi-square`, warnings, () => {
    const r = chiSquareIndependence(table);
    const rs = design ? raoScottTest(design.rows, design.columns, design.prepared, name) : undefined;
    return {
      ...(rs
        ? {
            raoScott: {
              statistic: rs.statistic,
              df1: rs.df1,
              df2: rs.df2,
              pValue: rs.pValue,
              chiSquare: rs.chiSquare,
              pearson: rs.pearson,
              meanDesignEffect: rs.meanDesignEffect,
            },
          }
        : {}),
      statistic: r.statistic,
      df: r.df,
      pValue: r.pValue,
      cramersV: r.cramersV,
      minimumExpected: r.minimumExpected,
      cellsExpectedBelowFive: r.cellsExpectedBelowFive,
    };
  });
}
