/**
 * The one analysis pipeline's shared pieces, used by both of its drivers (`analyze` on rows,
 * `analyzeChunks` on column chunks): the options, how a section that cannot run on the data is
 * skipped, the sections computed from an outcome's moments (dominance, priorities), the row-bound
 * sections (binary importance, penalty-reward, necessity), the wave comparison, and the result.
 * The two drivers differ only in where the data of each section come from (rows, or per-section
 * accumulators over chunks); a new section is added to both through a function here.
 * @internal
 */
import { InputError, InsufficientDataError, NumericalError } from '../errors.js';
import { importancePerformance, type ImportancePerformanceResult } from '../importance/importancePerformance.js';
import { checkBootstrap, checkOptions, optionKeys, type BootstrapPlan } from '../internal/options.js';
import { checkConfidenceLevel, checkNumberOption } from '../internal/validate.js';
import { compareWaves } from '../monitoring/compareWaves.js';
import type { CompareWavesOptions, CompareWavesResult } from '../monitoring/waveTypes.js';
import type { SurveyDesign } from '../survey/design.js';
import { dominanceAnalysis, type DominanceAnalysisResult } from '../importance/dominanceAnalysis.js';
import { relativeImportance, type RelativeImportanceResult } from '../importance/relativeImportance.js';
import { necessaryConditions, type NecessaryConditionsResult } from '../importance/necessaryConditions.js';
import { penaltyReward, type PenaltyRewardOptions, type PenaltyRewardResult } from '../importance/penaltyReward.js';
import type { LoyaltyModel } from '../model/types.js';
import type { Row, Warning } from '../types.js';
import type { Analysis, AnalyzeOptions, SkippedSection } from './analyze.js';
import { recommendOptions, waveOptions } from './waveOptions.js';
import { modelColumnMeasure } from './modelMeasure.js';
import type { ProfileSegmentsOptions } from '../segmentation/profileTypes.js';

/**
 * Runs one section: a data-dependent failure (InsufficientDataError, NumericalError) becomes a
 * skipped entry and `undefined`; an input error (a bad column, value or model) still throws, as
 * the data or the model must be fixed.
 */
export function attempt<T>(skipped: SkippedSection[], section: string, outcome: string | undefined, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (e instanceof InsufficientDataError || e instanceof NumericalError) {
      skipped.push({ section, ...(outcome === undefined ? {} : { outcome }), code: e.code, message: e.message });
      return undefined;
    }
    throw e;
  }
}

/**
 * Importance and dominance of the drivers for a 0/1 outcome: McFadden's pseudo-R2 decomposed over
 * every subset's logistic fit (family binomial), with logistic relative weights. `rows` need only
 * the outcome, the drivers and the weight column. `family: 'ordinal'` (an ordinal outcome): the
 * same over proportional-odds fits, without relative weights (logistic only).
 */
export function binaryImportance(
  rows: readonly Row[],
  c: {
    readonly outcome: string;
    readonly drivers: readonly string[];
    readonly weights?: string;
    readonly missingCodes?: readonly number[];
    readonly family?: 'binomial' | 'ordinal';
  },
  skipped: SkippedSection[],
): { importance?: RelativeImportanceResult; dominance?: DominanceAnalysisResult } {
  const family = {
    outcome: c.outcome,
    predictors: c.drivers,
    weights: c.weights,
    missingCodes: c.missingCodes,
    family: c.family ?? 'binomial',
  };
  const importance = attempt(skipped, 'importance', c.outcome, () =>
    relativeImportance(rows, {
      ...family,
      metrics: family.family === 'ordinal' ? ['lmg', 'first', 'last'] : ['lmg', 'first', 'last', 'johnson'],
    }),
  );
  const dominance = attempt(skipped, 'dominance', c.outcome, () => dominanceAnalysis(rows, family));
  return { ...(importance ? { importance } : {}), ...(dominance ? { dominance } : {}) };
}

/** What the row-bound sections are given. */
interface RowBoundSettings {
  readonly outcome: string;
  readonly weights?: string;
  readonly confidenceLevel: number;
  readonly missingCodes?: readonly number[];
}

/**
 * The options of an outcome's penalty-reward section: the drivers with each scale's bottom and
 * top third as its low and high groups.
 */
export function asymmetryOptions(model: LoyaltyModel, c: RowBoundSettings): PenaltyRewardOptions {
  const drivers = model.drivers;
  const range = (d: string) => ({ min: model.scales[d]!.min ?? 1, max: model.scales[d]!.max ?? 7 });
  const third = (d: string) => (range(d).max - range(d).min) / 3;
  return {
    outcome: c.outcome,
    drivers,
    low: Object.fromEntries(drivers.map((d) => [d, range(d).min + third(d)])),
    high: Object.fromEntries(drivers.map((d) => [d, range(d).max - third(d)])),
    weights: c.weights,
    confidenceLevel: c.confidenceLevel,
    missingCodes: c.missingCodes,
  };
}

/** The penalty-reward section of an outcome, on rows. */
export function asymmetrySection(
  rows: readonly Row[],
  model: LoyaltyModel,
  c: RowBoundSettings,
  skipped: SkippedSection[],
): PenaltyRewardResult | undefined {
  return attempt(skipped, 'asymmetry', c.outcome, () => penaltyReward(rows, asymmetryOptions(model, c)));
}

/** The necessary-conditions section of an outcome, on rows. */
export function necessitySection(
  rows: readonly Row[],
  model: LoyaltyModel,
  c: RowBoundSettings,
  skipped: SkippedSection[],
): NecessaryConditionsResult | undefined {
  return attempt(skipped, 'necessity', c.outcome, () =>
    necessaryConditions(rows, { outcome: c.outcome, conditions: model.drivers, missingCodes: c.missingCodes }),
  );
}

/**
 * The penalty-reward (`asymmetry`) and necessary-condition (`necessity`) sections of a continuous
 * outcome: row functions, on rows that need only the outcome, the drivers and the weight column.
 * Low group = the bottom third of the driver's scale, high group = the top third, so that
 * scores averaged over items still fill both groups.
 */
export function rowBoundSections(
  rows: readonly Row[],
  model: LoyaltyModel,
  c: RowBoundSettings,
  skipped: SkippedSection[],
): { asymmetry?: PenaltyRewardResult; necessity?: NecessaryConditionsResult } {
  const asymmetry = asymmetrySection(rows, model, c, skipped);
  return { asymmetry, necessity: necessitySection(rows, model, c, skipped) };
}

/** The checked options of an analysis, defaults filled in. */
export interface AnalysisSettings {
  readonly confidenceLevel: number;
  readonly bootstrap: BootstrapPlan | null;
  readonly whatIfDelta: number;
  readonly progress: (step: string, completed?: number, total?: number) => void;
  readonly missingCodes: readonly number[] | undefined;
}

/** Checks the model and the options (strict keys) as both pipelines take them. */
export function analysisSettings(model: LoyaltyModel, options: AnalyzeOptions): AnalysisSettings {
  if (model === null || typeof model !== 'object' || model.version !== 1) {
    throw new InputError('INVALID_OPTION', 'model: expected a validated model (validateModel or readModel)', { argument: 'model' });
  }
  checkOptions(options, ANALYZE_KEYS);
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  return {
    confidenceLevel,
    bootstrap: checkBootstrap(options.bootstrap, 'options.bootstrap', confidenceLevel),
    whatIfDelta: options.whatIfDelta === undefined ? 1 : checkNumberOption('options.whatIfDelta', options.whatIfDelta),
    progress: options.onProgress ?? (() => undefined),
    missingCodes: model.missingCodes.length > 0 ? model.missingCodes : undefined,
  };
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const ANALYZE_KEYS = optionKeys<AnalyzeOptions>({ bootstrap: true, confidenceLevel: true, whatIfDelta: true, onProgress: true });

/**
 * Dominance and importance-performance priorities of a continuous outcome, from its (weighted)
 * outcome-and-driver statistics (or rows, under pairwise/FIML, with `policy`).
 */
export function momentSections(
  statistics: Parameters<typeof dominanceAnalysis>[0],
  model: LoyaltyModel,
  outcome: string,
  policy: { readonly missing?: 'pairwise' | 'fiml'; readonly missingCodes?: readonly number[] },
  skipped: SkippedSection[],
): { dominance?: DominanceAnalysisResult; priorities?: ImportancePerformanceResult } {
  const drivers = model.drivers;
  const range = (d: string) => ({ min: model.scales[d]!.min ?? 1, max: model.scales[d]!.max ?? 7 });
  const dominance = attempt(skipped, 'dominance', outcome, () =>
    dominanceAnalysis(statistics, { outcome, predictors: drivers, ...policy }),
  );
  const priorities = attempt(skipped, 'priorities', outcome, () =>
    importancePerformance(statistics, {
      outcome,
      predictors: drivers,
      ...policy,
      scale: Object.fromEntries(drivers.map((d) => [d, range(d)])),
    }),
  );
  return { dominance, priorities };
}

/** The warning of a wave column with fewer than two waves (the section is then left out). */
export function tooFewWaves(wave: string, count: number): Warning {
  return { code: 'TOO_FEW_WAVES', message: `waves: the wave column "${wave}" has ${count} wave(s); a comparison needs two or more` };
}

/**
 * The wave comparison: `compareWaves` on rows of the wave columns, with the options the model
 * implies (`waveOptions`), or a `TOO_FEW_WAVES` warning with one wave.
 */
export function waveSection(
  rows: readonly Row[],
  model: LoyaltyModel,
  s: {
    readonly bootstrap: BootstrapPlan | null;
    readonly confidenceLevel: number;
    readonly weights?: string;
    readonly missingCodes?: readonly number[];
    readonly design?: SurveyDesign<string>;
    /** Replaces the driver scales (the streaming path passes its scores as one-item scales). */
    readonly drivers?: CompareWavesOptions['drivers'];
  },
  warnings: Warning[],
  skipped: SkippedSection[],
): CompareWavesResult | undefined {
  const wave = model.wave!;
  const waveValues = new Set(rows.map((r) => r[wave]).filter((v) => v !== null && v !== undefined && v !== ''));
  if (waveValues.size < 2) {
    warnings.push(tooFewWaves(wave, waveValues.size));
    return undefined;
  }
  return attempt(skipped, 'waves', undefined, () => {
    const o = waveOptions(model, {
      wave,
      bootstrap: s.bootstrap,
      confidenceLevel: s.confidenceLevel,
      weights: s.weights,
      missingCodes: s.missingCodes,
    });
    return compareWaves(rows, {
      ...o,
      ...(s.drivers && o.drivers ? { drivers: s.drivers } : {}),
      ...(s.design ? { design: s.design } : {}),
    });
  });
}

/** The result object, sections in their order, the options echoed. */
export function analysisResult(
  parts: Omit<Analysis, 'method' | 'options'>,
  settings: AnalysisSettings,
  bootstrapMethod?: 'row-resampling' | 'poisson',
): Analysis {
  const b = settings.bootstrap;
  const { rowsIn, model, indices, measurement, outcomes, segmentation, waves, paths, raking, warnings, skipped } = parts;
  return {
    method: 'analyze',
    rowsIn,
    model,
    options: {
      bootstrap: b
        ? {
            replicates: b.replicates,
            seed: b.seed,
            confidenceLevel: b.confidenceLevel,
            ...(bootstrapMethod === undefined ? {} : { method: bootstrapMethod }),
          }
        : false,
      confidenceLevel: settings.confidenceLevel,
      whatIfDelta: settings.whatIfDelta,
    },
    indices,
    measurement,
    outcomes,
    segmentation,
    waves,
    ...(paths ? { paths } : {}),
    ...(raking ? { raking } : {}),
    warnings,
    skipped,
  };
}

/**
 * The profile settings a model implies, for `profileSegments`: the lock-in, the driver scores
 * (when scored) and the profile columns; the NPS of the recommend column; the revenue. The
 * model's missing codes apply to every column read (a driver score is never a code).
 */
export function profileOptions(model: LoyaltyModel, withDrivers: boolean): Pick<ProfileSegmentsOptions, 'variables' | 'nps' | 'revenue'> {
  const s = model.segmentation!;
  const codes = model.missingCodes.length > 0 ? { missingCodes: model.missingCodes } : {};
  const nps = recommendOptions(model);
  return {
    variables: [
      ...(s.lockIn ? [modelColumnMeasure(model, s.lockIn)] : []),
      ...(withDrivers ? model.drivers : []),
      ...(s.profile ?? []).map((c) => modelColumnMeasure(model, c)),
    ],
    nps: nps ? { ...nps, ...codes } : undefined,
    revenue: typeof s.revenue === 'string' ? modelColumnMeasure(model, s.revenue) : s.revenue,
  };
}
