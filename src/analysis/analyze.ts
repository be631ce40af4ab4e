import { InputError } from '../errors.js';
import type { DominanceAnalysisResult } from '../importance/dominanceAnalysis.js';
import type { ImportancePerformanceResult } from '../importance/importancePerformance.js';
import type { PenaltyRewardResult } from '../importance/penaltyReward.js';
import type { NecessaryConditionsResult } from '../importance/necessaryConditions.js';
import { relativeImportance, type RelativeImportanceResult } from '../importance/relativeImportance.js';
import { whatIf, type WhatIfResult } from '../importance/whatIf.js';
import type { CsatResult } from '../indices/csat.js';
import type { CustomerLoyaltyIndexResult } from '../indices/customerLoyaltyIndex.js';
import type { NpsResult } from '../indices/nps.js';
import type { RetentionResult } from '../indices/retentionRate.js';
import { driverCorrelations, type DriverCorrelationsResult } from '../measurement/driverCorrelations.js';
import { htmt, type HtmtResult } from '../measurement/htmt.js';
import { reliability, type ReliabilityResult } from '../measurement/reliability.js';
import { scaleScores } from '../measurement/scaleScores.js';
import { sufficientStatistics } from '../summary/sufficientStatistics.js';
import { validatedModel } from '../model/validateModel.js';
import type { LoyaltyModel } from '../model/types.js';
import type { CompareWavesResult } from '../monitoring/waveTypes.js';
import { logisticRegression } from '../regression/logisticRegression.js';
import { ols } from '../regression/ols.js';
import type { LogisticResult, OlsResult } from '../regression/types.js';
import { profileSegments } from '../segmentation/profileSegments.js';
import type { ProfileSegmentsResult } from '../segmentation/profileTypes.js';
import { segmentLoyalty, type SegmentLoyaltyResult } from '../segmentation/segmentLoyalty.js';
import { requireRows } from '../internal/validate.js';
import type { BootstrapOptions, Row, Warning } from '../types.js';
import { rake, type RakeResult } from '../survey/rake.js';
import { loyaltyIndices } from './loyaltyIndices.js';
import { pathsSection, type PathsAnalysis } from './pathsSection.js';
import {
  analysisResult,
  analysisSettings,
  attempt,
  binaryImportance,
  momentSections,
  rowBoundSections,
  waveSection,
  profileOptions,
} from './sections.js';
import { modelMeasure } from './modelMeasure.js';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /**
   * Bootstrap of the importance intervals and of the wave differences: `false` (default) for none,
   * or `{ replicates, seed, confidenceLevel? }` (the level defaults to `confidenceLevel`).
   * Without its own `onProgress`, bootstrap progress goes to the `onProgress` below.
   */
  readonly bootstrap?: BootstrapOptions;
  readonly confidenceLevel?: number;
  /** What-if shift of each driver, in scale points (default 1). */
  readonly whatIfDelta?: number;
  /** Called with a short description as each step starts (and bootstrap progress). */
  readonly onProgress?: (step: string, completed?: number, total?: number) => void;
}

/** The driver analysis of one continuous outcome. */
export interface OutcomeAnalysis {
  readonly outcome: string;
  /** `ordinal`: the regression is linear on the codes; importance and dominance are over proportional-odds fits. */
  readonly kind: 'continuous' | 'binary' | 'ordinal';
  readonly regression: OlsResult | LogisticResult;
  readonly importance?: RelativeImportanceResult;
  readonly dominance?: DominanceAnalysisResult;
  readonly priorities?: ImportancePerformanceResult;
  /**
   * Penalty-reward analysis of the drivers (asymmetric effects, Kano classes): low group = the
   * bottom third of the driver's scale (score <= min + range / 3), high group = the top third
   * (score >= max - range / 3).
   */
  readonly asymmetry?: PenaltyRewardResult;
  /** Necessary-condition analysis of the drivers (CE-FDH and CR-FDH effect sizes, bottlenecks; no permutation test). */
  readonly necessity?: NecessaryConditionsResult;
  readonly whatIf?: readonly WhatIfResult[];
}

/** A section of {@link analyze} that could not run on these data, and why. */
export interface SkippedSection {
  /**
   * `'indices'`, `'scores'`, `'reliability'`, `'htmt'`, `'driver-correlations'`, `'regression'`,
   * `'importance'`, `'dominance'`, `'priorities'`, `'asymmetry'`, `'necessity'`, `'what-if'`, `'segments'`, `'profiles'`,
   * `'waves'`, `'paths'` or `'paths-ipma'`.
   */
  readonly section: string;
  /** The outcome, for the sections run per outcome. */
  readonly outcome?: string;
  /** The error's code (`TOO_FEW_CASES`, `SEPARATION`, ...). */
  readonly code: string;
  readonly message: string;
}

/** Result of {@link analyze}: every section the model asked for (absent sections were not asked for, or are in `skipped`). */
export interface Analysis {
  readonly method: 'analyze';
  /** Rows in (each section reports its own `n`, the cases it used). */
  readonly rowsIn: number;
  readonly model: LoyaltyModel;
  /** Options used, defaults filled in (the bootstrap without its progress callback). */
  readonly options: {
    readonly bootstrap:
      | false
      | {
          readonly replicates: number;
          readonly seed: number;
          readonly confidenceLevel: number;
          /** The importance bootstrap's method, when one was asked for (`analyzeSource`: always, default `'poisson'`). */
          readonly method?: 'row-resampling' | 'poisson';
        };
    readonly confidenceLevel: number;
    readonly whatIfDelta: number;
  };
  readonly indices: {
    readonly nps?: NpsResult;
    readonly npsWeighted?: NpsResult;
    readonly csat?: CsatResult;
    readonly customerLoyaltyIndex?: CustomerLoyaltyIndexResult;
    readonly retention?: RetentionResult;
  };
  readonly measurement?: {
    readonly reliability: ReliabilityResult;
    readonly htmt?: HtmtResult;
    readonly driverCorrelations?: DriverCorrelationsResult;
  };
  readonly outcomes: readonly OutcomeAnalysis[];
  readonly segmentation?: { readonly segments: SegmentLoyaltyResult; readonly profile: ProfileSegmentsResult };
  readonly waves?: CompareWavesResult;
  /** The path model of `model.paths` (PLS estimates, bootstrap, mediation, importance-performance map). */
  readonly paths?: PathsAnalysis;
  /**
   * The raking of the weights (`model.raking`), without the weights themselves (they are the
   * column named in `weightColumn`, used by every weighted section); absent without raking.
   */
  readonly raking?: Omit<RakeResult, 'weights'> & { readonly weightColumn: string };
  /**
   * Steps that could not run on these data, with the reason (the rest of the analysis still ran):
   * `NO_DRIVERS`, `TOO_FEW_DRIVERS`, `TOO_FEW_WAVES`, `BOOTSTRAP_NOT_RUN`, `NOT_CONVERGED` (raking).
   */
  readonly warnings: readonly Warning[];
  /**
   * Sections that could not run on these data (too few cases, separation, a singular matrix...):
   * each is left out of the result and listed here; the rest of the analysis ran.
   */
  readonly skipped: readonly SkippedSection[];
}

/** A skipped section's name as the tool and the report say it: `regression of retained`, `waves`. @internal */
export function skippedSectionName(s: SkippedSection): string {
  return s.outcome === undefined ? s.section : `${s.section} of ${s.outcome}`;
}

/**
 * Runs everything a model file asks for on survey rows: loyalty indices with intervals, driver
 * reliability and validity, a regression of each outcome on the drivers, driver importance
 * (lmg/Shapley and the other relaimpo metrics, dominance), importance-performance priorities and
 * what-if effects, attitude x behaviour segments with profiles, and the wave comparison. It is
 * what the command-line tool's `analyze` and `report` run.
 *
 * Method: each section calls the library function of the same name (see their docs); driver
 * scores are the model's scales scored by `scaleScores` and named after the scales. Every model
 * fit is listwise on its own variables. For speed on large surveys, reliability and HTMT run on one
 * pass of item sufficient statistics, and importance, dominance and priorities on one pass of the
 * (weighted) outcome-and-driver statistics (the same numbers as from rows, see their docs).
 *
 * Each section runs on its own: one that cannot run on these data (too few cases in a wave,
 * separation in a logistic fit, a singular matrix: an InsufficientDataError or NumericalError) is
 * left out and listed in `skipped` with its section, code and message, and the rest is computed.
 * A section the model does not allow (one wave only, one driver) is a `warnings` entry. Input
 * errors (a missing column, a value out of range, a bad model) still throw: the data or the model
 * must be fixed.
 *
 * @param rows - Survey rows (plain objects).
 * @param model - A model from `validateModel` or `readModel` (`loyalty-drivers/io`); any other object (a parsed model file) is validated first.
 * @param options - `bootstrap` (`false` or `{ replicates, seed }`), confidence level, what-if delta, progress.
 * @returns An {@link Analysis}: plain JSON with every section's result object.
 * @throws Whatever the section functions throw for bad input (`InputError`, ...).
 *
 * @example
 * ```ts
 * import { analyze, validateModel } from 'loyalty-drivers';
 * const rows = Array.from({ length: 40 }, (_, i) => ({
 *   s1: 1 + (i % 5), s2: 1 + ((i * 3) % 5), t1: 1 + ((i * 2) % 5), t2: 1 + ((i + 1) % 5),
 *   recommend: (i * 7) % 11,
 * }));
 * const model = validateModel({
 *   scales: { satisfaction: { items: ['s1', 's2'], min: 1, max: 5 }, trust: { items: ['t1', 't2'], min: 1, max: 5 } },
 *   outcomes: ['recommend'], recommend: 'recommend',
 * }, { columns: Object.keys(rows[0]!) });
 * const result = analyze(rows, model);
 * result.outcomes[0]!.importance!.predictors; // => ['satisfaction', 'trust']
 * ```
 */
export function analyze(rows: readonly Row[], model: LoyaltyModel, options: AnalyzeOptions = {}): Analysis {
  const input = requireRows(rows);
  // The model as validated, under its documented name.
  model = validatedModel(model);
  const settings = analysisSettings(model, options);
  const { confidenceLevel, bootstrap, whatIfDelta, progress, missingCodes } = settings;
  const warnings: Warning[] = [];
  const skipped: SkippedSection[] = [];
  // Raking (model.raking) calibrates the weights first: every weighted section then uses them.
  let raking: Analysis['raking'];
  let weights = model.weight;
  let data = input;
  if (model.raking) {
    progress('raking');
    const r = rake(input, { ...model.raking, weights: model.weight });
    const weightColumn = uniqueColumn(input[0]!, `${model.weight ?? 'weight'}_raked`);
    data = input.map((row, i) => ({ ...row, [weightColumn]: r.weights[i] }));
    const { weights: _, ...summary } = r;
    raking = { ...summary, weightColumn };
    if (!r.converged) warnings.push(...r.warnings);
    weights = weightColumn;
  }
  // A survey design (model.design) carries the weights: indices and profiles use it.
  const design = model.design && weights ? { ...model.design, weights } : undefined;
  // Missing answers in the driver models (model.missing): listwise by default.
  const missing = model.missing ?? 'omit';
  const incomplete = missing === 'pairwise' || missing === 'fiml';

  progress('indices');
  const indices =
    attempt(skipped, 'indices', undefined, () =>
      loyaltyIndices(data, {
        recommend: model.recommend,
        csat: model.csat,
        loyaltyIndex: model.loyaltyIndex,
        retained: model.retained,
        weights,
        design,
        missingCodes,
        confidenceLevel,
      }),
    ) ?? {};

  const drivers = model.drivers;
  const scales = Object.fromEntries(drivers.map((d) => [d, model.scales[d]!]));
  let measurement: Analysis['measurement'];
  // Driver models and profiles run on slim rows: the driver scores plus only the columns the
  // model uses, so large surveys are not copied whole (1,000,000 rows x 30 columns is gigabytes).
  let scored: readonly Row[] = data;
  // Without driver scores (a scale nobody could be scored on) no driver section can run.
  const scores =
    drivers.length > 0
      ? attempt(skipped, 'scores', undefined, () => scaleScores(data, scales, { ...model.scoring, missingCodes }))
      : undefined;
  if (scores) {
    progress('reliability');
    for (const d of drivers) {
      if (Object.prototype.hasOwnProperty.call(data[0], d)) {
        throw new InputError(
          'INVALID_OPTION',
          `model.scales.${d}: the scale's name is also a column of the data; rename the scale so its score does not hide the column`,
          {
            argument: `model.scales.${d}`,
            column: d,
            expected: 'a scale name that is not a column',
          },
        );
      }
    }
    const s = model.segmentation;
    const keep = [
      ...new Set([
        ...model.outcomes.map((o) => o.column),
        ...(weights ? [weights] : []),
        ...(design ? [design.strata, design.clusters, design.fpc].filter((c): c is string => c !== undefined) : []),
        ...(model.recommend ? [model.recommend.column] : []),
        ...(s?.lockIn ? [s.lockIn] : []),
        ...(s?.profile ?? []),
        ...(typeof s?.revenue === 'string' ? [s.revenue] : []),
      ]),
    ];
    scored = data.map((row, i) => {
      const slim: Record<string, unknown> = {};
      for (const d of drivers) slim[d] = scores.scores[d]![i];
      for (const c of keep) slim[c] = row[c];
      return slim;
    });
    // One pass over every item feeds both the reliability models and HTMT (listwise on all items).
    // Pairwise and FIML read the items from the rows; listwise needs only their statistics.
    const items = [...new Set(drivers.flatMap((d) => model.scales[d]!.items))];
    const itemData = incomplete ? data : sufficientStatistics(data, { columns: items, missingCodes });
    const itemOptions = incomplete ? { missing, missingCodes } : {};
    const rel = attempt(skipped, 'reliability', undefined, () => reliability(itemData, scales, { confidenceLevel, ...itemOptions }));
    const validity = drivers.length >= 2 ? attempt(skipped, 'htmt', undefined, () => htmt(itemData, scales, itemOptions)) : undefined;
    const correlations =
      drivers.length >= 2
        ? attempt(skipped, 'driver-correlations', undefined, () => driverCorrelations(scored, [...drivers], { confidenceLevel, missing }))
        : undefined;
    if (rel) measurement = { reliability: rel, htmt: validity, driverCorrelations: correlations };
  }

  const outcomes: OutcomeAnalysis[] = [];
  for (const outcome of model.outcomes) {
    if (drivers.length > 0 && !scores) break;
    if (drivers.length === 0) {
      warnings.push({ code: 'NO_DRIVERS', message: `outcome "${outcome.column}": no driver scales in the model, so no driver analysis` });
      break;
    }
    progress(`regression of ${outcome.column}`);
    const o = outcome.column;
    if (outcome.kind === 'binary') {
      const logistic = attempt(skipped, 'regression', o, () =>
        logisticRegression(scored, { outcome: o, predictors: drivers, weights, confidenceLevel, missingCodes }),
      );
      if (!logistic) continue;
      // Importance for a 0/1 outcome fits complete rows: not under pairwise/FIML.
      let binary: ReturnType<typeof binaryImportance> = {};
      if (drivers.length >= 2 && !incomplete) {
        progress(`importance of the drivers of ${o}`);
        binary = binaryImportance(scored, { outcome: o, drivers, weights, missingCodes }, skipped);
      } else if (incomplete && drivers.length >= 2) {
        warnings.push({
          code: 'TOO_FEW_DRIVERS',
          message: `outcome "${o}": no importance for a binary outcome under model.missing "${missing}" (the subset fits need complete rows)`,
        });
      }
      outcomes.push({ outcome: o, kind: 'binary', regression: logistic, ...binary });
      continue;
    }
    // An outcome whose regression cannot run is left out whole (its sections all rest on that fit).
    const regression = attempt(skipped, 'regression', o, () =>
      ols(scored, { outcome: o, predictors: drivers, weights, confidenceLevel, missingCodes, missing }),
    );
    if (!regression) continue;
    if (outcome.kind === 'ordinal') {
      // An ordinal outcome: the linear regression on its codes (the report's table) and importance
      // over proportional-odds fits (family ordinal); the linear-only sections are left out.
      let ordinal: ReturnType<typeof binaryImportance> = {};
      if (drivers.length >= 2 && !incomplete) {
        progress(`importance of the drivers of ${o}`);
        ordinal = binaryImportance(scored, { outcome: o, drivers, weights, missingCodes, family: 'ordinal' }, skipped);
      } else if (drivers.length >= 2) {
        warnings.push({
          code: 'TOO_FEW_DRIVERS',
          message: `outcome "${o}": no importance for an ordinal outcome under model.missing "${missing}" (the subset fits need complete rows)`,
        });
      }
      outcomes.push({ outcome: o, kind: 'ordinal', regression, ...ordinal });
      continue;
    }
    let importance: RelativeImportanceResult | undefined;
    let dominance: DominanceAnalysisResult | undefined;
    let priorities: ImportancePerformanceResult | undefined;
    let asymmetry: PenaltyRewardResult | undefined;
    let necessity: NecessaryConditionsResult | undefined;
    if (drivers.length >= 2) {
      progress(`importance of the drivers of ${outcome.column}`);
      if (bootstrap && incomplete) {
        warnings.push({
          code: 'BOOTSTRAP_NOT_RUN',
          message: `importance of "${o}": no bootstrap intervals under model.missing "${missing}" (the bootstrap resamples complete rows)`,
        });
      }
      // The decompositions need only the (weighted) correlation matrix: one pass over the rows.
      // Under pairwise or FIML the functions read the incomplete rows themselves.
      const statistics = incomplete
        ? scored
        : sufficientStatistics(scored, { columns: [outcome.column, ...drivers], weights, missingCodes });
      const policy = incomplete ? { missing, missingCodes } : {};
      importance = attempt(skipped, 'importance', o, () =>
        relativeImportance(bootstrap && !incomplete ? scored : statistics, {
          outcome: o,
          predictors: drivers,
          weights: bootstrap && !incomplete ? weights : undefined,
          missingCodes,
          ...(incomplete ? { missing } : {}),
          bootstrap:
            bootstrap && !incomplete
              ? { ...bootstrap, onProgress: bootstrap.onProgress ?? ((done, total) => progress('bootstrap', done, total)) }
              : false,
        }),
      );
      ({ dominance, priorities } = momentSections(statistics, model, o, policy, skipped));
      ({ asymmetry, necessity } = rowBoundSections(scored, model, { outcome: o, weights, confidenceLevel, missingCodes }, skipped));
    } else {
      warnings.push({ code: 'TOO_FEW_DRIVERS', message: `outcome "${outcome.column}": importance needs at least two drivers` });
    }
    const recommendColumn = model.recommend?.column;
    const effects = attempt(skipped, 'what-if', o, () =>
      drivers.map((driver) =>
        whatIf(scored, {
          outcome: o,
          predictors: drivers,
          driver,
          delta: whatIfDelta,
          weights,
          confidenceLevel,
          missingCodes,
          nps: o === recommendColumn ? { promoterMin: model.recommend!.promoterMin, detractorMax: model.recommend!.detractorMax } : false,
        }),
      ),
    );
    outcomes.push({
      outcome: outcome.column,
      kind: 'continuous',
      regression,
      importance,
      dominance,
      priorities,
      asymmetry,
      necessity,
      whatIf: effects,
    });
  }

  let segmentation: Analysis['segmentation'];
  if (model.segmentation) {
    progress('segmentation');
    const s = model.segmentation;
    const segments = attempt(skipped, 'segments', undefined, () =>
      segmentLoyalty(data, {
        attitude: modelMeasure(model, s.attitude),
        behaviour: modelMeasure(model, s.behaviour),
        attitudeCut: s.attitudeCut,
        behaviourCut: s.behaviourCut,
      }),
    );
    const profile =
      segments &&
      attempt(skipped, 'profiles', undefined, () =>
        profileSegments(scored, segments, {
          ...profileOptions(model, scored !== data && drivers.length > 0),
          ...(design ? { design } : { weights }),
          confidenceLevel,
        }),
      );
    if (segments && profile) segmentation = { segments, profile };
  }

  let waves: CompareWavesResult | undefined;
  if (model.wave) {
    progress('waves');
    // Under a design each wave is a designed sample (no importance bootstrap: it resamples rows).
    waves = waveSection(
      data,
      model,
      { bootstrap: design ? null : bootstrap, confidenceLevel, weights: design ? undefined : weights, missingCodes, design },
      warnings,
      skipped,
    );
  }

  const paths = pathsSection(data, model, { bootstrap, missingCodes, progress }, skipped, warnings);

  return analysisResult(
    { rowsIn: data.length, model, indices, measurement, outcomes, segmentation, waves, paths, raking, warnings, skipped },
    settings,
    bootstrap?.method,
  );
}

/** `name`, or `name_2`, `name_3`... when the rows already have a column of that name. */
function uniqueColumn(row: Row, name: string): string {
  let candidate = name;
  for (let k = 2; Object.prototype.hasOwnProperty.call(row, candidate); k++) candidate = `${name}_${k}`;
  return candidate;
}
