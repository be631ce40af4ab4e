import { InputError } from '../errors.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import type { StatisticsSource } from '../summary/matrixInput.js';
import type { MissingReport, Warning } from '../types.js';
import { allSubsets } from './allSubsets.js';
import { levelContributions } from './levelContributions.js';
import { completeDominance } from './completeDominance.js';
import { readImportanceData, type ImportanceDataOptions } from './importanceData.js';
import { importanceCollinearity } from './importanceCollinearity.js';
import { TIE_TOLERANCE, averageRanks } from './averageRanks.js';
import { DEFAULT_EXACT_LIMIT, MAX_EXACT_LIMIT } from './importanceMetrics.js';
import { normalizedShares } from './normalizedShares.js';
import { checkNumberOption } from '../internal/validate.js';
import type { ImportanceFamily, PlayerOptions, PseudoRSquared } from './familyData.js';
import type { FitIndex } from './playerFits.js';
import { FAMILY_EXACT_LIMIT, FAMILY_MAX_LIMIT, needsPlayers, playerImportance, type PlayerReport } from './playerImportance.js';
import type { RelativeImportanceResult } from './relativeImportance.js';

/** Largest p for complete dominance: it keeps the R2 of all 2^p subsets (8 * 2^p bytes, 268 MB at 25). */
export const COMPLETE_DOMINANCE_LIMIT = 25;

/** Options of {@link dominanceAnalysis}. */
export interface DominanceAnalysisOptions extends ImportanceDataOptions, PlayerOptions {
  /**
   * Compute complete dominance (default true). It needs the R2 of every subset in memory
   * (`8 * 2^p` bytes); `false` keeps memory at O(p^2) and allows p above 25 with a raised limit.
   */
  readonly complete?: boolean;
  /**
   * Exact limit on the number of predictors (players), 2..30 (default 25; binomial and ordinal:
   * default 15, at most 20; time doubles per predictor).
   */
  readonly maxPredictors?: number;
}

/** A pairwise dominance matrix: `[i][j]` = 1 when predictor i dominates j, 0 when j dominates i, 0.5 undetermined (and the diagonal). */
export type DominanceMatrix = readonly (readonly number[])[];

/** Result of {@link dominanceAnalysis}: a readonly plain object (JSON round-trips). */
export interface DominanceAnalysisResult {
  readonly method: 'dominance-analysis';
  /** Outcome family (`'gaussian'` unless asked otherwise). */
  readonly family: ImportanceFamily;
  /** The fit index decomposed: `'r-squared'`, or the pseudo-R2 named (binomial, ordinal). */
  readonly fitIndex: FitIndex;
  readonly outcome: string;
  /** Row and column order of the matrices. */
  readonly predictors: readonly string[];
  /** Complete cases used (with weights: those with a positive weight, as R's `lm` counts them). */
  readonly n: number;
  readonly weightSum: number;
  readonly weighted: boolean;
  readonly source: StatisticsSource;
  /** The fit index (R2 or the pseudo-R2) of the full model; with always-in covariates, the general contributions sum to it minus `model.always.fitIndex`. */
  readonly rSquared: number;
  /** Present for a binomial or ordinal family, sets, always-in or categorical drivers (see {@link RelativeImportanceResult}). */
  readonly model?: PlayerReport;
  /** Number of subset models evaluated (2^p). */
  readonly subsets: number;
  /** Complete dominance; `null` when not requested (`complete: false`). */
  readonly complete: DominanceMatrix | null;
  readonly conditional: DominanceMatrix;
  readonly general: DominanceMatrix;
  /**
   * `contributionByLevel[k][predictor]`: the average R2 gain from adding the predictor to the
   * subsets of k other predictors (k = 0: its r^2; k = p - 1: its `last`).
   */
  readonly contributionByLevel: readonly Readonly<Record<string, number>>[];
  /** General dominance: the mean over levels, equal to lmg; sums to R2. */
  readonly generalContribution: Readonly<Record<string, number>>;
  /** General contributions divided by R2. */
  readonly generalShares: Readonly<Record<string, number>>;
  /** Rank by general contribution (1 = most important). */
  readonly ranks: Readonly<Record<string, number>>;
  readonly options: {
    readonly weights: string | null;
    readonly complete: boolean;
    readonly family: ImportanceFamily;
    readonly pseudoRSquared: PseudoRSquared | null;
  };
  readonly missing: MissingReport;
  /**
   * Collinearity cautions (`HIGH_VIF`, `HIGH_CONDITION_NUMBER`, `SEVERE_COLLINEARITY`) and
   * `DOMINANCE_UNDETERMINED`: under severe collinearity, complete and conditional dominance between
   * two of the predictors involved is set to undetermined (0.5), as their difference is noise.
   */
  readonly warnings: readonly Warning[];
}

/**
 * 1 / 0 / 0.5 matrix from "all of a > b" comparisons of rows of values (strict, as R
 * dominanceanalysis, except that differences within `tolerance` count as ties).
 */
function dominanceFromProfiles(profiles: readonly (readonly number[])[], p: number, tolerance: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < p; i++) out.push(new Array<number>(p).fill(0.5));
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      let iAll = true;
      let jAll = true;
      for (const row of profiles) {
        if (!(row[i]! - row[j]! > tolerance)) iAll = false;
        if (!(row[j]! - row[i]! > tolerance)) jAll = false;
      }
      if (iAll) {
        out[i]![j] = 1;
        out[j]![i] = 0;
      } else if (jAll) {
        out[i]![j] = 0;
        out[j]![i] = 1;
      }
    }
  }
  return out;
}

/** The keys of {@link DominanceAnalysisOptions}. */
const KEYS = optionKeys<DominanceAnalysisOptions>({
  complete: true,
  maxPredictors: true,
  outcome: true,
  predictors: true,
  weights: true,
  missing: true,
  missingCodes: true,
  family: true,
  pseudoRSquared: true,
  sets: true,
  always: true,
  categorical: true,
});

/**
 * Dominance analysis (Budescu 1993; Azen & Budescu 2003) of R2 among the predictors: complete,
 * conditional and general dominance for every pair, the average contribution at each subset size,
 * and the general contributions (= lmg, the Shapley value). Matches R dominanceanalysis
 * (`dominanceAnalysis(lm(...))`, fit index r2).
 *
 * - **Complete**: i dominates j when adding i to every subset of the other predictors (the empty
 *   one included) raises R2 strictly more than adding j.
 * - **Conditional**: i's average gain exceeds j's at every subset size k = 0..p-1.
 * - **General**: i's mean of the level averages exceeds j's.
 *
 * With `family: 'binomial' | 'ordinal'` (rows only) the fit index is a pseudo-R2
 * (`pseudoRSquared`: McFadden by default, Cox-Snell, Nagelkerke, Estrella; Azen & Traxel 2009) of
 * the logistic or proportional-odds fit of every subset (R dominanceanalysis on `glm` / `clm`),
 * exact up to 15 drivers by default (at most 20). `sets`, `always` and `categorical` (every family)
 * make driver sets and dummy-coded columns one player and keep covariates in every submodel
 * (dominanceanalysis `terms` and `constants`).
 *
 * Comparisons are strict, as in R dominanceanalysis, except that differences within 1e-12 x R2
 * (rounding noise) count as ties, so exchangeable predictors come out undetermined (0.5).
 *
 * Method: the R2 of all 2^p subsets from the correlation matrix by a depth-first sweep walk
 * (Furnival 1971), O(1) amortised per subset; level averages from subset sums by size kept in
 * compensated double-double arithmetic; complete dominance scans the stored R2 table only for
 * pairs with conditional dominance (complete implies conditional), stopping at the first
 * counterexample. Time about 1-2 s at p = 25 plus the complete-dominance scan; memory O(p^2), plus
 * `8 * 2^p` bytes for complete dominance (268 MB at p = 25; pass `complete: false` to skip it).
 *
 * @param data - Rows, or a summary (sufficient statistics, correlation or covariance matrix with n).
 * @param options - `outcome`, `predictors` (2 to 25 by default), `weights` (rows), `missing`,
 *   `missingCodes`, `complete`, `maxPredictors`.
 * @returns The three dominance matrices (rows and columns in predictor order), contributions by
 *   level, general contributions, shares and ranks.
 * @throws InputError `INVALID_OPTION` (fewer than 2 predictors), `COLUMN_NOT_FOUND`, `NOT_NUMERIC`,
 *   `MISSING_VALUE`, `LIMIT_EXCEEDED` (more predictors than the limit; complete dominance above 25);
 *   InsufficientDataError `TOO_FEW_CASES`, `ZERO_VARIANCE`; NumericalError `NOT_POSITIVE_DEFINITE`.
 *
 * @example
 * ```ts
 * import { dominanceAnalysis } from 'loyalty-drivers';
 * const d = dominanceAnalysis(
 *   { correlation: [[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]], variables: ['y', 'a', 'b'], n: 100 },
 *   { outcome: 'y', predictors: ['a', 'b'] },
 * );
 * d.complete; // => [[0.5, 0], [1, 0.5]] (b dominates a completely)
 * d.contributionByLevel[0]; // => { a: 0.25, b: 0.36 } (r^2 alone)
 * d.contributionByLevel[1]; // => { a: 0.08047619047619048, b: 0.19047619047619047 } (R2 - 0.36, R2 - 0.25)
 * d.generalContribution; // => { a: 0.16523809523809524, b: 0.2752380952380952 }
 * ```
 */
export function dominanceAnalysis(data: unknown, options: DominanceAnalysisOptions): DominanceAnalysisResult {
  checkOptions(options, KEYS);
  if (needsPlayers(options)) return playerDominance(data, options);
  const input = readImportanceData(data, options);
  const p = input.predictors.length;
  const names = input.predictors;
  const wantComplete = options.complete ?? true;
  if (typeof wantComplete !== 'boolean') {
    throw new InputError('INVALID_OPTION', `options.complete: expected true or false, got ${JSON.stringify(wantComplete)}`, {
      argument: 'options.complete',
      expected: 'a boolean',
    });
  }
  const limit =
    options.maxPredictors === undefined
      ? DEFAULT_EXACT_LIMIT
      : checkNumberOption('options.maxPredictors', options.maxPredictors, { min: 2, max: MAX_EXACT_LIMIT, integer: true });
  if (p > limit) {
    throw new InputError(
      'LIMIT_EXCEEDED',
      `dominanceAnalysis: ${p} predictors exceed the limit of ${limit} (2^${limit} subset models); raise options.maxPredictors (at most ${MAX_EXACT_LIMIT}, with complete: false above ${COMPLETE_DOMINANCE_LIMIT}) or analyse fewer predictors`,
      {
        argument: 'options.predictors',
        value: p,
        expected: `at most ${limit} predictors`,
      },
    );
  }
  if (wantComplete && p > COMPLETE_DOMINANCE_LIMIT) {
    throw new InputError(
      'LIMIT_EXCEEDED',
      `dominanceAnalysis: complete dominance for ${p} predictors would keep 2^${p} R2 values (${((8 * 2 ** p) / 2 ** 30).toFixed(1)} GiB); the limit is ${COMPLETE_DOMINANCE_LIMIT} predictors; pass complete: false for conditional and general dominance`,
      {
        argument: 'options.complete',
        value: p,
        expected: `at most ${COMPLETE_DOMINANCE_LIMIT} predictors for complete dominance`,
      },
    );
  }
  const sums = allSubsets(input.correlation, p, wantComplete);
  const { byLevel, lmg } = levelContributions(sums);
  const tolerance = TIE_TOLERANCE * Math.abs(sums.rSquared);
  let conditional = dominanceFromProfiles(byLevel, p, tolerance);
  const general = dominanceFromProfiles([lmg], p, tolerance);
  const computed = wantComplete ? completeDominance(sums.table!, p, conditional, tolerance) : null;
  const collinearity = importanceCollinearity(input.correlation, names);
  const warnings: Warning[] = [...collinearity.warnings];
  let complete = computed;
  if (collinearity.level === 'severe' && collinearity.involved.length > 1) {
    const involved = collinearity.involved.map((n) => names.indexOf(n));
    const undetermined = (m: readonly (readonly number[])[]): number[][] =>
      m.map((row, i) => row.map((v, j) => (i !== j && involved.includes(i) && involved.includes(j) ? 0.5 : v)));
    const decided = involved.some((i) =>
      involved.some((j) => i !== j && (conditional[i]![j] !== 0.5 || (computed && computed[i]![j] !== 0.5))),
    );
    if (decided) {
      conditional = undetermined(conditional);
      if (complete) complete = undetermined(complete);
      warnings.push({
        code: 'DOMINANCE_UNDETERMINED',
        message: `complete and conditional dominance among ${collinearity.involved.map((n) => `"${n}"`).join(', ')} are set to undetermined (0.5): which of them adds more to R2 is decided by rounding noise. General dominance (the lmg averages) stands.`,
      });
    }
  }
  const toRecord = (values: readonly number[]): Record<string, number> => {
    const out: Record<string, number> = {};
    names.forEach((name, j) => {
      out[name] = values[j]!;
    });
    return out;
  };
  return {
    method: 'dominance-analysis',
    family: 'gaussian',
    fitIndex: 'r-squared',
    outcome: input.outcome,
    predictors: names,
    n: input.n,
    weightSum: input.weightSum,
    weighted: input.weighted,
    source: input.source,
    rSquared: sums.rSquared,
    subsets: 2 ** p,
    complete,
    conditional,
    general,
    contributionByLevel: byLevel.map(toRecord),
    generalContribution: toRecord(lmg),
    generalShares: toRecord(normalizedShares(lmg)),
    ranks: toRecord(averageRanks(lmg, tolerance)),
    options: { weights: options.weights ?? null, complete: wantComplete, family: 'gaussian', pseudoRSquared: null },
    missing: input.missing,
    warnings,
  };
}

/** dominanceAnalysis for a binomial or ordinal family, sets, always-in or categorical drivers. */
function playerDominance(data: unknown, options: DominanceAnalysisOptions): DominanceAnalysisResult {
  const wantComplete = options.complete ?? true;
  if (typeof wantComplete !== 'boolean') {
    throw new InputError('INVALID_OPTION', `options.complete: expected true or false, got ${JSON.stringify(wantComplete)}`, {
      argument: 'options.complete',
      expected: 'a boolean',
    });
  }
  const isFamily = options.family === 'binomial' || options.family === 'ordinal';
  const max = isFamily ? FAMILY_MAX_LIMIT : 20;
  const limit =
    options.maxPredictors === undefined
      ? isFamily
        ? FAMILY_EXACT_LIMIT
        : 20
      : checkNumberOption('options.maxPredictors', options.maxPredictors, { min: 2, max, integer: true });
  const core = playerImportance(data, options, { method: 'exact', limit }, 'dominanceAnalysis');
  const names = core.data.players;
  const P = names.length;
  const tolerance = TIE_TOLERANCE * Math.max(Math.abs(core.total), Math.abs(core.decomposed));
  const byLevel = core.byLevel!;
  const conditional = dominanceFromProfiles(byLevel, P, tolerance);
  const general = dominanceFromProfiles([core.lmg], P, tolerance);
  const complete = wantComplete ? completeDominance(core.table!.table, P, conditional, tolerance) : null;
  const toRecord = (values: readonly number[]): Record<string, number> => {
    const out: Record<string, number> = {};
    names.forEach((name, j) => {
      out[name] = values[j]!;
    });
    return out;
  };
  return {
    method: 'dominance-analysis',
    family: core.report.family,
    fitIndex: core.report.fitIndex,
    outcome: core.data.outcome,
    predictors: names,
    n: core.data.n,
    weightSum: core.data.weightSum,
    weighted: core.data.weights !== undefined,
    source: 'rows',
    rSquared: core.total,
    model: core.report,
    subsets: 2 ** P,
    complete,
    conditional,
    general,
    contributionByLevel: byLevel.map(toRecord),
    generalContribution: toRecord(core.lmg),
    generalShares: toRecord(normalizedShares(core.lmg)),
    ranks: toRecord(averageRanks(core.lmg, tolerance)),
    options: {
      weights: options.weights ?? null,
      complete: wantComplete,
      family: core.report.family,
      pseudoRSquared: core.report.fitIndex === 'r-squared' ? null : core.report.fitIndex,
    },
    missing: core.data.missing,
    warnings: [],
  };
}
