export { relativeImportance } from './relativeImportance.js';
export type { RelativeImportanceOptions, RelativeImportanceResult, ShapleyOptions, ShapleyReport } from './relativeImportance.js';
export type { ImportanceMetric } from './importanceMetrics.js';
export type { ImportanceDataOptions } from './importanceData.js';
export type { BootstrapOptions, BootstrapInterval, DifferenceInterval, ImportanceBootstrap } from './bootstrapImportance.js';
export { dominanceAnalysis } from './dominanceAnalysis.js';
export type { DominanceAnalysisOptions, DominanceAnalysisResult, DominanceMatrix } from './dominanceAnalysis.js';
