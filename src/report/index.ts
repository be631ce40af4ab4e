/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, no network) with the
 * whole analysis of a survey, each section opening with a plain-language reading.
 *
 * @module loyalty-drivers/report
 */
export { buildReport } from './buildReport.js';
export type { BuildReportOptions } from './buildReport.js';
export { renderReport } from './renderReport.js';
export type { RenderReportOptions } from './renderReport.js';
export { reportCharts } from './reportCharts.js';
export type { ReportChartsOptions } from './reportCharts.js';
