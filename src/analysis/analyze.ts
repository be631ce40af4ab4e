import { checkBootstrap, checkOptions, optionKeys } from '../internal/options.js';
import { InputError } from '../errors.js';
import { dominanceAnalysis, type DominanceAnalysisResult } from '../importance/dominanceAnalysis.js';
import { importancePerformance, type ImportancePerformanceResult } from '../importance/importancePerformance.js';
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
import type { LoyaltyModel } from '../model/types.js';
import { compareWaves } from '../monitoring/compareWaves.js';
import type { CompareWavesResult } from '../monitoring/waveTypes.js';
import { logisticRegression } from '../regression/logisticRegression.js';
import { ols } from '../regression/ols.js';
import type { LogisticResult, OlsResult } from '../regression/types.js';
import { profileSegments } from '../segmentation/profileSegments.js';
import type { ProfileSegmentsResult } from '../segmentation/profileTypes.js';
import { segmentLoyalty, type SegmentLoyaltyResult } from '../segmentation/segmentLoyalty.js';
import { checkConfidenceLevel, checkNumberOption, requireRows } from '../internal/validate.js';
import type { BootstrapOptions, Row, Warning } from '../types.js';
import { loyaltyIndices } from './loyaltyIndices.js';
import { modelMeasure } from './modelMeasure.js';
import { recommendOptions, waveOptions } from './waveOptions.js';

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
  readonly kind: 'continuous' | 'binary';
  readonly regression: OlsResult | LogisticResult;
  readonly importance?: RelativeImportanceResult;
  readonly dominance?: DominanceAnalysisResult;
  readonly priorities?: ImportancePerformanceResult;
  readonly whatIf?: readonly WhatIfResult[];
}

/** Result of {@link analyze}: every section the model asked for (absent sections were not asked for). */
export interface Analysis {
  readonly method: 'analyze';
  /** Rows in (each section reports its own `n`, the cases it used). */
  readonly rowsIn: number;
  readonly model: LoyaltyModel;
  /** Options used, defaults filled in (the bootstrap without its progress callback). */
  readonly options: {
    readonly bootstrap: false | { readonly replicates: number; readonly seed: number; readonly confidenceLevel: number };
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
  /**
   * Steps that could not run on these data, with the reason (the rest of the analysis still ran):
   * `NO_DRIVERS`, `TOO_FEW_DRIVERS`, `TOO_FEW_WAVES`.
   */
  readonly warnings: readonly Warning[];
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
 * (weighted) outcome-and-driver statistics (the same numbers as from rows, see their docs). A section that cannot run on
 * these data (e.g. one wave only) is skipped with a warning; input errors still throw.
 *
 * @param rows - Survey rows (plain objects).
 * @param model - A validated model (`validateModel` or `readModel` from `loyalty-drivers/io`).
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
  const data = requireRows(rows);
  if (model === null || typeof model !== 'object' || model.version !== 1) {
    throw new InputError('INVALID_OPTION', 'model: expected a validated model (validateModel or readModel)', { argument: 'model' });
  }
  checkOptions(options, ANALYZE_KEYS);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  const bootstrap = checkBootstrap(options.bootstrap, 'options.bootstrap', confidenceLevel);
  const whatIfDelta = options.whatIfDelta === undefined ? 1 : checkNumberOption('options.whatIfDelta', options.whatIfDelta);
  const progress = options.onProgress ?? (() => undefined);
  const warnings: Warning[] = [];
  const weights = model.weight;
  const missingCodes = model.missingCodes.length > 0 ? model.missingCodes : undefined;

  progress('indices');
  const indices = loyaltyIndices(data, {
    recommend: model.recommend, csat: model.csat, loyaltyIndex: model.loyaltyIndex, retained: model.retained,
    weights, missingCodes, confidenceLevel,
  });

  const drivers = model.drivers;
  const scales = Object.fromEntries(drivers.map((d) => [d, model.scales[d]!]));
  let measurement: Analysis['measurement'];
  // Driver models and profiles run on slim rows: the driver scores plus only the columns the
  // model uses, so large surveys are not copied whole (1,000,000 rows x 30 columns is gigabytes).
  let scored: readonly Row[] = data;
  if (drivers.length > 0) {
    progress('reliability');
    const scores = scaleScores(data, scales, { ...model.scoring, missingCodes });
    for (const d of drivers) {
      if (Object.prototype.hasOwnProperty.call(data[0], d)) {
        throw new InputError('INVALID_OPTION', `model.scales.${d}: the scale's name is also a column of the data; rename the scale so its score does not hide the column`, {
          argument: `model.scales.${d}`, column: d, expected: 'a scale name that is not a column',
        });
      }
    }
    const s = model.segmentation;
    const keep = [...new Set([
      ...model.outcomes.map((o) => o.column), ...(weights ? [weights] : []), ...(model.recommend ? [model.recommend.column] : []),
      ...(s?.lockIn ? [s.lockIn] : []), ...(s?.profile ?? []), ...(typeof s?.revenue === 'string' ? [s.revenue] : []),
    ])];
    scored = data.map((row, i) => {
      const slim: Record<string, unknown> = {};
      for (const d of drivers) slim[d] = scores.scores[d]![i];
      for (const c of keep) slim[c] = row[c];
      return slim;
    });
    // One pass over every item feeds both the reliability models and HTMT (listwise on all items).
    const items = [...new Set(drivers.flatMap((d) => model.scales[d]!.items))];
    const itemStatistics = sufficientStatistics(data, { columns: items, missingCodes });
    const rel = reliability(itemStatistics, scales, { confidenceLevel });
    const validity = drivers.length >= 2 ? htmt(itemStatistics, scales) : undefined;
    const correlations = drivers.length >= 2 ? driverCorrelations(scored, [...drivers], { confidenceLevel }) : undefined;
    measurement = { reliability: rel, htmt: validity, driverCorrelations: correlations };
  }

  const outcomes: OutcomeAnalysis[] = [];
  for (const outcome of model.outcomes) {
    if (drivers.length === 0) {
      warnings.push({ code: 'NO_DRIVERS', message: `outcome "${outcome.column}": no driver scales in the model, so no driver analysis` });
      break;
    }
    progress(`regression of ${outcome.column}`);
    if (outcome.kind === 'binary') {
      outcomes.push({
        outcome: outcome.column, kind: 'binary',
        regression: logisticRegression(scored, { outcome: outcome.column, predictors: drivers, weights, confidenceLevel, missingCodes }),
      });
      continue;
    }
    const regression = ols(scored, { outcome: outcome.column, predictors: drivers, weights, confidenceLevel, missingCodes });
    let importance: RelativeImportanceResult | undefined;
    let dominance: DominanceAnalysisResult | undefined;
    let priorities: ImportancePerformanceResult | undefined;
    if (drivers.length >= 2) {
      progress(`importance of the drivers of ${outcome.column}`);
      // The decompositions need only the (weighted) correlation matrix: one pass over the rows.
      const statistics = sufficientStatistics(scored, { columns: [outcome.column, ...drivers], weights, missingCodes });
      importance = relativeImportance(bootstrap ? scored : statistics, {
        outcome: outcome.column, predictors: drivers, weights: bootstrap ? weights : undefined, missingCodes,
        bootstrap: bootstrap ? { ...bootstrap, onProgress: bootstrap.onProgress ?? ((done, total) => progress('bootstrap', done, total)) } : false,
      });
      dominance = dominanceAnalysis(statistics, { outcome: outcome.column, predictors: drivers });
      const range = (d: string) => ({ min: model.scales[d]!.min ?? 1, max: model.scales[d]!.max ?? 7 });
      priorities = importancePerformance(statistics, {
        outcome: outcome.column, predictors: drivers,
        scale: Object.fromEntries(drivers.map((d) => [d, range(d)])),
      });
    } else {
      warnings.push({ code: 'TOO_FEW_DRIVERS', message: `outcome "${outcome.column}": importance needs at least two drivers` });
    }
    const recommendColumn = model.recommend?.column;
    const effects = drivers.map((driver) =>
      whatIf(scored, {
        outcome: outcome.column, predictors: drivers, driver, delta: whatIfDelta, weights, confidenceLevel, missingCodes,
        nps: outcome.column === recommendColumn ? { promoterMin: model.recommend!.promoterMin, detractorMax: model.recommend!.detractorMax } : false,
      }),
    );
    outcomes.push({ outcome: outcome.column, kind: 'continuous', regression, importance, dominance, priorities, whatIf: effects });
  }

  let segmentation: Analysis['segmentation'];
  if (model.segmentation) {
    progress('segmentation');
    const s = model.segmentation;
    const segments = segmentLoyalty(data, {
      attitude: modelMeasure(model, s.attitude), behaviour: modelMeasure(model, s.behaviour),
      attitudeCut: s.attitudeCut, behaviourCut: s.behaviourCut,
    });
    const variables = [...(s.lockIn ? [s.lockIn] : []), ...drivers.filter((d) => scored !== data), ...(s.profile ?? [])];
    const profile = profileSegments(scored, segments, {
      variables,
      nps: recommendOptions(model),
      revenue: s.revenue,
      weights,
      confidenceLevel,
    });
    segmentation = { segments, profile };
  }

  let waves: CompareWavesResult | undefined;
  if (model.wave) {
    progress('waves');
    const waveValues = new Set(data.map((r) => r[model.wave!]).filter((v) => v !== null && v !== undefined && v !== ''));
    if (waveValues.size < 2) {
      warnings.push({ code: 'TOO_FEW_WAVES', message: `waves: the wave column "${model.wave}" has ${waveValues.size} wave(s); a comparison needs two or more` });
    } else {
      waves = compareWaves(data, waveOptions(model, { wave: model.wave, bootstrap, confidenceLevel, weights, missingCodes }));
    }
  }

  return {
    method: 'analyze',
    rowsIn: data.length,
    model,
    options: {
      bootstrap: bootstrap ? { replicates: bootstrap.replicates, seed: bootstrap.seed, confidenceLevel: bootstrap.confidenceLevel } : false,
      confidenceLevel, whatIfDelta,
    },
    indices,
    measurement,
    outcomes,
    segmentation,
    waves,
    warnings,
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const ANALYZE_KEYS = optionKeys<AnalyzeOptions>({ bootstrap: true, confidenceLevel: true, whatIfDelta: true, onProgress: true });
