export { analyze } from './analyze.js';
export type { Analysis, AnalyzeOptions, OutcomeAnalysis } from './analyze.js';
