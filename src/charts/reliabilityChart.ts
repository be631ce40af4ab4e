import { InputError } from '../errors.js';
import { optionKeys } from '../internal/options.js';
import type { ReliabilityResult } from '../measurement/reliability.js';
import { checkOption } from '../internal/validate.js';
import {
  PALETTE,
  formatLevel,
  formatNumber,
  frame,
  readChartOptions,
  readLabels,
  requireResult,
  type ChartOptions,
  type ChartSpec,
} from './chartBase.js';

/** A coefficient {@link reliabilityChart} can draw. */
export type ReliabilityStatistic = 'alpha' | 'standardizedAlpha' | 'omegaTotal' | 'averageVarianceExtracted';

/** Options of {@link reliabilityChart}. */
export interface ReliabilityChartOptions extends ChartOptions {
  /** Coefficients to draw, in this order (default `['alpha', 'omegaTotal']`). */
  readonly statistics?: readonly ReliabilityStatistic[];
  /** Error bars from alpha's confidence interval (default true). */
  readonly intervals?: boolean;
  /** Reference rules for alpha and omega (default `[0.7, 0.8]`: acceptable, good). */
  readonly thresholds?: readonly number[];
  /** Display names of the scales. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** One bar of {@link reliabilityChart}. */
export interface ReliabilityDatum {
  readonly scale: string;
  readonly label: string;
  readonly statistic: ReliabilityStatistic;
  readonly statisticLabel: string;
  readonly value: number;
  /** Alpha's confidence interval (alpha rows only, when intervals are drawn). */
  readonly lower?: number;
  readonly upper?: number;
  readonly items: number;
  readonly n: number;
}

const STATISTICS: readonly ReliabilityStatistic[] = ['alpha', 'standardizedAlpha', 'omegaTotal', 'averageVarianceExtracted'];
const NAMES: Readonly<Record<ReliabilityStatistic, string>> = {
  alpha: "Cronbach's alpha",
  standardizedAlpha: 'Standardized alpha',
  omegaTotal: 'Omega total',
  averageVarianceExtracted: 'AVE',
};
const COLOURS: Readonly<Record<ReliabilityStatistic, string>> = {
  alpha: PALETTE.blue,
  standardizedAlpha: PALETTE.skyBlue,
  omegaTotal: PALETTE.orange,
  averageVarianceExtracted: PALETTE.bluishGreen,
};
const INTERVAL_NAMES = { feldt: 'Feldt', duhachek: 'Duhachek', percentile: 'bootstrap percentile' } as const;

function readStatistics(value: unknown): ReliabilityStatistic[] {
  if (value === undefined) return ['alpha', 'omegaTotal'];
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError('INVALID_OPTION', `options.statistics: expected a non-empty array of ${STATISTICS.join(', ')}`, {
      argument: 'options.statistics',
      expected: STATISTICS.join(' | '),
    });
  }
  const chosen = value.map((s: unknown) => checkOption('options.statistics', s, STATISTICS));
  return [...new Set(chosen)];
}

function readThresholds(value: unknown): number[] {
  if (value === undefined) return [0.7, 0.8];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v) && v > -1 && v <= 1)) {
    throw new InputError('INVALID_OPTION', 'options.thresholds: expected an array of numbers in (-1, 1]', {
      argument: 'options.thresholds',
      expected: 'numbers in (-1, 1]',
    });
  }
  return [...value] as number[];
}

/** The keys of {@link ReliabilityChartOptions} beyond the common chart options. */
const OWN_KEYS = optionKeys<Omit<ReliabilityChartOptions, keyof ChartOptions>>({
  statistics: true,
  intervals: true,
  thresholds: true,
  labels: true,
});

/**
 * Reliability of each driver scale: Cronbach's alpha (with its confidence interval) and
 * McDonald's omega total side by side per scale, with reference rules at 0.7 and 0.8 (the
 * conventional "acceptable" and "good", Nunnally 1978); AVE optional, with its own 0.5 rule
 * (Fornell & Larcker 1981).
 *
 * Method: every value is the {@link loyalty-drivers!reliability} result's (`alpha`, `confidenceInterval`,
 * `standardizedAlpha`, `omegaTotal`, `averageVarianceExtracted` per scale). A coefficient a
 * scale lacks (omega and AVE of a two-item scale, or without the factor model) is left out and
 * named in the text alternative. Bars carry their value as text.
 *
 * @param result - A {@link loyalty-drivers!reliability} result.
 * @param options - `statistics` (default `['alpha', 'omegaTotal']`), `intervals` (default true),
 *   `thresholds` (default `[0.7, 0.8]`), `labels`, and the common `width` (default 420), `height`
 *   (default 22 per bar), `title`, `subtitle`, `description`.
 * @returns A Vega-Lite v6 spec; `data.values` holds one {@link ReliabilityDatum} per scale and coefficient.
 * @throws InputError `INVALID_OPTION` (not a reliability result, an unknown statistic, bad options).
 *
 * @example
 * ```ts
 * import { reliability } from 'loyalty-drivers';
 * import { reliabilityChart } from 'loyalty-drivers/charts';
 * const rows = [
 *   { a1: 1, a2: 2, a3: 2 }, { a1: 1, a2: 1, a3: 1 }, { a1: 1, a2: 1, a3: 3 },
 *   { a1: 3, a2: 3, a3: 2 }, { a1: 2, a2: 4, a3: 4 }, { a1: 5, a2: 3, a3: 5 },
 * ];
 * const spec = reliabilityChart(reliability(rows, { attitude: ['a1', 'a2', 'a3'] }));
 * spec.data.values.map((d) => d.statistic); // => ['alpha', 'omegaTotal']
 * spec.data.values[0]; // => { scale: 'attitude', value: 0.8293269230769231, items: 3, n: 6, ... } (psych::alpha)
 * spec.data.values[1].value; // => 0.835601996436205 (omega total)
 * ```
 */
export function reliabilityChart(result: ReliabilityResult, options: ReliabilityChartOptions = {}): ChartSpec<ReliabilityDatum> {
  const common = readChartOptions(options, OWN_KEYS);
  const r = requireResult<ReliabilityResult>(result, 'reliability', 'result', 'reliability()');
  const statistics = readStatistics(options.statistics);
  const thresholds = readThresholds(options.thresholds);
  const label = readLabels(options.labels, 'options.labels');
  if (options.intervals !== undefined && typeof options.intervals !== 'boolean') {
    throw new InputError('INVALID_OPTION', 'options.intervals: expected true or false', {
      argument: 'options.intervals',
      expected: 'a boolean',
    });
  }
  const intervals = (options.intervals ?? true) && statistics.includes('alpha');
  const values: ReliabilityDatum[] = [];
  const lacking: string[] = [];
  for (const name of r.scaleNames) {
    const s = r.scales[name]!;
    for (const statistic of statistics) {
      const value = statistic === 'alpha' ? s.estimate : s[statistic];
      if (value === null) {
        lacking.push(
          `${label(name)} has no ${NAMES[statistic]} (${s.items.length < 3 ? 'two items: no factor model' : 'no factor model'})`,
        );
        continue;
      }
      values.push({
        scale: name,
        label: label(name),
        statistic,
        statisticLabel: NAMES[statistic],
        value,
        ...(statistic === 'alpha' && intervals ? { lower: s.confidenceInterval[0], upper: s.confidenceInterval[1] } : {}),
        items: s.items.length,
        n: s.n,
      });
    }
  }
  const scales = r.scaleNames.map(label);
  const first = r.scales[r.scaleNames[0]!]!;
  const intervalText = intervals ? `${formatLevel(first.confidenceLevel)} ${INTERVAL_NAMES[first.intervalMethod]} intervals for alpha` : '';
  const marks = thresholds.map((t) => ({ value: t, text: t === 0.7 ? '0.7 acceptable' : t === 0.8 ? '0.8 good' : formatNumber(t, 2) }));
  if (statistics.includes('averageVarianceExtracted')) marks.push({ value: 0.5, text: 'AVE 0.5' });
  // Labels above the plot on two alternating rows, so neighbouring rules' labels do not collide.
  const rules = [...marks].sort((a, b) => a.value - b.value).map((m, i) => ({ ...m, labelY: i % 2 === 0 ? -4 : -17 }));
  const perScale = r.scaleNames.map((name) => {
    const parts = values
      .filter((d) => d.scale === name)
      .map(
        (d) =>
          `${d.statisticLabel} ${formatNumber(d.value, 3)}${d.lower !== undefined ? ` (${formatNumber(d.lower, 3)} to ${formatNumber(d.upper!, 3)})` : ''}`,
      );
    return `${label(name)}: ${parts.length > 0 ? parts.join(', ') : 'none available'}`;
  });
  const description = `Grouped bar chart of the reliability of ${scales.length} scales (${statistics.map((s) => NAMES[s]).join(', ')}${intervalText ? `; ${intervalText}` : ''}), with reference lines at ${marks.map((x) => x.text).join(', ')}. ${perScale.join('; ')}.${lacking.length > 0 ? ` ${lacking.join('; ')}.` : ''}`;
  const nText = r.n === null ? 'n per scale' : `n = ${formatNumber(r.n)}`;
  const subtitle = [nText, intervalText].filter(Boolean).join('; ');
  const low = Math.min(0, ...values.map((d) => d.lower ?? d.value));
  const x = { field: 'value', type: 'quantitative', title: 'Coefficient', scale: { domain: [low, 1] } };
  const colour = {
    field: 'statisticLabel',
    type: 'nominal',
    title: null,
    scale: { domain: statistics.map((s) => NAMES[s]), range: statistics.map((s) => COLOURS[s]) },
  };
  const y = { field: 'label', type: 'nominal', title: null, sort: scales };
  const yOffset = { field: 'statisticLabel', type: 'nominal', sort: statistics.map((s) => NAMES[s]) };
  const layer: unknown[] = [
    {
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x,
        y,
        yOffset,
        color: colour,
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Scale' },
          { field: 'statisticLabel', type: 'nominal', title: 'Coefficient' },
          { field: 'value', type: 'quantitative', title: 'Value', format: '.3f' },
          ...(intervals
            ? [
                { field: 'lower', type: 'quantitative', title: 'Lower', format: '.3f' },
                { field: 'upper', type: 'quantitative', title: 'Upper', format: '.3f' },
              ]
            : []),
          { field: 'items', type: 'quantitative', title: 'Items' },
          { field: 'n', type: 'quantitative', title: 'n', format: ',d' },
        ],
      },
    },
  ];
  if (intervals) {
    layer.push({
      transform: [{ filter: 'isValid(datum.lower)' }],
      mark: { type: 'errorbar', ticks: true, color: PALETTE.ink },
      encoding: { x: { field: 'lower', type: 'quantitative', title: 'Coefficient' }, x2: { field: 'upper' }, y, yOffset },
    });
  }
  // Values inside the bars' ends: white on the dark blue and green, ink on the light colours;
  // bars too short to hold a label get it outside.
  const onDark = `indexof(['alpha', 'averageVarianceExtracted'], datum.statistic) >= 0`;
  layer.push(
    {
      transform: [{ filter: `datum.value - ${low} >= 0.12` }],
      mark: { type: 'text', align: 'right', baseline: 'middle', dx: -4, fontSize: 10 },
      encoding: {
        x,
        y,
        yOffset,
        text: { field: 'value', type: 'quantitative', format: '.2f' },
        color: { condition: { test: onDark, value: '#ffffff' }, value: PALETTE.ink },
      },
    },
    {
      transform: [{ filter: `datum.value - ${low} < 0.12` }],
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 10, color: PALETTE.ink },
      encoding: { x, y, yOffset, text: { field: 'value', type: 'quantitative', format: '.2f' } },
    },
    {
      data: { values: rules },
      mark: { type: 'rule', strokeDash: [4, 3], color: PALETTE.ink },
      encoding: { x: { field: 'value', type: 'quantitative' } },
    },
    {
      data: { values: rules },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, fontSize: 10, color: PALETTE.muted },
      encoding: {
        x: { field: 'value', type: 'quantitative' },
        y: { field: 'labelY', type: 'quantitative', scale: null },
        text: { field: 'text', type: 'nominal' },
      },
    },
  );
  const spec = {
    ...frame(common, {
      chart: 'reliability',
      title: 'Reliability of the driver scales',
      subtitle,
      description,
      width: 420,
      height: Math.max(120, 22 * values.length + 8 * scales.length),
    }),
    data: { values },
    layer,
  };
  return spec as ChartSpec<ReliabilityDatum>;
}
