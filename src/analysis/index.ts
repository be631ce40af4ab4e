export { analyze } from './analyze.js';
export type { Analysis, AnalyzeOptions, OutcomeAnalysis, SkippedSection } from './analyze.js';
export type { PathsAnalysis } from './pathsSection.js';
