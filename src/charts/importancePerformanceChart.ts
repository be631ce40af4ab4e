import { InputError } from '../errors.js';
import { optionKeys } from '../internal/options.js';
import type { ImportancePerformanceResult, Quadrant } from '../importance/importancePerformance.js';
import type { PlsImportancePerformanceResult } from '../pls/types.js';
import {
  PALETTE,
  formatNumber,
  formatPercent,
  frame,
  listText,
  readChartOptions,
  readLabels,
  requireResult,
  type ChartOptions,
  type ChartSpec,
} from './chartBase.js';
import { DECOMPOSES_R2, METRIC_NAMES } from './metricNames.js';

/** Options of {@link importancePerformanceChart}. */
export interface ImportancePerformanceChartOptions extends ChartOptions {
  /** Display names of the drivers. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Performance axis range `[low, high]` on 0-100 (default: the data and cut, padded). */
  readonly performanceDomain?: readonly [number, number];
  /** Importance axis range `[low, high]` as shares (default: the data and cut, padded). */
  readonly importanceDomain?: readonly [number, number];
  /** Shade the quadrants and name them in their corners (default true). */
  readonly quadrants?: boolean;
}

/** One driver on the map of {@link importancePerformanceChart}. */
export interface ImportancePerformanceDatum {
  readonly driver: string;
  readonly label: string;
  /** Normalized importance (share); for a path model, the unstandardized total effect on the target. */
  readonly importance: number;
  /** The metric's raw value; for a path model, the standardized total effect. */
  readonly rawImportance: number;
  /** Mean score (for a path model, the mean construct score on 0-100). */
  readonly mean: number;
  /** Mean on 0-100. */
  readonly performance: number;
  readonly quadrant: Quadrant;
  readonly priority: number;
}

const QUADRANTS: readonly Quadrant[] = ['concentrate here', 'keep up the good work', 'low priority', 'possible overkill'];
const QUADRANT_COLOURS = [PALETTE.vermillion, PALETTE.bluishGreen, PALETTE.grey, PALETTE.orange];
const QUADRANT_SHAPES = ['diamond', 'circle', 'square', 'triangle-up'];

function readDomain(value: unknown, name: string): [number, number] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    !(value[1] > value[0])
  ) {
    throw new InputError('INVALID_OPTION', `${name}: expected [low, high] with high > low`, { argument: name, expected: '[low, high]' });
  }
  return [value[0] as number, value[1] as number];
}

/** Data range with the cut, padded by 15% of the span (at least `minPad`). */
function autoDomain(values: readonly number[], cut: number, minPad: number, bounds: readonly [number, number]): [number, number] {
  const lo = Math.min(cut, ...values);
  const hi = Math.max(cut, ...values);
  const pad = Math.max(minPad, 0.15 * (hi - lo));
  return [lo >= bounds[0] ? Math.max(bounds[0], lo - pad) : lo - pad, hi <= bounds[1] ? Math.min(bounds[1], hi + pad) : hi + pad];
}

/** The keys of {@link ImportancePerformanceChartOptions} beyond the common chart options. */
const OWN_KEYS = optionKeys<Omit<ImportancePerformanceChartOptions, keyof ChartOptions>>({
  labels: true,
  performanceDomain: true,
  importanceDomain: true,
  quadrants: true,
});

/**
 * The importance-performance map (Martilla & James 1977): each driver placed by performance
 * (x, mean on 0-100) and importance (y, normalized share), dashed rules at the cut points, the
 * four quadrants shaded and named ("concentrate here" top left: important and performing below
 * the cut), points coloured and shaped by quadrant and labelled by driver.
 *
 * A path model's map ({@link loyalty-drivers!plsImportancePerformance}, Ringle & Sarstedt 2016)
 * draws the same way, with the unstandardized total effect on the target as importance (y) and
 * the mean construct score on 0-100 as performance.
 *
 * Method: every number is the {@link loyalty-drivers!importancePerformance} result's: `importance`,
 * `performance`, `quadrant` and `priority` per driver, and `cuts`. The axis ranges default to the
 * drivers and cuts padded by 15% (clamped to 0-100 and 0-1 where the data allow), so the cuts
 * always show; pass `performanceDomain` / `importanceDomain` to compare several maps on one
 * scale. Quadrant colours are Okabe-Ito, doubled by point shapes for colour-blind readers.
 *
 * @param result - An {@link loyalty-drivers!importancePerformance} or {@link loyalty-drivers!plsImportancePerformance} result.
 * @param options - `labels`, `performanceDomain`, `importanceDomain`, `quadrants` (default true),
 *   and the common `width` (default 420), `height` (default 360), `title`, `subtitle`, `description`.
 * @returns A Vega-Lite v6 spec; `data.values` holds one {@link ImportancePerformanceDatum} per driver.
 * @throws InputError `INVALID_OPTION` (not an importancePerformance result, a domain that is
 *   not `[low, high]`, bad options).
 *
 * @example
 * ```ts
 * import { importancePerformance } from 'loyalty-drivers';
 * import { importancePerformanceChart } from 'loyalty-drivers/charts';
 * const rows = [
 *   { y: 9, a: 6, b: 3 }, { y: 7, a: 5, b: 4 }, { y: 4, a: 3, b: 2 },
 *   { y: 8, a: 6, b: 6 }, { y: 6, a: 4, b: 5 }, { y: 3, a: 2, b: 3 },
 * ];
 * const ipa = importancePerformance(rows, { outcome: 'y', predictors: ['a', 'b'], scale: { min: 1, max: 7 } });
 * const spec = importancePerformanceChart(ipa);
 * spec.data.values.map((d) => d.quadrant); // => ['keep up the good work', 'low priority']
 * spec.data.values[1].performance; // => 47.222...
 * ```
 */
export function importancePerformanceChart(
  result: ImportancePerformanceResult | PlsImportancePerformanceResult,
  options: ImportancePerformanceChartOptions = {},
): ChartSpec<ImportancePerformanceDatum> {
  const common = readChartOptions(options, OWN_KEYS);
  const given = requireResult<ImportancePerformanceResult | PlsImportancePerformanceResult>(
    result,
    ['importance-performance', 'pls-importance-performance'],
    'result',
    'importancePerformance() or plsImportancePerformance()',
  );
  const pls = given.method === 'pls-importance-performance';
  // A path model's map: its constructs as the drivers, total effects as importance.
  const r: Pick<ImportancePerformanceResult, 'drivers' | 'cuts' | 'outcome' | 'n' | 'weighted' | 'metric'> =
    given.method === 'pls-importance-performance'
      ? {
          drivers: given.constructs.map((c) => ({
            driver: c.construct,
            importance: c.importance,
            rawImportance: c.standardizedImportance,
            mean: c.performance,
            performance: c.performance,
            quadrant: c.quadrant,
            priority: c.priority,
          })),
          cuts: given.cuts,
          outcome: given.target,
          n: given.n,
          weighted: false,
          metric: 'lmg',
        }
      : given;
  const importanceText = (v: number) => (pls ? formatNumber(v, 3) : formatPercent(v));
  const label = readLabels(options.labels, 'options.labels');
  if (options.quadrants !== undefined && typeof options.quadrants !== 'boolean') {
    throw new InputError('INVALID_OPTION', 'options.quadrants: expected true or false', {
      argument: 'options.quadrants',
      expected: 'a boolean',
    });
  }
  const showQuadrants = options.quadrants ?? true;
  const values = r.drivers.map(
    (d): ImportancePerformanceDatum => ({
      driver: d.driver,
      label: label(d.driver),
      importance: d.importance,
      rawImportance: d.rawImportance,
      mean: d.mean,
      performance: d.performance,
      quadrant: d.quadrant,
      priority: d.priority,
    }),
  );
  const { importance: importanceCut, performance: performanceCut } = r.cuts;
  const givenX = readDomain(options.performanceDomain, 'options.performanceDomain');
  const givenY = readDomain(options.importanceDomain, 'options.importanceDomain');
  const xDomain =
    givenX ??
    autoDomain(
      values.map((d) => d.performance),
      performanceCut,
      5,
      [0, 100],
    );
  const yDomain =
    givenY ??
    autoDomain(
      values.map((d) => d.importance),
      importanceCut,
      0.02,
      pls ? [0, Number.POSITIVE_INFINITY] : [0, 1],
    );
  // With ranges given, marks outside them are clipped (and named in the text alternative).
  const clip = givenX !== undefined || givenY !== undefined;
  const outside = values
    .filter((d) => d.performance < xDomain[0] || d.performance > xDomain[1] || d.importance < yDomain[0] || d.importance > yDomain[1])
    .map((d) => d.label);

  const metricName = pls ? 'total effect' : METRIC_NAMES[r.metric];
  const yTitle = pls
    ? `Importance: total effect on ${r.outcome} (unstandardized)`
    : `Importance: ${metricName}, ${DECOMPOSES_R2.has(r.metric) ? 'share of R²' : 'share of total'}`;
  const xTitle = pls ? 'Performance: mean construct score on 0-100' : 'Performance: mean score on 0-100';
  const cutText = `cuts at importance ${importanceText(importanceCut)} (${r.cuts.importanceRule}) and performance ${formatNumber(performanceCut, 1)} (${r.cuts.performanceRule})`;
  const byQuadrant = QUADRANTS.map((q) => {
    const members = values.filter((d) => d.quadrant === q).sort((a, b) => a.priority - b.priority);
    return members.length === 0
      ? ''
      : `${q.charAt(0).toUpperCase()}${q.slice(1)}: ${listText(members.map((d) => `${d.label} (importance ${importanceText(d.importance)}, performance ${formatNumber(d.performance, 1)})`))}`;
  }).filter(Boolean);
  const order = [...values].sort((a, b) => a.priority - b.priority).map((d) => d.label);
  const clipped = outside.length === 0 ? '' : ` Outside the drawn ranges, so not shown: ${listText(outside)}.`;
  const description = `Importance-performance map of ${values.length} drivers of ${r.outcome}: performance (mean score on 0-100) across, importance (${pls ? 'unstandardized total effect' : `${metricName} share`}) up, ${cutText}. ${byQuadrant.join('. ')}. Priority order: ${order.join(', ')}.${clipped}`;
  const subtitle = `${r.outcome}, n = ${formatNumber(r.n)}${r.weighted ? ' (weighted)' : ''}; ${cutText}`;

  const x = { field: 'performance', type: 'quantitative', title: xTitle, scale: { domain: xDomain, nice: false, zero: false } };
  const y = {
    field: 'importance',
    type: 'quantitative',
    title: yTitle,
    scale: { domain: yDomain, nice: false, zero: false },
    axis: { format: pls ? '.2f' : '.0%' },
  };
  const colour = { field: 'quadrant', type: 'nominal', title: 'Quadrant', scale: { domain: QUADRANTS, range: QUADRANT_COLOURS } };
  const layer: unknown[] = [];
  if (showQuadrants) {
    const [x0, x1] = xDomain;
    const [y0, y1] = yDomain;
    const cx = Math.min(Math.max(performanceCut, x0), x1);
    const cy = Math.min(Math.max(importanceCut, y0), y1);
    const tiles = [
      { quadrant: 'concentrate here', performance: x0, performanceEnd: cx, importance: cy, importanceEnd: y1 },
      { quadrant: 'keep up the good work', performance: cx, performanceEnd: x1, importance: cy, importanceEnd: y1 },
      { quadrant: 'low priority', performance: x0, performanceEnd: cx, importance: y0, importanceEnd: cy },
      { quadrant: 'possible overkill', performance: cx, performanceEnd: x1, importance: y0, importanceEnd: cy },
    ];
    layer.push({
      data: { values: tiles },
      mark: { type: 'rect', opacity: 0.09 },
      encoding: {
        x: { ...x },
        x2: { field: 'performanceEnd' },
        y: { ...y },
        y2: { field: 'importanceEnd' },
        color: { ...colour, legend: null },
      },
    });
    const corners: [Quadrant, number, number, 'left' | 'right', 'top' | 'bottom'][] = [
      ['concentrate here', x0, y1, 'left', 'top'],
      ['keep up the good work', x1, y1, 'right', 'top'],
      ['low priority', x0, y0, 'left', 'bottom'],
      ['possible overkill', x1, y0, 'right', 'bottom'],
    ];
    for (const [quadrant, px, py, align, baseline] of corners) {
      layer.push({
        data: { values: [{ quadrant, text: quadrant.charAt(0).toUpperCase() + quadrant.slice(1), performance: px, importance: py }] },
        mark: {
          type: 'text',
          align,
          baseline,
          dx: align === 'left' ? 6 : -6,
          dy: baseline === 'top' ? 6 : -6,
          fontSize: 11,
          fontStyle: 'italic',
          color: PALETTE.muted,
        },
        encoding: { x: { ...x }, y: { ...y }, text: { field: 'text', type: 'nominal' } },
      });
    }
  }
  layer.push(
    // One datum each (inheriting the drivers would draw each rule once per driver).
    {
      data: { values: [{ performance: performanceCut }] },
      mark: { type: 'rule', strokeDash: [5, 4], color: PALETTE.muted, clip },
      encoding: { x: { ...x } },
    },
    {
      data: { values: [{ importance: importanceCut }] },
      mark: { type: 'rule', strokeDash: [5, 4], color: PALETTE.muted, clip },
      encoding: { y: { ...y } },
    },
    {
      mark: { type: 'point', filled: true, size: 130, opacity: 1, stroke: '#ffffff', strokeWidth: 1, tooltip: true, clip },
      encoding: {
        x,
        y,
        // With the quadrants shaded and named, a legend would repeat them.
        color: showQuadrants ? { ...colour, legend: null } : colour,
        shape: {
          field: 'quadrant',
          type: 'nominal',
          title: 'Quadrant',
          scale: { domain: QUADRANTS, range: QUADRANT_SHAPES },
          ...(showQuadrants ? { legend: null } : {}),
        },
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Driver' },
          pls
            ? { field: 'importance', type: 'quantitative', title: 'Total effect (unstandardized)', format: '.3f' }
            : { field: 'importance', type: 'quantitative', title: 'Importance (share)', format: '.1%' },
          { field: 'rawImportance', type: 'quantitative', title: pls ? 'Total effect (standardized)' : r.metric, format: '.4f' },
          { field: 'mean', type: 'quantitative', title: 'Mean', format: '.2f' },
          { field: 'performance', type: 'quantitative', title: 'Performance (0-100)', format: '.1f' },
          { field: 'quadrant', type: 'nominal', title: 'Quadrant' },
          { field: 'priority', type: 'quantitative', title: 'Priority' },
        ],
      },
    },
    {
      mark: { type: 'text', dy: -12, fontSize: 12, fontWeight: 'bold', color: PALETTE.ink, clip },
      encoding: { x, y, text: { field: 'label', type: 'nominal' } },
    },
  );
  const spec = {
    ...frame(common, {
      chart: 'importance-performance',
      title: 'Importance and performance of the drivers',
      subtitle,
      description,
      width: 420,
      height: 360,
    }),
    data: { values },
    layer,
    resolve: { scale: { color: 'shared', shape: 'shared' } },
  };
  return spec as ChartSpec<ImportancePerformanceDatum>;
}
