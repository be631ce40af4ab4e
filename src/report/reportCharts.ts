import type { Analysis } from '../analysis/analyze.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import type { VegaLiteSpec } from '../charts/chartBase.js';
import { importanceChart } from '../charts/importanceChart.js';
import { importancePerformanceChart } from '../charts/importancePerformanceChart.js';
import { pathDiagramChart } from '../charts/pathDiagramChart.js';
import { penaltyRewardChart } from '../charts/penaltyRewardChart.js';
import { npsDistributionChart } from '../charts/npsDistributionChart.js';
import { reliabilityChart } from '../charts/reliabilityChart.js';
import { segmentChart } from '../charts/segmentChart.js';
import { trendChart } from '../charts/trendChart.js';
import type { TrendMeasure } from '../charts/trendPoints.js';
import { InputError } from '../errors.js';
import type { Row } from '../types.js';

/** Options of {@link reportCharts}. */
export interface ReportChartsOptions {
  /**
   * The survey rows the analysis ran on, for the NPS distribution (the analysis keeps the NPS
   * and its category counts, not the count per score). Without rows there is no NPS chart.
   */
  readonly rows?: readonly Row[];
  /**
   * The recommend column's answers instead of `rows` (missing as `null` or `NaN`): what a
   * streamed analysis keeps for this chart (8 bytes a respondent). Not with `rows`.
   */
  readonly recommendScores?: readonly unknown[];
}

const TRENDS: readonly TrendMeasure[] = ['nps', 'csat', 'customerLoyaltyIndex', 'retention', 'drivers', 'importance'];

/** The keys of {@link ReportChartsOptions}. */
const CHARTS_KEYS = optionKeys<ReportChartsOptions>({ rows: true, recommendScores: true });

/**
 * The charts of an analysis's report as Vega-Lite specifications, keyed by where the report
 * shows them: `nps` (distribution of the recommend scores), `reliability`,
 * `importance:<outcome>`, `priorities:<outcome>` (the quadrant map) and `asymmetry:<outcome>`
 * (penalty and reward) per continuous outcome,
 * `path-diagram` and `ipma` (the path model of `model.paths` and the importance-performance map
 * of its target), `segments` (the attitude x behaviour map) and `trend:<measure>` per measure the wave
 * comparison has (`nps`, `csat`, `customerLoyaltyIndex`, `retention`, `drivers`, `importance`).
 *
 * Method: each chart is the `loyalty-drivers/charts` builder of the same result (see
 * `npsDistributionChart`, `reliabilityChart`, `importanceChart`, `importancePerformanceChart`,
 * `penaltyRewardChart`, `pathDiagramChart`,
 * `segmentChart`, `trendChart`), with default options, so every value drawn is the analysis's
 * own number. Charts of sections the analysis does not have are left out.
 *
 * @param analysis - The result of `analyze`.
 * @param options - `rows`: the survey rows, for the NPS distribution.
 * @returns A record of chart key to Vega-Lite v6 spec, in report order.
 * @throws InputError `INVALID_OPTION` when `analysis` is not an `analyze` result; the chart
 *   builders' errors when `rows` do not match the analysis (e.g. other recommend scores).
 *
 * @example
 * ```ts
 * import { analyze, validateModel } from 'loyalty-drivers';
 * import { reportCharts } from 'loyalty-drivers/report';
 * const rows = Array.from({ length: 40 }, (_, i) => ({
 *   s1: 1 + (i % 5), s2: 1 + ((i * 3) % 5), t1: 1 + ((i * 2) % 5), t2: 1 + ((i + 1) % 5), recommend: (i * 7) % 11,
 * }));
 * const model = validateModel({
 *   scales: { satisfaction: { items: ['s1', 's2'], min: 1, max: 5 }, trust: { items: ['t1', 't2'], min: 1, max: 5 } },
 *   outcomes: ['recommend'], recommend: 'recommend',
 * }, { columns: Object.keys(rows[0]!) });
 * Object.keys(reportCharts(analyze(rows, model), { rows })); // => ['nps', 'reliability', 'importance:recommend', 'priorities:recommend'] (too few cases for a penalty-reward)
 * ```
 */
export function reportCharts(analysis: Analysis, options: ReportChartsOptions = {}): Record<string, VegaLiteSpec> {
  checkOptions(options, CHARTS_KEYS);
  if (analysis === null || typeof analysis !== 'object' || analysis.method !== 'analyze') {
    throw new InputError('INVALID_OPTION', 'analysis: expected the result of analyze()', {
      argument: 'analysis',
      expected: 'an analyze() result',
    });
  }
  const charts: Record<string, VegaLiteSpec> = {};
  const model = analysis.model;
  const nps = analysis.indices.nps;
  if (options.rows !== undefined && options.recommendScores !== undefined) {
    throw new InputError('INVALID_OPTION', 'options.recommendScores: pass rows or recommendScores, not both', {
      argument: 'options.recommendScores',
      expected: 'rows or recommendScores',
    });
  }
  const scores = options.recommendScores ?? (model.recommend && options.rows?.map((r) => r[model.recommend!.column]));
  if (nps && model.recommend && scores !== undefined) {
    charts['nps'] = npsDistributionChart(scores, {
      nps,
      missingCodes: model.missingCodes.length > 0 ? model.missingCodes : undefined,
    });
  }
  if (analysis.measurement) charts['reliability'] = reliabilityChart(analysis.measurement.reliability);
  for (const o of analysis.outcomes) {
    if (o.importance) charts[`importance:${o.outcome}`] = importanceChart(o.importance);
    if (o.priorities) charts[`priorities:${o.outcome}`] = importancePerformanceChart(o.priorities);
    if (o.asymmetry) charts[`asymmetry:${o.outcome}`] = penaltyRewardChart(o.asymmetry);
  }
  if (analysis.paths) {
    charts['path-diagram'] = pathDiagramChart(analysis.paths.model);
    if (analysis.paths.importancePerformance) charts['ipma'] = importancePerformanceChart(analysis.paths.importancePerformance);
  }
  if (analysis.segmentation) charts['segments'] = segmentChart(analysis.segmentation.segments);
  const waves = analysis.waves;
  if (waves) {
    const has: Record<TrendMeasure, boolean> = {
      nps: waves.waves.some((w) => w.nps),
      csat: waves.waves.some((w) => w.csat),
      customerLoyaltyIndex: waves.waves.some((w) => w.customerLoyaltyIndex),
      retention: waves.waves.some((w) => w.retention),
      drivers: waves.waves.some((w) => w.drivers),
      importance: waves.waves.some((w) => w.importance),
    };
    for (const measure of TRENDS) if (has[measure]) charts[`trend:${measure}`] = trendChart(waves, { measure });
  }
  return charts;
}
