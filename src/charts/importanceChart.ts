import { InputError } from '../errors.js';
import { optionKeys } from '../internal/options.js';
import type { ImportanceMetric } from '../importance/importanceMetrics.js';
import type { RelativeImportanceResult } from '../importance/relativeImportance.js';
import { checkOption } from '../internal/validate.js';
import {
  PALETTE,
  formatLevel,
  formatNumber,
  formatPercent,
  frame,
  readChartOptions,
  readLabels,
  requireResult,
  type ChartOptions,
  type ChartSpec,
} from './chartBase.js';
import { DECOMPOSES_R2, fitIndexName, METRIC_NAMES } from './metricNames.js';

/** Options of {@link importanceChart}. */
export interface ImportanceChartOptions extends ChartOptions {
  /** Metric to draw (default `'lmg'` when computed, else the result's first metric). */
  readonly metric?: ImportanceMetric;
  /** `'share'` (default): normalized share of the metric's total; `'raw'`: the metric itself (e.g. a part of R²). */
  readonly value?: 'share' | 'raw';
  /**
   * Draw the bootstrap percentile intervals as error bars. Default: when the result has a
   * bootstrap; `true` without one is an error.
   */
  readonly intervals?: boolean;
  /** `'importance'` (default): most important first; `'input'`: the result's predictor order. */
  readonly sort?: 'importance' | 'input';
  /** Display names of the drivers, e.g. `{ tru: 'Trust' }`. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** One bar of {@link importanceChart}. */
export interface ImportanceDatum {
  readonly driver: string;
  /** Display name. */
  readonly label: string;
  /** The value drawn: `share` or `raw`, as chosen. */
  readonly value: number;
  /** Bootstrap percentile interval of `value` (absent without intervals). */
  readonly lower?: number;
  readonly upper?: number;
  /** Bootstrap standard error of `value` (absent without intervals). */
  readonly standardError?: number;
  /** The metric's raw value and normalized share, and the driver's rank (1 = most important). */
  readonly raw: number;
  readonly share: number;
  readonly rank: number;
}

/** The keys of {@link ImportanceChartOptions} beyond the common chart options. */
const OWN_KEYS = optionKeys<Omit<ImportanceChartOptions, keyof ChartOptions>>({
  metric: true,
  value: true,
  intervals: true,
  sort: true,
  labels: true,
});

/**
 * Driver importance as horizontal bars, most important first, with bootstrap percentile
 * intervals as error bars: the chart of a key driver analysis.
 *
 * Method: nothing is recomputed. Bars are the {@link loyalty-drivers!relativeImportance} result's
 * `shares[metric]` (default) or `importance[metric]`; error bars its bootstrap
 * `shareIntervals[metric]` or `intervals[metric]` (percentile intervals of the resampled
 * metric). Shares of lmg, pratt, car and johnson are shares of R²; of first, last and betasq
 * shares of their own total (the subtitle says which). Each bar is labelled with its value, so
 * the chart reads without colour.
 *
 * @param result - A {@link loyalty-drivers!relativeImportance} result (with `bootstrap` for intervals).
 * @param options - `metric`, `value` (`'share'` | `'raw'`), `intervals`, `sort`
 *   (`'importance'` | `'input'`), `labels`, and the common `width` (default 420), `height`
 *   (default 40 per driver, at least 160), `title`, `subtitle`, `description`.
 * @returns A Vega-Lite v6 spec; `data.values` holds one {@link ImportanceDatum} per driver.
 * @throws InputError `INVALID_OPTION` (not a relativeImportance result, a metric it did not
 *   compute, `intervals: true` without a bootstrap, bad options).
 *
 * @example
 * ```ts
 * import { relativeImportance } from 'loyalty-drivers';
 * import { importanceChart } from 'loyalty-drivers/charts';
 * const r = relativeImportance(
 *   { correlation: [[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]], variables: ['y', 'a', 'b'], n: 100 },
 *   { outcome: 'y', predictors: ['a', 'b'], metrics: ['lmg'] },
 * );
 * const spec = importanceChart(r, { labels: { a: 'Trust', b: 'Image' } });
 * spec.data.values.map((d) => d.label); // => ['Image', 'Trust']
 * spec.data.values[0]; // => { driver: 'b', value: 0.6248648648648648, rank: 1, ... }
 * ```
 */
export function importanceChart(result: RelativeImportanceResult, options: ImportanceChartOptions = {}): ChartSpec<ImportanceDatum> {
  const common = readChartOptions(options, OWN_KEYS);
  const r = requireResult<RelativeImportanceResult>(result, 'relative-importance', 'result', 'relativeImportance()');
  const metric =
    options.metric === undefined
      ? r.metrics.includes('lmg')
        ? 'lmg'
        : r.metrics[0]!
      : checkOption('options.metric', options.metric, r.metrics);
  const kind = checkOption('options.value', options.value ?? 'share', ['share', 'raw'] as const);
  const sort = checkOption('options.sort', options.sort ?? 'importance', ['importance', 'input'] as const);
  const label = readLabels(options.labels, 'options.labels');
  if (options.intervals !== undefined && typeof options.intervals !== 'boolean') {
    throw new InputError('INVALID_OPTION', 'options.intervals: expected true or false', {
      argument: 'options.intervals',
      expected: 'a boolean',
    });
  }
  const boot = r.bootstrap;
  if (options.intervals === true && boot === null) {
    throw new InputError(
      'INVALID_OPTION',
      'options.intervals: the result has no bootstrap; run relativeImportance with { bootstrap: { replicates, seed } } for intervals',
      {
        argument: 'options.intervals',
        expected: 'a result with a bootstrap',
      },
    );
  }
  const withIntervals = boot !== null && options.intervals !== false;
  const raw = r.importance[metric]!;
  const shares = r.shares[metric]!;
  const ranks = r.ranks[metric]!;
  const bands = withIntervals ? (kind === 'share' ? boot.shareIntervals[metric] : boot.intervals[metric]) : undefined;
  const drivers = [...r.predictors];
  if (sort === 'importance') {
    drivers.sort((a, b) => ranks[a]! - ranks[b]! || r.predictors.indexOf(a) - r.predictors.indexOf(b));
  }
  const values = drivers.map((driver): ImportanceDatum => {
    const band = bands?.[driver];
    return {
      driver,
      label: label(driver),
      value: kind === 'share' ? shares[driver]! : raw[driver]!,
      ...(band ? { lower: band.confidenceInterval[0], upper: band.confidenceInterval[1], standardError: band.standardError } : {}),
      raw: raw[driver]!,
      share: shares[driver]!,
      rank: ranks[driver]!,
    };
  });
  const labels = values.map((d) => d.label);
  if (new Set(labels).size !== labels.length) {
    throw new InputError('INVALID_OPTION', `options.labels: two drivers would show the same name (${labels.join(', ')})`, {
      argument: 'options.labels',
      expected: 'distinct names',
    });
  }

  // A binary or ordinal outcome decomposes a pseudo-R², named as the result names it.
  const fit = fitIndexName(r.fitIndex);
  const metricName = fit === 'R²' ? METRIC_NAMES[metric] : METRIC_NAMES[metric].replace('R²', fit);
  const ofWhat = DECOMPOSES_R2.has(metric) ? `share of ${fit}` : `share of the ${metric} total`;
  const format = kind === 'share' ? '.1%' : '.3f';
  const show = (x: number) => (kind === 'share' ? formatPercent(x) : formatNumber(x, 3));
  const xTitle = kind === 'share' ? `${metricName}, ${ofWhat}` : metricName;
  const intervalText = withIntervals
    ? `${formatLevel(boot.confidenceLevel)} bootstrap percentile intervals (${formatNumber(boot.replicates)} replicates)`
    : '';
  const subtitle = [
    `${r.outcome}: ${fit} = ${formatNumber(r.rSquared, 3)}, n = ${formatNumber(r.n)}${r.weighted ? ' (weighted)' : ''}`,
    intervalText,
  ]
    .filter(Boolean)
    .join('; ');
  const items = values.map(
    (d) => `${d.rank}. ${d.label} ${show(d.value)}${d.lower !== undefined ? ` (${show(d.lower)} to ${show(d.upper!)})` : ''}`,
  );
  const description = `Horizontal bar chart of the importance of ${values.length} drivers of ${r.outcome} by ${metricName}${kind === 'share' ? `, as a ${ofWhat}` : ''}${withIntervals ? `, with ${intervalText}` : ''}. ${fit} = ${formatNumber(r.rSquared, 3)}, n = ${formatNumber(r.n)}. ${items.join('; ')}.`;

  const x = { field: 'value', type: 'quantitative', title: xTitle, axis: { format: kind === 'share' ? '.0%' : '.2f' } };
  const layer: unknown[] = [
    {
      mark: { type: 'bar', color: PALETTE.blue, tooltip: true },
      encoding: {
        x,
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Driver' },
          { field: 'value', type: 'quantitative', title: kind === 'share' ? 'Share' : metric, format },
          ...(withIntervals
            ? [
                { field: 'lower', type: 'quantitative', title: 'Lower', format },
                { field: 'upper', type: 'quantitative', title: 'Upper', format },
              ]
            : []),
          { field: 'rank', type: 'quantitative', title: 'Rank' },
        ],
      },
    },
  ];
  if (withIntervals) {
    layer.push({
      mark: { type: 'errorbar', ticks: true, color: PALETTE.ink, thickness: 1.5 },
      encoding: { x: { field: 'lower', type: 'quantitative', title: xTitle }, x2: { field: 'upper' } },
    });
  }
  layer.push({
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, color: PALETTE.ink },
    encoding: {
      x: { field: withIntervals ? 'upper' : 'value', type: 'quantitative' },
      text: { field: 'value', type: 'quantitative', format },
    },
  });
  const spec = {
    ...frame(common, {
      chart: 'importance',
      title: `What drives ${r.outcome}`,
      subtitle,
      description,
      width: 420,
      height: Math.max(160, 40 * values.length),
    }),
    data: { values },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: labels, axis: { labelLimit: 200 } },
    },
    layer,
  };
  return spec as ChartSpec<ImportanceDatum>;
}
