import { InputError } from '../errors.js';
import { optionKeys } from '../internal/options.js';
import type { NpsResult } from '../indices/nps.js';
import { checkNumberOption, checkOption, readVector } from '../internal/validate.js';
import type { MissingPolicy, ScaleRange } from '../types.js';
import {
  PALETTE,
  formatLevel,
  formatNumber,
  formatPercent,
  frame,
  readChartOptions,
  requireResult,
  type ChartOptions,
  type ChartSpec,
} from './chartBase.js';

/** Options of {@link npsDistributionChart}. */
export interface NpsDistributionChartOptions extends ChartOptions {
  /**
   * The {@link loyalty-drivers!nps} result of the same scores: its NPS and interval go into the subtitle and the
   * text alternative, its cut points and scale colour the bars. Its counts must match the scores.
   */
  readonly nps?: NpsResult;
  /** Lowest promoter score (default 9, or the `nps` result's). */
  readonly promoterMin?: number;
  /** Highest detractor score (default 6, or the `nps` result's). */
  readonly detractorMax?: number;
  /** Answer scale, whole numbers (default 0-10, or the `nps` result's). */
  readonly scale?: ScaleRange;
  /** Sampling weights, one per score: bar heights become weighted shares. */
  readonly weights?: readonly unknown[];
  /** Bar height: `'share'` of respondents (default) or `'count'` (unweighted). */
  readonly measure?: 'share' | 'count';
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

/** NPS category of a score. */
export type NpsCategory = 'detractor' | 'passive' | 'promoter';

/** One bar of {@link npsDistributionChart}. */
export interface NpsDistributionDatum {
  readonly score: number;
  readonly category: NpsCategory;
  /** Legend text: the category, its scores and its share, e.g. `'Promoters (9-10): 24.1%'`. */
  readonly categoryLabel: string;
  /** Respondents giving this score (unweighted). */
  readonly count: number;
  /** Share of respondents giving this score (weighted when weights are given). */
  readonly share: number;
  /** Share of the score's category: the `nps` result's own share when given. */
  readonly categoryShare: number;
}

type Category = NpsCategory;

function categoryNames(detractorMax: number, promoterMin: number, min: number, max: number): Record<Category, string> {
  const range = (a: number, b: number) => (a > b ? 'none' : a === b ? `${a}` : `${a}-${b}`);
  return {
    detractor: `Detractors (${range(min, Math.floor(detractorMax))})`,
    passive: `Passives (${range(Math.floor(detractorMax) + 1, Math.ceil(promoterMin) - 1)})`,
    promoter: `Promoters (${range(Math.ceil(promoterMin), max)})`,
  };
}

/** The keys of {@link NpsDistributionChartOptions} beyond the common chart options. */
const OWN_KEYS = optionKeys<Omit<NpsDistributionChartOptions, keyof ChartOptions>>({
  nps: true,
  promoterMin: true,
  detractorMax: true,
  scale: true,
  weights: true,
  measure: true,
  missing: true,
  missingCodes: true,
});

/**
 * Distribution of likelihood-to-recommend scores: one bar per score (0-10 by default), coloured
 * detractor / passive / promoter, with the Net Promoter Score and its interval in the subtitle
 * when the {@link loyalty-drivers!nps} result is passed.
 *
 * Method: counts (and weighted shares) per score from the raw scores, validated like
 * {@link loyalty-drivers!nps} (whole numbers on the scale; missing values per `missing`). The NPS, its interval
 * and the category shares shown are the `nps` result's own numbers; the result must describe the
 * same scores (same n and category counts, same weighting). Colours: Okabe-Ito vermillion,
 * grey and blue; bars carry their share as text so colour is not the only cue.
 *
 * @param scores - Likelihood-to-recommend answers (missing: `null`, `''`, `NaN`, `missingCodes`).
 * @param options - `nps` (result), `promoterMin`, `detractorMax`, `scale`, `weights`, `measure`
 *   (`'share'` | `'count'`), `missing`, `missingCodes`, and the common `width` (default 420),
 *   `height` (240), `title`, `subtitle`, `description`.
 * @returns A Vega-Lite v6 spec; `data.values` holds one row per score: `score`, `category`,
 *   `categoryLabel`, `count`, `share`, `categoryShare`.
 * @throws InputError `EMPTY_INPUT`, `NOT_NUMERIC`, `OUT_OF_RANGE` (a score off the scale or not
 *   whole), `MISSING_VALUE`, `LENGTH_MISMATCH` (weights), `INVALID_OPTION` (an `nps` result that
 *   does not match the scores, a non-integer scale, bad options); InsufficientDataError
 *   `TOO_FEW_CASES` (every score missing).
 *
 * @example
 * ```ts
 * import { nps } from 'loyalty-drivers';
 * import { npsDistributionChart } from 'loyalty-drivers/charts';
 * const scores = [10, 9, 9, 8, 7, 6, 3, 10];
 * const spec = npsDistributionChart(scores, { nps: nps(scores) });
 * spec.$schema; // => 'https://vega.github.io/schema/vega-lite/v6.json'
 * spec.data.values[10]; // => { score: 10, category: 'promoter', categoryLabel: 'Promoters (9-10): 50.0%', count: 2, share: 0.25, categoryShare: 0.5 }
 * spec.description.startsWith('Bar chart of 8 likelihood-to-recommend scores'); // => true
 * ```
 */
export function npsDistributionChart(
  scores: readonly unknown[],
  options: NpsDistributionChartOptions = {},
): ChartSpec<NpsDistributionDatum> {
  const common = readChartOptions(options, OWN_KEYS);
  const result = options.nps === undefined ? undefined : requireResult<NpsResult>(options.nps, 'nps', 'options.nps', 'nps()');
  const fromResult = result?.options;
  const pick = (name: 'promoterMin' | 'detractorMax', fallback: number): number => {
    const given = options[name] === undefined ? undefined : checkNumberOption(`options.${name}`, options[name]);
    const echoed = fromResult?.[name];
    if (given !== undefined && echoed !== undefined && given !== echoed) {
      throw new InputError(
        'INVALID_OPTION',
        `options.${name} (${given}) differs from the nps result's ${name} (${echoed}); pass one or make them agree`,
        {
          argument: `options.${name}`,
          value: given,
          expected: `${echoed}`,
        },
      );
    }
    return given ?? echoed ?? fallback;
  };
  const promoterMin = pick('promoterMin', 9);
  const detractorMax = pick('detractorMax', 6);
  if (!(detractorMax < promoterMin)) {
    throw new InputError('INVALID_OPTION', `options.detractorMax (${detractorMax}) must be below options.promoterMin (${promoterMin})`, {
      argument: 'options.detractorMax',
      value: detractorMax,
      expected: `< ${promoterMin}`,
    });
  }
  const scale = options.scale ?? fromResult?.scale ?? { min: 0, max: 10, integer: true };
  const min = scale.min ?? 0;
  const max = scale.max ?? 10;
  if (!Number.isInteger(min) || !Number.isInteger(max) || max <= min || max - min > 100) {
    throw new InputError(
      'INVALID_OPTION',
      `options.scale: a bar per score needs whole-number bounds with max > min (at most 100 apart), got ${min} to ${max}`,
      {
        argument: 'options.scale',
        expected: '{ min, max } whole numbers',
      },
    );
  }
  const measure = checkOption('options.measure', options.measure ?? 'share', ['share', 'count'] as const);
  const sample = readVector(scores, {
    argument: 'scores',
    scale: { min, max, integer: true },
    weights: options.weights,
    missing: options.missing,
    missingCodes: options.missingCodes,
  });
  const weighted = sample.weights !== undefined;
  const bins = max - min + 1;
  const counts = new Array<number>(bins).fill(0);
  const weightBy = new Array<number>(bins).fill(0);
  let weightSum = 0;
  sample.values.forEach((x, i) => {
    const w = sample.weights ? sample.weights[i]! : 1;
    counts[x - min]! += 1;
    weightBy[x - min]! += w;
    weightSum += w;
  });
  const categoryOf = (s: number): Category => (s >= promoterMin ? 'promoter' : s <= detractorMax ? 'detractor' : 'passive');
  const tally = { detractor: 0, passive: 0, promoter: 0 };
  const weightTally = { detractor: 0, passive: 0, promoter: 0 };
  counts.forEach((c, j) => {
    tally[categoryOf(min + j)] += c;
    weightTally[categoryOf(min + j)] += weightBy[j]!;
  });
  const n = sample.values.length;
  if (result !== undefined) {
    const mismatch =
      result.n !== n || result.promoters !== tally.promoter || result.detractors !== tally.detractor || result.weighted !== weighted;
    if (mismatch) {
      throw new InputError(
        'INVALID_OPTION',
        `options.nps describes ${result.n} scores (${result.promoters} promoters, ${result.detractors} detractors, ${result.weighted ? 'weighted' : 'unweighted'}) but the scores give ${n} (${tally.promoter} promoters, ${tally.detractor} detractors, ${weighted ? 'weighted' : 'unweighted'}); pass the nps() result of the same scores, weights and missing-value settings`,
        {
          argument: 'options.nps',
          expected: 'the nps() result of these scores',
        },
      );
    }
  }
  const categoryShare: Record<Category, number> = result
    ? { detractor: result.detractorShare, passive: result.passiveShare, promoter: result.promoterShare }
    : {
        detractor: weightTally.detractor / weightSum,
        passive: weightTally.passive / weightSum,
        promoter: weightTally.promoter / weightSum,
      };
  const plain = categoryNames(detractorMax, promoterMin, min, max);
  const names: Record<Category, string> = {
    detractor: `${plain.detractor}: ${formatPercent(categoryShare.detractor)}`,
    passive: `${plain.passive}: ${formatPercent(categoryShare.passive)}`,
    promoter: `${plain.promoter}: ${formatPercent(categoryShare.promoter)}`,
  };
  const values = counts.map((count, j): NpsDistributionDatum => {
    const category = categoryOf(min + j);
    return {
      score: min + j,
      category,
      categoryLabel: names[category],
      count,
      share: weightBy[j]! / weightSum,
      categoryShare: categoryShare[category],
    };
  });

  const who = weighted ? 'weighted share of respondents' : 'share of respondents';
  const shareText = (['detractor', 'passive', 'promoter'] as const)
    .map((c) => `${plain[c].toLowerCase()} ${formatPercent(categoryShare[c])}`)
    .join(', ');
  let npsText = '';
  let subtitle = `n = ${formatNumber(n)}${weighted ? ', weighted' : ''}`;
  if (result !== undefined) {
    const [lower, upper] = result.confidenceInterval;
    const intervalName = result.intervalMethod === 'wald' ? 'Wald' : 'adjusted Wald';
    npsText = ` NPS ${formatNumber(result.estimate, 1)}, ${formatLevel(result.confidenceLevel)} confidence interval ${formatNumber(lower, 1)} to ${formatNumber(upper, 1)} (${intervalName}).`;
    subtitle = `NPS ${formatNumber(result.estimate, 1)} (${formatLevel(result.confidenceLevel)} CI ${formatNumber(lower, 1)} to ${formatNumber(upper, 1)}), ${subtitle}`;
  }
  const description = `Bar chart of ${formatNumber(n)} likelihood-to-recommend scores from ${min} to ${max}, bar height the ${measure === 'share' ? who : 'number of respondents'} at each score: ${shareText}.${npsText}`;

  const yField = measure === 'share' ? 'share' : 'count';
  // Headroom above the tallest bar for its label.
  const top = Math.max(...values.map((d) => (measure === 'share' ? d.share : d.count)));
  const y =
    measure === 'share'
      ? {
          field: 'share',
          type: 'quantitative',
          title: weighted ? 'Share of respondents (weighted)' : 'Share of respondents',
          axis: { format: '.0%' },
          scale: { domain: [0, top * 1.12] },
        }
      : { field: 'count', type: 'quantitative', title: 'Respondents', scale: { domain: [0, top * 1.12] } };
  const colour = {
    field: 'categoryLabel',
    type: 'nominal',
    title: null,
    scale: { domain: [names.detractor, names.passive, names.promoter], range: [PALETTE.vermillion, PALETTE.lightGrey, PALETTE.blue] },
  };
  const spec = {
    ...frame(common, { chart: 'nps-distribution', title: 'Likelihood to recommend', subtitle, description, width: 420, height: 240 }),
    data: { values },
    encoding: {
      x: { field: 'score', type: 'ordinal', title: 'Score', sort: 'ascending', axis: { labelAngle: 0 } },
      y,
    },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          color: colour,
          tooltip: [
            { field: 'score', type: 'ordinal', title: 'Score' },
            { field: 'count', type: 'quantitative', title: 'Respondents' },
            { field: 'share', type: 'quantitative', title: weighted ? 'Share (weighted)' : 'Share', format: '.1%' },
            { field: 'categoryLabel', type: 'nominal', title: 'Category' },
            { field: 'categoryShare', type: 'quantitative', title: 'Category share', format: '.1%' },
          ],
        },
      },
      {
        transform: [{ filter: 'datum.count > 0' }],
        mark: { type: 'text', dy: -4, baseline: 'bottom', fontSize: 10, color: PALETTE.muted },
        encoding: { text: { field: yField, type: 'quantitative', format: measure === 'share' ? '.0%' : ',d' } },
      },
    ],
  };
  return spec as ChartSpec<NpsDistributionDatum>;
}
