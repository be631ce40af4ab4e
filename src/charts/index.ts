/**
 * Charts: Vega-Lite v6 specifications built from the library's results (plain JSON, data
 * inlined), server-side SVG rendering, and MIME bundles for notebooks ({@link notebookDisplay},
 * {@link mimeBundle}: charts and result tables in Jupyter, VS Code and Deno's kernel). Importing
 * this entry point loads no charting package; {@link renderSvg} imports `vega` and `vega-lite` on
 * first use.
 *
 * @module loyalty-drivers/charts
 */
export { npsDistributionChart } from './npsDistributionChart.js';
export type { NpsCategory, NpsDistributionChartOptions, NpsDistributionDatum } from './npsDistributionChart.js';
export { renderSvg } from './renderSvg.js';
export type { RenderSvgOptions } from './renderSvg.js';
export type { ChartOptions, ChartSpec, VegaLiteSpec } from './chartBase.js';
export { importanceChart } from './importanceChart.js';
export type { ImportanceChartOptions, ImportanceDatum } from './importanceChart.js';
export { importancePerformanceChart } from './importancePerformanceChart.js';
export type { ImportancePerformanceChartOptions, ImportancePerformanceDatum } from './importancePerformanceChart.js';
export { segmentChart } from './segmentChart.js';
export type { SegmentChartOptions, SegmentChartSpec, SegmentDatum, SegmentRespondentDatum } from './segmentChart.js';
export { reliabilityChart } from './reliabilityChart.js';
export type { ReliabilityChartOptions, ReliabilityDatum, ReliabilityStatistic } from './reliabilityChart.js';
export { trendChart } from './trendChart.js';
export type { TrendChartOptions } from './trendChart.js';
export type { TrendDatum, TrendEstimate, TrendIndexResult, TrendMeasure, TrendPoint } from './trendPoints.js';
export { mimeBundle } from './mimeBundle.js';
export type { MimeBundle, MimeBundleOptions } from './mimeBundle.js';
export { notebookDisplay } from './notebookDisplay.js';
export type { NotebookDisplayable } from './notebookDisplay.js';
export { penaltyRewardChart } from './penaltyRewardChart.js';
export type { PenaltyRewardChartOptions, PenaltyRewardDatum } from './penaltyRewardChart.js';
export { pathDiagramChart } from './pathDiagramChart.js';
export type { PathDiagramChartOptions, PathDiagramDatum } from './pathDiagramChart.js';
