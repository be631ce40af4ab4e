import { InputError } from '../errors.js';
import { optionKeys } from '../internal/options.js';
import type { LoyaltySegment, SegmentCut, SegmentLoyaltyResult } from '../segmentation/segmentLoyalty.js';
import { segmentLabel } from '../segmentation/segmentLabel.js';
import { checkNumberOption, checkOption } from '../internal/validate.js';
import {
  PALETTE,
  formatNumber,
  formatPercent,
  frame,
  readChartOptions,
  readLabels,
  requireResult,
  type ChartOptions,
  type VegaLiteSpec,
} from './chartBase.js';

/** Options of {@link segmentChart}. */
export interface SegmentChartOptions extends ChartOptions {
  /**
   * `'grid'` (default): the 2 x 2 of segments with their sizes; `'scatter'`: every respondent
   * by attitude and behaviour with the cut lines; `'both'`: side by side.
   */
  readonly view?: 'grid' | 'scatter' | 'both';
  /** Segment names (default "True loyalty", "Latent loyalty", "Spurious loyalty", "No loyalty"). */
  readonly segmentLabels?: Readonly<Partial<Record<LoyaltySegment, string>>>;
  /** Axis title of attitude (default: the measure's name). */
  readonly attitudeTitle?: string;
  /** Axis title of behaviour (default: the measure's name). */
  readonly behaviourTitle?: string;
  /**
   * Most respondents drawn in the scatter (default 5,000); beyond it an evenly spaced
   * systematic sample of the segmented rows is drawn and the text alternative says so.
   */
  readonly maxRespondents?: number;
}

/** One cell of the grid of {@link segmentChart}. */
export interface SegmentDatum {
  readonly segment: LoyaltySegment;
  readonly label: string;
  readonly attitude: 'High' | 'Low';
  readonly behaviour: 'High' | 'Low';
  readonly count: number;
  /** Share of the segmented respondents (0-1). */
  readonly share: number;
  /** `'512 (32.1%)'`. */
  readonly sizeText: string;
}

/** One respondent of the scatter of {@link segmentChart}. */
export interface SegmentRespondentDatum {
  /** Row of the input to segmentLoyalty. */
  readonly row: number;
  readonly attitude: number;
  readonly behaviour: number;
  readonly segment: LoyaltySegment;
  readonly label: string;
}

/** The spec of {@link segmentChart}: the grid's cells in `data.values` (also for the scatter view, which adds its own). */
export interface SegmentChartSpec extends VegaLiteSpec {
  readonly data: { readonly values: readonly SegmentDatum[] };
}

const SEGMENTS: readonly LoyaltySegment[] = ['true', 'latent', 'spurious', 'none'];
const COLOURS: Readonly<Record<LoyaltySegment, string>> = {
  true: PALETTE.blue,
  latent: PALETTE.skyBlue,
  spurious: PALETTE.orange,
  none: PALETTE.grey,
};
const SHAPES: Readonly<Record<LoyaltySegment, string>> = { true: 'circle', latent: 'triangle-up', spurious: 'diamond', none: 'square' };

function cutText(cut: SegmentCut): string {
  const how = cut.rule === 'median' ? 'median' : 'threshold';
  return `${how} ${formatNumber(cut.value, Math.abs(cut.value) < 10 ? 2 : 1)} (high = ${cut.high === 'above' ? 'above' : 'at least'})`;
}

function readTitle(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new InputError('INVALID_OPTION', `${name}: expected a string`, { argument: name, expected: 'a string' });
  return value;
}

/** The keys of {@link SegmentChartOptions} beyond the common chart options. */
const OWN_KEYS = optionKeys<Omit<SegmentChartOptions, keyof ChartOptions>>({
  view: true,
  segmentLabels: true,
  attitudeTitle: true,
  behaviourTitle: true,
  maxRespondents: true,
});

/**
 * Dick & Basu (1994) loyalty segments: relative attitude (up) crossed with repeat patronage
 * (across), as a 2 x 2 whose cells show each segment's name, count and share, with a square of
 * area proportional to its size; optionally every respondent as a point with the two cut lines.
 *
 * Method: counts, shares, cuts and each respondent's scores and segment are the
 * {@link loyalty-drivers!segmentLoyalty} result's (`counts`, `shares`, `cuts`, `scores`, `assignments`); rows
 * without a segment are left out and counted in the text alternative. Layout: low attitude and
 * low behaviour at the bottom left, so "true loyalty" is top right, "latent" top left,
 * "spurious" bottom right. Segment colours are Okabe-Ito, doubled by point shapes in the scatter.
 *
 * @param result - A {@link loyalty-drivers!segmentLoyalty} result.
 * @param options - `view` (`'grid'` | `'scatter'` | `'both'`), `segmentLabels`,
 *   `attitudeTitle`, `behaviourTitle`, `maxRespondents` (default 5,000), and the common `width` (default 360 per view), `height`
 *   (default 300), `title`, `subtitle`, `description`.
 * @returns A Vega-Lite v6 spec; `data.values` holds one {@link SegmentDatum} per segment; the
 *   scatter's points layer (`layer[0]`, or `hconcat[1].layer[0]` beside the grid) holds one
 *   {@link SegmentRespondentDatum} per respondent drawn in its own `data.values`.
 * @throws InputError `INVALID_OPTION` (not a segmentLoyalty result, bad options).
 *
 * @example
 * ```ts
 * import { segmentLoyalty } from 'loyalty-drivers';
 * import { segmentChart } from 'loyalty-drivers/charts';
 * const rows = [
 *   { recommend: 9, spend: 80, category: 100 }, { recommend: 10, spend: 10, category: 100 },
 *   { recommend: 3, spend: 90, category: 100 }, { recommend: 2, spend: 5, category: 100 },
 * ];
 * const s = segmentLoyalty(rows, { attitude: 'recommend', behaviour: { ratio: ['spend', 'category'] } });
 * const spec = segmentChart(s);
 * spec.data.values[0]; // => { segment: 'true', label: 'True loyalty', attitude: 'High', behaviour: 'High', count: 1, share: 0.25, sizeText: '1 (25.0%)' }
 * ```
 */
export function segmentChart(result: SegmentLoyaltyResult, options: SegmentChartOptions = {}): SegmentChartSpec {
  const common = readChartOptions(options, OWN_KEYS);
  const r = requireResult<SegmentLoyaltyResult>(result, 'dick-basu', 'result', 'segmentLoyalty()');
  const view = checkOption('options.view', options.view ?? 'grid', ['grid', 'scatter', 'both'] as const);
  const custom = readLabels(options.segmentLabels, 'options.segmentLabels');
  const name = (s: LoyaltySegment) => (options.segmentLabels?.[s] === undefined ? segmentLabel(s, true) : custom(s));
  const attitudeTitle = readTitle(options.attitudeTitle, 'options.attitudeTitle') ?? `Attitude: ${r.measures.attitude.name}`;
  const behaviourTitle = readTitle(options.behaviourTitle, 'options.behaviourTitle') ?? `Behaviour: ${r.measures.behaviour.name}`;
  const width = common.width ?? 360;
  const height = common.height ?? 300;

  const cells = SEGMENTS.map(
    (segment): SegmentDatum => ({
      segment,
      label: name(segment),
      attitude: segment === 'true' || segment === 'latent' ? 'High' : 'Low',
      behaviour: segment === 'true' || segment === 'spurious' ? 'High' : 'Low',
      count: r.counts[segment],
      share: r.shares[segment],
      sizeText: `${formatNumber(r.counts[segment])} (${formatPercent(r.shares[segment])})`,
    }),
  );
  const colour = {
    field: 'label',
    type: 'nominal',
    title: 'Segment',
    scale: { domain: SEGMENTS.map(name), range: SEGMENTS.map((s) => COLOURS[s]) },
  };

  const tile = Math.min(width, height) / 2;
  const grid = {
    width,
    height,
    encoding: {
      x: { field: 'behaviour', type: 'ordinal', title: behaviourTitle, sort: ['Low', 'High'], axis: { labelAngle: 0 } },
      y: { field: 'attitude', type: 'ordinal', title: attitudeTitle, sort: ['High', 'Low'] },
    },
    layer: [
      // The grid names its cells, so it needs no legend (and beside the scatter it is the key).
      { mark: { type: 'rect', opacity: 0.14, stroke: '#ffffff', strokeWidth: 3 }, encoding: { color: { ...colour, legend: null } } },
      {
        mark: { type: 'square', opacity: 0.9, tooltip: true },
        encoding: {
          color: { ...colour, legend: null },
          // Area proportional to the share: a segment holding everyone fills 60% of the cell's side.
          size: {
            field: 'share',
            type: 'quantitative',
            scale: { type: 'linear', domain: [0, 1], range: [0, (0.6 * tile) ** 2] },
            legend: null,
          },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'Segment' },
            { field: 'count', type: 'quantitative', title: 'Respondents', format: ',d' },
            { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
          ],
        },
      },
      {
        mark: { type: 'text', dy: -(height / 4 - 14), fontSize: 13, fontWeight: 'bold', color: PALETTE.ink },
        encoding: { text: { field: 'label', type: 'nominal' } },
      },
      {
        mark: { type: 'text', dy: height / 4 - 14, fontSize: 12, color: PALETTE.ink },
        encoding: { text: { field: 'sizeText', type: 'nominal' } },
      },
    ],
  };

  const maxRespondents =
    options.maxRespondents === undefined
      ? 5000
      : checkNumberOption('options.maxRespondents', options.maxRespondents, { min: 1, integer: true });
  let respondents: SegmentRespondentDatum[] = [];
  let assigned = 0;
  if (view !== 'grid') {
    r.assignments.forEach((segment, row) => {
      const a = r.scores.attitude[row];
      const b = r.scores.behaviour[row];
      if (segment !== null && a != null && b != null) respondents.push({ row, attitude: a, behaviour: b, segment, label: name(segment) });
    });
    assigned = respondents.length;
    if (assigned > maxRespondents) {
      // Systematic sample: evenly spaced positions, deterministic, keeping the rows' order.
      respondents = Array.from({ length: maxRespondents }, (_, i) => respondents[Math.floor((i * assigned) / maxRespondents)]!);
    }
  }
  // Positions per layer: a rule layer inheriting the other axis's field would find no data.
  const scatterX = { field: 'behaviour', type: 'quantitative', title: behaviourTitle, scale: { zero: false } };
  const scatterY = { field: 'attitude', type: 'quantitative', title: attitudeTitle, scale: { zero: false } };
  const scatter = {
    width,
    height,
    layer: [
      {
        data: { values: respondents },
        mark: { type: 'point', filled: true, size: 18, opacity: 0.55, tooltip: true },
        encoding: {
          x: scatterX,
          y: scatterY,
          color: colour,
          shape: {
            field: 'label',
            type: 'nominal',
            title: 'Segment',
            scale: { domain: SEGMENTS.map(name), range: SEGMENTS.map((s) => SHAPES[s]) },
          },
          tooltip: [
            { field: 'row', type: 'quantitative', title: 'Row' },
            { field: 'attitude', type: 'quantitative', title: r.measures.attitude.name, format: '.3~f' },
            { field: 'behaviour', type: 'quantitative', title: r.measures.behaviour.name, format: '.3~f' },
            { field: 'label', type: 'nominal', title: 'Segment' },
          ],
        },
      },
      // One datum each: a rule per data row would draw the line once per respondent.
      {
        data: { values: [{ behaviourCut: r.cuts.behaviour.value }] },
        mark: { type: 'rule', strokeDash: [5, 4], color: PALETTE.ink },
        encoding: { x: { ...scatterX, field: 'behaviourCut' } },
      },
      {
        data: { values: [{ attitudeCut: r.cuts.attitude.value }] },
        mark: { type: 'rule', strokeDash: [5, 4], color: PALETTE.ink },
        encoding: { y: { ...scatterY, field: 'attitudeCut' } },
      },
    ],
  };

  const sizes = SEGMENTS.map((s) => `${name(s).toLowerCase()} ${formatNumber(r.counts[s])} (${formatPercent(r.shares[s])})`).join(', ');
  const unassigned =
    r.unassigned.length === 0 ? '' : ` ${formatNumber(r.unassigned.length)} rows have no segment (a missing or undefined measure).`;
  const who =
    respondents.length < assigned
      ? `a systematic sample of ${formatNumber(respondents.length)} of the ${formatNumber(assigned)} respondents`
      : 'every respondent';
  const shown =
    view === 'grid'
      ? 'a two-by-two grid'
      : view === 'scatter'
        ? `a scatter plot of ${who} with the two cut lines`
        : `a two-by-two grid beside a scatter plot of ${who} with the two cut lines`;
  const description = `Dick and Basu loyalty segments of ${formatNumber(r.n)} respondents by attitude (${r.measures.attitude.name}, cut at the ${cutText(r.cuts.attitude)}) and behaviour (${r.measures.behaviour.name}, cut at the ${cutText(r.cuts.behaviour)}), shown as ${shown}: ${sizes}.${unassigned}`;
  const subtitle = `n = ${formatNumber(r.n)}; attitude cut ${formatNumber(r.cuts.attitude.value, 2)}, behaviour cut ${formatNumber(r.cuts.behaviour.value, 2)} (${r.cuts.attitude.rule === 'median' && r.cuts.behaviour.rule === 'median' ? 'medians' : 'cuts'})`;
  const top = frame(common, { chart: 'segments', title: 'Loyalty segments: attitude and behaviour', subtitle, description }, false);
  let body: Record<string, unknown>;
  if (view === 'grid') body = { data: { values: cells }, ...grid };
  else if (view === 'scatter') body = { data: { values: cells }, ...scatter };
  else {
    body = {
      data: { values: cells },
      hconcat: [grid, scatter],
      spacing: 40,
      resolve: { scale: { color: 'shared' } },
    };
  }
  return { ...top, ...body } as SegmentChartSpec;
}
