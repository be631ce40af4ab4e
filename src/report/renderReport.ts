import type { Analysis } from '../analysis/analyze.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { renderSvg } from '../charts/renderSvg.js';
import { InputError } from '../errors.js';
import { buildReport, type BuildReportOptions } from './buildReport.js';
import { reportCharts, type ReportChartsOptions } from './reportCharts.js';

/** Options of {@link renderReport}. */
export interface RenderReportOptions extends Omit<BuildReportOptions, 'charts'>, ReportChartsOptions {
  /** Called before each chart is rendered, with its key, how many are done and the total. */
  readonly onProgress?: (chart: string, completed: number, total: number) => void;
}

/** The keys of {@link RenderReportOptions}. */
const RENDER_REPORT_KEYS = optionKeys<RenderReportOptions>({ title: true, rows: true, recommendScores: true, onProgress: true });

/**
 * Renders the whole HTML report of an analysis: builds the charts ({@link reportCharts}),
 * draws each to SVG on the server (`renderSvg`: no browser, no network) and lays out the page
 * ({@link buildReport}).
 *
 * Method: see {@link buildReport} and {@link reportCharts}. Charts render one after another
 * (the first call imports `vega` and `vega-lite`, about half a second; both are optional peer
 * dependencies: `npm install vega vega-lite`).
 *
 * @param analysis - The result of `analyze`.
 * @param options - `rows` (the survey rows, for the NPS distribution chart), `title`, `onProgress`.
 * @returns The self-contained HTML document.
 * @throws InputError `INVALID_OPTION` when `analysis` is not an `analyze` result or
 *   `onProgress` is not a function; `MISSING_DEPENDENCY` when the optional peers `vega` and
 *   `vega-lite` are not installed (`buildReport` needs neither); the chart builders' errors when
 *   `rows` do not match.
 *
 * @example
 * ```ts
 * import { analyze, validateModel } from 'loyalty-drivers';
 * import { renderReport } from 'loyalty-drivers/report';
 * const rows = Array.from({ length: 40 }, (_, i) => ({
 *   s1: 1 + (i % 5), s2: 1 + ((i * 3) % 5), t1: 1 + ((i * 2) % 5), t2: 1 + ((i + 1) % 5), recommend: (i * 7) % 11,
 * }));
 * const model = validateModel({
 *   scales: { satisfaction: { items: ['s1', 's2'], min: 1, max: 5 }, trust: { items: ['t1', 't2'], min: 1, max: 5 } },
 *   outcomes: ['recommend'], recommend: 'recommend',
 * }, { columns: Object.keys(rows[0]!) });
 * const html = await renderReport(analyze(rows, model), { rows });
 * (html.match(/<svg /g) ?? []).length; // => 4
 * html.includes('http'); // => false
 * ```
 */
export async function renderReport(analysis: Analysis, options: RenderReportOptions = {}): Promise<string> {
  checkOptions(options, RENDER_REPORT_KEYS);
  const progress = options.onProgress;
  if (progress !== undefined && typeof progress !== 'function') {
    throw new InputError('INVALID_OPTION', 'options.onProgress: expected a function (chart, completed, total) => void', {
      argument: 'options.onProgress',
      expected: 'a function',
    });
  }
  const specs = reportCharts(analysis, {
    ...(options.rows === undefined ? {} : { rows: options.rows }),
    ...(options.recommendScores === undefined ? {} : { recommendScores: options.recommendScores }),
  });
  const keys = Object.keys(specs);
  const charts: Record<string, string> = {};
  for (const [k, key] of keys.entries()) {
    progress?.(key, k, keys.length);
    charts[key] = await renderSvg(specs[key]!);
  }
  return buildReport(analysis, { title: options.title, charts });
}
