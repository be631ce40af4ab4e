import { InputError } from '../errors.js';
import { optionKeys } from '../internal/options.js';
import { checkOption } from '../internal/validate.js';
import type { CompareWavesResult } from '../monitoring/waveTypes.js';
import {
  PALETTE,
  formatLevel,
  formatNumber,
  formatPercent,
  frame,
  readChartOptions,
  readLabels,
  type ChartOptions,
  type ChartSpec,
} from './chartBase.js';
import { pointsFromResults, pointsFromWaves, type TrendDatum, type TrendMeasure, type TrendPoint, type TrendUnits } from './trendPoints.js';

/** Options of {@link trendChart}. */
export interface TrendChartOptions extends ChartOptions {
  /**
   * Which measure of a compareWaves result to draw (default: the first it holds of `nps`,
   * `csat`, `customerLoyaltyIndex`, `retention`, `drivers`, `importance`). Ignored for a list of points.
   */
  readonly measure?: TrendMeasure;
  /** For `drivers` / `importance`: the drivers to draw (default all). */
  readonly drivers?: readonly string[];
  /** `'bars'` (default): error bars; `'band'`: a shaded band per series. */
  readonly intervalStyle?: 'bars' | 'band';
  /** Display names of the series (drivers). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Y axis title (default from the measure, e.g. "NPS"). */
  readonly yTitle?: string;
  /** X axis title (default "Wave"). */
  readonly waveTitle?: string;
}

const SERIES_COLOURS = [
  PALETTE.blue,
  PALETTE.orange,
  PALETTE.bluishGreen,
  PALETTE.vermillion,
  PALETTE.reddishPurple,
  PALETTE.skyBlue,
  PALETTE.yellow,
  PALETTE.grey,
];
const SERIES_SHAPES = ['circle', 'square', 'diamond', 'triangle-up', 'triangle-down', 'cross', 'triangle-right', 'triangle-left'];
const MEASURES: readonly TrendMeasure[] = ['nps', 'csat', 'customerLoyaltyIndex', 'retention', 'drivers', 'importance'];

function isWaves(input: unknown): input is CompareWavesResult {
  return (
    input !== null && typeof input === 'object' && !Array.isArray(input) && (input as { method?: unknown }).method === 'wave-comparison'
  );
}

function show(x: number, units: TrendUnits, signed = false): string {
  const text = units.format === 'percent' ? formatPercent(x) : formatNumber(x, units.format);
  return signed && x > 0 ? `+${text}` : text;
}

function showChange(x: number, units: TrendUnits, signed = true): string {
  // A change of a proportion is in percentage points.
  const text = units.format === 'percent' ? formatNumber(100 * x, 1) : formatNumber(x, units.format);
  return signed && x > 0 ? `+${text}` : text;
}

function readText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new InputError('INVALID_OPTION', `${name}: expected a string`, { argument: name, expected: 'a string' });
  return value;
}

/** The keys of {@link TrendChartOptions} beyond the common chart options. */
const OWN_KEYS = optionKeys<Omit<TrendChartOptions, keyof ChartOptions>>({
  measure: true,
  drivers: true,
  intervalStyle: true,
  labels: true,
  yTitle: true,
  waveTitle: true,
});

/**
 * Wave-over-wave trend: each wave's estimate as a point on a line, with its confidence interval
 * as error bars (or a band), one line per series (e.g. per driver), and the change from the
 * previous (or baseline) wave with its interval and p-value in the tooltip and text alternative.
 *
 * Method: from a {@link loyalty-drivers!compareWaves} result, every number is the result's: per-wave estimates
 * and intervals (`waves[].nps`, `.csat`, ...), bootstrap intervals of importance, and the
 * changes from `comparisons` (CSAT changes, in proportion units there, are shown in points,
 * x 100, like the CSAT estimates). Driver means carry only a standard error, so their interval
 * is `mean -/+ q SE` with q the t quantile on n - 1 df (R `t.test`), or the normal one with
 * weights (survey's `confint`), at the result's confidence level. From a list of
 * `{ wave, series?, result }` points, each result's own estimate (`nps`, `csat`,
 * `customerLoyaltyIndex`, `rate`, or `estimate`) and `confidenceInterval` are drawn, waves in
 * the order first met. Series are told apart by colour (Okabe-Ito) and point shape.
 *
 * @param input - A {@link loyalty-drivers!compareWaves} result, or a list of {@link TrendPoint}.
 * @param options - `measure`, `drivers`, `intervalStyle` (`'bars'` | `'band'`), `labels`,
 *   `yTitle`, `waveTitle`, and the common `width` (default 80 per wave, at least 320), `height`
 *   (default 260), `title`, `subtitle`, `description`.
 * @returns A Vega-Lite v6 spec; `data.values` holds one {@link TrendDatum} per wave and series.
 * @throws InputError `EMPTY_INPUT` (no points), `INVALID_OPTION` (a measure the result lacks,
 *   unknown drivers, a point without a recognisable result, a wave repeated within a series, bad options).
 *
 * @example
 * ```ts
 * import { nps } from 'loyalty-drivers';
 * import { trendChart } from 'loyalty-drivers/charts';
 * const spec = trendChart([
 *   { wave: 'Q1', result: nps([10, 9, 7, 3, 6, 10, 8, 2]) },
 *   { wave: 'Q2', result: nps([10, 9, 9, 8, 6, 10, 9, 7]) },
 * ]);
 * spec.data.values.map((d) => d.estimate); // => [0, 50]
 * spec.data.values[1]; // => { wave: 'Q2', waveOrder: 1, n: 8, ... }
 * ```
 */
export function trendChart(input: CompareWavesResult | readonly TrendPoint[], options: TrendChartOptions = {}): ChartSpec<TrendDatum> {
  const common = readChartOptions(options, OWN_KEYS);
  const style = checkOption('options.intervalStyle', options.intervalStyle ?? 'bars', ['bars', 'band'] as const);
  const label = readLabels(options.labels, 'options.labels');
  const yTitleOption = readText(options.yTitle, 'options.yTitle');
  const waveTitle = readText(options.waveTitle, 'options.waveTitle') ?? 'Wave';
  if (options.drivers !== undefined && (!Array.isArray(options.drivers) || options.drivers.some((d) => typeof d !== 'string'))) {
    throw new InputError('INVALID_OPTION', 'options.drivers: expected an array of driver names', {
      argument: 'options.drivers',
      expected: 'an array of strings',
    });
  }
  let built: { rows: TrendDatum[]; units: TrendUnits };
  let what: string;
  if (isWaves(input)) {
    const measure =
      options.measure === undefined
        ? (MEASURES.find((m) => input.waves.some((w) => w[m] !== null)) ?? 'nps')
        : checkOption('options.measure', options.measure, MEASURES);
    built = pointsFromWaves(input, measure, options.drivers);
    what = built.units.noun;
  } else if (Array.isArray(input)) {
    built = pointsFromResults(input);
    what = built.units.noun;
  } else {
    throw new InputError('INVALID_OPTION', 'input: expected a compareWaves() result or an array of { wave, series?, result }', {
      argument: 'input',
      expected: 'a compareWaves result or points',
    });
  }
  const units = built.units;
  const rows = built.rows.map((d) => ({ ...d, series: d.series === '' ? '' : label(d.series) }));
  const waves = [...new Map(rows.map((d) => [d.wave, d.waveOrder])).entries()].sort((a, b) => a[1] - b[1]).map(([w]) => w);
  const series = [...new Set(rows.map((d) => d.series))];
  const multiple = series.length > 1 || series[0] !== '';
  const hasIntervals = rows.some((d) => d.lower !== undefined);
  const level = units.confidenceLevel;
  const yTitle = yTitleOption ?? units.title;
  const format = units.format === 'percent' ? '.1%' : `.${units.format}f`;

  const line = (s: string) => {
    const points = rows
      .filter((d) => d.series === s)
      .map((d) => {
        const ci = d.lower !== undefined ? ` (${show(d.lower, units)} to ${show(d.upper!, units)})` : '';
        const change =
          d.change !== undefined
            ? `, change from ${d.changeFrom} ${showChange(d.change, units)}${units.changeUnit}${d.changeLower !== undefined ? ` (${showChange(d.changeLower, units, false)} to ${showChange(d.changeUpper!, units, false)})` : ''}${d.pValue !== undefined ? `, p ${d.pValue < 0.001 ? '< 0.001' : `= ${formatNumber(d.pValue, 3)}`}` : ''}`
            : '';
        return `${waveTitle.toLowerCase()} ${d.wave} ${show(d.estimate, units)}${ci}${change}`;
      });
    const sentence = `${s === '' ? '' : `${s}: `}${points.join('; ')}`;
    return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
  };
  const intervalKind = units.bootstrap ? 'bootstrap percentile intervals' : 'confidence intervals';
  const intervalText = hasIntervals ? `${level === null ? '' : `${formatLevel(level)} `}${intervalKind}` : 'no intervals';
  const description = `Line chart of ${what} over ${waves.length} ${waveTitle.toLowerCase()}s (${waves.join(', ')}) with ${intervalText}${multiple ? `, one line per series (${series.join(', ')})` : ''}. ${series.map(line).join('. ')}.`;
  const subtitle = hasIntervals ? `${style === 'bars' ? 'Bars' : 'Bands'}: ${intervalText}` : '';

  // Several series sit side by side within each wave (xOffset) so their intervals do not overlap.
  const x = multiple
    ? {
        field: 'wave',
        type: 'ordinal',
        title: waveTitle,
        sort: waves,
        axis: { labelAngle: 0 },
        scale: { type: 'band', paddingInner: 0.35, paddingOuter: 0.2 },
      }
    : { field: 'wave', type: 'ordinal', title: waveTitle, sort: waves, axis: { labelAngle: 0 }, scale: { padding: 0.5 } };
  const offset = multiple ? { xOffset: { field: 'series', type: 'nominal', sort: series } } : {};
  const y = {
    field: 'estimate',
    type: 'quantitative',
    title: yTitle,
    scale: { zero: false },
    ...(units.format === 'percent' ? { axis: { format: '.0%' } } : {}),
  };
  const colour = multiple
    ? {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: series, range: series.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]) },
      }
    : { value: PALETTE.blue };
  const shape = multiple
    ? {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: series, range: series.map((_, i) => SERIES_SHAPES[i % SERIES_SHAPES.length]) },
      }
    : undefined;
  const tooltip = [
    ...(multiple ? [{ field: 'series', type: 'nominal', title: 'Series' }] : []),
    { field: 'wave', type: 'ordinal', title: waveTitle },
    { field: 'estimate', type: 'quantitative', title: yTitle, format },
    ...(hasIntervals
      ? [
          { field: 'lower', type: 'quantitative', title: 'Lower', format },
          { field: 'upper', type: 'quantitative', title: 'Upper', format },
        ]
      : []),
    { field: 'n', type: 'quantitative', title: 'n', format: ',d' },
    ...(rows.some((d) => d.change !== undefined)
      ? [
          { field: 'changeFrom', type: 'nominal', title: 'Change from' },
          { field: 'change', type: 'quantitative', title: 'Change', format: units.format === 'percent' ? '+.1%' : `+.${units.format}f` },
          ...(rows.some((d) => d.pValue !== undefined) ? [{ field: 'pValue', type: 'quantitative', title: 'p-value', format: '.3f' }] : []),
        ]
      : []),
  ];
  const layer: unknown[] = [];
  if (hasIntervals) {
    const yLower = { field: 'lower', type: 'quantitative', title: yTitle };
    layer.push(
      style === 'bars'
        ? {
            mark: { type: 'errorbar', ticks: { size: 10 }, thickness: 1.5 },
            encoding: { x, ...offset, y: yLower, y2: { field: 'upper' }, color: colour },
          }
        : {
            mark: { type: 'area', opacity: 0.18 },
            encoding: {
              x,
              ...offset,
              y: yLower,
              y2: { field: 'upper' },
              color: colour,
              ...(multiple ? { detail: { field: 'series', type: 'nominal' } } : {}),
            },
          },
    );
  }
  layer.push(
    {
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, ...offset, y, color: colour, ...(multiple ? { detail: { field: 'series', type: 'nominal' } } : {}) },
    },
    {
      mark: { type: 'point', filled: true, size: 70, opacity: 1, tooltip: true },
      encoding: { x, ...offset, y, color: colour, ...(shape ? { shape } : {}), tooltip },
    },
  );
  if (!multiple) {
    layer.push({
      mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 11, color: PALETTE.ink },
      encoding: {
        x,
        y,
        text: { field: 'estimate', type: 'quantitative', format: units.format === 'percent' ? '.1%' : `.${units.format}f` },
      },
    });
  }
  const spec = {
    ...frame(common, {
      chart: 'trend',
      title: `${what.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase())} by ${waveTitle.toLowerCase()}`,
      subtitle,
      description,
      width: Math.max(320, 80 * waves.length),
      height: 260,
    }),
    data: { values: rows },
    layer,
  };
  return spec as ChartSpec<TrendDatum>;
}
