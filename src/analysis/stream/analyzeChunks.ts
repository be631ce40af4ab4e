/**
 * The streaming engine behind `analyzeSource`: every section of {@link analyze} computed from
 * column chunks, never from rows of the whole file. Pure (no Node built-ins): it is given a
 * function that makes one pass over the data for a column request, so the file reading stays at
 * the edge (src/io/analyzeSource.ts) and tests feed chunks from rows.
 *
 * Sections and what they keep (the memory model, docs/guides/large-data.md):
 * - one-pass sufficient statistics (O(k^2), nothing per row): reliability and HTMT (item
 *   moments), driver correlations (driver-score moments), importance, dominance and priorities
 *   (weighted outcome-and-driver moments), the Poisson bootstrap; the regressions (TSQR, a
 *   second pass); indices (IndexAccumulator); segments and profiles (value tables by segment,
 *   segmentSection.ts, the profiles in the second pass); a 0/1 outcome's logistic regression,
 *   a 0/1 or ordinal outcome's importance, penalty-reward and necessary conditions (their
 *   distinct cases, patternAccumulator.ts);
 * - row-bound sections (waves, a segmentation whose measures do not stream, the row-resampling
 *   bootstrap, the counted fits past the pattern cap): their columns kept as typed
 *   arrays in a {@link ColumnStore} up to the row limit, rows of only a section's columns
 *   rebuilt while it runs; past the limit they are skipped (`TOO_MANY_ROWS`).
 * The shared pieces of the pipeline (settings, sections, the result) are in ../sections.ts.
 * @internal
 */
import { InputError, InsufficientDataError } from '../../errors.js';
import type { ColumnChunk, ColumnKind, ColumnRequest } from '../../io/columnChunks.js';
import type { DominanceAnalysisResult } from '../../importance/dominanceAnalysis.js';
import type { ImportancePerformanceResult } from '../../importance/importancePerformance.js';
import type { NecessaryConditionsResult } from '../../importance/necessaryConditions.js';
import type { PenaltyRewardResult } from '../../importance/penaltyReward.js';
import { relativeImportance, type RelativeImportanceResult } from '../../importance/relativeImportance.js';
import { whatIfFromFit } from '../../importance/whatIf.js';
import { driverCorrelationsFromMoments } from '../../measurement/driverCorrelations.js';
import { htmt } from '../../measurement/htmt.js';
import { reliability } from '../../measurement/reliability.js';
import type { LoyaltyModel } from '../../model/types.js';
import { validatedModel } from '../../model/validateModel.js';
import type { CompareWavesResult, WaveValue } from '../../monitoring/waveTypes.js';
import { logisticFromDistinct, logisticFromSample } from '../../regression/logisticRegression.js';
import { regressionSampleFromColumns } from './regressionSample.js';
import type { MeasureSpec } from '../../segmentation/resolveMeasure.js';
import { profileSegments } from '../../segmentation/profileSegments.js';
import { segmentLoyalty } from '../../segmentation/segmentLoyalty.js';
import type { Row, Warning } from '../../types.js';
import type { AnalyzeOptions, Analysis, OutcomeAnalysis, SkippedSection } from '../analyze.js';
import { modelMeasure } from '../modelMeasure.js';
import { recommendOptions, waveOptions } from '../waveOptions.js';
import { streamingWaveOptions, WaveAccumulator } from './waveAccumulator.js';
import { waveTransitions } from '../../monitoring/compareWaves.js';
import { pathItems, pathsSection, type PathsAnalysis } from '../pathsSection.js';
import {
  analysisResult,
  analysisSettings,
  asymmetryOptions,
  attempt,
  binaryImportance,
  momentSections,
  asymmetrySection,
  necessitySection,
  waveSection,
  profileOptions,
  tooFewWaves,
} from '../sections.js';
import { necessaryConditionsFromSample } from '../../importance/necessaryConditions.js';
import { penaltyRewardFromSample } from '../../importance/penaltyReward.js';
import type { ChunkAccumulator } from './chunkAccumulator.js';
import { type ChunkScoring, chunkScorer } from './chunkScorer.js';
import { normalizeScales } from '../../measurement/normalizeScales.js';
import { minimumFor } from '../../measurement/scaleScores.js';
import { ColumnStore } from './columnStore.js';
import { PatternAccumulator } from './patternAccumulator.js';
import { FREQUENCY, patternRows, withRows } from './patternRows.js';
import { SegmentCuts, SegmentProfiles, streamableMeasure } from './segmentSection.js';
import { IndexAccumulator } from './indexAccumulator.js';
import { MomentAccumulator } from './momentAccumulator.js';
import { checkRegressionSample, OlsAccumulator } from './olsAccumulator.js';
import { PoissonAccumulator } from './poissonAccumulator.js';
import { readImportanceData } from '../../importance/importanceData.js';
import { importanceMetrics } from '../../importance/importanceMetrics.js';
import { poissonImportance } from '../../importance/poissonBootstrap.js';

/** One pass over the data: the chunks of the requested columns, in file order. */
export type ChunkPass = (request: ColumnRequest) => AsyncIterable<ColumnChunk> | Iterable<ColumnChunk>;

/** Settings of the index section, as `loyaltyIndices` takes them. */
export interface IndexSectionSettings {
  readonly model: LoyaltyModel;
  readonly missingCodes: readonly number[] | undefined;
  readonly confidenceLevel: number;
  /** Keep the result's per-row arrays (the CLI per respondent). */
  readonly perRow?: boolean;
}

/** Builds the index section's accumulator (the pluggable indices section). */
export type IndexSection = (settings: IndexSectionSettings) => ChunkAccumulator<Analysis['indices']>;

/** Engine hooks (internal): the index section, and the chunk size used in messages. */
export interface AnalyzeChunksHooks {
  readonly indices?: IndexSection;
  /**
   * Keep the per-row arrays of the result (the segments' `assignments`, `scores` and
   * `unassigned`, the Customer Loyalty Index's `perRespondent`): they grow with the file, so
   * they are left out (empty) by default; `analyze` on rows always has them.
   */
  readonly perRow?: boolean;
  /** Distinct values a value table holds before it keeps rows as they come (tests use a small one). */
  readonly valueTableCap?: number;
  /** Distinct waves the streaming wave comparison keeps before it is skipped (`TOO_MANY_WAVES`; tests use a small one). */
  readonly waveCap?: number;
  /** Distinct patterns a 0/1 or ordinal outcome's pattern tables hold before they need the kept columns (tests use a small one). */
  readonly patternCap?: number;
  /**
   * Rows up to which the row-bound sections run (default {@link ROW_LIMIT}; `false` for no
   * limit): past it they are listed in `skipped` with code `TOO_MANY_ROWS` and their kept
   * columns are dropped, so memory stays bounded.
   */
  readonly rowLimit?: number | false;
  /**
   * A pass that delivers the chunks with the drivers already scored by `chunkScorer(scoring)`
   * (the reading worker scores them: src/io/workerColumnChunks.ts); without it the chunks of
   * `pass` are scored here.
   */
  readonly scoredPass?: (request: ColumnRequest, scoring: ChunkScoring) => AsyncIterable<ColumnChunk> | Iterable<ColumnChunk>;
}

/**
 * The default row limit of the row-bound sections (the wave comparison, a segmentation whose
 * measures do not stream, the row-resampling bootstrap, the counted fits past the pattern cap):
 * they keep their columns (8 bytes a row each) and build rows of them while they run.
 */
export const ROW_LIMIT = 500_000;

/** Columns a segmentation measure reads. */
function measureColumns(spec: MeasureSpec): string[] {
  if (typeof spec === 'string') return [spec];
  const s = spec as unknown as Record<string, unknown>;
  if (typeof s['column'] === 'string') return [s['column']];
  if (Array.isArray(s['mean'])) return s['mean'] as string[];
  if (Array.isArray(s['ratio'])) return s['ratio'] as string[];
  const driver = s['driver'] as { items?: readonly string[] } | undefined;
  if (driver && Array.isArray(driver.items)) return [...driver.items];
  return [];
}

/** How a file column is read: numbers where the model says so (or a model role needs one), else categories. */
function kindOf(model: LoyaltyModel, numeric: ReadonlySet<string>, column: string): ColumnKind {
  const declared = model.columns[column];
  if (declared?.type === 'string') return 'category';
  if (declared?.type === 'number' || numeric.has(column)) return 'number';
  return 'category';
}

/**
 * The index section in bounded memory: the streaming {@link IndexAccumulator} (per distinct
 * score, counts and sums of weights; equal to `loyaltyIndices` on rows to rounding, about 1e-15).
 * The Customer Loyalty Index's per-respondent scores are kept only with `perRow`.
 */
export function indexSection(settings: IndexSectionSettings): ChunkAccumulator<Analysis['indices']> {
  const { model } = settings;
  return new IndexAccumulator({
    recommend: model.recommend,
    csat: model.csat,
    loyaltyIndex: model.loyaltyIndex,
    retained: model.retained,
    weights: model.weight,
    missingCodes: settings.missingCodes,
    confidenceLevel: settings.confidenceLevel,
    perRespondent: settings.perRow === true,
  });
}

/** The file columns the index section reads. */
function indexColumns(model: LoyaltyModel): string[] {
  return [
    ...new Set([
      ...(model.recommend ? [model.recommend.column] : []),
      ...(model.csat ? [model.csat.column] : []),
      ...(model.loyaltyIndex ? model.loyaltyIndex.items : []),
      ...(model.retained ? [model.retained] : []),
      ...(model.weight ? [model.weight] : []),
    ]),
  ];
}

/** Adds the columns of `b` to `a` (a column asked as a number anywhere is read as one). */
function mergeRequest(a: Record<string, ColumnKind>, b: ColumnRequest): void {
  for (const [name, kind] of Object.entries(b)) if (a[name] !== 'number') a[name] = kind;
}

/**
 * Every section of {@link analyze} from passes over column chunks: the same result as
 * `analyze(rows, model, options)` on the rows those chunks hold (each section to rounding).
 */
export async function analyzeChunks(
  pass: ChunkPass,
  given: LoyaltyModel,
  options: AnalyzeOptions = {},
  hooks: AnalyzeChunksHooks = {},
): Promise<Analysis> {
  const model = validatedModel(given);
  const settings = analysisSettings(model, options);
  const { confidenceLevel, bootstrap, whatIfDelta, progress, missingCodes } = settings;
  const warnings: Warning[] = [];
  const skipped: SkippedSection[] = [];
  const weights = model.weight;
  const drivers = model.drivers;
  const s = model.segmentation;
  const continuous = model.outcomes.filter((o) => o.kind === 'continuous');
  // An ordinal outcome's regression is linear on its codes (moments, as a continuous one); its
  // importance is over proportional-odds fits of its distinct patterns (row-bound, as binary).
  const ordinal = model.outcomes.filter((o) => o.kind === 'ordinal');
  const linear = [...continuous, ...ordinal];

  // Which file columns are numbers: every column a numeric role reads.
  const items = [...new Set(drivers.flatMap((d) => model.scales[d]!.items))];
  const attitude = s ? modelMeasure(model, s.attitude) : undefined;
  const behaviour = s ? modelMeasure(model, s.behaviour) : undefined;
  const numeric = new Set<string>([
    ...items,
    ...model.outcomes.map((o) => o.column),
    ...indexColumns(model),
    ...(s?.lockIn ? [s.lockIn] : []),
    ...(typeof s?.revenue === 'string' ? [s.revenue] : []),
    ...(attitude ? measureColumns(attitude) : []),
    ...(behaviour ? measureColumns(behaviour) : []),
  ]);
  const kind = (c: string) => kindOf(model, numeric, c);

  // The sections of the first pass.
  const indexAcc = (hooks.indices ?? indexSection)({ model, missingCodes, confidenceLevel, perRow: hooks.perRow === true });
  const scorer = drivers.length > 0 ? chunkScorer(model, missingCodes) : undefined;
  const itemMoments = scorer ? new MomentAccumulator(items, { missingCodes }) : undefined;
  const driverMoments = scorer && drivers.length >= 2 ? new MomentAccumulator(drivers, { minimum: 0 }, []) : undefined;
  const outcomeMoments = new Map<string, MomentAccumulator>();
  if (scorer) {
    for (const o of linear) {
      outcomeMoments.set(o.column, new MomentAccumulator([o.column, ...drivers], { weights, missingCodes }, [o.column]));
    }
  }
  // The importance bootstrap: Poisson (one pass, B replicate moments) unless row resampling is asked for.
  const bootstrapMethod = bootstrap ? (bootstrap.method ?? 'poisson') : undefined;
  const poisson = new Map<string, PoissonAccumulator>();
  if (bootstrap && bootstrapMethod === 'poisson' && scorer && drivers.length >= 2) {
    for (const o of continuous) poisson.set(o.column, new PoissonAccumulator(drivers, o.column, weights, missingCodes, bootstrap));
  }
  // Row-bound sections: their file columns (driver scores are kept under the scale names).
  // The segmentation streams (value tables, docs/guides/large-data.md) when its measures are
  // columns, means or ratios and its profiled variables and revenue are columns; else its
  // columns are kept and the row functions run on them.
  const streamAttitude = s ? streamableMeasure(attitude!) : undefined;
  const streamBehaviour = s ? streamableMeasure(behaviour!) : undefined;
  const segmentCuts =
    s && streamAttitude && streamBehaviour && (s.revenue === undefined || typeof s.revenue === 'string')
      ? new SegmentCuts({
          attitude: streamAttitude,
          behaviour: streamBehaviour,
          attitudeCut: s.attitudeCut,
          behaviourCut: s.behaviourCut,
          perRow: hooks.perRow === true,
          perRowLimit: hooks.rowLimit === false ? Infinity : (hooks.rowLimit ?? ROW_LIMIT),
          cap: hooks.valueTableCap,
        })
      : undefined;
  const binary = model.outcomes.filter((o) => o.kind === 'binary');
  const stored = new Set<string>();
  // The row-resampling bootstrap reads its columns whole: every outcome, the scores, the weight
  // (the counted fits' columns join after pass 1, only for a table past its cap).
  const rowResampling = bootstrap !== null && bootstrap.method === 'row-resampling';
  const rowBoundScores = scorer !== undefined && (rowResampling || (s !== undefined && !segmentCuts));
  if (scorer && rowResampling) {
    for (const o of model.outcomes) stored.add(o.column);
    if (weights) stored.add(weights);
  }
  if (s && !segmentCuts) {
    for (const o of model.outcomes) stored.add(o.column);
    for (const c of [...measureColumns(attitude!), ...measureColumns(behaviour!)]) stored.add(c);
    for (const c of [...(s.lockIn ? [s.lockIn] : []), ...(s.profile ?? []), ...(typeof s.revenue === 'string' ? [s.revenue] : [])])
      stored.add(c);
    if (weights) stored.add(weights);
    if (model.recommend) stored.add(model.recommend.column);
  }
  // compareWaves scores the drivers itself with the default rule (mean of all items): when the
  // model scores that way too, the waves get the kept scores as one-item scales (equal exactly:
  // the mean of one value is the value) instead of the items (8 bytes a row less per item).
  const defaultScoring =
    scorer !== undefined &&
    (model.scoring.statistic ?? 'mean') === 'mean' &&
    (model.scoring.rescale ?? 'none') === 'none' &&
    normalizeScales(Object.fromEntries(drivers.map((d) => [d, model.scales[d]!])), 'scales', 1).every(
      (sc) => minimumFor(sc, model.scoring.minimumAnswered) === sc.items.length,
    );
  // A panel (the model's id with a segmentation): the transitions need the id and the measures.
  const panelColumns = model.id !== undefined && s ? [model.id, ...measureColumns(attitude!), ...measureColumns(behaviour!)] : [];
  // The wave comparison streams (waveAccumulator.ts; its importance bootstrap is then the
  // Poisson one, per wave) unless the row-resampling bootstrap is asked for or the model scores
  // its drivers otherwise than compareWaves does; then its columns are kept and compareWaves
  // runs on them. The panel transitions match respondents by id:
  // their columns are kept either way.
  const waveOpts = model.wave ? waveOptions(model, { wave: model.wave, bootstrap, confidenceLevel, weights, missingCodes }) : undefined;
  const waveStream =
    waveOpts && (bootstrap === null || bootstrapMethod === 'poisson') && (drivers.length === 0 || defaultScoring)
      ? new WaveAccumulator(streamingWaveOptions(waveOpts, bootstrap ?? undefined), hooks.waveCap)
      : undefined;
  const transitionColumns =
    model.wave && panelColumns.length > 0
      ? [
          ...new Set([
            model.wave,
            ...panelColumns,
            ...(model.recommend ? [model.recommend.column] : []),
            ...(typeof s?.revenue === 'string' ? [s.revenue] : []),
          ]),
        ]
      : [];
  const waveColumns = model.wave
    ? waveStream
      ? transitionColumns
      : [
          ...new Set([
            model.wave,
            ...indexColumns(model),
            ...(defaultScoring ? drivers : items),
            ...continuous.map((o) => o.column),
            ...panelColumns,
          ]),
        ]
    : [];
  if (model.wave) for (const c of waveColumns) if (!defaultScoring || !drivers.includes(c)) stored.add(c);
  const rowLimit = hooks.rowLimit === false ? Infinity : (hooks.rowLimit ?? ROW_LIMIT);

  // A 0/1 outcome's logistic fit and a 0/1 or ordinal outcome's importance from their distinct
  // patterns, counted in pass 1 (patternAccumulator.ts): any number of rows in bounded memory;
  // past the pattern cap they use the kept columns, up to the row limit.
  const patternsOf = new Map<string, PatternAccumulator>();
  if (scorer) {
    for (const o of [...binary, ...ordinal]) {
      patternsOf.set(
        o.column,
        new PatternAccumulator({
          outcome: o.column,
          drivers,
          weights,
          missingCodes,
          ...(o.kind === 'binary' ? { cases: { outcomeScale: { min: 0, max: 1, integer: true } } } : {}),
          ...(hooks.patternCap === undefined ? {} : { cap: hooks.patternCap }),
        }),
      );
    }
  }
  // Penalty-reward of a continuous outcome from its distinct (outcome, scores, weight) cases, the
  // same way (a weighted least-squares fit is a sum over rows: frequency weights).
  // Necessary conditions likewise, from the cases without the weight (the analysis is unweighted).
  const asymmetryOf = new Map<string, PatternAccumulator>();
  const necessityOf = new Map<string, PatternAccumulator>();
  if (scorer && drivers.length >= 2) {
    const casesOf = (o: string, w: string | undefined) =>
      new PatternAccumulator({
        outcome: o,
        drivers,
        weights: w,
        missingCodes,
        cases: {},
        patterns: false,
        ...(hooks.patternCap === undefined ? {} : { cap: hooks.patternCap }),
      });
    for (const o of continuous) {
      asymmetryOf.set(o.column, casesOf(o.column, weights));
      necessityOf.set(o.column, casesOf(o.column, undefined));
    }
  }
  // The path model needs only its items' listwise moments (PLS works from the covariances).
  const pathMoments = model.paths ? new MomentAccumulator(pathItems(model), { missingCodes }) : undefined;
  // The index section needs nothing from pass 1: it rides in pass 2 when there is one (the
  // regressions' or the profiles'), which balances the two passes' work between the reading
  // worker and the analysis (measured on 1M rows of the example).
  const secondPlanned = (scorer !== undefined && linear.length > 0) || segmentCuts !== undefined;
  // The waves' indices are filled by the index section as it reads (the same rows' checks and
  // scores) when it scores as compareWaves does; both then ride in the same pass.
  if (waveStream && indexAcc instanceof IndexAccumulator) waveStream.share(indexAcc);
  const deferred: ChunkAccumulator<unknown>[] = secondPlanned ? [indexAcc, ...(waveStream ? [waveStream] : [])] : [];
  const accumulators: ChunkAccumulator<unknown>[] = [
    ...(secondPlanned ? [] : [indexAcc, ...(waveStream ? [waveStream] : [])]),
    ...(itemMoments ? [itemMoments] : []),
    ...(driverMoments ? [driverMoments] : []),
    ...outcomeMoments.values(),
    ...poisson.values(),
    ...(segmentCuts ? [segmentCuts] : []),
    ...(pathMoments ? [pathMoments] : []),
    ...patternsOf.values(),
    ...asymmetryOf.values(),
    ...necessityOf.values(),
  ];
  const request: Record<string, ColumnKind> = {};
  for (const a of accumulators) mergeRequest(request, a.request);
  if (scorer) mergeRequest(request, scorer.request);

  // Every pass scores the drivers, here or in the pass itself (the reading worker).
  const scoring: ChunkScoring = { model, missingCodes };
  const scoredPass = hooks.scoredPass;
  const chunksOf = async function* (asked: ColumnRequest): AsyncGenerator<ColumnChunk> {
    if (!scorer) yield* pass(asked);
    else if (scoredPass) yield* scoredPass(asked, scoring);
    else for await (const raw of pass(asked)) yield scorer.score(raw);
  };
  progress('reading');
  let rowsIn = 0;
  for await (const chunk of chunksOf(request)) {
    for (const a of accumulators) a.add(chunk);
    rowsIn += chunk.length;
  }
  if (rowsIn === 0) throw new InputError('EMPTY_INPUT', 'rows: expected at least one row, got none', { argument: 'rows' });
  // A counted fit whose table outgrew its cap falls back to its kept columns: outcome, scores, weight.
  const overflowed = [
    ...[...patternsOf].filter(([, t]) => t.casesOverflowed || t.patternsOverflowed).map(([o]) => o),
    ...continuous.map((o) => o.column).filter((o) => asymmetryOf.get(o)?.casesOverflowed || necessityOf.get(o)?.casesOverflowed),
  ];
  for (const o of overflowed) stored.add(o);
  if (overflowed.length > 0 && weights) stored.add(weights);
  const storeRequest: Record<string, ColumnKind> = {};
  for (const c of stored) storeRequest[c] = kind(c);
  const keepScores = rowBoundScores || overflowed.length > 0 || (model.wave !== undefined && !waveStream && defaultScoring);
  // The row-bound sections' columns are kept in the second pass, once pass 1 has counted the
  // rows: past the limit they are never read (a panel id is a dictionary of every respondent).
  const store = new ColumnStore(storeRequest, scorer && keepScores ? drivers : []);
  const storeNeeded = Object.keys(storeRequest).length > 0 || (scorer !== undefined && keepScores);
  // Past the row limit the sections that read whole columns are skipped, with the reason.
  const overLimit = storeNeeded && rowsIn > rowLimit;
  const tooMany = (section: string, outcome?: string): void => {
    skipped.push({
      section,
      ...(outcome === undefined ? {} : { outcome }),
      code: 'TOO_MANY_ROWS',
      message: `${rowsIn.toLocaleString('en')} rows: this section still reads its columns whole, and runs up to ${rowLimit.toLocaleString('en')} rows (analyzeSource's rowLimit, the tool's --row-limit)`,
    });
  };

  // Second pass: the regressions of the continuous outcomes (TSQR), for those whose sample passed the checks.
  const regressions = new Map<string, OlsAccumulator>();
  const regressionFailed = new Map<string, unknown>();
  if (scorer) {
    for (const o of linear) {
      try {
        const statistics = checkRegressionSample(o.column, drivers, weights !== undefined, outcomeMoments.get(o.column)!);
        regressions.set(o.column, new OlsAccumulator(o.column, drivers, weights, missingCodes, statistics, confidenceLevel));
      } catch (e) {
        regressionFailed.set(o.column, e);
      }
    }
  }
  // The segment profiles need the cuts: they join the second pass.
  let cutsFailed: unknown;
  let profiles: SegmentProfiles | undefined;
  if (segmentCuts && s) {
    try {
      segmentCuts.decide();
      profiles = new SegmentProfiles(segmentCuts, {
        variables: [...(s.lockIn ? [s.lockIn] : []), ...(scorer ? drivers : []), ...(s.profile ?? [])],
        kinds: Object.fromEntries([...(s.lockIn ? [s.lockIn] : []), ...(s.profile ?? [])].map((c) => [c, kind(c)])),
        nps: recommendOptions(model),
        revenue: typeof s.revenue === 'string' ? s.revenue : undefined,
        weights,
        confidenceLevel,
        cap: hooks.valueTableCap,
        missingCodes,
        scores: scorer ? drivers : [],
      });
    } catch (e) {
      cutsFailed = e;
    }
  }
  const keep = storeNeeded && !overLimit;
  if (regressions.size > 0 || profiles || keep || deferred.length > 0) {
    progress('second pass');
    const second: Record<string, ColumnKind> = {};
    const passTwo: ChunkAccumulator<unknown>[] = [
      ...regressions.values(),
      ...(profiles ? [profiles] : []),
      ...(keep ? [store] : []),
      ...deferred,
    ];
    for (const a of passTwo) mergeRequest(second, a.request);
    if (scorer) mergeRequest(second, scorer.request);
    // Driver scores are the scorer's, not file columns.
    for (const d of scorer ? drivers : []) delete second[d];
    for await (const chunk of chunksOf(second)) {
      for (const a of passTwo) a.add(chunk);
    }
  }

  progress('indices');
  const indices = attempt(skipped, 'indices', undefined, () => indexAcc.result()) ?? {};

  let measurement: Analysis['measurement'];
  const scoredColumns = [
    ...drivers,
    ...new Set([
      ...model.outcomes.map((o) => o.column),
      ...(weights ? [weights] : []),
      ...(model.recommend ? [model.recommend.column] : []),
      ...(s?.lockIn ? [s.lockIn] : []),
      ...(s?.profile ?? []),
      ...(typeof s?.revenue === 'string' ? [s.revenue] : []),
    ]),
  ];
  if (scorer) {
    progress('reliability');
    const scales = Object.fromEntries(drivers.map((d) => [d, model.scales[d]!]));
    const itemStatistics = itemMoments!.result();
    const rel = attempt(skipped, 'reliability', undefined, () => reliability(itemStatistics, scales, { confidenceLevel }));
    const validity = drivers.length >= 2 ? attempt(skipped, 'htmt', undefined, () => htmt(itemStatistics, scales)) : undefined;
    const correlations = driverMoments
      ? attempt(skipped, 'driver-correlations', undefined, () => {
          const m = driverMoments.result();
          if (m.n < 4) {
            throw new InsufficientDataError(
              'TOO_FEW_CASES',
              `drivers ${drivers.join(', ')}: ${m.n} respondent${m.n === 1 ? '' : 's'} with every score of ${m.missing.rowsIn}; need at least 4`,
              { argument: 'rows', expected: 'at least 4 complete respondents' },
            );
          }
          return driverCorrelationsFromMoments(
            'columns',
            [...drivers],
            m.n,
            m.means,
            m.sscp,
            m.missing,
            confidenceLevel,
            (j) => driverMoments.first![j]!,
          );
        })
      : undefined;
    if (rel) measurement = { reliability: rel, htmt: validity, driverCorrelations: correlations };
  }

  const outcomes: OutcomeAnalysis[] = [];
  let scoredRows: Row[] | undefined;
  const scored = (): Row[] => {
    scoredRows ??= store.toRows(scoredColumns);
    return scoredRows;
  };
  // Importance of a 0/1 or ordinal outcome on the distinct (outcome, scores) patterns with their
  // total weight (patternRows.ts: the same fits as on rows); past the pattern cap, on rows of the kept columns.
  const patternImportance = (o: string, family: 'binomial' | 'ordinal'): ReturnType<typeof binaryImportance> => {
    const counted = patternsOf.get(o);
    if (counted?.patternsOverflowed && overLimit) {
      tooMany('importance', o);
      return {};
    }
    const patterns = counted?.patternsOverflowed
      ? patternRows(
          store.column(o),
          drivers,
          drivers.map((d) => store.column(d)),
          weights === undefined ? undefined : store.column(weights),
          missingCodes,
        )
      : counted!.result();
    if (!patterns) {
      const rows = store.toRows([o, ...drivers, ...(weights ? [weights] : [])]);
      return binaryImportance(rows, { outcome: o, drivers, weights, missingCodes, family }, skipped);
    }
    const f = binaryImportance(patterns.rows, { outcome: 'y', drivers, weights: FREQUENCY, family }, skipped);
    return {
      ...(f.importance ? { importance: { ...withRows(f.importance, patterns, o, drivers, weights), outcome: o } } : {}),
      ...(f.dominance ? { dominance: { ...withRows(f.dominance, patterns, o, drivers, weights), outcome: o } } : {}),
    };
  };
  for (const outcome of model.outcomes) {
    if (drivers.length === 0) {
      warnings.push({ code: 'NO_DRIVERS', message: `outcome "${outcome.column}": no driver scales in the model, so no driver analysis` });
      break;
    }
    progress(`regression of ${outcome.column}`);
    const o = outcome.column;
    const distinct = outcome.kind === 'binary' && !patternsOf.get(o)!.casesOverflowed;
    if (outcome.kind === 'binary' && !distinct && overLimit) {
      tooMany('regression', o);
      continue;
    }
    if (outcome.kind === 'binary') {
      // IRLS on the distinct cases counted in pass 1, or past the pattern cap on the kept columns
      // as typed arrays (no row objects): 8 bytes a row per column.
      const logistic = attempt(skipped, 'regression', o, () => {
        const logisticOptions = { outcome: o, predictors: drivers, weights, confidenceLevel, missingCodes };
        if (distinct) {
          const { sample, counts } = patternsOf.get(o)!.sample();
          return logisticFromDistinct(sample, counts, logisticOptions, confidenceLevel, 1e-8, 25, 1e-7)!;
        }
        const sample = regressionSampleFromColumns(
          o,
          store.column(o),
          drivers,
          drivers.map((d) => store.column(d)),
          weights,
          weights === undefined ? undefined : store.column(weights),
          missingCodes,
          { min: 0, max: 1, integer: true },
        );
        return logisticFromSample(sample, logisticOptions, confidenceLevel, 1e-8, 25, 1e-7);
      });
      if (!logistic) continue;
      // As analyze, on the distinct (outcome, scores) patterns with their total weight
      // (patternRows.ts: the same fits); past the pattern cap, on rows of the kept columns.
      let binary: ReturnType<typeof binaryImportance> = {};
      if (drivers.length >= 2) {
        progress(`importance of the drivers of ${o}`);
        binary = patternImportance(o, 'binomial');
      }
      outcomes.push({ outcome: o, kind: 'binary', regression: logistic, ...binary });
      continue;
    }
    const regression = attempt(skipped, 'regression', o, () => {
      if (regressionFailed.has(o)) throw regressionFailed.get(o);
      return regressions.get(o)!.result();
    });
    if (!regression) continue;
    if (outcome.kind === 'ordinal') {
      let fitted: ReturnType<typeof binaryImportance> = {};
      if (drivers.length >= 2) {
        progress(`importance of the drivers of ${o}`);
        fitted = patternImportance(o, 'ordinal');
      }
      outcomes.push({ outcome: o, kind: 'ordinal', regression, ...fitted });
      continue;
    }
    let importance: RelativeImportanceResult | undefined;
    let dominance: DominanceAnalysisResult | undefined;
    let priorities: ImportancePerformanceResult | undefined;
    let asymmetry: PenaltyRewardResult | undefined;
    let necessity: NecessaryConditionsResult | undefined;
    if (drivers.length >= 2) {
      progress(`importance of the drivers of ${outcome.column}`);
      const statistics = outcomeMoments.get(o)!.result();
      const withRows = bootstrap !== null && bootstrapMethod === 'row-resampling';
      if (withRows && overLimit) tooMany('importance', o);
      importance =
        withRows && overLimit
          ? undefined
          : attempt(skipped, 'importance', o, () => {
              // Row resampling needs only the outcome, the scores and the weight (the segmentation's
              // columns are not kept for it).
              const result = relativeImportance(withRows ? store.toRows([o, ...drivers, ...(weights ? [weights] : [])]) : statistics, {
                outcome: o,
                predictors: drivers,
                weights: withRows ? weights : undefined,
                missingCodes,
                bootstrap: withRows
                  ? { ...bootstrap, onProgress: bootstrap.onProgress ?? ((done, total) => progress('bootstrap', done, total)) }
                  : false,
              });
              const replicates = poisson.get(o);
              if (!replicates || !bootstrap) return result;
              const p = drivers.length;
              const minimum = Math.max(20, 3 * (p + 2));
              if (result.n < minimum) {
                throw new InsufficientDataError(
                  'TOO_FEW_CASES',
                  `options.bootstrap: ${result.n} complete cases for ${p} predictors; a bootstrap needs at least ${minimum} (max(20, 3 (p + 2))) so that resamples keep a non-singular correlation matrix`,
                  { argument: 'options.bootstrap', value: result.n, expected: `at least ${minimum} complete cases` },
                );
              }
              const input = readImportanceData(statistics, { outcome: o, predictors: drivers });
              const point = importanceMetrics(input.correlation, p, result.metrics, { method: 'exact' });
              const plan = {
                ...bootstrap,
                onProgress: bootstrap.onProgress ?? ((done: number, total: number) => progress('bootstrap', done, total)),
              };
              return {
                ...result,
                bootstrap: poissonImportance(replicates.result(), drivers, o, result.metrics, point, { method: 'exact' }, plan),
              };
            });
      ({ dominance, priorities } = momentSections(statistics, model, o, {}, skipped));
      // Penalty-reward and necessary conditions on the distinct cases counted in pass 1; past
      // the pattern cap, the row functions on rows of the kept outcome, scores and weight only
      // (8 bytes a row each), built once for both.
      const settings = { outcome: o, weights, confidenceLevel, missingCodes };
      const cases = asymmetryOf.get(o)!;
      const points = necessityOf.get(o)!;
      let kept: Row[] | undefined;
      const keptRows = () => (kept ??= store.toRows([o, ...drivers, ...(weights ? [weights] : [])]));
      if (!cases.casesOverflowed) {
        asymmetry = attempt(skipped, 'asymmetry', o, () => {
          const { sample, counts } = cases.columnSample();
          return penaltyRewardFromSample(sample, counts, asymmetryOptions(model, settings), confidenceLevel, null);
        });
      } else if (overLimit) tooMany('asymmetry', o);
      else asymmetry = asymmetrySection(keptRows(), model, settings, skipped);
      if (!points.casesOverflowed) {
        necessity = attempt(skipped, 'necessity', o, () => {
          const { sample, counts } = points.columnSample();
          return necessaryConditionsFromSample(sample, counts, { outcome: o, conditions: drivers });
        });
      } else if (overLimit) tooMany('necessity', o);
      else necessity = necessitySection(keptRows(), model, settings, skipped);
    } else {
      warnings.push({ code: 'TOO_FEW_DRIVERS', message: `outcome "${outcome.column}": importance needs at least two drivers` });
    }
    const recommendColumn = model.recommend?.column;
    const nps = o === recommendColumn ? { promoterMin: model.recommend!.promoterMin, detractorMax: model.recommend!.detractorMax } : false;
    const effects = attempt(skipped, 'what-if', o, () => {
      let values = regressions.get(o)!.outcomeValues();
      if (!values) {
        if (nps) {
          throw new InputError(
            'OUT_OF_RANGE',
            `column "${o}": more than 10,000 distinct values; the NPS part of what-if needs whole 0-10 scores`,
            {
              argument: 'rows',
              column: o,
              expected: 'an integer from 0 to 10',
            },
          );
        }
        // Without the NPS part what-if uses only the outcome's weighted mean.
        const st = outcomeMoments.get(o)!.result();
        values = { scores: Float64Array.of(st.means[0]!), weights: Float64Array.of(st.weightSum), rows: Int32Array.of(0) };
      }
      const { scores, weights: binWeights, rows } = values;
      return drivers.map((driver) =>
        whatIfFromFit(
          regression,
          scores,
          binWeights,
          rows,
          { outcome: o, predictors: drivers, driver, delta: whatIfDelta, weights, confidenceLevel, missingCodes, nps },
          whatIfDelta,
          confidenceLevel,
        ),
      );
    });
    outcomes.push({ outcome: o, kind: 'continuous', regression, importance, dominance, priorities, asymmetry, necessity, whatIf: effects });
  }

  store.release();
  let segmentation: Analysis['segmentation'];
  if (s && segmentCuts) {
    progress('segmentation');
    const segments = attempt(skipped, 'segments', undefined, () => {
      if (!profiles) throw cutsFailed;
      return profiles.segments();
    });
    const profile = segments && profiles && attempt(skipped, 'profiles', undefined, () => profiles.result());
    if (segments && profile) segmentation = { segments, profile };
  } else if (s && overLimit) {
    tooMany('segments');
  } else if (s) {
    progress('segmentation');
    const segmentColumns = [...measureColumns(attitude!), ...measureColumns(behaviour!)];
    const segments = attempt(skipped, 'segments', undefined, () =>
      segmentLoyalty(store.toRows(segmentColumns), {
        attitude: attitude!,
        behaviour: behaviour!,
        attitudeCut: s.attitudeCut,
        behaviourCut: s.behaviourCut,
      }),
    );
    const profile =
      segments &&
      attempt(skipped, 'profiles', undefined, () =>
        profileSegments(scorer ? scored() : store.toRows(scoredColumns.filter((c) => !drivers.includes(c))), segments, {
          ...profileOptions(model, scorer !== undefined),
          weights,
          confidenceLevel,
        }),
      );
    if (segments && profile) segmentation = { segments, profile };
  }
  scoredRows = undefined;

  let waves: CompareWavesResult | undefined;
  if (waveStream) {
    progress('waves');
    if (waveStream.waveCount() < 2) {
      warnings.push(tooFewWaves(model.wave!, waveStream.waveCount()));
    } else if (waveStream.overflowed) {
      skipped.push({
        section: 'waves',
        code: 'TOO_MANY_WAVES',
        message: `the wave column "${model.wave}" has more than ${waveStream.cap.toLocaleString('en')} distinct values; waves are a few rounds of a survey (is "${model.wave}" an id or a date-time?)`,
      });
    } else {
      // The panel transitions on rows of their kept columns, up to the row limit; past it the
      // comparison stands without them.
      const options = waveOpts!;
      let panel: Row[] | undefined;
      if (transitionColumns.length > 0 && overLimit) tooMany('transitions');
      const transitions = (from: WaveValue, to: WaveValue, out: Warning[]) => {
        if (transitionColumns.length === 0 || overLimit) return null;
        panel ??= store.toRows(transitionColumns);
        return waveTransitions(panel, options, from, to, confidenceLevel, out);
      };
      waves = attempt(skipped, 'waves', undefined, () => waveStream.result(transitions));
    }
  } else if (model.wave && overLimit) tooMany('waves');
  else if (model.wave) {
    progress('waves');
    // The kept scores as one-item scales when the model scores as compareWaves does (see above).
    const oneItem =
      defaultScoring && drivers.length > 0
        ? Object.fromEntries(drivers.map((d) => [d, { items: [d], min: model.scales[d]!.min, max: model.scales[d]!.max }]))
        : undefined;
    waves = waveSection(
      store.toRows(waveColumns),
      model,
      { bootstrap, confidenceLevel, weights, missingCodes, drivers: oneItem },
      warnings,
      skipped,
    );
  }

  let paths: PathsAnalysis | undefined;
  if (pathMoments) {
    const statistics = attempt(skipped, 'paths', undefined, () => pathMoments.result());
    if (statistics) paths = pathsSection(statistics, model, { bootstrap, missingCodes, progress }, skipped, warnings);
  }
  return analysisResult(
    { rowsIn, model, indices, measurement, outcomes, segmentation, waves, paths, warnings, skipped },
    settings,
    bootstrapMethod,
  );
}
