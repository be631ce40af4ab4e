import { rowResamplingOnly, checkBootstrap, checkOptions, optionKeys, type BootstrapPlan } from '../internal/options.js';
import { InputError } from '../errors.js';
import { ALL_METRICS, type ImportanceMetric } from '../importance/importanceMetrics.js';
import { csat } from '../indices/csat.js';
import { customerLoyaltyIndex } from '../indices/customerLoyaltyIndex.js';
import { nps, type NpsResult } from '../indices/nps.js';
import { retentionRate } from '../indices/retentionRate.js';
import { scaleScores } from '../measurement/scaleScores.js';
import { linearizedMean } from '../internal/proportion.js';
import { createRandom } from '../internal/random.js';
import { sumOfSquares } from '../internal/sums.js';
import { checkConfidenceLevel, checkOption, isMissing, readCell, requireColumn, requireRows } from '../internal/validate.js';
import type { Row, Warning } from '../types.js';
import { estimateFields } from '../internal/estimateFields.js';
import { InsufficientDataError } from '../errors.js';
import { segmentTransitions } from '../segmentation/segmentTransitions.js';
import { checkWeightsOrDesign, designSummary, readRowsDesign, readVectorDesign, type SurveyDesign } from '../survey/design.js';
import { designMean } from '../survey/linearization.js';
import { compareMeans, type CompareMeansResult } from './compareMeans.js';
import { compareNps } from './compareNps.js';
import { compareProportions } from './compareProportions.js';
import type { SampleInput } from './readSample.js';
import { inWave, splitWaves, waveName } from './waveData.js';
import {
  bootstrapWave,
  waveDifferenceIntervals,
  waveImportance,
  withWaveIntervals,
  type WaveImportanceSample,
  type WaveReplicates,
} from './waveImportance.js';
import type {
  CompareWavesOptions,
  CompareWavesResult,
  WaveComparison,
  WaveSummary,
  WaveImportanceOptions,
  WaveSegmentsOptions,
  WaveValue,
} from './waveTypes.js';

type Sample = { values: (number | null)[]; weights?: number[] };

/**
 * Compares two or more survey waves (rounds, before/after a campaign): loyalty indices, driver
 * means and driver importance per wave, and the change between consecutive waves (or from a
 * baseline wave) with tests and intervals. Differences are always later minus earlier (`to - from`).
 *
 * Method. Each wave is an independent sample. Per wave: {@link nps} (Rocks 2016 SE), {@link csat}
 * (Wilson), {@link retentionRate}, the mean per-respondent {@link customerLoyaltyIndex}; driver
 * scores by {@link scaleScores} (mean of the items, every item answered), their means on the wave's
 * rows complete on all driver items (listwise across drivers, as driver models use); importance by
 * {@link relativeImportance} (default lmg) on the rows complete on the drivers and the outcome.
 * Changes: {@link compareNps} (`z = d / sqrt(V1 + V2)`), {@link compareProportions} (R
 * `prop.test(correct = FALSE)`) for CSAT and retention, {@link compareMeans} (Welch t) for the
 * CLI and each driver; with weights, Taylor-linearized SEs (`survey::svymean`, `ids = ~1`, each
 * wave its own design). Importance differences: a stratified percentile bootstrap (Efron &
 * Tibshirani 1993, ch. 13): each wave resampled independently B times from one seeded generator,
 * the metric recomputed, and the replicate differences summarised (type-7 quantiles). No
 * adjustment is made for testing many drivers and waves at once.
 *
 * @param rows - Plain objects keyed by column, one per respondent, with a wave column.
 * @param options - `wave` column; `order`, `baseline`; what to compare: `nps`, `csat`, `retention`,
 *   `customerLoyaltyIndex`, `drivers` (scale definitions), `importance` (`outcome`, `metric`,
 *   `bootstrap`); `weights`, `confidenceLevel`, `missingCodes`.
 * @returns Per-wave summaries and per-comparison tests, the settings used and the missing report.
 * @throws InputError `EMPTY_INPUT`, `COLUMN_NOT_FOUND`, `NOT_NUMERIC`, `OUT_OF_RANGE`,
 *   `INVALID_OPTION` (nothing to compare, a baseline or ordered wave not in the data, importance
 *   without drivers); InsufficientDataError `TOO_FEW_CASES` (a wave column with one wave, a wave
 *   too small for a statistic, named in the message), `ZERO_VARIANCE`; NumericalError from the
 *   importance model.
 *
 * @example
 * ```ts
 * import { compareWaves } from 'loyalty-drivers';
 * const rows = [
 *   { wave: 1, recommend: 9 }, { wave: 1, recommend: 3 }, { wave: 1, recommend: 7 }, { wave: 1, recommend: 10 },
 *   { wave: 2, recommend: 10 }, { wave: 2, recommend: 9 }, { wave: 2, recommend: 8 }, { wave: 2, recommend: 5 },
 * ];
 * const r = compareWaves(rows, { wave: 'wave', nps: 'recommend' });
 * r.waves[0].nps; // => { estimate: 25, n: 4, ... } (2 promoters, 1 detractor of 4)
 * r.waves[1].nps; // => { estimate: 25, n: 4, ... }
 * r.comparisons[0]; // => { from: 1, to: 2, ... }
 * r.comparisons[0].nps; // => { estimate: 0, statistic: 0, pValue: 1, ... }
 * ```
 */
export function compareWaves(rows: readonly Row[], options: CompareWavesOptions): CompareWavesResult {
  const data = requireRows(rows);
  if (options === null || typeof options !== 'object' || typeof options.wave !== 'string') {
    throw new InputError('INVALID_OPTION', 'options.wave: expected the name of the wave column', {
      argument: 'options.wave',
      expected: 'a column name',
    });
  }
  checkOptions(options, COMPARE_WAVES_KEYS);
  for (const key of ['nps', 'csat'] as const) {
    const spec = options[key];
    if (spec !== null && typeof spec === 'object') checkOptions(spec, key === 'nps' ? WAVE_NPS_KEYS : WAVE_CSAT_KEYS, `options.${key}`);
  }
  if (options.customerLoyaltyIndex !== undefined) checkOptions(options.customerLoyaltyIndex, WAVE_CLI_KEYS, 'options.customerLoyaltyIndex');
  if (options.importance !== undefined) checkOptions(options.importance, WAVE_IMPORTANCE_KEYS, 'options.importance');
  const confidenceLevel = checkConfidenceLevel(options.confidenceLevel);
  const wanted = (['nps', 'csat', 'retention', 'customerLoyaltyIndex', 'drivers', 'importance'] as const).filter(
    (k) => options[k] !== undefined,
  );
  if (wanted.length === 0 && options.segments === undefined) {
    throw new InputError(
      'INVALID_OPTION',
      'options: nothing to compare; pass nps, csat, retention, customerLoyaltyIndex, drivers and/or importance',
      {
        argument: 'options',
        expected: 'at least one of nps, csat, retention, customerLoyaltyIndex, drivers, importance',
      },
    );
  }
  if ((options.id === undefined) !== (options.segments === undefined)) {
    throw new InputError(
      'INVALID_OPTION',
      `options.${options.id === undefined ? 'segments' : 'id'}: segment transitions need both id (the respondent column) and segments`,
      {
        argument: options.id === undefined ? 'options.segments' : 'options.id',
        expected: 'both id and segments',
      },
    );
  }
  if (options.segments !== undefined) checkOptions(options.segments, WAVE_SEGMENTS_KEYS, 'options.segments');
  if (options.importance !== undefined && options.drivers === undefined) {
    throw new InputError('INVALID_OPTION', 'options.importance: needs options.drivers (the importance of which drivers?)', {
      argument: 'options.importance',
      expected: 'options.drivers',
    });
  }
  checkWeightsOrDesign(options);
  const design = options.design;
  if (design !== undefined) readRowsDesign(data, design); // checks the columns and values once, naming them
  const split = splitWaves(data, options.wave, options.order, options.weights ?? design?.weights);
  const { waves, members, weight } = split;
  const weighted = options.weights !== undefined || design !== undefined;
  // With a design each wave is its own sample: the design's columns over the wave's rows.
  const designOf = (idx: readonly number[]): SurveyDesign | undefined => {
    if (!design) return undefined;
    const col = (c: string | undefined) => (c === undefined ? undefined : idx.map((i) => data[i]![c]));
    return {
      weights: col(design.weights)!,
      ...(design.strata !== undefined ? { strata: col(design.strata) } : {}),
      ...(design.clusters !== undefined ? { clusters: col(design.clusters) } : {}),
      ...(design.fpc !== undefined ? { fpc: col(design.fpc) } : {}),
      ...(design.lonelyPsu !== undefined ? { lonelyPsu: design.lonelyPsu } : {}),
    };
  };
  const key = (w: unknown) => `${typeof w}:${String(w)}`;
  let baselineIndex = -1;
  if (options.baseline !== undefined) {
    baselineIndex = waves.findIndex((w) => key(w) === key(options.baseline));
    if (baselineIndex < 0) {
      throw new InputError(
        'INVALID_OPTION',
        `options.baseline: wave ${JSON.stringify(options.baseline)} is not among the waves compared (${waves.map((w) => JSON.stringify(w)).join(', ')})`,
        {
          argument: 'options.baseline',
          value: typeof options.baseline === 'number' || typeof options.baseline === 'string' ? options.baseline : String(options.baseline),
          expected: 'one of the waves',
        },
      );
    }
  }
  const missingCodes = options.missingCodes;
  const columnOf = (spec: string | { column: string }, argument: string): string => {
    const column = typeof spec === 'string' ? spec : spec?.column;
    requireColumn(data, column, argument);
    return column;
  };
  const sampleOf = (idx: readonly number[], values: (i: number) => number | null): Sample => {
    const v = idx.map(values);
    return weighted ? { values: v, weights: idx.map((i) => weight[i]!) } : { values: v };
  };
  const weightsOf = (idx: readonly number[]) => (weighted ? idx.map((i) => weight[i]!) : undefined);
  const asInput = (s: Sample, idx?: readonly number[]): SampleInput =>
    design && idx ? { values: s.values, design: designOf(idx)! } : s.weights ? { values: s.values, weights: s.weights } : s.values;
  // Under a design: the vector functions take the wave's design instead of its weights.
  const weighting = (idx: readonly number[]) => (design ? { design: designOf(idx)! } : { weights: weightsOf(idx) });
  const domainMeanOf = (idx: readonly number[], value: (i: number) => number | null): { mean: number; variance: number } => {
    const prepared = readVectorDesign(designOf(idx), idx.length);
    const y = new Float64Array(idx.length);
    const used = new Uint8Array(idx.length);
    idx.forEach((i, k) => {
      const v = value(i);
      if (v !== null) {
        y[k] = v;
        used[k] = 1;
      }
    });
    const est = designMean(y, prepared, used);
    return { mean: est.estimate, variance: est.variance };
  };

  // ---- Indices per wave.
  const npsSpec = options.nps === undefined ? undefined : typeof options.nps === 'string' ? { column: options.nps } : options.nps;
  const npsColumn = npsSpec && columnOf(npsSpec, 'options.nps');
  const npsResults: (NpsResult | null)[] = waves.map((w, j) =>
    npsSpec
      ? inWave(
          waveName(w),
          () =>
            nps(
              members[j]!.map((i) => data[i]![npsColumn!]),
              {
                promoterMin: npsSpec.promoterMin,
                detractorMax: npsSpec.detractorMax,
                scale: npsSpec.scale,
                confidenceLevel,
                missingCodes,
                ...(weighted ? { ...weighting(members[j]!), intervalMethod: 'wald' as const } : {}),
              },
            ),
          members[j],
        )
      : null,
  );

  const csatSpec = options.csat === undefined ? undefined : typeof options.csat === 'string' ? { column: options.csat } : options.csat;
  const csatColumn = csatSpec && columnOf(csatSpec, 'options.csat');
  const csatResults = waves.map((w, j) =>
    csatSpec
      ? inWave(
          waveName(w),
          () =>
            csat(
              members[j]!.map((i) => data[i]![csatColumn!]),
              {
                satisfiedMin: csatSpec.satisfiedMin,
                scale: csatSpec.scale,
                confidenceLevel,
                missingCodes,
                ...weighting(members[j]!),
              },
            ),
          members[j],
        )
      : null,
  );
  const satisfiedSamples = waves.map((_, j) =>
    csatSpec
      ? sampleOf(members[j]!, (i) => {
          const v = data[i]![csatColumn!];
          return isMissing(v) || (missingCodes?.includes(v as number) ?? false)
            ? null
            : (v as number) >= csatResults[j]!.options.satisfiedMin
              ? 1
              : 0;
        })
      : null,
  );

  const retentionColumn = options.retention === undefined ? undefined : columnOf(options.retention, 'options.retention');
  const retainedSamples = waves.map((_, j) =>
    retentionColumn
      ? sampleOf(members[j]!, (i) => {
          const v = data[i]![retentionColumn];
          return isMissing(v) ? null : (v as number);
        })
      : null,
  );
  const retentionResults = waves.map((w, j) =>
    retentionColumn
      ? inWave(
          waveName(w),
          () =>
            retentionRate(retainedSamples[j]!.values, {
              ...(design ? { design: designOf(members[j]!) } : { weights: retainedSamples[j]!.weights }),
              confidenceLevel,
              missingCodes,
            }),
          members[j],
        )
      : null,
  );

  const cliSpec = options.customerLoyaltyIndex;
  const cliSamples = waves.map((w, j) => {
    if (!cliSpec) return null;
    const subset = members[j]!.map((i) => data[i]!);
    const r = inWave(
      waveName(w),
      () =>
        customerLoyaltyIndex(subset, {
          items: cliSpec.items,
          scale: cliSpec.scale,
          missingCodes,
          confidenceLevel,
          ...(design ? { design } : { weights: options.weights }),
        }),
      members[j],
    );
    const sample: Sample = { values: [...r.perRespondent], ...(weighted ? { weights: weightsOf(members[j]!) } : {}) };
    return { result: r, sample };
  });

  // ---- Driver scores: complete on every driver item (and the weight).
  const scores = options.drivers === undefined ? undefined : scaleScores(data, options.drivers, { missingCodes });
  const driverNames = scores?.scaleNames ?? [];
  const driverRows = members.map((idx) => idx.filter((i) => driverNames.every((d) => scores!.scores[d]![i] !== null)));

  // ---- Importance: complete on the drivers and the outcome.
  let metric: ImportanceMetric = 'lmg';
  let outcome = '';
  let importanceSamples: WaveImportanceSample[] = [];
  let bootstrap: BootstrapPlan | null = null;
  if (options.importance !== undefined) {
    const imp = options.importance;
    outcome = columnOf(imp.outcome, 'options.importance.outcome');
    metric = checkOption('options.importance.metric', imp.metric ?? 'lmg', ALL_METRICS);
    if (driverNames.length < 2) {
      throw new InputError('INVALID_OPTION', `options.drivers: importance needs at least 2 drivers, got ${driverNames.length}`, {
        argument: 'options.drivers',
        expected: 'at least 2 drivers',
      });
    }
    if (driverNames.includes(outcome)) {
      throw new InputError('INVALID_OPTION', `options.importance.outcome: "${outcome}" is also a driver name`, {
        argument: 'options.importance.outcome',
        expected: 'a column that is not a driver',
      });
    }
    bootstrap = rowResamplingOnly(
      checkBootstrap(imp.bootstrap, 'options.importance.bootstrap', confidenceLevel),
      'options.importance.bootstrap',
    );
    if (bootstrap && design) {
      throw new InputError(
        'INVALID_OPTION',
        'options.importance.bootstrap: not with options.design (the bootstrap resamples rows, not PSUs)',
        {
          argument: 'options.importance.bootstrap',
          expected: 'false with a design',
        },
      );
    }
    importanceSamples = driverRows.map((idx) => {
      const y = idx.map((i) => readCell(data[i]![outcome], i, { argument: 'rows', column: outcome, missingCodes }));
      const keep = idx.filter((_, t) => y[t] !== null);
      const yk = y.filter((v): v is number => v !== null);
      const columns = driverNames.map((d) => Float64Array.from(keep, (i) => scores!.scores[d]![i]!));
      columns.push(Float64Array.from(yk));
      return { columns, weights: weighted ? Float64Array.from(keep, (i) => weight[i]!) : undefined };
    });
  }
  const variables = [...driverNames, outcome];
  const importancePoint = waves.map((w, j) =>
    options.importance ? inWave(waveName(w), () => waveImportance(importanceSamples[j]!, variables, metric)) : null,
  );
  let replicates: WaveReplicates[] = [];
  let redrawn = 0;
  if (bootstrap) {
    const random = createRandom(bootstrap.seed);
    replicates = waves.map((w, j) => {
      const r = inWave(waveName(w), () =>
        bootstrapWave(importanceSamples[j]!, variables, metric, bootstrap!.replicates, random, waveName(w)),
      );
      redrawn += r.redrawn;
      return r;
    });
  }
  const p = driverNames.length;

  // ---- Per-wave summaries.
  const summaries: WaveSummary[] = waves.map((w, j) => {
    const est = estimateFields;
    const nr = npsResults[j];
    const cr = csatResults[j];
    const rr = retentionResults[j];
    const cl = cliSamples[j];
    let drivers: WaveSummary['drivers'] = null;
    if (scores) {
      const idx = driverRows[j]!;
      const means: Record<string, { mean: number; standardError: number; standardDeviation: number | null }> = {};
      for (const d of driverNames) {
        const x = idx.map((i) => scores.scores[d]![i]!);
        // Under a design: the mean over the wave's design, the unscored rows outside the domain.
        const m = design ? domainMeanOf(members[j]!, (i) => scores.scores[d]![i] ?? null) : linearizedMean(x, weightsOf(idx));
        means[d] = {
          mean: m.mean,
          standardError: Math.sqrt(m.variance),
          standardDeviation: !weighted && x.length > 1 ? Math.sqrt(sumOfSquares(x) / (x.length - 1)) : null,
        };
      }
      drivers = { n: idx.length, means };
    }
    let importance = importancePoint[j] ?? null;
    if (importance && bootstrap) importance = withWaveIntervals(importance, replicates[j]!, driverNames, bootstrap.confidenceLevel);
    return {
      wave: w,
      rows: members[j]!.length,
      nps: nr ? est(nr) : null,
      csat: cr ? est(cr) : null,
      retention: rr ? est(rr) : null,
      customerLoyaltyIndex: cl ? est(cl.result) : null,
      drivers,
      importance,
    };
  });

  // ---- Comparisons: consecutive, or each wave against the baseline.
  const pairs: [number, number][] =
    baselineIndex < 0
      ? waves.slice(1).map((_, j) => [j, j + 1])
      : waves
          .map((_, j) => j)
          .filter((j) => j !== baselineIndex)
          .map((j) => [baselineIndex, j]);
  const warnings: { code: string; message: string }[] = [];
  const transitionsOf = (f: number, t: number) => waveTransitions(data, options, waves[f]!, waves[t]!, confidenceLevel, warnings);
  const comparisons: WaveComparison[] = pairs.map(([f, t]) => {
    const label = `comparing ${waveName(waves[f]!)} (a) with ${waveName(waves[t]!)} (b)`;
    return inWave(label, () => {
      let drivers: Record<string, CompareMeansResult> | null = null;
      if (scores) {
        drivers = {};
        for (const d of driverNames) {
          const side = (j: number) =>
            design
              ? asInput(
                  sampleOf(members[j]!, (i) => scores.scores[d]![i] ?? null),
                  members[j]!,
                )
              : asInput(sampleOf(driverRows[j]!, (i) => scores.scores[d]![i]!));
          drivers[d] = compareMeans(side(f), side(t), { confidenceLevel });
        }
      }
      let importance: WaveComparison['importance'] = null;
      if (bootstrap) {
        importance = waveDifferenceIntervals(
          importancePoint[f]!,
          importancePoint[t]!,
          replicates[f]!,
          replicates[t]!,
          driverNames,
          bootstrap.confidenceLevel,
        );
      }
      return {
        from: waves[f]!,
        to: waves[t]!,
        nps: npsResults[f] ? compareNps(npsResults[f]!, npsResults[t]!, { confidenceLevel }) : null,
        csat: satisfiedSamples[f]
          ? compareProportions(asInput(satisfiedSamples[f]!, members[f]!), asInput(satisfiedSamples[t]!, members[t]!), { confidenceLevel })
          : null,
        retention: retainedSamples[f]
          ? compareProportions(asInput(retainedSamples[f]!, members[f]!), asInput(retainedSamples[t]!, members[t]!), {
              confidenceLevel,
              missingCodes,
            })
          : null,
        customerLoyaltyIndex: cliSamples[f]
          ? compareMeans(asInput(cliSamples[f]!.sample, members[f]!), asInput(cliSamples[t]!.sample, members[t]!), { confidenceLevel })
          : null,
        drivers,
        importance,
        transitions: transitionsOf(f, t),
      };
    });
  });

  const used = members.reduce((a, m) => a + m.length, 0);
  return {
    method: 'wave-comparison',
    wave: options.wave,
    waves: summaries,
    design: baselineIndex < 0 ? 'consecutive' : 'baseline',
    comparisons,
    weighted,
    surveyDesign: design ? members.map((idx) => designSummary(readVectorDesign(designOf(idx), idx.length), null)) : null,
    confidenceLevel,
    importance: options.importance ? { outcome, metric } : null,
    bootstrap: bootstrap
      ? {
          method: 'row-resampling',
          replicates: bootstrap.replicates,
          seed: bootstrap.seed,
          confidenceLevel: bootstrap.confidenceLevel,
          intervalMethod: 'percentile',
          redrawn,
        }
      : null,
    missing: { policy: 'omit', rowsIn: data.length, rowsUsed: used, rowsDropped: data.length - used, byColumn: split.byColumn },
    warnings,
  };
}

/**
 * The segment transitions of the respondents in both waves (`options.id` and `options.segments`);
 * none in both, or an id twice in a wave, is a warning and `null`, not an error (a repeated
 * cross-section has ids too). Shared with the streaming wave comparison.
 * @internal
 */
export function waveTransitions(
  data: readonly Row[],
  options: CompareWavesOptions,
  from: WaveValue,
  to: WaveValue,
  confidenceLevel: number,
  warnings: Warning[],
): WaveComparison['transitions'] {
  const segments = options.segments;
  if (segments === undefined || options.id === undefined) return null;
  const npsSpec = options.nps === undefined ? undefined : typeof options.nps === 'string' ? { column: options.nps } : options.nps;
  try {
    return segmentTransitions(data, {
      id: options.id,
      wave: options.wave,
      from,
      to,
      attitude: segments.attitude,
      behaviour: segments.behaviour,
      attitudeCut: segments.attitudeCut,
      behaviourCut: segments.behaviourCut,
      attitudeHigh: segments.attitudeHigh,
      behaviourHigh: segments.behaviourHigh,
      nps: npsSpec ? { column: npsSpec.column, promoterMin: npsSpec.promoterMin, detractorMax: npsSpec.detractorMax } : undefined,
      revenue: segments.revenue,
      confidenceLevel,
    });
  } catch (e) {
    // An id that repeats within a wave is a data problem of the panel, not of the comparison:
    // the transitions are left out with a warning, the rest of the comparison stands.
    const duplicate = e instanceof InputError && e.location.argument === 'options.id';
    if (!duplicate && (!(e instanceof InsufficientDataError) || e.location.argument !== 'options.id')) throw e;
    warnings.push({
      code: duplicate ? 'DUPLICATE_ID' : 'NO_PANEL',
      message: `${waveName(from)} to ${waveName(to)}: ${(e as Error).message}; no segment transitions`,
    });
    return null;
  }
}

/** The valid option keys (strict options: see src/internal/options.ts). */
const COMPARE_WAVES_KEYS = optionKeys<CompareWavesOptions>({
  wave: true,
  order: true,
  baseline: true,
  nps: true,
  csat: true,
  retention: true,
  customerLoyaltyIndex: true,
  drivers: true,
  importance: true,
  weights: true,
  design: true,
  confidenceLevel: true,
  missingCodes: true,
  id: true,
  segments: true,
});
const WAVE_NPS_KEYS = optionKeys<Exclude<CompareWavesOptions['nps'] & object, string>>({
  column: true,
  promoterMin: true,
  detractorMax: true,
  scale: true,
});
const WAVE_CSAT_KEYS = optionKeys<Exclude<CompareWavesOptions['csat'] & object, string>>({ column: true, satisfiedMin: true, scale: true });
const WAVE_CLI_KEYS = optionKeys<NonNullable<CompareWavesOptions['customerLoyaltyIndex']>>({ items: true, scale: true });
const WAVE_IMPORTANCE_KEYS = optionKeys<WaveImportanceOptions>({ outcome: true, metric: true, bootstrap: true });
const WAVE_SEGMENTS_KEYS = optionKeys<WaveSegmentsOptions>({
  attitude: true,
  behaviour: true,
  attitudeCut: true,
  behaviourCut: true,
  attitudeHigh: true,
  behaviourHigh: true,
  revenue: true,
});
